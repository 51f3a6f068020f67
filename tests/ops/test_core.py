"""Core ops on every backend: control flow (cond, scan, fori_loop, while_loop), differentiation
(stop_gradient, custom_gradient, value_and_grad, grad), jit and conversion."""
import numpy as np
import pytest

import kerasish
from kerasish import ops
from tests.conftest import require_backends


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def need(*names):
    missing = [n for n in names if not hasattr(ops, n)]
    if missing:
        pytest.skip(f"ops {missing} not available yet")


def t(x, dtype=None):
    return ops.convert_to_tensor(np.asarray(x, dtype=dtype))


# ----------------------------------------------------------------- cond


def test_cond_picks_a_branch(backend):
    x = t([1.0, 2.0], "float32")
    for pred, expected in [(True, [2.0, 4.0]), (False, [3.0, 4.0]),
                           (t(True), [2.0, 4.0]), (t(False), [3.0, 4.0])]:
        out = ops.cond(pred, lambda: ops.multiply(x, 2.0), lambda: ops.add(x, 2.0))
        np.testing.assert_allclose(np_(out), expected)


def test_cond_returns_structures_and_differentiates(backend):
    def f(x, flag):
        a, b = ops.cond(flag, lambda: (ops.multiply(x, x), x), lambda: (x, ops.multiply(x, 3.0)))
        return ops.add(a, b)

    x = t(2.0, "float64")
    assert float(np_(ops.grad(f)(x, t(True)))) == pytest.approx(5.0)
    assert float(np_(ops.grad(f)(x, t(False)))) == pytest.approx(4.0)


@require_backends("jax")
def test_cond_with_traced_predicate_under_jit():
    with kerasish.backend.use_backend("jax"):
        f = ops.jit(lambda p, x: ops.cond(p, lambda: ops.add(x, 1.0), lambda: ops.add(x, -1.0)))
        assert float(np_(f(t(True), t(1.0, "float32")))) == 2.0
        assert float(np_(f(t(False), t(1.0, "float32")))) == 0.0


# ----------------------------------------------------------------- scan


def test_scan_carry_and_stacked_ys(backend):
    xs = t(np.arange(1.0, 6.0), "float32")

    def step(carry, x):
        carry = ops.add(carry, x)
        return carry, ops.multiply(carry, 2.0)

    carry, ys = ops.scan(step, t(0.0, "float32"), xs)
    assert float(np_(carry)) == 15.0
    np.testing.assert_allclose(np_(ys), 2 * np.cumsum(np.arange(1.0, 6.0)))
    assert ops.dtype(ys) == "float32" and ops.shape(ys) == (5,)


def test_scan_reverse(backend):
    xs = t(np.arange(1.0, 5.0), "float32")
    carry, ys = ops.scan(lambda c, x: (ops.add(c, x), c), t(0.0, "float32"), xs, reverse=True)
    assert float(np_(carry)) == 10.0
    # ys[i] is the carry before consuming xs[i], consuming from the end.
    np.testing.assert_allclose(np_(ys), [9.0, 7.0, 4.0, 0.0])


def test_scan_pytrees(backend):
    xs = {"a": t(np.arange(6.0).reshape(3, 2), "float32"), "b": (t([1.0, 2.0, 3.0], "float32"),)}
    init = {"sum": t([0.0, 0.0], "float32"), "count": t(0, "int32")}

    def step(carry, x):
        new = {"sum": ops.add(carry["sum"], ops.multiply(x["a"], x["b"][0])),
               "count": ops.add(carry["count"], 1)}
        return new, (x["b"][0], [ops.multiply(x["a"], 0.5)])

    carry, (bs, [halves]) = ops.scan(step, init, xs)
    np.testing.assert_allclose(np_(carry["sum"]), [0 * 1 + 2 * 2 + 4 * 3, 1 * 1 + 3 * 2 + 5 * 3])
    assert int(np_(carry["count"])) == 3 and ops.dtype(carry["count"]) == "int32"
    np.testing.assert_allclose(np_(bs), [1.0, 2.0, 3.0])
    np.testing.assert_allclose(np_(halves), np.arange(6.0).reshape(3, 2) * 0.5)


def test_scan_without_xs_uses_length(backend):
    carry, ys = ops.scan(lambda c, _: (ops.multiply(c, 2.0), c), t(1.0, "float32"), None, length=4)
    assert float(np_(carry)) == 16.0
    np.testing.assert_allclose(np_(ys), [1.0, 2.0, 4.0, 8.0])


def test_scan_with_no_ys(backend):
    carry, ys = ops.scan(lambda c, x: (ops.add(c, x), None), t(0.0, "float32"),
                         t([1.0, 2.0], "float32"))
    assert float(np_(carry)) == 3.0 and ys is None


# ----------------------------------------------------------------- fori_loop, while_loop


def test_fori_loop_index_is_int32(backend):
    out = ops.fori_loop(0, 5, lambda i, v: ops.add(v, i), t(0, "int32"))
    assert int(np_(out)) == 10 and ops.dtype(out) == "int32"


def test_fori_loop(backend):
    out = ops.fori_loop(0, 5, lambda i, v: ops.add(v, ops.cast(i, "int32")), t(0, "int32"))
    assert int(np_(out)) == 10
    a, b = ops.fori_loop(2, 4, lambda i, v: (ops.multiply(v[0], 2.0), ops.add(v[1], 1.0)),
                         (t(1.0, "float32"), t(0.0, "float32")))
    assert float(np_(a)) == 4.0 and float(np_(b)) == 2.0
    assert float(np_(ops.fori_loop(3, 3, lambda i, v: ops.add(v, 1.0), t(7.0, "float32")))) == 7.0


def test_while_loop_tuple_vars(backend):
    def cond(i, total):
        return ops.less(i, 5) if hasattr(ops, "less") else i < 5

    i, total = ops.while_loop(cond, lambda i, total: (ops.add(i, 1), ops.add(total, i)),
                              (t(0, "int32"), t(0, "int32")))
    assert int(np_(i)) == 5 and int(np_(total)) == 10
    assert isinstance(ops.while_loop(cond, lambda i, s: (ops.add(i, 1), s),
                                     (t(0, "int32"), t(0, "int32"))), tuple)


def test_while_loop_single_var_and_maximum_iterations(backend):
    def cond(x):
        return ops.less(x, 100.0) if hasattr(ops, "less") else x < 100.0

    out = ops.while_loop(cond, lambda x: ops.multiply(x, 2.0), t(1.0, "float32"))
    assert float(np_(out)) == 128.0
    out = ops.while_loop(cond, lambda x: ops.multiply(x, 2.0), t(1.0, "float32"),
                         maximum_iterations=3)
    assert float(np_(out)) == 8.0
    i, x = ops.while_loop(lambda i, x: True, lambda i, x: (ops.add(i, 1), ops.add(x, 0.5)),
                          [t(0, "int32"), t(0.0, "float32")], maximum_iterations=4)
    assert int(np_(i)) == 4 and float(np_(x)) == 2.0


# ----------------------------------------------------------------- stop_gradient, custom_gradient


def test_stop_gradient(backend):
    x = t([1.0, 2.0, 3.0], "float64")
    g = ops.grad(lambda v: ops.sum(ops.stop_gradient(v)))(x)
    np.testing.assert_array_equal(np_(g), np.zeros(3))
    # Only the unstopped factor is differentiated: d/dx sum(x * const(x)) = x.
    g = ops.grad(lambda v: ops.sum(ops.multiply(v, ops.stop_gradient(v))))(x)
    np.testing.assert_allclose(np_(g), [1.0, 2.0, 3.0])
    np.testing.assert_allclose(np_(ops.stop_gradient(x)), np_(x))


def test_custom_gradient_keras_log1pexp_example(backend):
    need("exp", "log")

    @ops.custom_gradient
    def log1pexp(x):
        e = ops.exp(x)

        def grad(*args, upstream=None):
            if upstream is None:
                (upstream,) = args
            return ops.multiply(upstream, ops.add(1.0, ops.multiply(-1.0, ops.divide(1.0, ops.add(1.0, e)))))

        return ops.log(ops.add(1.0, e)), grad

    with np.errstate(over="ignore"):  # exp(100) overflows float32 (the point of the example)
        g = ops.grad(log1pexp)(t(100.0, "float32"))
    assert np.isfinite(np_(g)) and float(np_(g)) == pytest.approx(1.0)
    g = ops.grad(log1pexp)(t(0.0, "float64"))
    assert float(np_(g)) == pytest.approx(0.5)
    np.testing.assert_allclose(np_(log1pexp(t(0.0, "float64"))), np.log(2.0))


def test_custom_gradient_keyword_upstream_and_two_args(backend):
    @ops.custom_gradient
    def scaled(x, y):
        def grad(upstream):
            return ops.multiply(upstream, 10.0), ops.multiply(upstream, 20.0)

        return ops.multiply(x, y), grad

    gx, gy = ops.grad(lambda a, b: ops.sum(scaled(a, b)), argnums=(0, 1))(
        t([1.0, 2.0], "float64"), t([3.0, 4.0], "float64"))
    np.testing.assert_allclose(np_(gx), [10.0, 10.0])
    np.testing.assert_allclose(np_(gy), [20.0, 20.0])

    @ops.custom_gradient
    def ident(x):
        return x, lambda *, upstream: ops.multiply(upstream, 3.0)

    assert float(np_(ops.grad(ident)(t(1.0, "float64")))) == 3.0


# ----------------------------------------------------------------- value_and_grad, grad


def test_value_and_grad_and_grad(backend):
    def f(x):
        return ops.sum(ops.multiply(x, x))

    x = t([1.0, -2.0, 3.0], "float64")
    value, g = ops.value_and_grad(f)(x)
    assert float(np_(value)) == 14.0
    np.testing.assert_allclose(np_(g), [2.0, -4.0, 6.0])
    np.testing.assert_allclose(np_(ops.grad(f)(x)), [2.0, -4.0, 6.0])
    assert ops.dtype(g) == "float64"
    assert ops.dtype(ops.grad(f)(t([1.0], "float32"))) == "float32"


def test_has_aux(backend):
    def f(x):
        y = ops.multiply(x, 3.0)
        return ops.sum(y), {"y": y, "n": 3}

    (value, aux), g = ops.value_and_grad(f, has_aux=True)(t([1.0, 2.0], "float64"))
    assert float(np_(value)) == 9.0
    np.testing.assert_allclose(np_(aux["y"]), [3.0, 6.0])
    assert aux["n"] == 3
    np.testing.assert_allclose(np_(g), [3.0, 3.0])
    g, aux = ops.grad(f, has_aux=True)(t([1.0, 2.0], "float64"))
    np.testing.assert_allclose(np_(g), [3.0, 3.0])
    np.testing.assert_allclose(np_(aux["y"]), [3.0, 6.0])


def test_argnums_tuple(backend):
    def f(a, b, c):
        return ops.sum(ops.add(ops.multiply(a, b), c))

    a, b, c = t([1.0, 2.0], "float64"), t([3.0, 4.0], "float64"), t([5.0, 6.0], "float64")
    ga, gc = ops.grad(f, argnums=(0, 2))(a, b, c)
    np.testing.assert_allclose(np_(ga), [3.0, 4.0])
    np.testing.assert_allclose(np_(gc), [1.0, 1.0])
    gb = ops.grad(f, argnums=1)(a, b, c)
    np.testing.assert_allclose(np_(gb), [1.0, 2.0])
    value, (gb,) = ops.value_and_grad(f, argnums=(1,))(a, b, c)
    assert float(np_(value)) == 3 + 8 + 11
    np.testing.assert_allclose(np_(gb), [1.0, 2.0])


def test_pytree_arguments(backend):
    def f(params, scale):
        w, (b,) = params["dense"]["w"], params["bias"]
        return ops.sum(ops.multiply(ops.add(ops.multiply(w, scale[0]), b), scale[1]))

    params = {"dense": {"w": t([1.0, 2.0], "float64")}, "bias": (t([0.5, 0.5], "float64"),)}
    scale = [t(2.0, "float64"), t(3.0, "float64")]
    g_params, g_scale = ops.grad(f, argnums=(0, 1))(params, scale)
    assert set(g_params) == {"dense", "bias"} and isinstance(g_params["bias"], tuple)
    np.testing.assert_allclose(np_(g_params["dense"]["w"]), [6.0, 6.0])
    np.testing.assert_allclose(np_(g_params["bias"][0]), [3.0, 3.0])
    assert isinstance(g_scale, list)
    np.testing.assert_allclose(float(np_(g_scale[0])), 3.0 * 3.0)  # d/ds0 = s1 * sum(w)
    np.testing.assert_allclose(float(np_(g_scale[1])), 2.0 * 3.0 + 1.0)  # sum(w*s0 + b)


# ----------------------------------------------------------------- gradients through loops


def _scan_loss(w, xs):
    # A tiny linear recurrence h <- h * w + x; the loss sums the states.
    def step(h, x):
        h = ops.add(ops.multiply(h, w), x)
        return h, h

    h, hs = ops.scan(step, ops.multiply(w, 0.0), xs)
    return ops.add(ops.sum(hs), ops.sum(ops.multiply(h, h)))


def _fori_loss(w, x):
    return ops.sum(ops.fori_loop(0, 4, lambda i, v: ops.add(ops.multiply(v, w), x), x))


def _while_loss(w, x):
    # On the numpy backend the tape records the unrolled loop (JAX's while_loop has no reverse
    # mode; fori_loop with static bounds does, as a scan).
    _, v = ops.while_loop(lambda i, v: True, lambda i, v: (ops.add(i, 1), ops.multiply(v, w)),
                          (t(0, "int32"), x), maximum_iterations=3)
    return ops.sum(v)


def _finite_differences(fun, args, argnum, eps=1e-6):
    args = [np.asarray(a, dtype=np.float64) for a in args]
    x = args[argnum]
    grad = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        plus, minus = x.copy(), x.copy()
        plus[idx] += eps
        minus[idx] -= eps
        hi = fun(*[plus if i == argnum else a for i, a in enumerate(args)])
        lo = fun(*[minus if i == argnum else a for i, a in enumerate(args)])
        grad[idx] = (float(np_(hi)) - float(np_(lo))) / (2 * eps)
    return grad


@require_backends("numpy", "jax")
@pytest.mark.parametrize("loss, args", [
    (_scan_loss, (np.array([0.7, -0.3]), np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.1]]))),
    (_fori_loss, (np.array([0.9, 1.1, -0.5]), np.array([1.0, -2.0, 0.5]))),
], ids=["scan", "fori_loop"])
def test_gradients_through_loops_agree(loss, args):
    results = {}
    for name in ("numpy", "jax"):
        with kerasish.backend.use_backend(name):
            tensors = [ops.convert_to_tensor(a) for a in args]
            value, grads = ops.value_and_grad(loss, argnums=(0, 1))(*tensors)
            results[name] = (float(np_(value)), [np_(g) for g in grads])
    assert results["numpy"][0] == pytest.approx(results["jax"][0], rel=1e-12)
    for g_np, g_jax in zip(results["numpy"][1], results["jax"][1]):
        np.testing.assert_allclose(g_np, g_jax, rtol=1e-10, atol=1e-12)
    with kerasish.backend.use_backend("numpy"):
        for argnum in (0, 1):
            fd = _finite_differences(loss, args, argnum)
            np.testing.assert_allclose(results["numpy"][1][argnum], fd, rtol=1e-5, atol=1e-7)


def test_numpy_gradient_through_while_loop():
    with kerasish.backend.use_backend("numpy"):
        w, x = np.array([0.9, 1.2]), np.array([1.5, -0.5])
        gw, gx = ops.grad(_while_loss, argnums=(0, 1))(w, x)
        np.testing.assert_allclose(gw, 3 * w ** 2 * x)
        np.testing.assert_allclose(gx, w ** 3)
        np.testing.assert_allclose(gw, _finite_differences(_while_loss, (w, x), 0), rtol=1e-6)


# ----------------------------------------------------------------- jit


def test_jit_runs_the_function(backend):
    calls = []

    def f(x, y):
        calls.append(1)
        return ops.add(ops.multiply(x, 2.0), y)

    g = ops.jit(f, donate_argnums=(1,))
    x = t([1.0, 2.0], "float32")
    np.testing.assert_allclose(np_(g(x, t([1.0, 1.0], "float32"))), [3.0, 5.0])
    np.testing.assert_allclose(np_(g(x, t([0.0, 0.0], "float32"))), [2.0, 4.0])
    if backend == "numpy":
        assert g is f and len(calls) == 2  # identity: eager every call
    else:
        assert len(calls) == 1  # traced once, then the compiled program runs
        assert ops.is_tensor(g(x, t([0.0, 0.0], "float32")))


def test_jit_static_argnums(backend):
    g = ops.jit(lambda x, n: ops.multiply(x, float(n)), static_argnums=(1,))
    np.testing.assert_allclose(np_(g(t([1.0, 2.0], "float32"), 3)), [3.0, 6.0])


def test_jit_of_value_and_grad(backend):
    step = ops.jit(ops.value_and_grad(lambda w: ops.sum(ops.multiply(w, w))))
    value, g = step(t([1.0, 2.0], "float32"))
    assert float(np_(value)) == 5.0
    np.testing.assert_allclose(np_(g), [2.0, 4.0])


# ----------------------------------------------------------------- conversion


@pytest.mark.parametrize("value, dtype", [
    (1.0, "float32"), (1, "int32"), (True, "bool"), ([1, 2], "int32"), ([1, 2.0], "float32"),
    ([[1.0, 2.0], [3.0, 4.0]], "float32"), ([True, False], "bool"),
    (np.array([1.0, 2.0]), "float64"), (np.array([1.0], "float32"), "float32"),
    (np.array([1, 2], "int64"), "int64"), (np.array([1], "uint8"), "uint8"),
], ids=repr)
def test_convert_to_tensor_dtype_rules(backend, value, dtype):
    x = ops.convert_to_tensor(value)
    assert ops.is_tensor(x)
    assert ops.dtype(x) == dtype
    np.testing.assert_array_equal(np_(x), np.asarray(value))


def test_convert_to_tensor_with_dtype(backend):
    assert ops.dtype(ops.convert_to_tensor([1, 2], dtype="float64")) == "float64"
    assert ops.dtype(ops.convert_to_tensor(1.5, dtype="float16")) == "float16"
    assert ops.dtype(ops.convert_to_tensor(np.ones(2), dtype="float32")) == "float32"
    x = ops.convert_to_tensor(np.ones(2, "float32"))
    assert ops.convert_to_tensor(x) is x


def test_cast(backend):
    x = t([-1.7, -0.2, 0.5, 1.7], "float32")
    y = ops.cast(x, "int32")
    assert ops.dtype(y) == "int32"
    np.testing.assert_array_equal(np_(y), [-1, 0, 0, 1])  # truncates toward zero
    assert ops.dtype(ops.cast(x, "float64")) == "float64"
    assert ops.dtype(ops.cast([1, 2], "float16")) == "float16"
    np.testing.assert_array_equal(np_(ops.cast(t([0, 2], "int32"), "bool")), [False, True])
    # cast is differentiable between float dtypes.
    g = ops.grad(lambda v: ops.sum(ops.cast(ops.multiply(v, 2.0), "float64")))(t([1.0], "float32"))
    assert ops.dtype(g) == "float32"
    np.testing.assert_allclose(np_(g), [2.0])


def test_is_tensor(backend):
    assert ops.is_tensor(ops.convert_to_tensor([1.0]))
    assert not ops.is_tensor([1.0])
    assert not ops.is_tensor(1.0)
    assert ops.is_tensor(np.ones(2)) == (backend == "numpy")


def test_shape_ndim_size_dtype(backend):
    x = t(np.zeros((2, 3)), "float32")
    assert ops.shape(x) == (2, 3) and ops.ndim(x) == 2 and ops.size(x) == 6
    assert ops.dtype(x) == "float32"
