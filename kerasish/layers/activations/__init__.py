"""kerasish.layers: activation layers (ReLU, LeakyReLU, PReLU, ELU, Softmax)."""

__all__ = []
