"""kerasish.layers: convolutional layers."""

__all__ = []
