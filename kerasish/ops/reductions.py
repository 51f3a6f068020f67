"""Reductions, scans along an axis, sorting and top_k (keras.ops.numpy / keras.ops.math)."""
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = ["sum"]


def sum(x, axis=None, keepdims=False):
    """The sum of `x` over `axis` (all axes when None). Bools and small ints sum in int32."""
    checks.canonical_axes("sum", axis, checks.ndim_of(x))
    return dispatch("sum", x, axis=axis, keepdims=keepdims)
