"""Elementwise math, comparisons and logic (the elementwise part of keras.ops.numpy).

Output dtypes follow Keras: float-valued ops (sqrt, exp, log, trig, floor, ...) turn ints and bools
into floatx() and keep float dtypes; divide and arctan2 always give floats; floor_divide, mod,
power, maximum, minimum keep the promoted dtype (int stays int); comparisons and logic give bool.
"""
import numpy as np

from kerasish.backend import dtypes
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = [
    "add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod", "power",
    "negative", "abs", "absolute", "sign", "sqrt", "rsqrt", "square", "reciprocal", "exp", "expm1", "log",
    "log1p", "log2", "log10", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2",
    "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "erf", "sigmoid",
    "maximum", "minimum", "clip", "round", "floor", "ceil", "where",
    "isnan", "isinf", "isfinite", "equal", "not_equal", "less", "less_equal", "greater",
    "greater_equal", "logical_and", "logical_or", "logical_not", "logical_xor",
]


def _dtype_of(x):
    """What Keras promotes `x` as: a Python scalar as itself (weakly typed), else its dtype."""
    if isinstance(x, (bool, int, float, complex)):
        return x
    dtype = getattr(x, "dtype", None)
    return dtype if dtype is not None else np.asarray(x).dtype  # a nested list


def _check_dtypes(op, **named):
    """A TypeError naming the op and the argument when an input's dtype is not a Keras dtype."""
    for name, x in named.items():
        try:
            dtype = _dtype_of(x)
        except TypeError:
            continue  # a list of traced values: the backend converts it
        if isinstance(dtype, (bool, int, float, complex)):
            continue
        try:
            dtypes.standardize_dtype(dtype)
        except TypeError:
            raise TypeError(
                f"{op}: `{name}` has dtype {dtype}, which is not supported. Expected one of "
                f"{', '.join(dtypes.ALLOWED_DTYPES)}.") from None


def _no_bool(op, hint="", **named):
    """A TypeError for arithmetic that is undefined on booleans (NumPy and JAX refuse it too)."""
    try:
        is_bool = dtypes.result_type(*[_dtype_of(x) for x in named.values()]) == "bool"
    except (TypeError, ValueError):
        return  # an unusual input: the backend reports it
    if is_bool:
        which = " and ".join(f"`{n}`" for n in named)
        raise TypeError(f"{op}: {which} {'are' if len(named) > 1 else 'is'} boolean, which {op} does "
                        f"not support{hint}. Cast to an int or float dtype first.")


def _unary(op, x, **kwargs):
    _check_dtypes(op, x=x)
    return dispatch(op, x, **kwargs)


def _binary(op, x1, x2):
    checks.broadcast_shapes(op, x1=x1, x2=x2)
    _check_dtypes(op, x1=x1, x2=x2)
    return dispatch(op, x1, x2)


# --- arithmetic ------------------------------------------------------------------------------

def add(x1, x2):
    """`x1 + x2` elementwise, with broadcasting."""
    return _binary("add", x1, x2)


def subtract(x1, x2):
    """`x1 - x2` elementwise, with broadcasting."""
    _no_bool("subtract", hint=" (use logical_xor)", x1=x1, x2=x2)
    return _binary("subtract", x1, x2)


def multiply(x1, x2):
    """`x1 * x2` elementwise, with broadcasting."""
    return _binary("multiply", x1, x2)


def divide(x1, x2):
    """`x1 / x2` elementwise (true division: ints give floatx), with broadcasting."""
    return _binary("divide", x1, x2)


def true_divide(x1, x2):
    """`x1 / x2` elementwise; an alias of `divide`."""
    return _binary("true_divide", x1, x2)


def floor_divide(x1, x2):
    """`x1 // x2` elementwise (rounds toward negative infinity; ints stay ints)."""
    return _binary("floor_divide", x1, x2)


def mod(x1, x2):
    """`x1 % x2` elementwise; the result has the sign of `x2` (as Python's %)."""
    return _binary("mod", x1, x2)


def power(x1, x2):
    """`x1 ** x2` elementwise, with broadcasting."""
    return _binary("power", x1, x2)


def negative(x):
    """`-x` elementwise."""
    _no_bool("negative", hint=" (use logical_not)", x=x)
    return _unary("negative", x)


def abs(x):
    """The absolute value of `x` elementwise (same dtype as `x`)."""
    return _unary("abs", x)


def absolute(x):
    """Keras's alias of `abs`."""
    return abs(x)


def sign(x):
    """-1, 0 or 1 according to the sign of `x` (nan for nan), in `x`'s dtype."""
    _no_bool("sign", x=x)
    return _unary("sign", x)


def square(x):
    """`x * x` elementwise (bools give int32)."""
    return _unary("square", x)


def sqrt(x):
    """The non-negative square root of `x` elementwise."""
    return _unary("sqrt", x)


def rsqrt(x):
    """`1 / sqrt(x)` elementwise."""
    return _unary("rsqrt", x)


def reciprocal(x):
    """`1 / x` elementwise."""
    return _unary("reciprocal", x)


# --- exponentials and logarithms -------------------------------------------------------------

def exp(x):
    """`e ** x` elementwise."""
    return _unary("exp", x)


def expm1(x):
    """`exp(x) - 1` elementwise, accurate for small `x`."""
    return _unary("expm1", x)


def log(x):
    """The natural logarithm of `x` elementwise."""
    return _unary("log", x)


def log1p(x):
    """`log(1 + x)` elementwise, accurate for small `x`."""
    return _unary("log1p", x)


def log2(x):
    """The base-2 logarithm of `x` elementwise."""
    return _unary("log2", x)


def log10(x):
    """The base-10 logarithm of `x` elementwise."""
    return _unary("log10", x)


# --- trigonometric and hyperbolic ------------------------------------------------------------

def sin(x):
    """The sine of `x` (radians) elementwise."""
    return _unary("sin", x)


def cos(x):
    """The cosine of `x` (radians) elementwise."""
    return _unary("cos", x)


def tan(x):
    """The tangent of `x` (radians) elementwise."""
    return _unary("tan", x)


def arcsin(x):
    """The inverse sine of `x` elementwise, in [-pi/2, pi/2]."""
    return _unary("arcsin", x)


def arccos(x):
    """The inverse cosine of `x` elementwise, in [0, pi]."""
    return _unary("arccos", x)


def arctan(x):
    """The inverse tangent of `x` elementwise, in [-pi/2, pi/2]."""
    return _unary("arctan", x)


def arctan2(x1, x2):
    """The angle of the point `(x2, x1)` elementwise (the quadrant-aware arctan of `x1 / x2`)."""
    return _binary("arctan2", x1, x2)


def sinh(x):
    """The hyperbolic sine of `x` elementwise."""
    return _unary("sinh", x)


def cosh(x):
    """The hyperbolic cosine of `x` elementwise."""
    return _unary("cosh", x)


def tanh(x):
    """The hyperbolic tangent of `x` elementwise."""
    return _unary("tanh", x)


def arcsinh(x):
    """The inverse hyperbolic sine of `x` elementwise."""
    return _unary("arcsinh", x)


def arccosh(x):
    """The inverse hyperbolic cosine of `x` elementwise (defined for x >= 1)."""
    return _unary("arccosh", x)


def arctanh(x):
    """The inverse hyperbolic tangent of `x` elementwise (defined for -1 < x < 1)."""
    return _unary("arctanh", x)


def erf(x):
    """The Gauss error function of `x` elementwise."""
    return _unary("erf", x)


def sigmoid(x):
    """`1 / (1 + exp(-x))` elementwise."""
    return _unary("sigmoid", x)


# --- min, max, rounding ----------------------------------------------------------------------

def maximum(x1, x2):
    """The larger of `x1` and `x2` elementwise, with broadcasting."""
    return _binary("maximum", x1, x2)


def minimum(x1, x2):
    """The smaller of `x1` and `x2` elementwise, with broadcasting."""
    return _binary("minimum", x1, x2)


def clip(x, x_min, x_max):
    """`x` limited to [x_min, x_max] elementwise (bools become int32; the bounds may broadcast)."""
    named = {"x": x}
    named.update({name: v for name, v in (("x_min", x_min), ("x_max", x_max)) if v is not None})
    checks.broadcast_shapes("clip", **named)
    _check_dtypes("clip", **named)
    return dispatch("clip", x, x_min, x_max)


def round(x, decimals=0):
    """`x` rounded to `decimals` decimal places, halves to even (negative decimals round to tens...)."""
    if isinstance(decimals, bool) or not isinstance(decimals, (int, np.integer)):
        raise TypeError(
            f"round: `decimals` must be an int; received {decimals!r} of type {type(decimals).__name__}.")
    return _unary("round", x, decimals=int(decimals))


def floor(x):
    """The largest integer value <= `x` elementwise (as a float, as Keras)."""
    return _unary("floor", x)


def ceil(x):
    """The smallest integer value >= `x` elementwise (as a float, as Keras)."""
    return _unary("ceil", x)


def where(condition, x1=None, x2=None):
    """`x1` where `condition` holds, else `x2`; with only `condition`, the indices where it holds."""
    if (x1 is None) != (x2 is None):
        raise ValueError(
            "where: `x1` and `x2` must both be given or both be None (then where returns the "
            f"indices of the true entries of `condition`); received x1={'None' if x1 is None else 'a value'}"
            f" and x2={'None' if x2 is None else 'a value'}.")
    if x1 is None:
        _check_dtypes("where", condition=condition)
        return dispatch("where", condition)
    checks.broadcast_shapes("where", condition=condition, x1=x1, x2=x2)
    _check_dtypes("where", condition=condition, x1=x1, x2=x2)
    return dispatch("where", condition, x1, x2)


# --- predicates, comparisons, logic ----------------------------------------------------------

def isnan(x):
    """Whether each entry of `x` is NaN (a bool tensor)."""
    return _unary("isnan", x)


def isinf(x):
    """Whether each entry of `x` is +inf or -inf (a bool tensor)."""
    return _unary("isinf", x)


def isfinite(x):
    """Whether each entry of `x` is neither infinite nor NaN (a bool tensor)."""
    return _unary("isfinite", x)


def equal(x1, x2):
    """`x1 == x2` elementwise (a bool tensor)."""
    return _binary("equal", x1, x2)


def not_equal(x1, x2):
    """`x1 != x2` elementwise (a bool tensor)."""
    return _binary("not_equal", x1, x2)


def less(x1, x2):
    """`x1 < x2` elementwise (a bool tensor)."""
    return _binary("less", x1, x2)


def less_equal(x1, x2):
    """`x1 <= x2` elementwise (a bool tensor)."""
    return _binary("less_equal", x1, x2)


def greater(x1, x2):
    """`x1 > x2` elementwise (a bool tensor)."""
    return _binary("greater", x1, x2)


def greater_equal(x1, x2):
    """`x1 >= x2` elementwise (a bool tensor)."""
    return _binary("greater_equal", x1, x2)


def logical_and(x1, x2):
    """The truth of `x1 and x2` elementwise (nonzero is true; a bool tensor)."""
    return _binary("logical_and", x1, x2)


def logical_or(x1, x2):
    """The truth of `x1 or x2` elementwise (nonzero is true; a bool tensor)."""
    return _binary("logical_or", x1, x2)


def logical_not(x):
    """The truth of `not x` elementwise (nonzero is true; a bool tensor)."""
    return _unary("logical_not", x)


def logical_xor(x1, x2):
    """The truth of `x1 != x2` as booleans, elementwise (nonzero is true; a bool tensor)."""
    return _binary("logical_xor", x1, x2)
