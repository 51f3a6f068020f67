"""kerasish.activations against keras.activations, on every backend."""
import numpy as np
import pytest

import kerasish
from kerasish import activations
from tests.conftest import require_backends

# Keras 3.15's exported activation names (keras.activations.ALL_OBJECTS_DICT), aliases included.
KERAS_NAMES = sorted([
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
    "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish", "relu",
    "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign",
    "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink",
    "threshold",
])

# A fixed input spanning every piecewise region (|x| up to 7, exact breakpoints included).
X = np.concatenate([np.linspace(-7.0, 7.0, 29), [-1.0, 1.0, -3.0, 3.0, 0.5, -0.5, 0.0]]).astype("float32")
X = X.reshape(6, 6)

# (name, extra args, extra kwargs) beyond x: the defaults first, then each keyword.
CALLS = [(name, (), {}) for name in KERAS_NAMES if name not in ("threshold", "sparsemax")] + [
    ("relu", (), {"negative_slope": 0.1}),
    ("relu", (), {"max_value": 5.0}),
    ("relu", (), {"max_value": 6}),
    ("relu", (), {"threshold": 1.5}),
    ("relu", (), {"negative_slope": 0.3, "max_value": 4.0, "threshold": -1.0}),
    ("relu", (), {"negative_slope": 0.3, "threshold": 2.0}),
    ("leaky_relu", (), {"negative_slope": 0.05}),
    ("elu", (), {"alpha": 0.5}),
    ("celu", (), {"alpha": 2.0}),
    ("soft_shrink", (), {"threshold": 1.0}),
    ("hard_shrink", (), {"threshold": 2.0}),
    ("squareplus", (), {"b": 1.0}),
    ("gelu", (), {"approximate": True}),
    ("glu", (), {"axis": 0}),
    ("softmax", (), {"axis": 0}),
    ("log_softmax", (), {"axis": 0}),
    ("threshold", (0.5, -2.0), {}),
    ("threshold", (), {"threshold": -1.0, "default_value": 0.0}),
]


def _id(call):
    name, args, kwargs = call
    return "-".join([name] + [str(a) for a in args] + [f"{k}={v}" for k, v in kwargs.items()])


@pytest.fixture(scope="module")
def keras_activations():
    keras = pytest.importorskip("keras")
    return keras.activations


@pytest.mark.parametrize("call", CALLS, ids=_id)
def test_matches_keras(backend, keras_activations, call):
    name, args, kwargs = call
    expected = np.asarray(getattr(keras_activations, name)(X, *args, **kwargs))
    out = activations.get(name)(kerasish.ops.convert_to_tensor(X), *args, **kwargs)
    out = np.asarray(out)
    assert out.dtype == np.float32
    assert out.shape == expected.shape
    np.testing.assert_allclose(out, expected, rtol=1e-5, atol=1e-6)


def _sparsemax_reference(x, axis=-1):
    """The simplex projection, slice by slice (the definition of Martins et al., 2016)."""
    x = np.moveaxis(np.asarray(x, np.float64), axis, -1)
    out = np.empty_like(x)
    for idx in np.ndindex(x.shape[:-1]):
        z = np.sort(x[idx])[::-1]
        cumsum = np.cumsum(z)
        k = max(r for r in range(1, len(z) + 1) if 1 + r * z[r - 1] > cumsum[r - 1])
        tau = (cumsum[k - 1] - 1) / k
        out[idx] = np.maximum(x[idx] - tau, 0)
    return np.moveaxis(out, -1, axis)


@pytest.mark.parametrize("axis", [-1, 0])
def test_sparsemax(backend, axis):
    x = np.array([[0.5, 0.4, 0.1, -1.0], [3.0, 1.0, 2.0, 0.0], [0.1, 0.2, 0.3, 0.25]], "float32")
    out = np.asarray(activations.sparsemax(x, axis=axis))
    np.testing.assert_allclose(out, _sparsemax_reference(x, axis), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(out.sum(axis=axis), 1.0, rtol=1e-5)
    assert (out >= 0).all()


def test_sparsemax_matches_keras_when_support_is_one(backend, keras_activations):
    # Keras 3.15's sparsemax is wrong when more than one value is in the support (it sums the
    # cumulative sums); where the support is a single value both agree.
    x = np.array([[3.0, 1.0, 2.0, 0.0], [-1.0, 5.0, 0.0, 1.0]], "float32")
    np.testing.assert_allclose(np.asarray(activations.sparsemax(x)),
                               np.asarray(keras_activations.sparsemax(x)), rtol=1e-5)


def test_exports_match_keras(keras_activations):
    keras_names = sorted(getattr(keras_activations, "ALL_OBJECTS_DICT", None) or KERAS_NAMES)
    assert sorted(activations.ALL_OBJECTS_DICT) == keras_names == KERAS_NAMES
    for name in KERAS_NAMES:
        assert callable(getattr(activations, name))


@pytest.mark.parametrize("name", KERAS_NAMES)
def test_serialize_round_trip(name, keras_activations):
    fn = activations.get(name)
    assert fn is getattr(activations, name)
    serialized = activations.serialize(fn)
    assert serialized == keras_activations.serialize(getattr(keras_activations, name))
    assert activations.deserialize(serialized) is fn
    assert activations.get(serialized) is fn


def test_aliases():
    assert activations.get("swish") is activations.silu
    assert activations.get("hard_swish") is activations.hard_silu
    assert activations.serialize(activations.swish) == "silu"
    assert activations.serialize(activations.hard_swish) == "hard_silu"


def test_get_none_callable_and_dict():
    assert activations.get(None) is activations.linear
    fn = lambda x: x  # noqa: E731
    assert activations.get(fn) is fn
    assert activations.get({"class_name": "function", "config": "relu"}) is activations.relu
    assert activations.deserialize({"class_name": "function", "config": "gelu"}) is activations.gelu
    assert activations.deserialize("mine", custom_objects={"mine": fn}) is fn


def test_unknown_names():
    with pytest.raises(ValueError, match=r"Unknown activation function: 'relu7'.*hard_silu.*relu6"):
        activations.get("relu7")
    with pytest.raises(ValueError, match="Unknown activation"):
        activations.deserialize("nope")
    # A lambda is written without its code (Keras writes bytecode) and refused when read back.
    written = activations.serialize(lambda x: x)
    assert written["class_name"] == "__lambda__" and written["config"]["code"] is None
    with pytest.raises(ValueError, match="does not load Python code"):
        activations.deserialize(written)
    with pytest.raises(ValueError, match="cannot be serialized"):
        activations.serialize(3)
    with pytest.raises(ValueError, match="Could not interpret activation"):
        activations.get(3)


def test_glu_odd_axis(backend):
    with pytest.raises(ValueError, match=r"glu: the size of axis 1 must be even.*\(2, 3\)"):
        activations.glu(np.zeros((2, 3), "float32"))


def test_gelu_default_is_exact(backend):
    x = np.array([-1.5, 0.3, 2.0], "float32")
    exact = 0.5 * x * (1 + np.vectorize(__import__("math").erf)(x / np.sqrt(2)))
    np.testing.assert_allclose(np.asarray(activations.gelu(x)), exact, rtol=1e-5)


GRAD_CALLS = [("relu", {"negative_slope": 0.3, "max_value": 4.0, "threshold": -1.0}),
              ("gelu", {}), ("mish", {}), ("celu", {"alpha": 2.0}), ("squareplus", {}),
              ("sparse_plus", {}), ("glu", {}), ("softmax", {}), ("sparsemax", {}),
              ("soft_shrink", {}), ("tanh_shrink", {}), ("hard_tanh", {})]


@require_backends("numpy", "jax")
@pytest.mark.parametrize("name,kwargs", GRAD_CALLS, ids=[c[0] for c in GRAD_CALLS])
def test_gradients_agree(name, kwargs):
    # Inputs away from the breakpoints; a weighted sum so softmax-like outputs have gradients.
    x = np.array([[-2.3, -0.7, 0.2, 1.4], [3.1, -1.6, 0.9, 0.05]], "float64")
    w = np.arange(1.0, 9.0).reshape(2, 4)[:, : (2 if name == "glu" else 4)]
    grads = {}
    for b in ("numpy", "jax"):
        with kerasish.backend.use_backend(b):
            ops = kerasish.ops

            def loss(v):
                return ops.sum(ops.multiply(activations.get(name)(v, **kwargs), w))

            grads[b] = np.asarray(ops.grad(loss)(ops.convert_to_tensor(x)))
    assert np.isfinite(grads["numpy"]).all()
    np.testing.assert_allclose(grads["numpy"], grads["jax"], rtol=1e-6, atol=1e-12)
