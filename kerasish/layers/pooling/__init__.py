"""kerasish.layers: pooling layers."""

__all__ = []
