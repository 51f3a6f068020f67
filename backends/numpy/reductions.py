"""Reductions for the NumPy backend."""
import numpy as np

from kerasish.backend import dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive
from kerasish.backends.numpy.core import cast, convert_to_tensor

__all__ = ["sum"]


def restore_reduced_axes(g, x_shape, axis, keepdims):
    """`g` (the cotangent of a reduction) reshaped so that it broadcasts against the input."""
    if keepdims or axis is None and g.ndim == len(x_shape):
        return g
    axes = range(len(x_shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    shape = list(x_shape)
    for a in axes:
        shape[a % len(x_shape)] = 1
    return np.reshape(g, shape)


@primitive
def _sum(x, axis, keepdims):
    return np.sum(x, axis=axis, keepdims=keepdims)


defvjp(_sum, lambda g, ans, x, axis, keepdims: np.broadcast_to(
    restore_reduced_axes(g, x.shape, axis, keepdims), x.shape))


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def sum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.sum_result(x.dtype))
    return _sum(x, _axis(axis), keepdims)
