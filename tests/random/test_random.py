"""kerasish.random on every backend: determinism, statistics, seeds (int, SeedGenerator, tensor,
None), jit with a traced seed, and argument errors."""
import random as python_random

import numpy as np
import pytest

import kerasish
from kerasish import ops
from kerasish import random as kr
from tests.conftest import require_backends

N = 10_000


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


# ----------------------------------------------------------------- determinism and seeds


@pytest.mark.parametrize("draw", [
    lambda seed: kr.normal((5,), seed=seed),
    lambda seed: kr.uniform((5,), seed=seed),
    lambda seed: kr.truncated_normal((5,), seed=seed),
    lambda seed: kr.randint((5,), 0, 1000, seed=seed),
    lambda seed: kr.categorical(np.zeros((2, 50), "float32"), 5, seed=seed),
    lambda seed: kr.dropout(np.ones((20,), "float32"), 0.5, seed=seed),
    lambda seed: kr.shuffle(np.arange(20), seed=seed),
], ids=["normal", "uniform", "truncated_normal", "randint", "categorical", "dropout", "shuffle"])
def test_same_seed_same_values_different_seed_differs(backend, draw):
    a, b, c = np_(draw(1)), np_(draw(1)), np_(draw(2))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_seed_generator_advances_and_is_reproducible(backend):
    gen = kr.SeedGenerator(42)
    s0, s1 = np_(gen.next()), np_(gen.next())
    np.testing.assert_array_equal(s0, [42, 0])
    np.testing.assert_array_equal(s1, [42, 1])
    assert ops.dtype(gen.state) == "uint32"
    first = [np_(kr.normal((4,), seed=g)) for g in [kr.SeedGenerator(7)] * 2]
    assert not np.array_equal(first[0], first[1])  # one generator: new values on each call
    again = kr.SeedGenerator(7)
    np.testing.assert_array_equal(np_(kr.normal((4,), seed=again)), first[0])
    np.testing.assert_array_equal(np_(kr.normal((4,), seed=again)), first[1])


def test_int_seed_equals_its_seed_tensor(backend):
    seed = ops.convert_to_tensor(np.array([5, 0], np.uint32))
    np.testing.assert_array_equal(np_(kr.normal((3,), seed=5)), np_(kr.normal((3,), seed=seed)))
    # A seed generator's first draw is the int seed's tensor, as in Keras.
    np.testing.assert_array_equal(np_(kr.uniform((3,), seed=kr.SeedGenerator(5))),
                                  np_(kr.uniform((3,), seed=5)))
    # An int64 seed tensor is accepted (cast to uint32).
    np.testing.assert_array_equal(np_(kr.normal((3,), seed=np.array([5, 0], np.int64))),
                                  np_(kr.normal((3,), seed=5)))


def test_large_and_negative_int_seeds(backend):
    big = np_(kr.normal((3,), seed=2**40 + 3))
    assert not np.array_equal(big, np_(kr.normal((3,), seed=3)))
    np.testing.assert_array_equal(np_(kr.draw_seed(-1)), [2**32 - 1, 2**32 - 1])


def test_seed_generator_config_and_names():
    gen = kr.SeedGenerator(3, name="my_gen")
    assert gen.get_config() == {"seed": 3, "name": "my_gen"}
    clone = kr.SeedGenerator.from_config(gen.get_config())
    np.testing.assert_array_equal(np_(clone.next()), np_(gen.next()))
    assert kr.SeedGenerator().get_config()["seed"] is None
    assert kr.SeedGenerator().name != kr.SeedGenerator().name


def test_seed_generator_unordered_next(backend):
    if not hasattr(ops, "mod"):
        pytest.skip("ops.mod not available yet")
    gen = kr.SeedGenerator(3)
    np.testing.assert_array_equal(np_(gen.next(ordered=False)), [3, 0])
    np.testing.assert_array_equal(np_(gen.state), [(4 * 5387) % 933199, 5387])


def test_unseeded_ops_use_global_generator_and_set_random_seed(backend):
    a = np_(kr.normal((4,)))
    b = np_(kr.normal((4,)))
    assert not np.array_equal(a, b)
    kerasish.utils.set_random_seed(123)
    c = np_(kr.normal((4,)))
    py, npv = python_random.random(), np.random.rand()
    kerasish.utils.set_random_seed(123)
    np.testing.assert_array_equal(np_(kr.normal((4,))), c)
    assert python_random.random() == py
    assert np.random.rand() == npv


def test_set_random_seed_rejects_non_int():
    with pytest.raises(ValueError, match="set_random_seed: `seed` must be an int"):
        kerasish.utils.set_random_seed(1.5)


# ----------------------------------------------------------------- distributions


def test_normal_statistics_and_dtype(backend):
    x = kr.normal((N,), mean=2.0, stddev=3.0, seed=0)
    assert ops.dtype(x) == "float32" and ops.shape(x) == (N,)
    x = np_(x)
    assert abs(x.mean() - 2.0) < 0.1 and abs(x.std() - 3.0) < 0.1
    assert ops.dtype(kr.normal((2, 3), dtype="float64", seed=0)) == "float64"
    assert ops.dtype(kr.normal((2,), dtype="float16", seed=0)) == "float16"
    assert ops.shape(kr.normal((2, 0, 3), seed=0)) == (2, 0, 3)
    assert ops.shape(kr.normal(4, seed=0)) == (4,)


def test_uniform_statistics_and_range(backend):
    x = kr.uniform((N,), minval=-1.0, maxval=3.0, seed=0)
    assert ops.dtype(x) == "float32"
    x = np_(x)
    assert x.min() >= -1.0 and x.max() < 3.0
    assert abs(x.mean() - 1.0) < 0.05 and abs(x.std() - 4 / np.sqrt(12)) < 0.05
    assert ops.dtype(kr.uniform((3,), dtype="float64", seed=0)) == "float64"


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_half_precision_dtypes(backend, dtype):
    x = kr.uniform((N,), dtype=dtype, seed=0)
    assert ops.dtype(x) == dtype
    x = np_(x).astype("float32")
    assert x.min() >= 0.0 and x.max() < 1.0  # rounding to a narrow dtype never reaches maxval
    assert ops.dtype(kr.normal((3,), dtype=dtype, seed=0)) == dtype
    y = np_(kr.truncated_normal((N,), dtype=dtype, seed=0)).astype("float32")
    assert np.abs(y).max() <= 2.0


def test_tensor_bounds(backend):
    lo = ops.convert_to_tensor(np.float32(1.0))
    hi = ops.convert_to_tensor(np.float32(3.0))
    x = np_(kr.uniform((N,), minval=lo, maxval=hi, seed=0))
    assert x.min() >= 1.0 and x.max() <= 3.0 and abs(x.mean() - 2.0) < 0.05
    y = np_(kr.normal((N,), mean=lo, stddev=hi, seed=0))
    assert y.dtype == np.float32 and abs(y.mean() - 1.0) < 0.1 and abs(y.std() - 3.0) < 0.1
    z = np_(kr.randint((N,), ops.convert_to_tensor(np.int32(5)), 9, seed=0))
    assert z.min() == 5 and z.max() == 8


def test_truncated_normal_range_and_statistics(backend):
    x = kr.truncated_normal((100, 100), mean=1.0, stddev=0.5, seed=0)
    assert ops.dtype(x) == "float32" and ops.shape(x) == (100, 100)
    x = np_(x)
    assert x.min() >= 0.0 and x.max() <= 2.0
    # The standard normal truncated at +-2 has std 0.8796.
    assert abs(x.mean() - 1.0) < 0.03 and abs(x.std() - 0.5 * 0.8796) < 0.03


@pytest.mark.parametrize("dtype", ["int32", "int64", "uint8", "int8"])
def test_randint_bounds_and_dtype(backend, dtype):
    x = kr.randint((N,), 3, 10, dtype=dtype, seed=0)
    assert ops.dtype(x) == dtype
    x = np_(x)
    assert x.min() == 3 and x.max() == 9
    counts = np.bincount(x, minlength=10)[3:]
    assert np.all(np.abs(counts / N - 1 / 7) < 0.02)
    assert ops.dtype(kr.randint((2,), 0, 5, seed=0)) == "int32"


def test_categorical_frequencies_follow_logits(backend):
    probs = np.array([[0.1, 0.3, 0.6], [0.7, 0.2, 0.1]], "float32")
    x = kr.categorical(np.log(probs), N, seed=0)
    assert ops.shape(x) == (2, N) and ops.dtype(x) == "int32"
    x = np_(x)
    for row, p in zip(x, probs):
        np.testing.assert_allclose(np.bincount(row, minlength=3) / N, p, atol=0.02)
    assert ops.dtype(kr.categorical(np.zeros((1, 2)), 3, dtype="int64", seed=0)) == "int64"
    # A class with -inf logit is never drawn.
    y = np_(kr.categorical(np.array([[0.0, -np.inf, 0.0]], "float32"), 200, seed=0))
    assert not np.any(y == 1)


def test_dropout_rate_and_scale(backend):
    x = np.full((N,), 2.0, "float32")
    y = kr.dropout(x, 0.3, seed=0)
    assert ops.dtype(y) == "float32" and ops.shape(y) == (N,)
    y = np_(y)
    kept = y != 0
    np.testing.assert_allclose(y[kept], 2.0 / 0.7, rtol=1e-6)
    assert abs(1 - kept.mean() - 0.3) < 0.02
    assert abs(y.mean() - 2.0) < 0.05  # expectation preserved
    np.testing.assert_array_equal(np_(kr.dropout(x, 0.0, seed=0)), x)
    np.testing.assert_array_equal(np_(kr.dropout(x, 1.0, seed=0)), np.zeros_like(x))
    assert ops.dtype(kr.dropout(np.ones(3, "float64"), 0.5, seed=0)) == "float64"
    assert ops.dtype(kr.dropout(np.ones(3, "int32"), 0.5, seed=0)) == "float32"


def test_dropout_noise_shape_shares_decisions(backend):
    x = np.ones((50, 4, 6), "float32")
    y = np_(kr.dropout(x, 0.5, noise_shape=(None, 1, 6), seed=0))
    assert y.shape == (50, 4, 6)
    np.testing.assert_array_equal(y, np.broadcast_to(y[:, :1, :], y.shape))
    assert 0 < (y == 0).mean() < 1


def test_dropout_rate_zero_or_one_does_not_advance_generator(backend):
    gen = kr.SeedGenerator(1)
    kr.dropout(np.ones(3, "float32"), 0.0, seed=gen)
    kr.dropout(np.ones(3, "float32"), 1.0, seed=gen)
    np.testing.assert_array_equal(np_(gen.state), [1, 0])


def test_dropout_is_differentiable(backend):
    x = np.linspace(1.0, 2.0, 50)

    def f(v):
        return ops.sum(kr.dropout(v, 0.4, seed=3))

    if not hasattr(ops, "sum"):
        pytest.skip("ops.sum not available yet")
    value, g = ops.value_and_grad(f)(ops.convert_to_tensor(x))
    y = np_(kr.dropout(x, 0.4, seed=3))
    expected = np.where(y != 0, 1 / 0.6, 0.0)
    np.testing.assert_allclose(np_(g), expected, rtol=1e-12)
    np.testing.assert_allclose(float(np_(value)), y.sum(), rtol=1e-12)


def test_normal_is_differentiable_in_mean_and_stddev(backend):
    if not hasattr(ops, "sum"):
        pytest.skip("ops.sum not available yet")

    def f(mean, stddev):
        return ops.sum(kr.normal((20,), mean=mean, stddev=stddev, dtype="float64", seed=1))

    m = ops.convert_to_tensor(np.float64(0.5))
    s = ops.convert_to_tensor(np.float64(2.0))
    g_mean, g_std = ops.grad(f, argnums=(0, 1))(m, s)
    z = np_(kr.normal((20,), dtype="float64", seed=1))
    np.testing.assert_allclose(float(np_(g_mean)), 20.0)
    np.testing.assert_allclose(float(np_(g_std)), z.sum(), rtol=1e-7)


def test_shuffle_is_a_permutation_of_whole_slices(backend):
    x = np.arange(60).reshape(10, 6)
    y = np_(kr.shuffle(x, seed=0))
    assert y.shape == x.shape and ops.dtype(kr.shuffle(x, seed=0)) == ops.dtype(x)
    assert sorted(map(tuple, y)) == sorted(map(tuple, x))  # rows kept whole
    assert not np.array_equal(y, x)
    z = np_(kr.shuffle(x, axis=-1, seed=0))
    assert sorted(map(tuple, z.T)) == sorted(map(tuple, x.T))
    np.testing.assert_array_equal(np.sort(np_(kr.shuffle(np.arange(100), seed=1))), np.arange(100))


def test_shuffle_is_differentiable(backend):
    if not hasattr(ops, "sum"):
        pytest.skip("ops.sum not available yet")
    x = np.arange(6.0)
    w = np.arange(6.0) ** 2

    def f(v):
        return ops.sum(ops.multiply(kr.shuffle(v, seed=4), w))

    g = np_(ops.grad(f)(ops.convert_to_tensor(x)))
    perm = np_(kr.shuffle(np.arange(6), seed=4))
    expected = np.zeros(6)
    expected[perm] = w
    np.testing.assert_allclose(g, expected)


# ----------------------------------------------------------------- jit


@require_backends("jax")
def test_random_ops_under_jit_with_seed_tensor():
    with kerasish.backend.use_backend("jax"):
        @ops.jit
        def draws(seed, x):
            return (kr.normal((4,), seed=seed), kr.uniform((4,), seed=seed),
                    kr.truncated_normal((4,), seed=seed), kr.randint((4,), 0, 100, seed=seed),
                    kr.categorical(np.zeros((1, 100), "float32"), 4, seed=seed),
                    kr.dropout(x, 0.5, seed=seed), kr.shuffle(x, seed=seed))

        x = ops.convert_to_tensor(np.arange(1.0, 33.0, dtype="float32"))
        a = draws(ops.convert_to_tensor(np.array([1, 0], np.uint32)), x)
        b = draws(ops.convert_to_tensor(np.array([2, 0], np.uint32)), x)
        c = draws(ops.convert_to_tensor(np.array([1, 0], np.uint32)), x)
        for u, v, w in zip(a, b, c):
            assert not np.array_equal(np_(u), np_(v))
            np.testing.assert_array_equal(np_(u), np_(w))
        # The jitted draws equal the eager ones for the same seed.
        np.testing.assert_array_equal(np_(a[0]), np_(kr.normal((4,), seed=1)))


@require_backends("jax")
def test_seed_generator_state_threaded_through_jit():
    with kerasish.backend.use_backend("jax"):
        gen = kr.SeedGenerator(9)

        @ops.jit
        def step(state):
            with kerasish.StatelessScope([(gen.state, state)]) as scope:
                x = kr.normal((3,), seed=gen)
            return x, scope.get_current_value(gen.state)

        state = gen.state.value
        x1, state = step(state)
        x2, state = step(state)
        np.testing.assert_array_equal(np_(state), [9, 2])
        np.testing.assert_array_equal(np_(x1), np_(kr.normal((3,), seed=9)))
        assert not np.array_equal(np_(x1), np_(x2))


@require_backends("jax")
def test_concrete_generators_refuse_to_advance_inside_jit():
    with kerasish.backend.use_backend("jax"):
        gen = kr.SeedGenerator(9)
        with pytest.raises(ValueError, match="inside a traced"):
            ops.jit(lambda x: kr.normal((3,), seed=gen) + x)(1.0)
        np.testing.assert_array_equal(np_(gen.state), [9, 0])  # state untouched
        with pytest.raises(ValueError, match=r"unseeded random op \(seed=None\)"):
            ops.jit(lambda x: kr.normal((3,)) + x)(1.0)


def test_jit_identity_with_int_seed(backend):
    f = ops.jit(lambda x: ops.add(x, kr.normal((3,), seed=4)))
    np.testing.assert_allclose(np_(f(np.zeros(3, "float32"))), np_(kr.normal((3,), seed=4)))


# ----------------------------------------------------------------- errors


@pytest.mark.parametrize("call, exc, match", [
    (lambda: kr.normal((2,), dtype="int32", seed=0), ValueError, "normal: `dtype` must be a floating"),
    (lambda: kr.uniform((2,), dtype="int8", seed=0), ValueError, "uniform: `dtype` must be a floating"),
    (lambda: kr.truncated_normal((2,), dtype="bool", seed=0), ValueError, "truncated_normal: `dtype`"),
    (lambda: kr.randint((2,), 0, 3, dtype="float32", seed=0), ValueError, "randint: `dtype` must be an integer"),
    (lambda: kr.categorical(np.zeros((1, 2)), 2, dtype="float32", seed=0), ValueError, "categorical: `dtype`"),
    (lambda: kr.normal((2,), dtype="float42", seed=0), TypeError, "normal: `dtype`='float42' is not a supported"),
    (lambda: kr.normal((2, -1), seed=0), ValueError, "normal: `shape` must be a tuple of non-negative"),
    (lambda: kr.normal((2, None), seed=0), ValueError, "normal: `shape`"),
    (lambda: kr.normal(2.5, seed=0), TypeError, "normal: `shape`"),
    (lambda: kr.uniform((2,), minval=1.0, maxval=0.0, seed=0), ValueError, "uniform: `maxval` must be >="),
    (lambda: kr.randint((2,), 5, 5, seed=0), ValueError, "randint: `maxval` must be greater"),
    (lambda: kr.randint((2,), 0, 300, dtype="uint8", seed=0), ValueError, "does not fit in dtype 'uint8'"),
    (lambda: kr.categorical(np.zeros(3), 2, seed=0), ValueError, "categorical: `logits` must have rank 2"),
    (lambda: kr.categorical(np.zeros((1, 3)), -1, seed=0), ValueError, "categorical: `num_samples`"),
    (lambda: kr.dropout(np.ones(3), 1.5, seed=0), ValueError, r"dropout: `rate` must be in \[0, 1\]"),
    (lambda: kr.dropout(np.ones(3), -0.1, seed=0), ValueError, r"dropout: `rate` must be in \[0, 1\]"),
    (lambda: kr.dropout(np.ones(3), "0.5", seed=0), TypeError, "dropout: `rate` must be a Python float"),
    (lambda: kr.dropout(np.ones((2, 3)), 0.5, noise_shape=(2,), seed=0), ValueError, "dropout: `noise_shape`"),
    (lambda: kr.dropout(np.ones((2, 3)), 0.5, noise_shape=(2, 2), seed=0), ValueError, "must broadcast"),
    (lambda: kr.shuffle(np.ones((2, 3)), axis=2, seed=0), ValueError, "shuffle: `axis`=2 is out of range"),
    (lambda: kr.shuffle(np.float32(1.0), seed=0), ValueError, "shuffle: `x` must have at least 1"),
    (lambda: kr.normal((2,), seed="abc"), ValueError, "Argument `seed` must be an int"),
    (lambda: kr.normal((2,), seed=1.5), ValueError, "Argument `seed` must be an int"),
    (lambda: kr.normal((2,), seed=np.zeros(3, np.uint32)), ValueError, "seed tensor must have an integer dtype and shape"),
    (lambda: kr.normal((2,), seed=np.zeros(2, np.float32)), ValueError, "seed tensor must have an integer dtype"),
    (lambda: kr.SeedGenerator(1.5), ValueError, "SeedGenerator: `seed` must be an int"),
    (lambda: kr.SeedGenerator(1, foo=2), ValueError, "unrecognized keyword"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_errors(backend, call, exc, match):
    with pytest.raises(exc, match=match):
        call()
