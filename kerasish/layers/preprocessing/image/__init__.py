"""kerasish.layers: image preprocessing and augmentation layers."""

__all__ = []
