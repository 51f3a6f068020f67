"""Convolutional layers beyond the catalog: argument and input-shape errors, transposed
convolutions' output_padding against Keras, causality of Conv1D(padding="causal"), unknown
spatial dims, Keras's signatures and aliases, and a tiny fit."""
import inspect
import re

import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")

CONV_NAMES = kerasish.layers.convolutional.__all__


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def rand(*shape, seed=0):
    return np.random.RandomState(seed).randn(*shape).astype("float32")


def init_params(cls):
    return [(p.name, p.default) for p in inspect.signature(cls.__init__).parameters.values()]


@pytest.mark.parametrize("name", CONV_NAMES)
def test_signature_and_aliases_match_keras(name):
    ours, theirs = getattr(layers, name), getattr(keras.layers, name)
    assert ours.__name__ == theirs.__name__  # aliases are the same class, as in Keras
    assert init_params(ours) == init_params(theirs)


@pytest.mark.parametrize("make, x, match", [
    (lambda: layers.Conv2D(2, 3, name="c"), (2, 5, 5),
     r'layer "c" is incompatible.*expected ndim=4, found ndim=3. Full shape received: \(2, 5, 5\)'),
    (lambda: layers.Conv1D(2, 3, name="c"), (2, 5, 5, 1), r'"c".*expected ndim=3, found ndim=4'),
    (lambda: layers.Conv3DTranspose(2, 2, name="c"), (2, 3, 3, 3), r'"c".*expected ndim=5'),
    (lambda: layers.DepthwiseConv2D(2, name="c"), (2, 5, 2), r'"c".*expected ndim=4'),
    (lambda: layers.SeparableConv1D(2, 2, name="c"), (2, 5), r'"c".*expected ndim=3'),
    (lambda: layers.Conv2D(2, 3, groups=2, name="c"), (1, 4, 4, 3),
     r"Conv2D layer 'c'.*divisible by the number of groups.*groups=2.*3 channels.*\(1, 4, 4, 3\)"),
    (lambda: layers.Conv2D(2, 6, name="c"), (1, 4, 4, 3),
     r"Conv2D layer 'c': computed output size would be negative.*\(6, 6\).*\(4, 4\)"),
    (lambda: layers.DepthwiseConv1D(3, dilation_rate=3, name="c"), (1, 6, 2),
     r"DepthwiseConv1D layer 'c': computed output size would be negative.*\(7,\)"),
])
def test_wrong_input_shape_names_layer_and_shapes(backend, make, x, match):
    with pytest.raises(ValueError, match=match):
        make()(rand(*x))


@pytest.mark.parametrize("make, first, second", [
    (lambda: layers.Conv2D(2, 3, name="c"), (2, 5, 5, 3), (2, 5, 5, 4)),
    (lambda: layers.Conv1D(2, 3, data_format="channels_first", name="c"), (2, 3, 5), (2, 4, 5)),
    (lambda: layers.Conv2DTranspose(2, 3, name="c"), (2, 3, 3, 2), (2, 3, 3, 1)),
    (lambda: layers.DepthwiseConv2D(2, name="c"), (2, 3, 3, 2), (2, 3, 3, 3)),
    (lambda: layers.SeparableConv2D(2, 2, name="c"), (2, 3, 3, 2), (2, 3, 3, 3)),
])
def test_wrong_channel_count_after_build(backend, make, first, second):
    layer = make()
    layer(rand(*first))
    axis = -1 if layer.data_format == "channels_last" else 1
    with pytest.raises(ValueError, match=rf'layer "c" is incompatible.*expected axis {axis} of '
                                         rf'input shape to have value {first[axis]}.*'
                                         rf'{re.escape(str(second))}'):
        layer(rand(*second))
    with pytest.raises(ValueError, match=r'layer "c"'):
        layer(kerasish.Input(batch_shape=(None,) + second[1:]))


def test_unknown_channels_cannot_build(backend):
    with pytest.raises(ValueError, match=r"Conv2D layer 'c': the channel dimension.*axis -1.*"
                                         r"\(None, 4, 4, None\)"):
        layers.Conv2D(2, 3, name="c")(kerasish.Input(batch_shape=(None, 4, 4, None)))


@pytest.mark.parametrize("make, match", [
    (lambda: layers.Conv2D(0, 3), r"Conv2D: .*`filters`.*strictly positive.*filters=0"),
    (lambda: layers.Conv2D(2.5, 3), r"`filters`.*filters=2.5"),
    (lambda: layers.Conv2D(3, 3, groups=2), r"filters must be evenly divisible.*groups=2, filters=3"),
    (lambda: layers.Conv2D(2, 3, groups=0), r"`groups`.*groups=0"),
    (lambda: layers.Conv2D(2, (3, 3, 3)), r"`kernel_size`.*tuple of 2 integers.*\(3, 3, 3\)"),
    (lambda: layers.Conv1D(2, 0), r"`kernel_size`.*> 0"),
    (lambda: layers.Conv3D(2, 2, strides=(1, 0, 1)), r"Conv3D: the `strides`.*> 0"),
    (lambda: layers.Conv2D(2, 3, padding="causal"), r"Conv2D: .*`padding`.*'valid', 'same'.*causal"),
    (lambda: layers.Conv1D(2, 3, padding="full"), r"Conv1D: .*'causal'.*padding='full'"),
    (lambda: layers.Conv2D(2, 3, data_format="NHWC"), r"Conv2D: .*data_format.*'NHWC'"),
    (lambda: layers.Conv2D(2, 3, strides=2, dilation_rate=2), r"strides > 1.*dilation_rate > 1"),
    (lambda: layers.Conv2DTranspose(2, 3, strides=2, output_padding=2),
     r"Conv2DTranspose: `output_padding` must be strictly less than `strides`"),
    (lambda: layers.Conv1DTranspose(2, 3, output_padding=-1), r"`output_padding`.*>= 0"),
    (lambda: layers.DepthwiseConv2D(3, depth_multiplier=0), r"DepthwiseConv2D: .*depth_multiplier=0"),
    (lambda: layers.SeparableConv2D(0, 3), r"SeparableConv2D: .*filters=0"),
    (lambda: layers.Conv2D(2, 3, bogus=1), r"Unrecognized keyword arguments.*bogus"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_lora_is_refused_clearly():
    with pytest.raises(NotImplementedError, match=r"Conv2D: LoRA"):
        layers.Conv2D(2, 3, lora_rank=2)


@pytest.mark.parametrize("cls, kwargs, shape", [
    ("Conv1DTranspose", {"kernel_size": 3, "strides": 2, "output_padding": 1}, (2, 4, 2)),
    ("Conv1DTranspose", {"kernel_size": 2, "strides": 3, "output_padding": 0, "padding": "same"},
     (2, 3, 2)),
    ("Conv2DTranspose", {"kernel_size": (3, 2), "strides": (3, 2), "output_padding": (2, 1),
                         "padding": "same"}, (2, 3, 2, 2)),
    ("Conv2DTranspose", {"kernel_size": 4, "strides": 2, "output_padding": 1,
                         "data_format": "channels_first"}, (2, 2, 3, 3)),
    ("Conv3DTranspose", {"kernel_size": 2, "strides": 2, "output_padding": (1, 0, 1)},
     (1, 2, 2, 2, 2)),
])
def test_output_padding_matches_keras(backend, cls, kwargs, shape):
    x = rand(*shape)
    ours = getattr(layers, cls)(filters=2, **kwargs)
    y = np_(ours(x))
    theirs = getattr(keras.layers, cls)(filters=2, **kwargs)
    theirs(x)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(y, np.asarray(theirs(x)), rtol=1e-5, atol=1e-5)
    symbolic = ours(kerasish.Input(batch_shape=(None,) + shape[1:]))
    assert symbolic.shape == (None,) + y.shape[1:]


def test_causal_conv1d_looks_only_back(backend):
    layer = layers.Conv1D(2, 3, padding="causal", dilation_rate=2)
    x = rand(1, 8, 2)
    later = x.copy()
    later[:, 5:] += 10.0  # change only steps 5..7
    a, b = np_(layer(x)), np_(layer(later))
    assert a.shape == (1, 8, 2)
    np.testing.assert_allclose(a[:, :5], b[:, :5], rtol=1e-6)
    assert not np.allclose(a[:, 5:], b[:, 5:])


def test_unknown_spatial_dims(backend):
    inputs = kerasish.Input(batch_shape=(None, None, None, 3))
    x = layers.Conv2D(4, 3, strides=2, padding="same")(inputs)
    x = layers.SeparableConv2D(2, 3, padding="same")(x)
    x = layers.DepthwiseConv2D(3, padding="same")(x)
    outputs = layers.Conv2DTranspose(2, 3, strides=2, padding="same")(x)
    assert outputs.shape == (None, None, None, 2)
    model = kerasish.Model(inputs, outputs)
    assert np_(model(rand(2, 5, 6, 3))).shape == (2, 6, 6, 2)
    assert layers.Conv1D(2, 3, padding="causal").compute_output_shape((None, 7, 3)) == (None, 7, 2)


def test_tiny_fit_reduces_loss(backend):
    kerasish.utils.set_random_seed(0)
    model = kerasish.Sequential([
        kerasish.Input((6, 6, 2)), layers.Conv2D(3, 3, padding="same", activation="relu"),
        layers.SeparableConv2D(2, 2), layers.Conv2DTranspose(2, 2, strides=2),
        layers.GlobalAveragePooling2D(), layers.Dense(1)])
    x, y = rand(8, 6, 6, 2), rand(8, 1, seed=1)
    model.compile(optimizer="sgd", loss="mse")
    history = model.fit(x, y, epochs=3, batch_size=8, verbose=0)
    assert history.history["loss"][-1] < history.history["loss"][0]




@pytest.mark.parametrize("cls, kwargs", [
    ("Conv2D", {"kernel_size": 3, "strides": 2}),
    ("Conv2D", {"kernel_size": (3, 2), "strides": (2, 3), "padding": "same"}),
    ("Conv1D", {"kernel_size": 3, "dilation_rate": 2, "padding": "causal"}),
    ("Conv3D", {"kernel_size": 2, "dilation_rate": 2, "data_format": "channels_first"}),
    ("DepthwiseConv2D", {"kernel_size": 3, "depth_multiplier": 3, "strides": 2}),
    ("SeparableConv1D", {"kernel_size": 2, "strides": 3, "padding": "same"}),
    ("Conv2DTranspose", {"kernel_size": 3, "strides": 2}),
    ("Conv2DTranspose", {"kernel_size": 2, "strides": 3}),
    ("Conv2DTranspose", {"kernel_size": 4, "strides": 2, "padding": "same"}),
    ("Conv2DTranspose", {"kernel_size": (3, 4), "strides": 3, "padding": "same",
                         "output_padding": (2, 1)}),
    ("Conv1DTranspose", {"kernel_size": 3, "dilation_rate": 2, "output_padding": 0}),
    ("Conv3DTranspose", {"kernel_size": 2, "strides": 2, "padding": "same",
                         "data_format": "channels_first"}),
])
def test_compute_output_shape_matches_keras_without_building(backend, cls, kwargs):
    if "filters" in inspect.signature(getattr(layers, cls).__init__).parameters:
        kwargs = {"filters": 2, **kwargs}
    ours, theirs = getattr(layers, cls)(**kwargs), getattr(keras.layers, cls)(**kwargs)
    rank = len(ours.kernel_size)
    shape = (None,) + (3, 7, 6)[:rank] + (4,) if ours.data_format == "channels_last" \
        else (None, 4) + (3, 7, 6)[:rank]
    expected = theirs.compute_output_shape(shape)
    assert ours.compute_output_shape(shape) == tuple(expected)
    assert not ours.built and not ours.weights
    x = rand(*((2,) + shape[1:]))
    assert np_(ours(x)).shape == (2,) + tuple(expected[1:])
