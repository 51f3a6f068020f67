"""conv ops for the jax backend."""
__all__ = []
