"""shapes ops."""
__all__ = []
