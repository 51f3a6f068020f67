"""random ops for the numpy backend."""
__all__ = []
