"""Reductions, cumulative ops, sorting and top_k for the JAX backend: thin over jnp and lax.

Output dtypes are set explicitly (x64 is on, so jnp's defaults would give 64-bit results where
Keras gives int32 or floatx).
"""
import jax
import jax.numpy as jnp

from kerasish.backend import dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor

__all__ = [
    "sum", "mean", "var", "std", "max", "min", "prod", "all", "any", "argmax", "argmin",
    "cumsum", "cumprod", "logsumexp", "sort", "argsort", "top_k",
]


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def _float_input(x):
    """x as a float tensor: ints and bools become floatx, half floats compute in float32."""
    x = convert_to_tensor(x)
    result = dtypes.float_result(x.dtype)
    compute = "float32" if result in ("float16", "bfloat16") else result
    return cast(x, compute), result


def sum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.sum_result(x.dtype))
    return jnp.sum(x, axis=_axis(axis), keepdims=keepdims, dtype=x.dtype)


def mean(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(jnp.mean(x, axis=_axis(axis), keepdims=keepdims), result)


def var(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(jnp.var(x, axis=_axis(axis), keepdims=keepdims), result)


def std(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(jnp.std(x, axis=_axis(axis), keepdims=keepdims), result)


def max(x, axis=None, keepdims=False, initial=None):
    return jnp.max(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims, initial=initial)


def min(x, axis=None, keepdims=False, initial=None):
    return jnp.min(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims, initial=initial)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.sum_result(x.dtype) if dtype is None else dtype)
    return jnp.prod(x, axis=_axis(axis), keepdims=keepdims, dtype=x.dtype)


def all(x, axis=None, keepdims=False):
    return jnp.all(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def any(x, axis=None, keepdims=False):
    return jnp.any(convert_to_tensor(x), axis=_axis(axis), keepdims=keepdims)


def argmax(x, axis=None, keepdims=False):
    return jnp.argmax(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


def argmin(x, axis=None, keepdims=False):
    return jnp.argmin(convert_to_tensor(x), axis=axis, keepdims=keepdims).astype("int32")


def _cumulative_input(x, dtype):
    x = convert_to_tensor(x)
    if dtype is None:
        dtype = "int32" if x.dtype == bool else x.dtype
    return cast(x, dtype)


def cumsum(x, axis=None, dtype=None):
    x = _cumulative_input(x, dtype)
    return jnp.cumsum(x, axis=axis, dtype=x.dtype)


def cumprod(x, axis=None, dtype=None):
    x = _cumulative_input(x, dtype)
    return jnp.cumprod(x, axis=axis, dtype=x.dtype)


def logsumexp(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(jax.scipy.special.logsumexp(x, axis=_axis(axis), keepdims=keepdims), result)


def sort(x, axis=-1):
    x = convert_to_tensor(x)
    return x if x.ndim == 0 else jnp.sort(x, axis=axis)


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    return jnp.argsort(x, axis=None if x.ndim == 0 else axis, stable=True).astype("int32")


def top_k(x, k, sorted=True):
    # lax.top_k always returns the values sorted (ties: lower index first).
    values, indices = jax.lax.top_k(convert_to_tensor(x), k)
    return values, indices.astype("int32")
