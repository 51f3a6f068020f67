"""Error paths (and a few exact values) of reductions, cumulative ops, sorting and top_k, on each backend."""
import math
import re

import numpy as np
import pytest

from kerasish import ops

X = np.arange(24, dtype="float32").reshape(2, 3, 4)


@pytest.mark.parametrize("op", ["sum", "mean", "var", "std", "max", "min", "prod", "all", "any", "logsumexp"])
def test_axis_out_of_range(backend, op):
    with pytest.raises(ValueError, match=rf"{op}: `axis`=3 is out of range for `x` with 3 dimensions; expected an axis in \[-3, 2\]"):
        getattr(ops, op)(X, axis=3)
    with pytest.raises(ValueError, match=rf"{op}: `axis`=-4 is out of range"):
        getattr(ops, op)(X, axis=(0, -4))


@pytest.mark.parametrize("op", ["sum", "mean", "max", "logsumexp"])
def test_repeated_axes(backend, op):
    with pytest.raises(ValueError, match=rf"{op}: `axis` has repeated axes: \(1, -2\)"):
        getattr(ops, op)(X, axis=(1, -2))


@pytest.mark.parametrize("op", ["argmax", "argmin", "cumsum", "cumprod", "sort", "argsort"])
def test_single_axis_ops(backend, op):
    with pytest.raises(ValueError, match=rf"{op}: `axis`=5 is out of range for `x` with 3 dimensions"):
        getattr(ops, op)(X, axis=5)
    with pytest.raises(TypeError, match=rf"{op}: `axis` must be an int; received \(0, 1\)"):
        getattr(ops, op)(X, axis=(0, 1))


@pytest.mark.parametrize("op", ["max", "min", "argmax", "argmin"])
def test_empty_reduction(backend, op):
    empty = np.zeros((2, 0), "float32")
    with pytest.raises(ValueError, match=rf"{op}: cannot reduce `x` of shape \(2, 0\) over an empty axis"):
        getattr(ops, op)(empty, axis=1)
    assert tuple(ops.shape(getattr(ops, op)(empty, axis=0))) == (0,)


def test_max_min_initial_on_empty(backend):
    empty = np.zeros((2, 0), "float32")
    np.testing.assert_array_equal(ops.convert_to_numpy(ops.max(empty, axis=1, initial=-1.0)), [-1.0, -1.0])
    np.testing.assert_array_equal(ops.convert_to_numpy(ops.min(empty, axis=1, initial=5.0)), [5.0, 5.0])


@pytest.mark.parametrize("op", ["prod", "cumsum", "cumprod"])
def test_bad_dtype(backend, op):
    with pytest.raises(TypeError, match=rf"{op}: `dtype`='float7' is not a supported dtype"):
        getattr(ops, op)(X, dtype="float7")


def test_top_k_errors(backend):
    with pytest.raises(ValueError, match=re.escape("top_k: `k` must be in [0, 4] (the size of the last axis of `x`, shape (2, 3, 4)); received k=5")):
        ops.top_k(X, 5)
    with pytest.raises(ValueError, match=r"top_k: `k` must be in \[0, 4\].*received k=-1"):
        ops.top_k(X, -1)
    with pytest.raises(TypeError, match=r"top_k: `k` must be an int; received 2.0"):
        ops.top_k(X, 2.0)
    with pytest.raises(ValueError, match=r"top_k: `x` must have at least 1 dimension; received shape \(\)"):
        ops.top_k(np.float32(1.0), 1)


def test_top_k_ties_take_lower_index_first(backend):
    values, indices = ops.top_k(np.array([1, 3, 2, 3, 1], "int32"), 3)
    np.testing.assert_array_equal(ops.convert_to_numpy(values), [3, 3, 2])
    np.testing.assert_array_equal(ops.convert_to_numpy(indices), [1, 3, 2])
    assert str(ops.convert_to_numpy(indices).dtype) == "int32"


def test_logsumexp_is_stable(backend):
    out = ops.convert_to_numpy(ops.logsumexp(np.array([1000.0, 1000.0], "float32")))
    np.testing.assert_allclose(out, 1000.0 + math.log(2.0), rtol=1e-6)
    out = ops.convert_to_numpy(ops.logsumexp(np.array([-1000.0, -1000.0], "float32")))
    np.testing.assert_allclose(out, -1000.0 + math.log(2.0), rtol=1e-6)
    out = ops.convert_to_numpy(ops.logsumexp(np.array([-np.inf, -np.inf], "float32")))
    assert out == -np.inf


def test_prod_and_cumprod_gradients_at_zeros(backend):
    # The gradient is the product of the other elements: no division by the zero.
    g = ops.grad(lambda x: ops.prod(x))(np.array([0.0, 2.0, 3.0]))
    np.testing.assert_allclose(ops.convert_to_numpy(g), [6.0, 0.0, 0.0])
    g = ops.grad(lambda x: ops.prod(x))(np.array([0.0, 2.0, 0.0]))
    np.testing.assert_allclose(ops.convert_to_numpy(g), [0.0, 0.0, 0.0])
    # cumprod([2, 0, 3]) = [2, 0, 0]: d sum / dx = [1 + x1 + x1 x2, x0 + x0 x2, x0 x1] = [1, 8, 0]
    g = ops.grad(lambda x: ops.sum(ops.cumprod(x)))(np.array([2.0, 0.0, 3.0]))
    np.testing.assert_allclose(ops.convert_to_numpy(g), [1.0, 8.0, 0.0])


def test_max_gradient_is_shared_among_ties(backend):
    g = ops.grad(lambda x: ops.sum(ops.max(x, axis=1)))(np.array([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]]))
    np.testing.assert_allclose(ops.convert_to_numpy(g), [[0, 0.5, 0.5], [1 / 3, 1 / 3, 1 / 3]])
