"""Elementwise ops for the NumPy backend: forward in NumPy, each with its VJP."""
import numpy as np

from kerasish.backend import dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive
from kerasish.backends.numpy.core import cast, convert_to_tensor

__all__ = ["add", "multiply"]


def promote(*xs):
    """The arguments as tensors of Keras's common result dtype."""
    dtype = dtypes.result_type(*xs)
    return [cast(convert_to_tensor(x), dtype) for x in xs]


@primitive
def _add(x1, x2):
    return np.add(x1, x2)


defvjp(_add, lambda g, ans, x1, x2: g, lambda g, ans, x1, x2: g)


def add(x1, x2):
    return _add(*promote(x1, x2))


@primitive
def _multiply(x1, x2):
    return np.multiply(x1, x2)


defvjp(_multiply, lambda g, ans, x1, x2: g * x2, lambda g, ans, x1, x2: g * x1)


def multiply(x1, x2):
    return _multiply(*promote(x1, x2))
