"""Activation layers beyond the catalog: Softmax masks against Keras, argument and shape errors,
Keras's signatures, and PReLU's alpha training."""
import inspect

import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")

NAMES = kerasish.layers.activations.__all__


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def rand(*shape, seed=0):
    return np.random.RandomState(seed).randn(*shape).astype("float32")


@pytest.mark.parametrize("name", NAMES)
def test_signature_matches_keras(name):
    def params(cls):
        return [(p.name, p.default) for p in inspect.signature(cls.__init__).parameters.values()]
    assert params(getattr(layers, name)) == params(getattr(keras.layers, name))


@pytest.mark.parametrize("mask_shape", [(2, 5), (2, 1, 5), (1, 5)])
def test_softmax_mask_matches_keras(backend, mask_shape):
    x = rand(2, 3, 5)
    mask = np.random.RandomState(1).rand(*mask_shape) > 0.4
    mask[..., 0] = False
    if len(mask_shape) == 3:
        mask[0, 0, :] = False  # a fully masked row comes out as zeros, not uniform
    if len(mask_shape) == 2 and mask_shape[0] == 2:
        mask = mask[:, None, :]
    ours = np_(layers.Softmax()(x, mask=mask))
    theirs = np.asarray(keras.layers.Softmax()(x, mask=mask))
    np.testing.assert_allclose(ours, theirs, atol=1e-6)
    np.testing.assert_array_equal(ours[..., 0], 0.0)


def test_softmax_float_mask(backend):
    x = rand(2, 4)
    mask = np.array([[1.0, 0.0, 1.0, 1.0], [0.0, 1.0, 1.0, 0.0]], "float32")
    out = np_(layers.Softmax()(x, mask=mask))
    np.testing.assert_allclose(out, np.asarray(keras.layers.Softmax()(x, mask=mask)), atol=1e-6)
    np.testing.assert_allclose(out.sum(-1), 1.0, atol=1e-6)


def test_softmax_bad_mask_shape(backend):
    with pytest.raises(ValueError, match="mask.*broadcastable.*mask.shape=\\(2, 3\\)"):
        layers.Softmax(name="sm")(rand(2, 4), mask=np.ones((2, 3), bool))


@pytest.mark.parametrize("kwargs, arg", [
    ({"max_value": -1.0}, "max_value"), ({"negative_slope": -0.1}, "negative_slope"),
    ({"negative_slope": None}, "negative_slope"), ({"threshold": -2}, "threshold"),
])
def test_relu_bad_arguments(kwargs, arg):
    with pytest.raises(ValueError, match=f"ReLU: `{arg}`"):
        layers.ReLU(**kwargs)


def test_leaky_relu_bad_slope_and_alpha_alias():
    with pytest.raises(ValueError, match="LeakyReLU: `negative_slope`"):
        layers.LeakyReLU(negative_slope=-1)
    with pytest.warns(UserWarning, match="alpha"):
        layer = layers.LeakyReLU(alpha=0.1)
    assert layer.negative_slope == 0.1


def test_prelu_errors(backend):
    with pytest.raises(ValueError, match="shared_axes"):
        layers.PReLU(shared_axes=[0])
    with pytest.raises(ValueError, match="shared axis 3 is out of range"):
        layers.PReLU(shared_axes=[3])(rand(2, 3, 4))
    layer = layers.PReLU(shared_axes=[1])
    layer(rand(2, 3, 4))
    assert tuple(layer.alpha.shape) == (1, 4)
    with pytest.raises(ValueError):
        layer(rand(2, 3, 5))  # the non-shared axis is fixed by the first call


def test_prelu_alpha_trains(backend):
    kerasish.utils.set_random_seed(0)
    model = kerasish.Sequential([kerasish.Input((4,)), layers.PReLU()])
    model.compile(optimizer=kerasish.optimizers.SGD(0.5), loss="mse")
    x = -np.abs(rand(16, 4))
    model.fit(x, 0.25 * x, epochs=20, batch_size=16, verbose=0)
    np.testing.assert_allclose(np_(model.layers[0].alpha), 0.25, atol=0.02)


def test_masks_pass_through(backend):
    from kerasish.backend.masking import get_keras_mask
    x = rand(2, 3, 2)
    x[:, 2] = 0.0
    masked = layers.Masking(0.0)(x)
    for layer in (layers.ReLU(), layers.LeakyReLU(), layers.ELU(), layers.PReLU()):
        np.testing.assert_array_equal(np_(get_keras_mask(layer(masked))), [[1, 1, 0]] * 2)
