"""kerasish.layers: attention layers."""

__all__ = []
