"""Elementwise ops for the JAX backend: dtypes settled as Keras's, then jnp/lax.

x64 is on, so JAX's own promotion would make float64 from ints; every op casts its arguments to
Keras's dtype first (`promote`, `_to_float`), the same rules as the NumPy backend.
"""
import jax
import jax.numpy as jnp

from kerasish.backend import dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor

__all__ = [
    "add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod", "power",
    "negative", "abs", "sign", "sqrt", "rsqrt", "square", "reciprocal", "exp", "expm1", "log",
    "log1p", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2",
    "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "erf", "sigmoid",
    "maximum", "minimum", "clip", "round", "floor", "ceil", "where",
    "isnan", "isinf", "isfinite", "equal", "not_equal", "less", "less_equal", "greater",
    "greater_equal", "logical_and", "logical_or", "logical_not", "logical_xor",
]

_PY_SCALARS = (bool, int, float, complex)


def _operand(x):
    """Python scalars stay as they are (weakly typed in promotion); the rest become arrays."""
    return x if isinstance(x, _PY_SCALARS) else convert_to_tensor(x)


def promote(*xs, dtype=None):
    """The arguments as arrays of Keras's common result dtype (or of `dtype` when given)."""
    xs = [_operand(x) for x in xs]
    dtype = dtypes.result_type(*xs) if dtype is None else dtype
    return [convert_to_tensor(x, dtype) if isinstance(x, _PY_SCALARS) else cast(x, dtype) for x in xs]


def _promote_int(*xs):
    """As `promote`, with bool results as int32 (floor_divide, mod and power of bools)."""
    dtype = dtypes.result_type(*(_operand(x) for x in xs))
    return promote(*xs, dtype="int32" if dtype == "bool" else dtype)


def _promote_float(*xs):
    """As `promote`, with int and bool results as floatx (divide, arctan2)."""
    return promote(*xs, dtype=dtypes.result_type(*(_operand(x) for x in xs), float))


def _to_float(x):
    x = convert_to_tensor(x)
    return cast(x, dtypes.float_result(x.dtype))


def add(x1, x2):
    return jnp.add(*promote(x1, x2))


def subtract(x1, x2):
    return jnp.subtract(*promote(x1, x2))


def multiply(x1, x2):
    return jnp.multiply(*promote(x1, x2))


def divide(x1, x2):
    return jnp.divide(*_promote_float(x1, x2))


def true_divide(x1, x2):
    return divide(x1, x2)


def floor_divide(x1, x2):
    return jnp.floor_divide(*_promote_int(x1, x2))


def mod(x1, x2):
    return jnp.mod(*_promote_int(x1, x2))


def power(x1, x2):
    return jnp.power(*_promote_int(x1, x2))


def negative(x):
    return jnp.negative(convert_to_tensor(x))


def abs(x):
    return jnp.abs(convert_to_tensor(x))


def sign(x):
    return jnp.sign(convert_to_tensor(x))


def square(x):
    x = convert_to_tensor(x)
    return jnp.square(cast(x, "int32") if x.dtype == jnp.bool_ else x)


def sqrt(x):
    return jnp.sqrt(_to_float(x))


def rsqrt(x):
    return jax.lax.rsqrt(_to_float(x))


def reciprocal(x):
    return jnp.reciprocal(_to_float(x))


def exp(x):
    return jnp.exp(_to_float(x))


def expm1(x):
    return jnp.expm1(_to_float(x))


def log(x):
    return jnp.log(_to_float(x))


def log1p(x):
    return jnp.log1p(_to_float(x))


def log2(x):
    return jnp.log2(_to_float(x))


def log10(x):
    return jnp.log10(_to_float(x))


def sin(x):
    return jnp.sin(_to_float(x))


def cos(x):
    return jnp.cos(_to_float(x))


def tan(x):
    return jnp.tan(_to_float(x))


def arcsin(x):
    return jnp.arcsin(_to_float(x))


def arccos(x):
    return jnp.arccos(_to_float(x))


def arctan(x):
    return jnp.arctan(_to_float(x))


def arctan2(x1, x2):
    return jnp.arctan2(*_promote_float(x1, x2))


def sinh(x):
    return jnp.sinh(_to_float(x))


def cosh(x):
    return jnp.cosh(_to_float(x))


def tanh(x):
    return jnp.tanh(_to_float(x))


def arcsinh(x):
    return jnp.arcsinh(_to_float(x))


def arccosh(x):
    return jnp.arccosh(_to_float(x))


def arctanh(x):
    return jnp.arctanh(_to_float(x))


def erf(x):
    return jax.lax.erf(_to_float(x))


def sigmoid(x):
    return jax.nn.sigmoid(_to_float(x))


def maximum(x1, x2):
    return jnp.maximum(*promote(x1, x2))


def minimum(x1, x2):
    return jnp.minimum(*promote(x1, x2))


def clip(x, x_min, x_max):
    # maximum then minimum, as jnp.clip, with Keras's promotion of x and the bounds.
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        x = cast(x, "int32")
    if x_min is not None:
        x = maximum(x, x_min)
    if x_max is not None:
        x = minimum(x, x_max)
    return x


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        return x
    if jnp.issubdtype(x.dtype, jnp.integer):
        if decimals >= 0:
            return x
        # To tens, hundreds...: rounded in float64 through an exact power of ten (as NumPy backend).
        scale = 10.0 ** -decimals
        return (jnp.rint(x.astype(jnp.float64) / scale) * scale).astype(x.dtype)
    return jnp.round(x, decimals)


def floor(x):
    return jnp.floor(_to_float(x))


def ceil(x):
    return jnp.ceil(_to_float(x))


def where(condition, x1=None, x2=None):
    condition = convert_to_tensor(condition)
    condition = condition if condition.dtype == jnp.bool_ else condition != 0
    if x1 is None and x2 is None:
        # Data-dependent shapes: works eagerly, not inside jit (as in Keras).
        return tuple(i.astype(jnp.int32) for i in jnp.nonzero(condition))
    return jnp.where(condition, *promote(x1, x2))


def isnan(x):
    return jnp.isnan(convert_to_tensor(x))


def isinf(x):
    return jnp.isinf(convert_to_tensor(x))


def isfinite(x):
    return jnp.isfinite(convert_to_tensor(x))


def equal(x1, x2):
    return jnp.equal(*promote(x1, x2))


def not_equal(x1, x2):
    return jnp.not_equal(*promote(x1, x2))


def less(x1, x2):
    return jnp.less(*promote(x1, x2))


def less_equal(x1, x2):
    return jnp.less_equal(*promote(x1, x2))


def greater(x1, x2):
    return jnp.greater(*promote(x1, x2))


def greater_equal(x1, x2):
    return jnp.greater_equal(*promote(x1, x2))


def _truth(x):
    x = convert_to_tensor(x)
    return x if x.dtype == jnp.bool_ else x != 0


def logical_and(x1, x2):
    return jnp.logical_and(_truth(x1), _truth(x2))


def logical_or(x1, x2):
    return jnp.logical_or(_truth(x1), _truth(x2))


def logical_not(x):
    return jnp.logical_not(_truth(x))


def logical_xor(x1, x2):
    return jnp.logical_xor(_truth(x1), _truth(x2))
