"""Reductions for the JAX backend."""
import jax.numpy as jnp

from kerasish.backend import dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor

__all__ = ["sum"]


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def sum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    return jnp.sum(cast(x, dtypes.sum_result(x.dtype)), axis=_axis(axis), keepdims=keepdims)
