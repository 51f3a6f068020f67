"""kerasish.applications: Keras architectures with bundled pretrained weights (installed from the
repo folder applications/)."""
