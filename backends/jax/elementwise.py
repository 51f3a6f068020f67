"""Elementwise ops for the JAX backend."""
import jax.numpy as jnp

from kerasish.backend import dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor

__all__ = ["add", "multiply"]


def promote(*xs):
    """The arguments as arrays of Keras's common result dtype."""
    dtype = dtypes.result_type(*xs)
    return [cast(convert_to_tensor(x), dtype) for x in xs]


def add(x1, x2):
    return jnp.add(*promote(x1, x2))


def multiply(x1, x2):
    return jnp.multiply(*promote(x1, x2))
