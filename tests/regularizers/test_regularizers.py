"""kerasish.regularizers against Keras 3 (on JAX): penalties, gradients, configs, aliases, errors."""
import numpy as np
import pytest

import kerasish
from kerasish import ops, regularizers
from tests.conftest import require_backends

RNG = np.random.default_rng(0)
DENSE = RNG.normal(size=(4, 3)).astype("float32")
ZERO_COLUMN = DENSE.copy()
ZERO_COLUMN[:, 1] = 0.0
ZERO_ROW = DENSE.copy()
ZERO_ROW[2] = 0.0
CONV = RNG.normal(size=(3, 3, 2, 4)).astype("float32")

# (kerasish/keras class name, constructor kwargs)
CASES = [
    ("L1", {}), ("L1", {"l1": 0.3}),
    ("L2", {}), ("L2", {"l2": 0.25}),
    ("L1L2", {}), ("L1L2", {"l1": 0.1, "l2": 0.2}), ("L1L2", {"l2": 0.5}), ("L1L2", {"l1": None}),
    ("OrthogonalRegularizer", {}), ("OrthogonalRegularizer", {"factor": 0.5, "mode": "columns"}),
]
ELEMENTWISE = [c for c in CASES if c[0] != "OrthogonalRegularizer"]


def _ids(cases):
    return [f"{name}-{kw}" for name, kw in cases]


def _keras():
    return pytest.importorskip("keras")


def _same_config(a, b):
    """Equal configs, floats to float32 precision (see test_get_config_matches_keras_and_round_trips)."""
    assert set(a) == set(b), (a, b)
    for key in a:
        if isinstance(a[key], float) or isinstance(b[key], float):
            assert a[key] == pytest.approx(b[key], rel=1e-7), (key, a, b)
        else:
            assert a[key] == b[key], (key, a, b)
    return True


def _t(x):
    """A Keras tensor (Keras's OrthogonalRegularizer fails on a NumPy array in columns mode)."""
    return _keras().ops.convert_to_tensor(x)


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
@pytest.mark.parametrize("x", [DENSE, ZERO_COLUMN, ZERO_ROW], ids=["dense", "zero_column", "zero_row"])
def test_penalty_matches_keras(backend, name, kwargs, x):
    keras = _keras()
    expected = np.asarray(getattr(keras.regularizers, name)(**kwargs)(_t(x)))
    got = getattr(regularizers, name)(**kwargs)(x)
    assert ops.shape(got) == ()
    assert ops.dtype(got) == "float32"
    np.testing.assert_allclose(ops.convert_to_numpy(got), expected, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name,kwargs", ELEMENTWISE, ids=_ids(ELEMENTWISE))
def test_penalty_of_conv_kernel_matches_keras(backend, name, kwargs):
    keras = _keras()
    expected = np.asarray(getattr(keras.regularizers, name)(**kwargs)(_t(CONV)))
    got = getattr(regularizers, name)(**kwargs)(CONV)
    np.testing.assert_allclose(ops.convert_to_numpy(got), expected, rtol=1e-5)


def test_float64_penalty_stays_float64(backend):
    x = DENSE.astype("float64")
    for reg in [regularizers.L1(0.1), regularizers.L2(), regularizers.L1L2(0.1, 0.1),
                regularizers.OrthogonalRegularizer()]:
        assert ops.dtype(reg(x)) == "float64"


def test_orthogonal_regularizer_with_a_single_row_or_column_is_zero(backend):
    x = DENSE[:1]
    assert float(ops.convert_to_numpy(regularizers.OrthogonalRegularizer()(x))) == 0.0
    assert float(ops.convert_to_numpy(regularizers.OrthogonalRegularizer(mode="columns")(x.T))) == 0.0


def _grad(backend_name, reg, x):
    with kerasish.backend.use_backend(backend_name):
        return ops.convert_to_numpy(ops.grad(reg)(ops.convert_to_tensor(x)))


@require_backends("numpy", "jax")
@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_penalty_gradients_agree_between_backends(name, kwargs):
    reg = getattr(regularizers, name)(**kwargs)
    inputs = [DENSE, ZERO_COLUMN, ZERO_ROW] + ([CONV] if name != "OrthogonalRegularizer" else [])
    for x in inputs:
        x = x.astype("float64")
        g_numpy, g_jax = _grad("numpy", reg, x), _grad("jax", reg, x)
        assert g_numpy.shape == x.shape and g_numpy.dtype == np.float64
        assert np.all(np.isfinite(g_numpy))  # Keras's orthogonal gradient is nan at a zero row
        np.testing.assert_allclose(g_numpy, g_jax, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_penalty_gradient_matches_keras(backend, name, kwargs):
    keras = _keras()
    import jax

    expected = np.asarray(jax.grad(getattr(keras.regularizers, name)(**kwargs))(_t(DENSE)))
    got = ops.grad(getattr(regularizers, name)(**kwargs))(ops.convert_to_tensor(DENSE))
    np.testing.assert_allclose(ops.convert_to_numpy(got), expected, rtol=1e-5, atol=1e-7)


def test_orthogonal_gradient_matches_finite_differences(backend):
    reg = regularizers.OrthogonalRegularizer(factor=1.0)
    x = DENSE.astype("float64")
    g = ops.convert_to_numpy(ops.grad(reg)(ops.convert_to_tensor(x)))
    f = lambda v: float(ops.convert_to_numpy(reg(v)))  # noqa: E731
    h = 1e-6
    for i in np.ndindex(x.shape):
        d = np.zeros_like(x)
        d[i] = h
        np.testing.assert_allclose(g[i], (f(x + d) - f(x - d)) / (2 * h), rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_get_config_matches_keras_and_round_trips(name, kwargs):
    keras = _keras()
    reg = getattr(regularizers, name)(**kwargs)
    config = reg.get_config()
    # Keras stores L1's and OrthogonalRegularizer's factor as a float32 tensor, so its config
    # shows the float32-rounded value (0.1 -> 0.10000000149011612); kerasish keeps the float given.
    assert _same_config(config, getattr(keras.regularizers, name)(**kwargs).get_config())
    restored = type(reg).from_config(config)
    assert type(restored) is type(reg) and restored.get_config() == config
    # Keras reads kerasish's config, and kerasish reads Keras's.
    assert _same_config(getattr(keras.regularizers, name).from_config(config).get_config(), config)
    keras_config = getattr(keras.regularizers, name)(**kwargs).get_config()
    assert _same_config(getattr(regularizers, name).from_config(keras_config).get_config(), config)


@pytest.mark.parametrize("name,kwargs", CASES, ids=_ids(CASES))
def test_serialize_is_keras_dict_form_and_deserializes(name, kwargs):
    keras = _keras()
    reg = getattr(regularizers, name)(**kwargs)
    ours = regularizers.serialize(reg)
    theirs = keras.regularizers.serialize(getattr(keras.regularizers, name)(**kwargs))
    assert set(ours) == set(theirs)
    assert {k: v for k, v in ours.items() if k != "config"} == {
        k: v for k, v in theirs.items() if k != "config"}
    assert _same_config(ours["config"], theirs["config"])
    for config in (ours, theirs):
        back = regularizers.deserialize(config)
        assert type(back) is type(reg) and _same_config(back.get_config(), reg.get_config())
        assert type(regularizers.get(config)) is type(reg)
    assert type(keras.regularizers.deserialize(ours)).__name__ == name


def test_aliases_resolve():
    assert regularizers.l1 is regularizers.L1 and regularizers.l2 is regularizers.L2
    assert regularizers.l1_l2 is regularizers.L1L2
    assert regularizers.orthogonal_regularizer is regularizers.OrthogonalRegularizer
    for name, cls, config in [
        ("l1", regularizers.L1, {"l1": 0.01}), ("L1", regularizers.L1, {"l1": 0.01}),
        ("l2", regularizers.L2, {"l2": 0.01}), ("L2", regularizers.L2, {"l2": 0.01}),
        ("L1L2", regularizers.L1L2, {"l1": 0.0, "l2": 0.0}),
        ("l1l2", regularizers.L1L2, {"l1": 0.0, "l2": 0.0}),  # Keras's own snake_case key
        ("l1_l2", regularizers.L1L2, {"l1": 0.01, "l2": 0.01}),  # as Keras documents it
        ("orthogonal_regularizer", regularizers.OrthogonalRegularizer, {"factor": 0.01, "mode": "rows"}),
        ("OrthogonalRegularizer", regularizers.OrthogonalRegularizer, {"factor": 0.01, "mode": "rows"}),
    ]:
        reg = regularizers.get(name)
        assert type(reg) is cls and reg.get_config() == config, name
        assert type(regularizers.deserialize(name)) is cls
    assert type(regularizers.get("regularizer")) is regularizers.Regularizer
    assert type(regularizers.get(regularizers.L2)) is regularizers.L2
    reg = regularizers.L1(0.5)
    assert regularizers.get(reg) is reg
    fn = lambda x: ops.sum(x)  # noqa: E731
    assert regularizers.get(fn) is fn
    assert regularizers.get(None) is None and regularizers.serialize(None) is None


def test_base_regularizer(backend):
    reg = regularizers.Regularizer()
    assert reg(DENSE) == 0.0
    with pytest.raises(NotImplementedError, match="does not implement get_config"):
        reg.get_config()

    class Custom(regularizers.Regularizer):
        def __init__(self, scale=1.0):
            self.scale = scale

        def __call__(self, x):
            return self.scale * ops.sum(x)

        def get_config(self):
            return {"scale": self.scale}

    config = regularizers.serialize(Custom(2.0))
    assert config["class_name"] == "Custom"
    with pytest.raises(ValueError, match="Unknown regularizer: 'Custom'"):
        regularizers.deserialize(config)
    restored = regularizers.deserialize(config, custom_objects={"Custom": Custom})
    assert restored.scale == 2.0


@pytest.mark.parametrize("make,message", [
    (lambda: regularizers.L1(-1),
     r"Invalid value for argument l1: expected a non-negative float\. Received: l1=-1"),
    (lambda: regularizers.L2(-0.5), r"argument l2: expected a non-negative float\. Received: l2=-0.5"),
    (lambda: regularizers.L1L2(l1=0.1, l2=-1), r"argument l2: .* Received: l2=-1"),
    (lambda: regularizers.L1L2(l1="a"), r"argument l1: .* Received: l1=a"),
    (lambda: regularizers.L1(float("inf")), r"argument l1: .* Received: l1=inf"),
    (lambda: regularizers.L2(float("nan")), r"argument l2: .* Received: l2=nan"),
    (lambda: regularizers.OrthogonalRegularizer(factor=-0.1), r"argument factor: .* Received: factor=-0.1"),
    (lambda: regularizers.OrthogonalRegularizer(factor=None), r"argument factor: .* Received: factor=None"),
    (lambda: regularizers.OrthogonalRegularizer(mode="diagonal"),
     r'Invalid value for argument `mode`\. Expected one of \{"rows", "columns"\}\. Received: mode=diagonal'),
    (lambda: regularizers.get("l3"), r"Unknown regularizer: 'l3'"),
    (lambda: regularizers.get(5), r"Could not interpret regularizer identifier: 5"),
    (lambda: regularizers.deserialize({"class_name": "L9", "config": {}}), r"Unknown regularizer: 'L9'"),
])
def test_errors(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_orthogonal_regularizer_needs_rank_2(backend):
    with pytest.raises(ValueError, match=r"Inputs to OrthogonalRegularizer must have rank 2\. "
                                         r"Received: inputs.shape=\(3, 3, 2, 4\)"):
        regularizers.OrthogonalRegularizer()(CONV)
