"""kerasish.layers: normalization layers."""

__all__ = []
