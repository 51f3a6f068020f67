"""Reductions, scans along an axis, sorting and top_k (keras.ops.numpy / keras.ops.math)."""
import builtins

import numpy as np

from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = [
    "sum", "mean", "var", "std", "max", "min", "prod", "all", "any", "argmax", "argmin",
    "cumsum", "cumprod", "logsumexp", "sort", "argsort", "top_k",
]


def _axes(op, x, axis):
    """Checks `axis` (None, an int or a tuple/list of ints) against x; the canonical axes."""
    return checks.canonical_axes(op, axis, checks.ndim_of(x))


def _single_axis(op, x, axis):
    """Checks `axis` (None or one int) against x: argmax, cumsum, sort... take one axis only."""
    if axis is not None:
        checks.canonical_axis(op, axis, checks.ndim_of(x))


def _nonempty(op, x, axes, initial=None):
    """max/min/argmax/argmin have no identity: a reduction over an empty axis needs `initial`."""
    if initial is not None:
        return
    shape = checks.shape_of(x)
    reduced = range(len(shape)) if axes is None else axes
    if builtins.any(shape[a] == 0 for a in reduced):
        hint = " Pass `initial`." if op in ("max", "min") else ""
        raise ValueError(
            f"{op}: cannot reduce `x` of shape {shape} over an empty axis (axis="
            f"{None if axes is None else tuple(axes)}): the result has no value.{hint}")


def sum(x, axis=None, keepdims=False):
    """The sum of `x` over `axis` (all axes when None). Bools and small ints sum in int32."""
    checks.canonical_axes("sum", axis, checks.ndim_of(x))
    return dispatch("sum", x, axis=axis, keepdims=keepdims)


def mean(x, axis=None, keepdims=False):
    """The mean of `x` over `axis` (all axes when None); ints and bools give floatx."""
    _axes("mean", x, axis)
    return dispatch("mean", x, axis=axis, keepdims=keepdims)


def var(x, axis=None, keepdims=False):
    """The (biased, ddof=0) variance of `x` over `axis`; ints and bools give floatx."""
    _axes("var", x, axis)
    return dispatch("var", x, axis=axis, keepdims=keepdims)


def std(x, axis=None, keepdims=False):
    """The (biased, ddof=0) standard deviation of `x` over `axis`; ints and bools give floatx."""
    _axes("std", x, axis)
    return dispatch("std", x, axis=axis, keepdims=keepdims)


def max(x, axis=None, keepdims=False, initial=None):
    """The maximum of `x` over `axis`, at least `initial` when given; the gradient is shared among ties."""
    _nonempty("max", x, _axes("max", x, axis), initial)
    return dispatch("max", x, axis=axis, keepdims=keepdims, initial=initial)


def min(x, axis=None, keepdims=False, initial=None):
    """The minimum of `x` over `axis`, at most `initial` when given; the gradient is shared among ties."""
    _nonempty("min", x, _axes("min", x, axis), initial)
    return dispatch("min", x, axis=axis, keepdims=keepdims, initial=initial)


def prod(x, axis=None, keepdims=False, dtype=None):
    """The product of `x` over `axis`, in `dtype` (default: small ints and bools in int32)."""
    _axes("prod", x, axis)
    if dtype is not None:
        dtype = checks.dtype_arg("prod", dtype)
    return dispatch("prod", x, axis=axis, keepdims=keepdims, dtype=dtype)


def all(x, axis=None, keepdims=False):
    """Whether every element of `x` over `axis` is true (non-zero); a bool tensor."""
    _axes("all", x, axis)
    return dispatch("all", x, axis=axis, keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    """Whether some element of `x` over `axis` is true (non-zero); a bool tensor."""
    _axes("any", x, axis)
    return dispatch("any", x, axis=axis, keepdims=keepdims)


def argmax(x, axis=None, keepdims=False):
    """The int32 index of the maximum along `axis` (of the flattened x when None); first of ties."""
    _single_axis("argmax", x, axis)
    _nonempty("argmax", x, None if axis is None else (axis % checks.ndim_of(x),))
    return dispatch("argmax", x, axis=axis, keepdims=keepdims)


def argmin(x, axis=None, keepdims=False):
    """The int32 index of the minimum along `axis` (of the flattened x when None); first of ties."""
    _single_axis("argmin", x, axis)
    _nonempty("argmin", x, None if axis is None else (axis % checks.ndim_of(x),))
    return dispatch("argmin", x, axis=axis, keepdims=keepdims)


def cumsum(x, axis=None, dtype=None):
    """The cumulative sum along `axis` (of the flattened x when None), in `dtype` (default x's; bool: int32)."""
    _single_axis("cumsum", x, axis)
    if dtype is not None:
        dtype = checks.dtype_arg("cumsum", dtype)
    return dispatch("cumsum", x, axis=axis, dtype=dtype)


def cumprod(x, axis=None, dtype=None):
    """The cumulative product along `axis` (of the flattened x when None), in `dtype` (default x's; bool: int32)."""
    _single_axis("cumprod", x, axis)
    if dtype is not None:
        dtype = checks.dtype_arg("cumprod", dtype)
    return dispatch("cumprod", x, axis=axis, dtype=dtype)


def logsumexp(x, axis=None, keepdims=False):
    """`log(sum(exp(x)))` over `axis`, computed stably (the maximum is subtracted first)."""
    _axes("logsumexp", x, axis)
    return dispatch("logsumexp", x, axis=axis, keepdims=keepdims)


def sort(x, axis=-1):
    """`x` sorted ascending along `axis` (of the flattened x when None)."""
    _single_axis("sort", x, axis)
    return dispatch("sort", x, axis=axis)


def argsort(x, axis=-1):
    """The int32 indices that sort `x` ascending along `axis` (stable: ties keep their order)."""
    if checks.ndim_of(x):  # a scalar sorts to index [0], as Keras
        _single_axis("argsort", x, axis)
    return dispatch("argsort", x, axis=axis)


def top_k(x, k, sorted=True):
    """The `k` largest entries along the last axis and their int32 indices, `(values, indices)`.

    Values come in descending order (ties: lower index first), also with sorted=False.
    """
    checks.min_rank("top_k", x, 1)
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"top_k: `k` must be an int; received {k!r} of type {type(k).__name__}.")
    n = checks.shape_of(x)[-1]
    if k < 0 or n is not None and k > n:
        raise ValueError(
            f"top_k: `k` must be in [0, {n}] (the size of the last axis of `x`, shape "
            f"{checks.shape_of(x)}); received k={k}.")
    return dispatch("top_k", x, int(k), sorted=sorted)
