"""Pooling layers beyond the catalog: argument and input-shape errors, GlobalAveragePooling1D's
masks against Keras, Keras's signatures and aliases, and unknown spatial dims."""
import inspect

import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")

POOL_NAMES = kerasish.layers.pooling.__all__


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def rand(*shape, seed=0):
    return np.random.RandomState(seed).randn(*shape).astype("float32")


def init_params(cls):
    return [(p.name, p.default) for p in inspect.signature(cls.__init__).parameters.values()]


@pytest.mark.parametrize("name", POOL_NAMES)
def test_signature_and_aliases_match_keras(name):
    ours, theirs = getattr(layers, name), getattr(keras.layers, name)
    assert ours.__name__ == theirs.__name__  # aliases are the same class, as in Keras
    assert init_params(ours) == init_params(theirs)


@pytest.mark.parametrize("make, x, match", [
    (lambda: layers.MaxPooling2D(name="p"), (2, 4, 4),
     r'layer "p" is incompatible.*expected ndim=4, found ndim=3. Full shape received: \(2, 4, 4\)'),
    (lambda: layers.AveragePooling1D(2, name="p"), (2, 4, 4, 1), r'"p".*expected ndim=3'),
    (lambda: layers.MaxPooling3D(name="p"), (2, 4, 4, 1), r'"p".*expected ndim=5'),
    (lambda: layers.GlobalAveragePooling2D(name="p"), (2, 4, 4), r'"p".*expected ndim=4'),
    (lambda: layers.GlobalMaxPooling1D(name="p"), (2, 4), r'"p".*expected ndim=3'),
    (lambda: layers.GlobalAveragePooling3D(name="p"), (2, 4, 4, 1), r'"p".*expected ndim=5'),
    (lambda: layers.AdaptiveAveragePooling2D(2, name="p"), (2, 4, 4), r'"p".*expected ndim=4'),
    (lambda: layers.AdaptiveMaxPooling1D(2, name="p"), (2, 4, 4, 1), r'"p".*expected ndim=3'),
    (lambda: layers.MaxPooling2D(3, name="p"), (2, 2, 4, 1),
     r"MaxPooling2D layer 'p': computed output size would be negative.*\(3, 3\).*\(2, 4\)"),
])
def test_wrong_input_shape_names_layer_and_shapes(backend, make, x, match):
    with pytest.raises(ValueError, match=match):
        make()(rand(*x))


@pytest.mark.parametrize("make, match", [
    (lambda: layers.MaxPooling2D(padding="full"), r"MaxPooling2D: .*`padding`.*padding='full'"),
    (lambda: layers.AveragePooling1D(0), r"AveragePooling1D: the `pool_size`.*> 0"),
    (lambda: layers.AveragePooling2D((2, 2, 2)), r"`pool_size`.*tuple of 2 integers"),
    (lambda: layers.MaxPooling3D(strides=(1, 0, 1)), r"MaxPooling3D: the `strides`.*> 0"),
    (lambda: layers.GlobalMaxPooling2D(data_format="NCHW"), r"GlobalMaxPooling2D: .*'NCHW'"),
    (lambda: layers.AdaptiveMaxPooling2D((2, 2, 2)), r"AdaptiveMaxPooling2D: .*`output_size`"),
    (lambda: layers.AdaptiveAveragePooling1D(0), r"AdaptiveAveragePooling1D: .*`output_size`"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_padding_kept_as_given_in_config():
    layer = layers.MaxPooling2D(padding="SAME")
    keras_config = keras.layers.MaxPooling2D(padding="SAME").get_config()
    assert layer.get_config()["padding"] == keras_config["padding"] == "SAME"
    assert np_(layer(rand(1, 3, 3, 1))).shape == (1, 2, 2, 1)


@pytest.mark.parametrize("data_format, keepdims", [
    ("channels_last", False), ("channels_last", True), ("channels_first", False)])
def test_global_average_pooling1d_mask_matches_keras(backend, data_format, keepdims):
    x = rand(3, 4, 5) if data_format == "channels_last" else rand(3, 5, 4)
    mask = np.array([[1, 1, 0, 0], [1, 1, 1, 1], [0, 1, 0, 1]], bool)
    kwargs = {"data_format": data_format, "keepdims": keepdims}
    y = np_(layers.GlobalAveragePooling1D(**kwargs)(x, mask=mask))
    expected = np.asarray(keras.layers.GlobalAveragePooling1D(**kwargs)(x, mask=mask))
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)
    assert not np.allclose(y, np_(layers.GlobalAveragePooling1D(**kwargs)(x)))


def test_global_average_pooling1d_mask_from_masking_layer(backend):
    x = rand(2, 5, 3)
    x[0, 3:] = 0.0  # padded steps
    x[1, 1] = 0.0

    def build(lib):
        inputs = lib.Input((5, 3))
        pooled = lib.layers.GlobalAveragePooling1D()(lib.layers.Masking(0.0)(inputs))
        return lib.Model(inputs, lib.layers.Dense(2)(pooled))

    ours, theirs = build(kerasish), build(keras)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(np_(ours(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-6)
    # The pooled output carries no mask.
    assert ours.layers[2].compute_mask(x, np.ones((2, 5), bool)) is None


def test_unknown_spatial_dims(backend):
    inputs = kerasish.Input(batch_shape=(None, None, None, 2))
    x = layers.MaxPooling2D(padding="same")(inputs)
    x = layers.AveragePooling2D(2, strides=1)(x)
    outputs = layers.GlobalMaxPooling2D(keepdims=True)(x)
    assert x.shape == (None, None, None, 2) and outputs.shape == (None, 1, 1, 2)
    model = kerasish.Model(inputs, [x, outputs])
    a, b = model(rand(2, 5, 7, 2))
    assert np_(a).shape == (2, 2, 3, 2) and np_(b).shape == (2, 1, 1, 2)


def test_adaptive_pooling_any_input_size(backend):
    inputs = kerasish.Input(batch_shape=(None, None, None, 2))
    avg = layers.AdaptiveAveragePooling2D((2, 3))(inputs)
    big = layers.AdaptiveMaxPooling2D(4)(inputs)
    assert avg.shape == (None, 2, 3, 2) and big.shape == (None, 4, 4, 2)
    model = kerasish.Model(inputs, [avg, big])
    for shape in [(1, 5, 7, 2), (2, 2, 3, 2)]:
        x = rand(*shape)
        a, b = (np_(t) for t in model(x))
        assert a.shape == (shape[0], 2, 3, 2) and b.shape == (shape[0], 4, 4, 2)
        expected = keras.layers.AdaptiveAveragePooling2D((2, 3))(x)
        np.testing.assert_allclose(a, np.asarray(expected), rtol=1e-5, atol=1e-6)
    # Pooling to the input's own size is the identity.
    x = rand(2, 3, 4, 2)
    np.testing.assert_allclose(np_(layers.AdaptiveMaxPooling2D((3, 4))(x)), x)
