"""kerasish.datasets (as keras.datasets): small datasets shipped with the package, so examples and
the bundled pretrained weights work offline."""
from kerasish.datasets import digits

__all__ = ["digits"]
