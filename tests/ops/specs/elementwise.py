"""Op cases for elementwise math, comparisons and logic."""
import numpy as np

from tests.ops.op_table import B, F, I, OpCase

INTS = ("int32",)
# Special values passed as they are (the descriptors only make finite values).
SPECIAL32 = np.array([[1.5, np.nan, np.inf], [-np.inf, 0.0, -2.0]], dtype="float32")
SPECIAL64 = SPECIAL32.astype("float64")


def _unary_float(op, low=-1.0, high=1.0, **kw):
    """A float-valued unary op: floats (with gradient), a 0-d input, and ints (-> floatx)."""
    int_low, int_high = int(np.ceil(low)), int(np.floor(high)) + 1  # the ints inside the domain
    return [
        OpCase(op, (F((2, 3), low, high),), **kw),
        OpCase(op, (F((), low, high),), id="scalar", **kw),
        OpCase(op, (F((2, 1, 2), low, high),), dtypes=("float64",), id="3d", **kw),
        OpCase(op, (I((2, 3), int_low, int_high),), dtypes=INTS, grad=False, id="int"),
        OpCase(op, (I((4,), int_low, int_high, dtype="int8"),), dtypes=INTS, grad=False, id="int8"),
    ]


CASES = [
    # add / multiply / subtract
    OpCase("add", (F((2, 3)), F((2, 3)))),
    OpCase("add", (F((2, 1, 3)), F((4, 1))), id="broadcast"),
    OpCase("add", (F((3,)), 2.5), id="python-scalar"),
    OpCase("add", (I((2, 3)), I((3,))), dtypes=("int32",), grad=False, id="int"),
    OpCase("add", (I((2, 3), dtype="int8"), I((3,), dtype="uint8")), dtypes=INTS, grad=False, id="int8-uint8"),
    OpCase("add", (B((2, 3)), I((3,))), dtypes=INTS, grad=False, id="bool-int"),
    OpCase("multiply", (F((2, 3)), F((2, 3)))),
    OpCase("multiply", (F((3, 1)), F((1, 4))), id="broadcast"),
    OpCase("multiply", (F((2, 3)), -1.5), id="python-scalar"),
    OpCase("multiply", (I((2, 3), -3, 3), I((2, 3))), dtypes=INTS, grad=False, id="int"),
    OpCase("multiply", (I((3,)), 0.5), dtypes=INTS, grad=False, id="int-float-scalar"),
    OpCase("subtract", (F((2, 3)), F((2, 3)))),
    OpCase("subtract", (F((2, 1, 3)), F((4, 1))), id="broadcast"),
    OpCase("subtract", (1.0, F((3,))), id="python-scalar-first"),
    OpCase("subtract", (I((2, 3)), I((2, 3))), dtypes=INTS, grad=False, id="int"),
    OpCase("subtract", (I((2, 3), dtype="uint8"), 1), dtypes=INTS, grad=False, id="uint8-scalar"),

    # division family
    OpCase("divide", (F((2, 3)), F((2, 3), 0.5, 2))),
    OpCase("divide", (F((2, 1, 3)), F((4, 1), -2, -0.5)), id="broadcast"),
    OpCase("divide", (F((3,)), 4.0), id="python-scalar"),
    OpCase("divide", (2.0, F((3,), 0.5, 2)), id="python-scalar-first"),
    OpCase("divide", (I((2, 3), -5, 5), I((2, 3), 1, 4)), dtypes=INTS, grad=False, id="int"),
    OpCase("true_divide", (F((2, 3)), F((3,), 0.5, 2))),
    OpCase("true_divide", (I((2, 3)), I((3,), 1, 4, dtype="int8")), dtypes=INTS, grad=False, id="int"),
    OpCase("floor_divide", (F((2, 3), -3, 3), F((2, 3), 0.5, 2))),
    OpCase("floor_divide", (F((2, 3), -3, 3), F((3,), -2, -0.5)), id="negative-divisor"),
    OpCase("floor_divide", (I((2, 3), -7, 7), I((3,), 1, 4)), dtypes=INTS, grad=False, id="int"),
    OpCase("floor_divide", (I((2, 3), -7, 7), -2), dtypes=INTS, grad=False, id="int-scalar"),
    OpCase("mod", (F((2, 3), -3, 3), F((2, 3), 0.5, 2))),
    OpCase("mod", (F((2, 1), -3, 3), F((3,), -2, -0.5)), id="broadcast-negative-divisor"),
    OpCase("mod", (F((4,), -3, 3), 0.75), id="python-scalar"),
    OpCase("mod", (I((2, 3), -7, 7), I((3,), 1, 4)), dtypes=INTS, grad=False, id="int"),
    OpCase("mod", (I((2, 3), -7, 7, dtype="int8"), 3), dtypes=INTS, grad=False, id="int8-scalar"),
    OpCase("power", (F((2, 3), 0.1, 2), F((2, 3), -1, 2))),
    OpCase("power", (F((2, 1, 3), 0.1, 2), F((4, 1), -1, 2)), id="broadcast"),
    OpCase("power", (F((2, 3), -2, 2), 2), id="int-exponent"),
    OpCase("power", (F((2, 3), 0.1, 2), 0.5), id="float-exponent"),
    OpCase("power", (1.5, F((3,))), id="python-base"),
    OpCase("power", (I((2, 3), -3, 4), I((3,), 0, 3)), dtypes=INTS, grad=False, id="int"),
    OpCase("power", (I((2, 3), 0, 4, dtype="uint8"), 2), dtypes=INTS, grad=False, id="uint8-scalar"),

    # sign-like unary ops (keep the dtype)
    OpCase("negative", (F((2, 3)),)),
    OpCase("negative", (F(()),), id="scalar"),
    OpCase("negative", (I((2, 3), -3, 3),), dtypes=INTS, grad=False, id="int"),
    OpCase("negative", (F((4,)),), dtypes=("float16",), grad=False, id="float16"),
    OpCase("abs", (F((2, 3)),)),
    OpCase("abs", (F((2, 1, 2)),), id="3d"),
    OpCase("abs", (I((2, 3), -3, 3),), dtypes=INTS, grad=False, id="int"),
    OpCase("abs", (I((5,), -3, 3, dtype="int8"),), dtypes=INTS, grad=False, id="int8"),
    OpCase("abs", (B((4,)),), dtypes=INTS, grad=False, id="bool"),
    OpCase("abs", (F((4,)),), dtypes=("float16",), grad=False, id="float16"),
    OpCase("sign", (F((2, 3)),)),
    OpCase("sign", (SPECIAL64,), dtypes=("float64",), grad=False, id="special"),
    OpCase("sign", (I((2, 3), -3, 3),), dtypes=INTS, grad=False, id="int"),
    OpCase("sign", (I((4,), 0, 3, dtype="uint8"),), dtypes=INTS, grad=False, id="uint8"),
    OpCase("square", (F((2, 3), -2, 2),)),
    OpCase("square", (F(()),), id="scalar"),
    OpCase("square", (I((2, 3), -3, 3),), dtypes=INTS, grad=False, id="int"),
    OpCase("square", (B((4,)),), dtypes=INTS, grad=False, id="bool"),

    # float-valued unary ops (ints -> floatx)
    *_unary_float("sqrt", 0.1, 2),
    *_unary_float("rsqrt", 0.1, 2),
    *_unary_float("reciprocal", 0.5, 2),
    OpCase("reciprocal", (F((3,), -2, -0.5),), id="negative"),
    *_unary_float("exp", -2, 2),
    OpCase("exp", (B((3,)),), dtypes=INTS, grad=False, id="bool"),
    *_unary_float("expm1", -2, 2),
    OpCase("expm1", (F((4,), -1e-6, 1e-6),), rtol=1e-4, id="tiny"),
    *_unary_float("log", 0.1, 3),
    *_unary_float("log1p", -0.5, 2),
    *_unary_float("log2", 0.1, 3),
    *_unary_float("log10", 0.1, 3),
    *_unary_float("sin", -3, 3),
    *_unary_float("cos", -3, 3),
    *_unary_float("tan", -1.2, 1.2),
    *_unary_float("arcsin", -0.9, 0.9),
    *_unary_float("arccos", -0.9, 0.9),
    *_unary_float("arctan", -3, 3),
    *_unary_float("sinh", -2, 2),
    *_unary_float("cosh", -2, 2),
    *_unary_float("tanh", -3, 3),
    *_unary_float("arcsinh", -3, 3),
    *_unary_float("arccosh", 1.1, 3),
    *_unary_float("arctanh", -0.9, 0.9),
    *_unary_float("erf", -3, 3),
    # erf switches method at |x| = 2 (series / continued fraction): both sides, and the far tail.
    OpCase("erf", (F((4, 5), -4, 4),), id="both-branches"),
    OpCase("erf", (F((6,), 5, 9),), id="tail"),
    OpCase("erf", (SPECIAL64,), dtypes=("float64",), grad=False, id="special"),
    *_unary_float("sigmoid", -5, 5),
    OpCase("sigmoid", (F((6,), -60, 60),), id="saturated"),
    *_unary_float("floor", -3, 3),
    *_unary_float("ceil", -3, 3),

    OpCase("arctan2", (F((2, 3)), F((2, 3)))),
    OpCase("arctan2", (F((2, 1, 3)), F((4, 1))), id="broadcast"),
    OpCase("arctan2", (F((3,)), -1.0), id="python-scalar"),
    OpCase("arctan2", (I((2, 3), -3, 3), I((2, 3), 1, 3)), dtypes=INTS, grad=False, id="int"),

    # min, max, clip, round
    OpCase("maximum", (F((2, 3)), F((2, 3)))),
    OpCase("maximum", (F((2, 1, 3)), F((4, 1))), id="broadcast"),
    OpCase("maximum", (F((2, 3)), 0.0), id="python-scalar"),
    OpCase("maximum", (I((2, 3), -3, 3), I((3,), -3, 3)), dtypes=INTS, grad=False, id="int"),
    OpCase("maximum", (I((2, 3), -3, 3, dtype="int8"), 1), dtypes=INTS, grad=False, id="int8-scalar"),
    OpCase("maximum", (F((4,)), F((4,))), dtypes=("float16",), grad=False, id="float16"),
    OpCase("minimum", (F((2, 3)), F((2, 3)))),
    OpCase("minimum", (F((2, 1, 3)), F((4, 1))), id="broadcast"),
    OpCase("minimum", (0.25, F((2, 3))), id="python-scalar-first"),
    OpCase("minimum", (I((2, 3), -3, 3), I((3,), -3, 3)), dtypes=INTS, grad=False, id="int"),
    OpCase("minimum", (B((3,)), B((3,))), dtypes=INTS, grad=False, id="bool"),
    OpCase("clip", (F((2, 3)), -0.5, 0.5)),
    OpCase("clip", (F((3, 4), -2, 2), F((4,), -1, 0), F((3, 1), 0, 1)), id="array-bounds"),
    OpCase("clip", (F((2, 3)), None, 0.2), id="no-lower"),
    OpCase("clip", (F((2, 3)), -0.2, None), id="no-upper"),
    OpCase("clip", (I((2, 3), -5, 5), -2, 3), dtypes=INTS, grad=False, id="int"),
    OpCase("clip", (I((2, 3), -5, 5, dtype="int8"), 0.5, 2.5), dtypes=INTS, grad=False, id="int-float-bounds"),
    OpCase("clip", (B((4,)), 0, 1), dtypes=INTS, grad=False, id="bool"),
    OpCase("round", (F((2, 3), -10, 10),)),
    OpCase("round", (F((2, 3), -10, 10),), {"decimals": 1}, grad=False, id="decimals-1"),
    OpCase("round", (F((2, 3), -10, 10),), {"decimals": 2}, grad=False, id="decimals-2"),
    OpCase("round", (F((2, 3), -500, 500),), {"decimals": -2}, grad=False, id="decimals-neg"),
    OpCase("round", (I((2, 3), -5, 5),), dtypes=INTS, grad=False, id="int"),
    OpCase("round", (I((2, 4), -500, 500),), {"decimals": -1}, dtypes=INTS, grad=False, id="int-decimals-neg"),
    OpCase("round", (np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]),), dtypes=("float64",), grad=False,
           id="half-to-even"),
    OpCase("floor", (F((4,), -3, 3),), dtypes=("float16",), grad=False, id="float16"),

    # where
    OpCase("where", (B((2, 3)), F((2, 3)), F((2, 3)))),
    OpCase("where", (B((2, 1)), F((3,)), F((2, 3))), id="broadcast"),
    OpCase("where", (B((2, 3)), F((2, 3)), 0.0), id="python-scalar"),
    OpCase("where", (I((2, 3), 0, 3), F((2, 3)), F((2, 3))), id="int-condition"),
    OpCase("where", (B((2, 3)), I((2, 3)), I((3,), dtype="int8")), dtypes=INTS, grad=False, id="int"),
    OpCase("where", (B((4,)), 1, 2.0), dtypes=INTS, grad=False, id="scalars"),
    OpCase("where", (B((3, 4)),), dtypes=INTS, grad=False, id="indices"),
    OpCase("where", (I((5,), 0, 2),), dtypes=INTS, grad=False, id="indices-int"),

    # predicates
    OpCase("isnan", (SPECIAL32,), dtypes=("float32",), grad=False),
    OpCase("isnan", (SPECIAL64,), dtypes=("float64",), grad=False, id="f64"),
    OpCase("isnan", (I((3,)),), dtypes=INTS, grad=False, id="int"),
    OpCase("isinf", (SPECIAL32,), dtypes=("float32",), grad=False),
    OpCase("isinf", (SPECIAL64,), dtypes=("float64",), grad=False, id="f64"),
    OpCase("isinf", (I((3,)),), dtypes=INTS, grad=False, id="int"),
    OpCase("isfinite", (SPECIAL32,), dtypes=("float32",), grad=False),
    OpCase("isfinite", (SPECIAL64,), dtypes=("float64",), grad=False, id="f64"),
    OpCase("isfinite", (B((3,)),), dtypes=INTS, grad=False, id="bool"),

    # comparisons (ints have ties; floats compare against scalars)
    *[case for op in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal") for case in [
        OpCase(op, (I((2, 3), 0, 3), I((2, 3), 0, 3)), dtypes=INTS, grad=False),
        OpCase(op, (I((2, 1, 3), 0, 3), I((4, 1), 0, 3, dtype="int8")), dtypes=INTS, grad=False, id="broadcast"),
        OpCase(op, (F((2, 3)), F((2, 3))), grad=False, id="float"),
        OpCase(op, (F((2, 3)), 0.0), grad=False, id="float-scalar"),
        OpCase(op, (I((4,), 0, 4), 1.5), dtypes=INTS, grad=False, id="int-vs-float"),
        OpCase(op, (B((4,)), B((4,))), dtypes=INTS, grad=False, id="bool"),
    ]],

    # logic (nonzero is true)
    *[case for op in ("logical_and", "logical_or", "logical_xor") for case in [
        OpCase(op, (B((2, 3)), B((2, 3))), dtypes=INTS, grad=False),
        OpCase(op, (B((2, 1, 3)), B((4, 1))), dtypes=INTS, grad=False, id="broadcast"),
        OpCase(op, (I((2, 3), 0, 2), B((3,))), dtypes=INTS, grad=False, id="int-bool"),
        OpCase(op, (F((2, 3)), True), dtypes=("float32",), grad=False, id="float-scalar"),
    ]],
    OpCase("logical_not", (B((2, 3)),), dtypes=INTS, grad=False),
    OpCase("logical_not", (I((2, 3), 0, 2),), dtypes=INTS, grad=False, id="int"),
    OpCase("logical_not", (SPECIAL32,), dtypes=("float32",), grad=False, id="float"),
]
