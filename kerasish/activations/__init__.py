"""kerasish.activations (as keras.activations)."""
