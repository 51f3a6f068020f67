"""The NumPy backend's tape (backends/numpy/autodiff.py): accumulation, broadcasting, errors,
nesting and the Box operators."""
import numpy as np
import pytest

from kerasish.backends import numpy as nb
from kerasish.backends.numpy.autodiff import Box


def need(*names):
    missing = [n for n in names if not hasattr(nb, n)]
    if missing:
        pytest.skip(f"numpy backend ops {missing} not available yet")


def test_a_value_used_twice_accumulates():
    x = np.array([1.0, -2.0, 3.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(nb.multiply(v, v)))(x), 2 * x)
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(nb.add(v, v)))(x), [2.0, 2.0, 2.0])
    # Three uses through different paths: d/dx (x*x + 3x) = 2x + 3.
    g = nb.grad(lambda v: nb.sum(nb.add(nb.multiply(v, v), nb.multiply(v, 3.0))))(x)
    np.testing.assert_allclose(g, 2 * x + 3)


def test_broadcasting_sums_back():
    x = np.array([[1.0], [2.0], [3.0]])  # (3, 1)
    y = np.array([[1.0, 10.0, 100.0, 1000.0]])  # (1, 4)
    gx, gy = nb.grad(lambda a, b: nb.sum(nb.multiply(a, b)), argnums=(0, 1))(x, y)
    assert gx.shape == (3, 1) and gy.shape == (1, 4)
    np.testing.assert_allclose(gx, np.full((3, 1), 1111.0))
    np.testing.assert_allclose(gy, np.full((1, 4), 6.0))
    # A scalar and a rank-1 value broadcast against a matrix.
    s, v = np.array(2.0), np.array([1.0, 2.0])
    gs, gv = nb.grad(lambda a, b: nb.sum(nb.add(nb.multiply(a, np.ones((3, 2))), b)),
                     argnums=(0, 1))(s, v)
    assert gs.shape == () and float(gs) == 6.0
    np.testing.assert_allclose(gv, [3.0, 3.0])


def test_gradient_dtype_follows_the_input():
    g = nb.grad(lambda v: nb.sum(nb.multiply(v, np.array([2.0], "float64"))))(np.ones(2, "float32"))
    assert g.dtype == np.float32
    np.testing.assert_allclose(g, [2.0, 2.0])


def test_int_inputs_are_rejected():
    with pytest.raises(TypeError, match=r"argument 0 has a leaf of dtype int32; gradients need float inputs"):
        nb.grad(lambda v: nb.sum(v))(np.array([1, 2], "int32"))
    with pytest.raises(TypeError, match=r"argument 1 has a leaf of dtype .*int"):
        nb.grad(lambda a, b: nb.sum(nb.multiply(a, b)), argnums=(0, 1))(np.ones(2), 3)
    with pytest.raises(TypeError, match="gradients need float inputs"):
        nb.grad(lambda d: nb.sum(d["a"]))({"a": np.array([True])})
    # An int argument outside argnums is fine.
    assert nb.grad(lambda a, n: nb.sum(nb.multiply(a, n)))(np.ones(2), np.array(3)).tolist() == [3.0, 3.0]


def test_python_float_input_becomes_floatx():
    g = nb.grad(lambda v: nb.multiply(v, v))(3.0)
    assert g.dtype == np.float32 and float(g) == 6.0


def test_non_scalar_output_is_rejected():
    with pytest.raises(TypeError, match=r"must return a scalar, got an output of shape \(2,\)"):
        nb.grad(lambda v: nb.multiply(v, 2.0))(np.ones(2))
    with pytest.raises(TypeError, match=r"has_aux=True: the function must return \(value, aux\)"):
        nb.value_and_grad(lambda v: nb.sum(v), has_aux=True)(np.ones(2))


def test_output_independent_of_input_gives_zeros():
    value, g = nb.value_and_grad(lambda v: nb.sum(np.ones(3)))(np.ones((2, 2), "float32"))
    assert float(value) == 3.0
    assert g.shape == (2, 2) and g.dtype == np.float32 and not g.any()
    ga, gb = nb.grad(lambda a, b: nb.sum(nb.multiply(a, 2.0)), argnums=(0, 1))(np.ones(2), np.ones(3))
    np.testing.assert_allclose(ga, [2.0, 2.0])
    np.testing.assert_array_equal(gb, np.zeros(3))


def test_stop_gradient_cuts_the_tape():
    x = np.array([1.0, 2.0])
    np.testing.assert_array_equal(nb.grad(lambda v: nb.sum(nb.stop_gradient(nb.multiply(v, v))))(x),
                                  [0.0, 0.0])


def test_nested_value_and_grad_over_independent_values():
    inner = nb.value_and_grad(lambda y: nb.sum(nb.multiply(y, y)))

    def outer(x):
        # The inner gradient is over its own values (a constant for the outer one).
        value, gy = inner(np.array([1.0, 2.0]))
        return nb.sum(nb.multiply(x, nb.add(value, nb.sum(gy))))

    value, g = nb.value_and_grad(outer)(np.array([1.0, 1.0]))
    assert float(value) == 2 * (5.0 + 6.0)
    np.testing.assert_allclose(g, [11.0, 11.0])


def test_mixing_outer_and_inner_values_raises():
    def outer(x):
        # The inner function closes over the outer input: a gradient of a gradient.
        return nb.sum(nb.grad(lambda y: nb.sum(nb.multiply(y, x)))(np.array([1.0, 2.0])))

    with pytest.raises(NotImplementedError, match="first-order gradients only"):
        nb.grad(outer)(np.array([3.0, 4.0]))


def test_gradient_of_a_gradient_raises():
    def first(x):
        return nb.sum(nb.multiply(nb.multiply(x, x), x))

    with pytest.raises(NotImplementedError, match="first-order gradients only"):
        nb.grad(lambda x: nb.sum(nb.grad(first)(x)))(np.array([1.0, 2.0]))


def test_box_operators_record_gradients():
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(v + 1))(x), [1.0, 1.0, 1.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(1 + v))(x), [1.0, 1.0, 1.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(2 * v))(x), [2.0, 2.0, 2.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(v * v))(x), 2 * x)
    np.testing.assert_allclose(nb.grad(lambda v: v[0])(x), [1.0, 0.0, 0.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(v[np.array([0, 0, 2])]))(x), [2.0, 0.0, 1.0])
    np.testing.assert_allclose(nb.grad(lambda v: nb.sum(v + np.ones((2, 3))))(x), [2.0, 2.0, 2.0])
    if hasattr(nb, "negative"):
        np.testing.assert_allclose(nb.grad(lambda v: nb.sum(-v))(x), [-1.0, -1.0, -1.0])


def test_box_matmul_and_transpose():
    need("matmul", "transpose")
    a = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    b = np.array([[1.0, -1.0, 0.5], [2.0, 0.0, 1.0]])
    ga, gb = nb.grad(lambda p, q: nb.sum(p @ q), argnums=(0, 1))(a, b)
    np.testing.assert_allclose(ga, np.ones((3, 3)) @ b.T)
    np.testing.assert_allclose(gb, a.T @ np.ones((3, 3)))
    w = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(nb.grad(lambda p: nb.sum(nb.multiply(p.T, w)))(a), w.T)
    # ndarray @ Box goes through Box.__rmatmul__.
    np.testing.assert_allclose(nb.grad(lambda q: nb.sum(a @ q))(b), a.T @ np.ones((3, 3)))


def test_box_refuses_conversion_to_numpy():
    def f(v):
        np.asarray(v)
        return nb.sum(v)

    with pytest.raises(TypeError, match="cannot be converted to a NumPy array: that would cut it from the gradient"):
        nb.grad(f)(np.ones(2))


def test_ndarray_operators_defer_to_box():
    def f(v):
        out = np.array([1.0, 2.0]) * v  # NumPy defers to Box.__rmul__
        assert isinstance(out, Box)
        return nb.sum(out)

    np.testing.assert_allclose(nb.grad(f)(np.ones(2)), [1.0, 2.0])


def test_gradients_mirror_argument_structure():
    params = {"w": np.array([1.0, 2.0]), "layers": [np.array(3.0), (np.array([4.0]),)]}

    def f(p):
        return nb.sum(nb.add(nb.multiply(p["w"], p["layers"][0]), nb.sum(p["layers"][1][0])))

    g = nb.grad(f)(params)
    assert set(g) == {"w", "layers"} and isinstance(g["layers"], list)
    assert isinstance(g["layers"][1], tuple)
    np.testing.assert_allclose(g["w"], [3.0, 3.0])
    np.testing.assert_allclose(g["layers"][0], 3.0)
    np.testing.assert_allclose(g["layers"][1][0], [2.0])


def test_custom_gradient_on_the_tape():
    @nb.custom_gradient
    def clip_grad(x):
        return x, lambda g: nb.multiply(g, 0.0)

    g = nb.grad(lambda v: nb.sum(nb.add(clip_grad(v), v)))(np.ones(2))
    np.testing.assert_allclose(g, [1.0, 1.0])
    assert not isinstance(clip_grad(np.ones(2)), Box)
