"""Tensor creation for the NumPy backend, with Keras's default dtypes (floatx for created floats).

Creation from shapes gives constants; `full`/`full_like` are differentiable in `fill_value`,
`linspace` in `start`/`stop`, and `tril`/`triu` in `x`.
"""
import numpy as np

from kerasish.backend.dtypes import result_type, standardize_dtype
from kerasish.backends.numpy.autodiff import defvjp, primitive, unbox
from kerasish.backends.numpy.core import cast, convert_to_tensor, numpy_dtype
from kerasish.backends.numpy.elementwise import add, multiply
from kerasish.backends.numpy.shapes import broadcast_to

__all__ = [
    "zeros", "ones", "full", "zeros_like", "ones_like", "full_like", "arange", "linspace", "eye",
    "tril", "triu", "one_hot",
]


def _np_dtype(dtype):
    """The NumPy dtype for a dtype argument (None: floatx; bfloat16 through ml_dtypes)."""
    return numpy_dtype(standardize_dtype(dtype))


def _like(x, dtype):
    return _np_dtype(dtype if dtype is not None else convert_to_tensor(x).dtype)


def zeros(shape, dtype=None):
    return np.zeros(shape, dtype=_np_dtype(dtype))


def ones(shape, dtype=None):
    return np.ones(shape, dtype=_np_dtype(dtype))


def full(shape, fill_value, dtype=None):
    # A broadcast of the (possibly differentiated) fill value.
    return broadcast_to(convert_to_tensor(fill_value, standardize_dtype(dtype)), shape)


def zeros_like(x, dtype=None):
    return np.zeros(np.shape(unbox(x)), dtype=_like(x, dtype))


def ones_like(x, dtype=None):
    return np.ones(np.shape(unbox(x)), dtype=_like(x, dtype))


def full_like(x, fill_value, dtype=None):
    return full(np.shape(unbox(x)), fill_value, _like(x, dtype))


def arange(start, stop=None, step=None, dtype=None):
    if dtype is None:
        dtype = result_type(*(v for v in (start, stop, step) if v is not None))
    if stop is None:
        start, stop = 0, start
    return np.arange(start, stop, 1 if step is None else step, dtype=_np_dtype(dtype))


def _linspace_weights(num, endpoint, ndim, axis):
    """t in [0, 1] along the sample axis: the output is start * (1 - t) + stop * t."""
    div = (num - 1) if endpoint else num
    t = np.arange(num) / div if div > 0 else np.zeros(num)
    shape = [1] * ndim
    shape[axis] = num
    return t.reshape(shape)


@primitive
def _linspace(start, stop, num, endpoint, dtype, axis):
    return np.linspace(start, stop, num=num, endpoint=endpoint, dtype=numpy_dtype(dtype), axis=axis)


def _linspace_vjp(weight):
    def vjp(g, ans, start, stop, num, endpoint, dtype, axis):
        t = _linspace_weights(num, endpoint, g.ndim, axis)
        return np.sum(g * weight(t), axis=axis)

    return vjp


defvjp(_linspace, _linspace_vjp(lambda t: 1 - t), _linspace_vjp(lambda t: t))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    dtype = result_type(start, stop, float) if dtype is None else standardize_dtype(dtype)
    start, stop = convert_to_tensor(start), convert_to_tensor(stop)
    ndim = max(np.ndim(unbox(start)), np.ndim(unbox(stop))) + 1
    samples = _linspace(start, stop, num, endpoint, dtype, axis % ndim)
    if not retstep:
        return samples
    # The step (stop - start) / div, from differentiable ops so it has a gradient too.
    div = (num - 1) if endpoint else num
    delta = add(cast(stop, dtype), multiply(cast(start, dtype), -1))
    if div > 0:
        step = multiply(delta, 1 / div)
    else:
        step = np.full(np.shape(unbox(delta)), np.nan, numpy_dtype(dtype))
    return samples, cast(step, dtype)


def eye(N, M=None, k=0, dtype=None):
    return np.eye(N, M=M, k=k, dtype=_np_dtype(dtype))


@primitive
def _tril(x, k):
    return np.tril(x, k=k)


defvjp(_tril, lambda g, ans, x, k: np.tril(g, k=k))


@primitive
def _triu(x, k):
    return np.triu(x, k=k)


defvjp(_triu, lambda g, ans, x, k: np.triu(g, k=k))


def tril(x, k=0):
    return _tril(convert_to_tensor(x), int(k))


def triu(x, k=0):
    return _triu(convert_to_tensor(x), int(k))


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    """Class indices outside [0, num_classes) give all-zero vectors (as Keras)."""
    if sparse:
        raise ValueError("one_hot: the numpy backend does not support sparse tensors (sparse=True).")
    x = np.asarray(unbox(x))
    encoded = (x[..., None] == np.arange(num_classes)).astype(_np_dtype(dtype))
    return np.moveaxis(encoded, -1, axis)
