"""Bad input to the elementwise ops gives the same clear error on every backend; plus the behaviour
the op table cannot express (gradients at ties, where's selection, erf's accuracy, jit)."""
import math

import numpy as np
import pytest

import kerasish
from kerasish import ops
from kerasish.backend import interface

BINARY = ("add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "mod", "power",
          "arctan2", "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater",
          "greater_equal", "logical_and", "logical_or", "logical_xor")
UNARY = tuple(name for name in interface.ELEMENTWISE
              if name not in BINARY and name not in ("clip", "where"))


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("op", BINARY)
def test_binary_ops_reject_shapes_that_do_not_broadcast(backend, op):
    with pytest.raises(ValueError, match=rf"^{op}: cannot broadcast x1 with shape \(2, 3\), x2 with shape "
                                         r"\(4,\)\. Expected shapes that broadcast together"):
        getattr(ops, op)(np.ones((2, 3)), np.ones(4))


def test_broadcast_error_names_shapes_of_lists_and_scalars(backend):
    with pytest.raises(ValueError, match=r"^add: cannot broadcast x1 with shape \(2,\), x2 with shape \(3,\)"):
        ops.add([1.0, 2.0], [1.0, 2.0, 3.0])
    ops.add([1.0, 2.0], 3.0)  # a scalar broadcasts against anything


@pytest.mark.parametrize("op", UNARY)
def test_unary_ops_reject_unsupported_dtypes(backend, op):
    with pytest.raises(TypeError, match=rf"^{op}: `x` has dtype <U1, which is not supported\. Expected one of bool"):
        getattr(ops, op)(np.array(["a", "b"]))


def test_binary_ops_reject_unsupported_dtypes(backend):
    with pytest.raises(TypeError, match=r"^maximum: `x2` has dtype object, which is not supported"):
        ops.maximum(np.ones(2), np.array([None, None]))


@pytest.mark.parametrize("op,hint", [("negative", "use logical_not"), ("sign", "")])
def test_arithmetic_on_booleans_is_refused(backend, op, hint):
    with pytest.raises(TypeError, match=rf"^{op}: `x` is boolean, which {op} does not support.*Cast to an int"):
        getattr(ops, op)(np.array([True, False]))


def test_subtracting_booleans_is_refused(backend):
    with pytest.raises(TypeError, match=r"^subtract: `x1` and `x2` are boolean, which subtract does not support "
                                        r"\(use logical_xor\)"):
        ops.subtract(np.array([True, False]), True)
    # A bool and an int are fine (the int wins).
    assert ops.convert_to_numpy(ops.subtract(np.array([True, False]), 1)).tolist() == [0, -1]


@pytest.mark.parametrize("decimals", [1.5, "2", None, True])
def test_round_decimals_must_be_an_int(backend, decimals):
    with pytest.raises(TypeError, match=r"^round: `decimals` must be an int; received"):
        ops.round(np.ones(3), decimals=decimals)


def test_where_needs_both_or_neither_branch(backend):
    with pytest.raises(ValueError, match=r"^where: `x1` and `x2` must both be given or both be None.*"
                                         r"received x1=a value and x2=None"):
        ops.where(np.array([True, False]), np.ones(2))
    with pytest.raises(ValueError, match=r"received x1=None and x2=a value"):
        ops.where(np.array([True, False]), None, np.ones(2))


def test_where_shapes_must_broadcast(backend):
    with pytest.raises(ValueError, match=r"^where: cannot broadcast condition with shape \(2, 3\), x1 with shape "
                                         r"\(3,\), x2 with shape \(2,\)"):
        ops.where(np.ones((2, 3), bool), np.ones(3), np.ones(2))


def test_clip_bounds_must_broadcast(backend):
    with pytest.raises(ValueError, match=r"^clip: cannot broadcast x with shape \(2, 3\), x_min with shape "
                                         r"\(2,\), x_max with shape \(\)"):
        ops.clip(np.ones((2, 3)), np.zeros(2), 1.0)
    with pytest.raises(ValueError, match=r"^clip: cannot broadcast x with shape \(2, 3\), x_max with shape \(4,\)"):
        ops.clip(np.ones((2, 3)), None, np.ones(4))


# --- behaviour the table cannot express ------------------------------------------------------

def _grads(fn, *args):
    return [np.asarray(ops.convert_to_numpy(g)) for g in ops.grad(fn, argnums=tuple(range(len(args))))(*args)]


def test_maximum_and_minimum_split_the_gradient_at_ties(backend):
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([1.0, 3.0, 2.0])
    gx, gy = _grads(lambda a, b: ops.sum(ops.maximum(a, b)), x, y)
    np.testing.assert_array_equal(gx, [0.5, 0.0, 1.0])
    np.testing.assert_array_equal(gy, [0.5, 1.0, 0.0])
    gx, gy = _grads(lambda a, b: ops.sum(ops.minimum(a, b)), x, y)
    np.testing.assert_array_equal(gx, [0.5, 1.0, 0.0])
    np.testing.assert_array_equal(gy, [0.5, 0.0, 1.0])


def test_clip_gradient_is_jax_s(backend):
    # Inside: 1; outside: 0; exactly at a bound: 1/2 (as jnp.clip's maximum/minimum).
    x = np.array([-2.0, 0.0, 0.5, 1.0, 3.0])
    (g,) = _grads(lambda a: ops.sum(ops.clip(a, 0.0, 1.0)), x)
    np.testing.assert_array_equal(g, [0.0, 0.5, 1.0, 0.5, 0.0])
    # Array bounds receive the gradient where they are the result.
    lo, hi = np.array([0.0, 0.0, 0.0]), np.array([1.0, 1.0, 1.0])
    gx, glo, ghi = _grads(lambda a, b, c: ops.sum(ops.clip(a, b, c)), np.array([-1.0, 0.5, 2.0]), lo, hi)
    np.testing.assert_array_equal(gx, [0.0, 1.0, 0.0])
    np.testing.assert_array_equal(glo, [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(ghi, [0.0, 0.0, 1.0])


def test_where_gradient_flows_only_to_the_selected_branch(backend):
    condition = np.array([[True, False, True]])
    x1 = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    x2 = np.array([10.0, 20.0, 30.0])  # broadcast over the rows: its gradient sums them
    g1, g2 = _grads(lambda a, b: ops.sum(ops.where(condition, a, b) * 2.0), x1, x2)
    np.testing.assert_array_equal(g1, [[2.0, 0.0, 2.0], [2.0, 0.0, 2.0]])
    np.testing.assert_array_equal(g2, [0.0, 4.0, 0.0])


def test_where_with_condition_only_returns_int32_indices(backend):
    rows, cols = ops.where(np.array([[True, False], [False, True]]))
    assert str(ops.convert_to_numpy(rows).dtype) == "int32"
    assert ops.convert_to_numpy(rows).tolist() == [0, 1] and ops.convert_to_numpy(cols).tolist() == [0, 1]


def test_abs_slope_at_zero_is_one(backend):
    (g,) = _grads(lambda a: ops.sum(ops.abs(a)), np.array([-1.0, 0.0, 1.0]))
    np.testing.assert_array_equal(g, [-1.0, 1.0, 1.0])


def test_power_gradient_at_zero_base_and_exponent(backend):
    # d/dx x**2 at 0 and d/dx x**0 are 0; d/dy 0**y is taken as 0 (log 0 would give nan).
    # (At 0**0 itself JAX's d/dx is nan, the NumPy backend's 0: not compared here.)
    gx, gy = _grads(lambda a, b: ops.sum(ops.power(a, b)), np.array([0.0, 2.0]), np.array([2.0, 0.0]))
    np.testing.assert_array_equal(gx, [0.0, 0.0])
    np.testing.assert_allclose(gy, [0.0, math.log(2.0)])


def test_erf_is_accurate_to_float64():
    x = np.concatenate([np.linspace(-7, 7, 2801), np.logspace(-300, 0.8, 300), [0.0, 2.0 - 1e-12, 2.0]])
    expected = np.array([math.erf(v) for v in x])
    with kerasish.backend.use_backend("numpy"):
        got = np.asarray(ops.convert_to_numpy(ops.erf(x)))
    np.testing.assert_allclose(got, expected, rtol=1e-14, atol=0)
    with kerasish.backend.use_backend("numpy"):
        special = ops.convert_to_numpy(ops.erf(np.array([np.inf, -np.inf, np.nan, -0.0])))
    assert special[0] == 1.0 and special[1] == -1.0 and np.isnan(special[2]) and math.copysign(1, special[3]) == -1


def test_sigmoid_does_not_overflow(backend):
    out = ops.convert_to_numpy(ops.sigmoid(np.array([-1000.0, 0.0, 1000.0], dtype="float32")))
    np.testing.assert_array_equal(out, [0.0, 0.5, 1.0])


def test_python_scalars_convert_exactly_in_float64(backend):
    # 0.1 joins a float64 tensor as float64, not through float32.
    out = ops.convert_to_numpy(ops.add(np.zeros(1, "float64"), 0.1))
    assert out[0] == 0.1


def test_box_operators_route_to_these_ops(backend):
    # Inside a gradient the NumPy backend's Box uses - / // % ** < and friends.
    def f(x):
        y = (x - 1.0) / 2.0 + x ** 2 - (x // 1.0) + (x % 1.0) - (-x)
        return ops.sum(ops.where(x < 0.5, y, abs(y)))

    (g,) = _grads(f, np.array([0.25, 0.75, 1.5]))
    assert g.shape == (3,) and np.all(np.isfinite(g))


def test_ops_run_inside_jit():
    pytest.importorskip("jax")
    with kerasish.backend.use_backend("jax"):
        import jax

        @jax.jit
        def f(x, y):
            return ops.where(ops.greater(x, y), ops.erf(x) * ops.sigmoid(y), ops.clip(ops.round(x, 1), -1.0, 1.0))

        out = f(np.array([0.3, -2.0]), np.array([0.1, 0.5]))
        assert out.shape == (2,)
