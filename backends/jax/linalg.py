"""Products and norms for the JAX backend: thin over jnp."""
import jax.numpy as jnp

from kerasish.backend import dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor

__all__ = ["matmul", "dot", "tensordot", "einsum", "outer", "norm"]


def _product_inputs(*xs, int8_to_int32=False):
    """The operands cast to their common dtype. As Keras, matmul and einsum of int8 operands
    only compute (and return) int32."""
    xs = [convert_to_tensor(x) for x in xs]
    if int8_to_int32 and xs and all(x.dtype == jnp.int8 for x in xs):
        dtype = "int32"
    else:
        dtype = dtypes.result_type(*xs)
    return [cast(x, dtype) for x in xs]


def matmul(x1, x2):
    return jnp.matmul(*_product_inputs(x1, x2, int8_to_int32=True))


def dot(x1, x2):
    return jnp.dot(*_product_inputs(x1, x2))


def tensordot(x1, x2, axes=2):
    a, b = _product_inputs(x1, x2)
    if isinstance(axes, (tuple, list)):
        axes = tuple(tuple(ax) if isinstance(ax, (tuple, list)) else (ax,) for ax in axes)
    return jnp.tensordot(a, b, axes=axes)


def einsum(subscripts, *operands, **kwargs):
    return jnp.einsum(subscripts, *_product_inputs(*operands, int8_to_int32=True), **kwargs)


def outer(x1, x2):
    return jnp.outer(*_product_inputs(x1, x2))


def norm(x, ord=None, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.float_result(x.dtype))
    if isinstance(axis, list):
        axis = tuple(axis)
    return jnp.linalg.norm(x, ord=ord, axis=axis, keepdims=keepdims)
