"""Regularization layers in training mode (what the catalog, which compares inference with Keras,
cannot show): drop rates and scaling, whole-channel spatial dropout, noise statistics, seeds,
identity at inference, argument errors, and dropout inside a jitted stateless_call."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


# One small, seeded instance of each layer, with an input it accepts.
LAYERS = {
    "dropout": (lambda seed: layers.Dropout(0.5, seed=seed), (8, 16)),
    "spatial_dropout1d": (lambda seed: layers.SpatialDropout1D(0.5, seed=seed), (8, 3, 16)),
    "spatial_dropout2d": (lambda seed: layers.SpatialDropout2D(0.5, seed=seed), (8, 2, 2, 16)),
    "spatial_dropout3d": (lambda seed: layers.SpatialDropout3D(
        0.5, data_format="channels_first", seed=seed), (8, 16, 2, 2, 2)),
    "gaussian_noise": (lambda seed: layers.GaussianNoise(0.5, seed=seed), (8, 16)),
    "gaussian_dropout": (lambda seed: layers.GaussianDropout(0.5, seed=seed), (8, 16)),
    "alpha_dropout": (lambda seed: layers.AlphaDropout(0.5, seed=seed), (8, 16)),
}


def _input(shape, seed=0):
    return np.random.RandomState(seed).randn(*shape).astype("float32")


@pytest.mark.parametrize("name", LAYERS)
def test_inference_is_identity(backend, name):
    make, shape = LAYERS[name]
    layer, x = make(1), _input(shape)
    np.testing.assert_array_equal(np_(layer(x)), x)
    np.testing.assert_array_equal(np_(layer(x, training=False)), x)


@pytest.mark.parametrize("name", LAYERS)
def test_same_seed_same_noise_and_each_call_new_noise(backend, name):
    make, shape = LAYERS[name]
    x = _input(shape)
    first, second = make(3), make(3)
    a1, a2 = np_(first(x, training=True)), np_(first(x, training=True))
    np.testing.assert_array_equal(np_(second(x, training=True)), a1)
    assert not np.array_equal(a1, a2)
    assert not np.array_equal(a1, x)
    assert not np.array_equal(np_(make(4)(x, training=True)), a1)


def test_dropout_rate_and_scaling(backend):
    rate = 0.3
    y = np_(layers.Dropout(rate, seed=0)(np.ones((100, 100), "float32"), training=True))
    dropped = np.mean(y == 0)
    assert abs(dropped - rate) < 0.03, dropped
    np.testing.assert_allclose(y[y != 0], 1 / (1 - rate), rtol=1e-6)


def test_dropout_noise_shape_shares_decisions(backend):
    layer = layers.Dropout(0.5, noise_shape=(None, 1, 32), seed=0)
    y = np_(layer(np.ones((4, 5, 32), "float32"), training=True))
    assert np.all(y == y[:, :1, :])  # one decision for all 5 steps
    assert 0 < np.mean(y == 0) < 1


@pytest.mark.parametrize("cls, shape, data_format", [
    ("SpatialDropout1D", (4, 5, 32), None),
    ("SpatialDropout2D", (4, 3, 3, 32), "channels_last"),
    ("SpatialDropout2D", (4, 32, 3, 3), "channels_first"),
    ("SpatialDropout3D", (4, 2, 2, 2, 32), "channels_last"),
    ("SpatialDropout3D", (4, 32, 2, 2, 2), "channels_first"),
])
def test_spatial_dropout_drops_whole_channels(backend, cls, shape, data_format):
    kwargs = {} if data_format is None else {"data_format": data_format}
    layer = getattr(layers, cls)(0.5, seed=1, **kwargs)
    y = np_(layer(np.ones(shape, "float32"), training=True))
    # Channels to axis 1, then every (sample, channel) map is all 0 or all 1 / (1 - rate).
    maps = (y if data_format == "channels_first" else np.moveaxis(y, -1, 1)).reshape(4, 32, -1)
    assert np.all(maps == maps[:, :, :1])
    assert set(np.unique(maps)) == {0.0, 2.0}


def test_gaussian_noise_statistics(backend):
    noise = np_(layers.GaussianNoise(0.4, seed=0)(np.zeros((200, 200), "float32"), training=True))
    assert abs(noise.mean()) < 0.01 and abs(noise.std() - 0.4) < 0.01


def test_gaussian_dropout_statistics(backend):
    rate = 0.2
    y = np_(layers.GaussianDropout(rate, seed=0)(np.ones((200, 200), "float32"), training=True))
    assert abs(y.mean() - 1) < 0.01 and abs(y.std() - np.sqrt(rate / (1 - rate))) < 0.01


@pytest.mark.parametrize("rate", [0.1, 0.4])
def test_alpha_dropout_keeps_mean_and_variance(backend, rate):
    x = _input((200, 200))
    y = np_(layers.AlphaDropout(rate, seed=0)(x, training=True))
    assert abs(y.mean() - x.mean()) < 0.03 and abs(y.var() - x.var()) < 0.05
    values, counts = np.unique(y, return_counts=True)  # dropped entries share one value
    assert abs(counts.max() / y.size - rate) < 0.02


def test_training_flag_reaches_dropout_in_a_model(backend):
    inputs = kerasish.Input((16,))
    model = kerasish.Model(inputs, layers.Dropout(0.5, seed=0)(inputs))
    x = np.ones((4, 16), "float32")
    np.testing.assert_array_equal(np_(model(x)), x)
    assert np.any(np_(model(x, training=True)) == 0)


def test_dropout_in_a_jitted_stateless_call(backend):
    """The seed state is a non-trainable variable: passed in, returned advanced, so each jitted
    step draws a new mask and the same state gives the same mask."""
    model = kerasish.Sequential([kerasish.Input((16,)), layers.Dense(16),
                                 layers.Dropout(0.5, seed=0)])
    trainable = [v.value for v in model.trainable_variables]
    state = [v.value for v in model.non_trainable_variables]
    assert len(state) == 1  # the dropout's seed state

    @ops.jit
    def step(trainable, state, x):
        return model.stateless_call(trainable, state, x, training=True)

    x = np.ones((4, 16), "float32")
    y1, state1 = step(trainable, state, x)
    y2, state2 = step(trainable, state1, x)
    y1_again, _ = step(trainable, state, x)
    np.testing.assert_array_equal(np_(y1), np_(y1_again))
    assert not np.array_equal(np_(y1 == 0), np_(y2 == 0))
    assert not np.array_equal(np_(state1[0]), np_(state[0]))
    assert not np.array_equal(np_(state2[0]), np_(state1[0]))
    np.testing.assert_array_equal(np_(model.non_trainable_variables[0].value), np_(state[0]))


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize("make", [
    lambda: layers.Dropout(1.5), lambda: layers.Dropout(-0.1), lambda: layers.Dropout("half"),
    lambda: layers.SpatialDropout2D(2), lambda: layers.GaussianDropout(-1),
    lambda: layers.AlphaDropout(1.01),
])
def test_rate_must_be_in_0_1(make):
    with pytest.raises(ValueError, match=r"Invalid value received for argument `rate`"):
        make()


def test_stddev_must_be_in_0_1():
    with pytest.raises(ValueError, match=r"GaussianNoise.*`stddev`.*Received: stddev=1.5"):
        layers.GaussianNoise(1.5)


@pytest.mark.parametrize("noise_shape, match", [
    ("abc", "Expected a tuple or list"), (3, "Expected an iterable"),
    ((None, 1.5), "integers or None"), ((2, 0), "positive integers"),
])
def test_noise_shape_errors(noise_shape, match):
    with pytest.raises(ValueError, match=match):
        layers.Dropout(0.5, noise_shape=noise_shape)


def test_noise_shape_must_fit_the_input(backend):
    with pytest.raises(ValueError, match=r"AlphaDropout layer .*noise_shape.*broadcast"):
        layers.AlphaDropout(0.5, noise_shape=(None, 3))(np.ones((2, 4), "float32"), training=True)
    with pytest.raises(ValueError, match=r"Dropout layer .*noise_shape.*rank"):
        layers.Dropout(0.5, noise_shape=(None, 1))(np.ones((2, 4, 3), "float32"), training=True)


@pytest.mark.parametrize("cls", ["GaussianDropout", "AlphaDropout"])
def test_rate_one_is_refused_in_training_only(backend, cls):
    layer = getattr(layers, cls)(1.0)
    x = np.ones((2, 3), "float32")
    np.testing.assert_array_equal(np_(layer(x)), x)
    with pytest.raises(ValueError, match=f"{cls} layer .*rate=1"):
        layer(x, training=True)


def test_dropout_rate_one_drops_everything(backend):
    y = np_(layers.Dropout(1.0)(np.ones((2, 3), "float32"), training=True))
    np.testing.assert_array_equal(y, np.zeros((2, 3)))


def test_spatial_dropout_checks_rank(backend):
    with pytest.raises(ValueError, match=r"expected ndim=4, found ndim=3"):
        layers.SpatialDropout2D(0.5)(np.ones((2, 3, 4), "float32"))
