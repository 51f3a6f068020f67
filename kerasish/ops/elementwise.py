"""Elementwise math, comparisons and logic (the elementwise part of keras.ops.numpy)."""
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = ["add", "multiply"]


def add(x1, x2):
    """`x1 + x2` elementwise, with broadcasting."""
    checks.broadcast_shapes("add", x1=x1, x2=x2)
    return dispatch("add", x1, x2)


def multiply(x1, x2):
    """`x1 * x2` elementwise, with broadcasting."""
    checks.broadcast_shapes("multiply", x1=x1, x2=x2)
    return dispatch("multiply", x1, x2)
