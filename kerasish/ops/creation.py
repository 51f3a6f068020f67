"""Tensor creation (keras.ops.numpy's zeros, arange, eye, tril... and keras.ops.one_hot).

Default dtypes follow Keras: created floats are floatx(); `arange` infers int32 from Python ints
and floatx() when any argument is a float; the *_like ops keep the dtype of `x`.
"""
import numpy as np

from kerasish.backend import dtypes
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = [
    "zeros", "ones", "full", "zeros_like", "ones_like", "full_like", "arange", "linspace", "eye",
    "tril", "triu", "one_hot",
]


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _shape(op, shape):
    items = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
    if not all(_is_int(n) and n >= 0 for n in items):
        raise ValueError(f"{op}: `shape` must be a non-negative int or a tuple of them; received {shape!r}.")
    return tuple(int(n) for n in items)


def _dtype(op, dtype):
    """A standardized dtype name, floatx() when None."""
    return checks.dtype_arg(op, dtype)


def _like_dtype(op, x, dtype):
    """None (the dtype of `x`) or a standardized dtype name."""
    return checks.dtype_arg(op, dtype) if dtype is not None else None


def _fill_fits(op, fill_value, shape, what):
    fill_shape = checks.shape_of(fill_value)
    fits = len(fill_shape) <= len(shape) and all(
        f in (1, n) or None in (f, n) for f, n in zip(reversed(fill_shape), reversed(shape)))
    if not fits:
        raise ValueError(f"{op}: `fill_value` of shape {fill_shape} does not broadcast to {what}, {shape}.")


def zeros(shape, dtype=None):
    """A tensor of `shape` filled with zeros (floatx by default)."""
    return dispatch("zeros", _shape("zeros", shape), dtype=_dtype("zeros", dtype))


def ones(shape, dtype=None):
    """A tensor of `shape` filled with ones (floatx by default)."""
    return dispatch("ones", _shape("ones", shape), dtype=_dtype("ones", dtype))


def full(shape, fill_value, dtype=None):
    """A tensor of `shape` filled with `fill_value` (floatx by default)."""
    shape = _shape("full", shape)
    _fill_fits("full", fill_value, shape, "`shape`")
    return dispatch("full", shape, fill_value, dtype=_dtype("full", dtype))


def zeros_like(x, dtype=None):
    """Zeros with the shape (and, by default, the dtype) of `x`."""
    return dispatch("zeros_like", x, dtype=_like_dtype("zeros_like", x, dtype))


def ones_like(x, dtype=None):
    """Ones with the shape (and, by default, the dtype) of `x`."""
    return dispatch("ones_like", x, dtype=_like_dtype("ones_like", x, dtype))


def full_like(x, fill_value, dtype=None):
    """`fill_value` with the shape (and, by default, the dtype) of `x`."""
    _fill_fits("full_like", fill_value, checks.shape_of(x), "the shape of `x`")
    return dispatch("full_like", x, fill_value, dtype=_like_dtype("full_like", x, dtype))


def arange(start, stop=None, step=None, dtype=None):
    """Evenly spaced values in [start, stop) (or [0, start)); int32 from ints, floatx from floats."""
    if isinstance(step, (int, float, np.number)) and step == 0:
        raise ValueError("arange: `step` must not be 0.")
    if dtype is not None:
        dtype = checks.dtype_arg("arange", dtype)
    return dispatch("arange", start, stop, step, dtype=dtype)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    """`num` evenly spaced samples from `start` to `stop` (and the step when `retstep`)."""
    if not _is_int(num) or num < 0:
        raise ValueError(f"linspace: `num` must be a non-negative int; received {num!r}.")
    if dtype is not None:
        dtype = checks.dtype_arg("linspace", dtype)
    ndim = len(checks.broadcast_shapes("linspace", start=start, stop=stop)) + 1
    axis = checks.canonical_axis("linspace", axis, ndim, name="the output")
    return dispatch("linspace", start, stop, num=int(num), endpoint=endpoint, retstep=retstep,
                    dtype=dtype, axis=axis)


def eye(N, M=None, k=0, dtype=None):
    """An N x M matrix with ones on diagonal `k` (floatx by default)."""
    for name, value in (("N", N), ("M", M)):
        if value is not None and not (_is_int(value) and value >= 0):
            raise ValueError(f"eye: `{name}` must be a non-negative int; received {value!r}.")
    if not _is_int(k):
        raise TypeError(f"eye: `k` must be an int; received {k!r}.")
    return dispatch("eye", int(N), M=None if M is None else int(M), k=int(k), dtype=_dtype("eye", dtype))


def tril(x, k=0):
    """`x` with the entries above diagonal `k` of its last two axes set to zero."""
    checks.min_rank("tril", x, 2)
    if not _is_int(k):
        raise TypeError(f"tril: `k` must be an int; received {k!r}.")
    return dispatch("tril", x, k=int(k))


def triu(x, k=0):
    """`x` with the entries below diagonal `k` of its last two axes set to zero."""
    checks.min_rank("triu", x, 2)
    if not _is_int(k):
        raise TypeError(f"triu: `k` must be an int; received {k!r}.")
    return dispatch("triu", x, k=int(k))


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    """Integer tensor `x` as one-hot vectors of length `num_classes` along `axis` (floatx by
    default); indices outside [0, num_classes) give zero vectors."""
    x_dtype = getattr(x, "dtype", None)
    x_dtype = dtypes.standardize_dtype(x_dtype if x_dtype is not None else np.asarray(x).dtype)
    if not dtypes.is_int(x_dtype):
        raise TypeError(f"one_hot: `x` must be an integer tensor; received dtype {x_dtype}.")
    if not _is_int(num_classes) or num_classes <= 0:
        raise ValueError(f"one_hot: `num_classes` must be a positive int; received {num_classes!r}.")
    axis = checks.canonical_axis("one_hot", axis, checks.ndim_of(x) + 1, name="the output")
    if sparse:
        raise ValueError("one_hot: sparse=True is not supported; kerasish has no sparse tensors.")
    return dispatch("one_hot", x, int(num_classes), axis=axis, dtype=_dtype("one_hot", dtype))
