"""kerasish.layers: recurrent layers."""

__all__ = []
