"""nn ops."""
__all__ = []
