"""Elementwise ops for the NumPy backend: forward in NumPy, each with its VJP.

Every op first brings its arguments to Keras's dtype (`promote` for binary ops, `_to_float` for
float-valued unary ops), so the primitive's NumPy forward sees one dtype and returns it. VJPs may
return broadcast shapes: the tape sums them back to each argument's shape (autodiff.backward).
Primitives without a VJP (floor, sign, comparisons...) are constants for differentiation, which
gives the zero gradient that JAX gives for them.
"""
import math

import numpy as np

from kerasish.backend import dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive, unbox
from kerasish.backends.numpy.core import cast, convert_to_tensor

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
    """Python scalars stay as they are (weakly typed in promotion); the rest become tensors."""
    return x if isinstance(x, _PY_SCALARS) else convert_to_tensor(x)


def promote(*xs, dtype=None):
    """The arguments as tensors of Keras's common result dtype (or of `dtype` when given).

    Python scalars are converted straight to that dtype (0.1 in float64 stays exact).
    """
    xs = [_operand(x) for x in xs]
    dtype = dtypes.result_type(*xs) if dtype is None else dtype
    return [convert_to_tensor(x, dtype) if isinstance(x, _PY_SCALARS) else cast(x, dtype) for x in xs]


def _promote_int(*xs):
    """As `promote`, with bool results as int32 (Keras's floor_divide, mod and power of bools)."""
    dtype = dtypes.result_type(*(_operand(x) for x in xs))
    return promote(*xs, dtype="int32" if dtype == "bool" else dtype)


def _promote_float(*xs):
    """As `promote`, with int and bool results as floatx (divide, arctan2)."""
    return promote(*xs, dtype=dtypes.result_type(*(_operand(x) for x in xs), float))


def _to_float(x):
    """`x` as a tensor of a float dtype: ints and bools become floatx, floats stay."""
    x = convert_to_tensor(x)
    return cast(x, dtypes.float_result(x.dtype))


# --- arithmetic ------------------------------------------------------------------------------

@primitive
def _add(x1, x2):
    return np.add(x1, x2)


defvjp(_add, lambda g, ans, x1, x2: g, lambda g, ans, x1, x2: g)


def add(x1, x2):
    return _add(*promote(x1, x2))


@primitive
def _subtract(x1, x2):
    return np.subtract(x1, x2)


defvjp(_subtract, lambda g, ans, x1, x2: g, lambda g, ans, x1, x2: -g)


def subtract(x1, x2):
    return _subtract(*promote(x1, x2))


@primitive
def _multiply(x1, x2):
    return np.multiply(x1, x2)


defvjp(_multiply, lambda g, ans, x1, x2: g * x2, lambda g, ans, x1, x2: g * x1)


def multiply(x1, x2):
    return _multiply(*promote(x1, x2))


@primitive
def _divide(x1, x2):
    return np.divide(x1, x2)


# d(x1/x2)/dx2 = -x1/x2**2 = -ans/x2.
defvjp(_divide, lambda g, ans, x1, x2: g / x2, lambda g, ans, x1, x2: -g * ans / x2)


def divide(x1, x2):
    return _divide(*_promote_float(x1, x2))


def true_divide(x1, x2):
    return divide(x1, x2)


@primitive
def _floor_divide(x1, x2):
    return np.floor_divide(x1, x2)


def floor_divide(x1, x2):
    # Piecewise constant: no VJP, a zero gradient (as JAX).
    return _floor_divide(*_promote_int(x1, x2))


@primitive
def _mod(x1, x2):
    return np.mod(x1, x2)


# x1 mod x2 = x1 - x2 * floor(x1 / x2), and the floor is locally constant.
defvjp(_mod, lambda g, ans, x1, x2: g, lambda g, ans, x1, x2: -g * np.floor(x1 / x2))


def mod(x1, x2):
    return _mod(*_promote_int(x1, x2))


@primitive
def _power(x1, x2):
    return np.power(x1, x2)


def _power_vjp_base(g, ans, x1, x2):
    # x2 * x1**(x2 - 1), taken as 0 where x2 == 0 (as JAX: avoids 0 * inf at x1 == 0).
    safe = np.where(x2 == 0, 1, x2)
    return g * np.where(x2 == 0, 0, safe * np.power(x1, safe - 1))


def _power_vjp_exponent(g, ans, x1, x2):
    # log(x1) * x1**x2, taken as 0 where x1 == 0 (as JAX).
    return g * ans * np.log(np.where(x1 == 0, 1, x1))


defvjp(_power, _power_vjp_base, _power_vjp_exponent)


def power(x1, x2):
    return _power(*_promote_int(x1, x2))


@primitive
def _negative(x):
    return np.negative(x)


defvjp(_negative, lambda g, ans, x: -g)


def negative(x):
    return _negative(convert_to_tensor(x))


@primitive
def _abs(x):
    return np.abs(x)


# The slope at 0 is taken as 1, as JAX does.
defvjp(_abs, lambda g, ans, x: np.where(x >= 0, g, -g))


def abs(x):
    return _abs(convert_to_tensor(x))


@primitive
def _sign(x):
    return np.sign(x)


def sign(x):
    return _sign(convert_to_tensor(x))


@primitive
def _square(x):
    return np.square(x)


defvjp(_square, lambda g, ans, x: 2 * g * x)


def square(x):
    x = convert_to_tensor(x)
    return _square(cast(x, "int32") if x.dtype == np.bool_ else x)


# --- float-valued unary ops ------------------------------------------------------------------
# Each one: ints and bools become floatx first (Keras's dtype rule), then a NumPy forward and its
# derivative written with the forward's output `ans` where that is cheaper.

def _float_unary(name, forward, vjp=None):
    prim = primitive(forward)
    if vjp is not None:
        defvjp(prim, vjp)

    def op(x):
        return prim(_to_float(x))

    op.__name__ = op.__qualname__ = name
    return op


def _rsqrt(x):
    return 1 / np.sqrt(x)


def _sigmoid(x):
    # Plain NumPy (backends/numpy/nn.py reuses it on values). With e = exp(-|x|), which cannot
    # overflow: 1/(1+e) for x >= 0 and e/(1+e) for x < 0.
    x = np.asarray(x)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)


# erf, to float64 precision without SciPy. For |x| < 2 the series
#   erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n x (2x^2)^n / (1*3*...*(2n+1))
# has only positive terms (no cancellation) and 30 terms reach float64 precision. For |x| >= 2
# erf = 1 - erfc, with erfc from its continued fraction (evaluated bottom-up, 45 levels)
#   erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))).
# Both reach ~1e-15 relative error against math.erf on [-7, 7]; erf(x) = 1 in float64 past |x|=6.
_ERF_SPLIT, _ERF_SERIES_TERMS, _ERF_FRACTION_DEPTH = 2.0, 30, 45


def _erf(x):
    # Plain NumPy (backends/numpy/nn.py reuses it on values), in float64, back to x's dtype.
    x = np.asarray(x)
    a = np.abs(x.astype(np.float64))
    out = np.empty_like(a)

    small = a < _ERF_SPLIT
    s = a[small]
    term = s.copy()
    total = s.copy()
    for n in range(_ERF_SERIES_TERMS):
        term *= 2 * s * s / (2 * n + 3)
        total += term
    out[small] = 2 / math.sqrt(math.pi) * np.exp(-s * s) * total

    large = ~small & ~np.isnan(a)
    b = np.minimum(a[large], 30.0)  # erf is exactly 1 in float64 long before 30
    fraction = b.copy()
    for k in range(_ERF_FRACTION_DEPTH, 0, -1):
        fraction = b + (k / 2) / fraction
    out[large] = 1 - np.exp(-b * b) / math.sqrt(math.pi) / fraction

    out[np.isnan(a)] = np.nan
    return np.copysign(out, x).astype(x.dtype, copy=False)


_LN2, _LN10 = math.log(2), math.log(10)
_TWO_OVER_SQRT_PI = 2 / math.sqrt(math.pi)

sqrt = _float_unary("sqrt", np.sqrt, lambda g, ans, x: g / (2 * ans))
rsqrt = _float_unary("rsqrt", _rsqrt, lambda g, ans, x: -0.5 * g * ans / x)  # -x**-1.5 / 2
reciprocal = _float_unary("reciprocal", np.reciprocal, lambda g, ans, x: -g * ans * ans)
exp = _float_unary("exp", np.exp, lambda g, ans, x: g * ans)
expm1 = _float_unary("expm1", np.expm1, lambda g, ans, x: g * (ans + 1))
log = _float_unary("log", np.log, lambda g, ans, x: g / x)
log1p = _float_unary("log1p", np.log1p, lambda g, ans, x: g / (1 + x))
log2 = _float_unary("log2", np.log2, lambda g, ans, x: g / (x * _LN2))
log10 = _float_unary("log10", np.log10, lambda g, ans, x: g / (x * _LN10))
sin = _float_unary("sin", np.sin, lambda g, ans, x: g * np.cos(x))
cos = _float_unary("cos", np.cos, lambda g, ans, x: -g * np.sin(x))
tan = _float_unary("tan", np.tan, lambda g, ans, x: g * (1 + ans * ans))
arcsin = _float_unary("arcsin", np.arcsin, lambda g, ans, x: g / np.sqrt(1 - x * x))
arccos = _float_unary("arccos", np.arccos, lambda g, ans, x: -g / np.sqrt(1 - x * x))
arctan = _float_unary("arctan", np.arctan, lambda g, ans, x: g / (1 + x * x))
sinh = _float_unary("sinh", np.sinh, lambda g, ans, x: g * np.cosh(x))
cosh = _float_unary("cosh", np.cosh, lambda g, ans, x: g * np.sinh(x))
tanh = _float_unary("tanh", np.tanh, lambda g, ans, x: g * (1 - ans * ans))
arcsinh = _float_unary("arcsinh", np.arcsinh, lambda g, ans, x: g / np.sqrt(x * x + 1))
arccosh = _float_unary("arccosh", np.arccosh, lambda g, ans, x: g / np.sqrt(x * x - 1))
arctanh = _float_unary("arctanh", np.arctanh, lambda g, ans, x: g / (1 - x * x))
erf = _float_unary("erf", _erf, lambda g, ans, x: g * _TWO_OVER_SQRT_PI * np.exp(-x * x))
sigmoid = _float_unary("sigmoid", _sigmoid, lambda g, ans, x: g * ans * (1 - ans))
floor = _float_unary("floor", np.floor)  # piecewise constant: zero gradient
ceil = _float_unary("ceil", np.ceil)


@primitive
def _arctan2(x1, x2):
    return np.arctan2(x1, x2)


defvjp(_arctan2,
       lambda g, ans, x1, x2: g * x2 / (x1 * x1 + x2 * x2),
       lambda g, ans, x1, x2: -g * x1 / (x1 * x1 + x2 * x2))


def arctan2(x1, x2):
    return _arctan2(*_promote_float(x1, x2))


# --- min, max, rounding ----------------------------------------------------------------------

@primitive
def _maximum(x1, x2):
    return np.maximum(x1, x2)


# Where x1 == x2 each side gets half the cotangent (as JAX), so the two halves sum to g.
defvjp(_maximum,
       lambda g, ans, x1, x2: g * ((x1 > x2) + 0.5 * (x1 == x2)),
       lambda g, ans, x1, x2: g * ((x2 > x1) + 0.5 * (x1 == x2)))


def maximum(x1, x2):
    return _maximum(*promote(x1, x2))


@primitive
def _minimum(x1, x2):
    return np.minimum(x1, x2)


defvjp(_minimum,
       lambda g, ans, x1, x2: g * ((x1 < x2) + 0.5 * (x1 == x2)),
       lambda g, ans, x1, x2: g * ((x2 < x1) + 0.5 * (x1 == x2)))


def minimum(x1, x2):
    return _minimum(*promote(x1, x2))


def clip(x, x_min, x_max):
    # As jnp.clip: maximum with the lower bound, then minimum with the upper one, so the dtype is
    # the promotion of all three and the gradient (halves at ties) is JAX's.
    x = convert_to_tensor(x)
    if x.dtype == np.bool_:
        x = cast(x, "int32")
    if x_min is not None:
        x = maximum(x, x_min)
    if x_max is not None:
        x = minimum(x, x_max)
    return x


@primitive
def _round(x, decimals):
    if x.dtype.kind in "iu":
        if decimals >= 0:
            return x.copy()
        # To tens, hundreds...: rounded in float64 through an exact power of ten.
        scale = 10.0 ** -decimals
        return (np.rint(x / scale) * scale).astype(x.dtype)
    if decimals == 0:
        return np.rint(x)
    # As jnp.round: scale, round half to even, unscale (float16 works in float32).
    work = x.astype(np.float32) if x.dtype == np.float16 else x
    factor = np.asarray(10.0 ** decimals, dtype=work.dtype)
    return (np.rint(work * factor) / factor).astype(x.dtype, copy=False)


def round(x, decimals=0):
    x = convert_to_tensor(x)
    if x.dtype == np.bool_:
        return x  # rounding does not change a boolean
    return _round(x, decimals)


@primitive
def _where(condition, x1, x2):
    return np.where(condition, x1, x2)


defvjp(_where, None,
       lambda g, ans, condition, x1, x2: np.where(condition, g, 0),
       lambda g, ans, condition, x1, x2: np.where(condition, 0, g))


def where(condition, x1=None, x2=None):
    condition = unbox(convert_to_tensor(condition))
    condition = condition if condition.dtype == np.bool_ else condition != 0
    if x1 is None and x2 is None:
        # The indices of the true entries, one int32 array per axis (not differentiable).
        return tuple(i.astype(np.int32) for i in np.nonzero(condition))
    return _where(condition, *promote(x1, x2))


# --- predicates, comparisons, logic: no gradient ---------------------------------------------

@primitive
def _isnan(x):
    return np.isnan(x)


@primitive
def _isinf(x):
    return np.isinf(x)


@primitive
def _isfinite(x):
    return np.isfinite(x)


def isnan(x):
    return _isnan(convert_to_tensor(x))


def isinf(x):
    return _isinf(convert_to_tensor(x))


def isfinite(x):
    return _isfinite(convert_to_tensor(x))


def _comparison(name, ufunc):
    prim = primitive(ufunc)

    def op(x1, x2):
        # Compared in the common dtype, so int8 vs 1.5 compares as floats.
        return prim(*promote(x1, x2))

    op.__name__ = op.__qualname__ = name
    return op


equal = _comparison("equal", np.equal)
not_equal = _comparison("not_equal", np.not_equal)
less = _comparison("less", np.less)
less_equal = _comparison("less_equal", np.less_equal)
greater = _comparison("greater", np.greater)
greater_equal = _comparison("greater_equal", np.greater_equal)


def _logical(name, ufunc):
    prim = primitive(ufunc)

    def op(*xs):
        # Any dtype: nonzero is true.
        return prim(*(convert_to_tensor(x) for x in xs))

    op.__name__ = op.__qualname__ = name
    return op


logical_and = _logical("logical_and", np.logical_and)
logical_or = _logical("logical_or", np.logical_or)
logical_xor = _logical("logical_xor", np.logical_xor)
logical_not = _logical("logical_not", np.logical_not)
