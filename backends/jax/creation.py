"""Tensor creation for the JAX backend, with Keras's default dtypes (floatx for created floats).
x64 is on, so every created array gets an explicit dtype."""
import jax
import jax.numpy as jnp

from kerasish.backend.dtypes import result_type, standardize_dtype
from kerasish.backends.jax.core import convert_to_tensor

__all__ = [
    "zeros", "ones", "full", "zeros_like", "ones_like", "full_like", "arange", "linspace", "eye",
    "tril", "triu", "one_hot",
]


def _like(x, dtype):
    return standardize_dtype(dtype if dtype is not None else convert_to_tensor(x).dtype)


def zeros(shape, dtype=None):
    return jnp.zeros(shape, dtype=standardize_dtype(dtype))


def ones(shape, dtype=None):
    return jnp.ones(shape, dtype=standardize_dtype(dtype))


def full(shape, fill_value, dtype=None):
    return jnp.full(shape, fill_value, dtype=standardize_dtype(dtype))


def zeros_like(x, dtype=None):
    return jnp.zeros(jnp.shape(x), dtype=_like(x, dtype))


def ones_like(x, dtype=None):
    return jnp.ones(jnp.shape(x), dtype=_like(x, dtype))


def full_like(x, fill_value, dtype=None):
    return full(jnp.shape(x), fill_value, _like(x, dtype))


def arange(start, stop=None, step=None, dtype=None):
    if dtype is None:
        dtype = result_type(*(v for v in (start, stop, step) if v is not None))
    if stop is None:
        start, stop = 0, start
    return jnp.arange(start, stop, 1 if step is None else step, dtype=standardize_dtype(dtype))


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    dtype = result_type(start, stop, float) if dtype is None else standardize_dtype(dtype)
    out = jnp.linspace(start, stop, num=num, endpoint=endpoint, retstep=retstep, dtype=dtype, axis=axis)
    if retstep:
        return out[0], jnp.asarray(out[1], dtype=dtype)
    return out


def eye(N, M=None, k=0, dtype=None):
    return jnp.eye(N, M=M, k=k, dtype=standardize_dtype(dtype))


def tril(x, k=0):
    return jnp.tril(convert_to_tensor(x), k=k)


def triu(x, k=0):
    return jnp.triu(convert_to_tensor(x), k=k)


def one_hot(x, num_classes, axis=-1, dtype=None, sparse=False):
    if sparse:
        raise ValueError("one_hot: the jax backend does not support sparse tensors (sparse=True).")
    return jax.nn.one_hot(convert_to_tensor(x), num_classes, axis=axis, dtype=standardize_dtype(dtype))
