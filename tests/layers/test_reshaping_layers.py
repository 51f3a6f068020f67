"""Reshaping layers beyond the catalog: Reshape's errors, and symbolic shapes with unknown (None)
dimensions for Reshape, Flatten and Permute, then the same model on data."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_reshape_incompatible_target_names_layer_and_shapes(backend):
    layer = layers.Reshape((4, 2), name="to_grid")
    with pytest.raises(ValueError, match=r"Reshape layer 'to_grid'.*\(2, 3, 3\).*target_shape="
                                         r"\(4, 2\).*unchanged.*\(3, 3\) \(9 values\)"):
        layer(np.ones((2, 3, 3), "float32"))
    with pytest.raises(ValueError, match=r"'to_grid'.*\(None, 7\).*target_shape=\(4, 2\)"):
        layer(kerasish.Input((7,)))


def test_reshape_minus_one_must_divide(backend):
    layer = layers.Reshape((4, -1))
    with pytest.raises(ValueError, match=r"Reshape layer .*\(2, 6\).*not a multiple of the 4"):
        layer(np.ones((2, 6), "float32"))
    np.testing.assert_array_equal(np_(layer(np.ones((2, 8), "float32"))).shape, (2, 4, 2))


@pytest.mark.parametrize("target, match", [
    ((2, -2), "non-negative integer, or `-1`"), ((-1, -1), "at most one unknown"),
    ((None, -1), "at most one unknown"), ((2, 1.5), "non-negative integer"),
    (object(), "must be a tuple of ints"),
])
def test_reshape_target_shape_checked_at_construction(target, match):
    with pytest.raises(ValueError, match=match):
        layers.Reshape(target)


def test_reshape_with_unknown_dims(backend):
    inputs = kerasish.Input(batch_shape=(None, None, 4))
    assert layers.Reshape((-1, 2))(inputs).shape == (None, None, 2)
    assert layers.Reshape((2, -1))(inputs).shape == (None, 2, None)
    assert layers.Reshape((3, 4))(inputs).shape == (None, 3, 4)  # checked on data only
    model = kerasish.Model(inputs, layers.Reshape((-1, 2))(inputs))
    assert np_(model(np.ones((3, 5, 4), "float32"))).shape == (3, 10, 2)
    # A None in target_shape is the unknown dimension, as -1.
    assert np_(layers.Reshape((None, 2))(np.ones((3, 5, 4), "float32"))).shape == (3, 10, 2)


def test_flatten_with_unknown_dims(backend):
    inputs = kerasish.Input(batch_shape=(None, None, 3))
    out = layers.Flatten()(inputs)
    assert out.shape == (None, None)
    assert layers.Flatten()(kerasish.Input((2, 3))).shape == (None, 6)
    model = kerasish.Model(inputs, out)
    x = np.arange(30, dtype="float32").reshape(2, 5, 3)
    np.testing.assert_array_equal(np_(model(x)), x.reshape(2, 15))


def test_flatten_channels_first_matches_channels_last_order(backend):
    x = np.random.RandomState(0).randn(2, 3, 4, 5).astype("float32")  # (batch, h, w, channels)
    last = np_(layers.Flatten(data_format="channels_last")(x))
    first = np_(layers.Flatten(data_format="channels_first")(np.moveaxis(x, -1, 1)))
    np.testing.assert_array_equal(first, last)


def test_permute_with_unknown_dims(backend):
    inputs = kerasish.Input(batch_shape=(None, None, 4, 2))
    out = layers.Permute((3, 1, 2))(inputs)
    assert out.shape == (None, 2, None, 4)
    model = kerasish.Model(inputs, out)
    x = np.random.RandomState(0).randn(2, 3, 4, 2).astype("float32")
    np.testing.assert_array_equal(np_(model(x)), np.transpose(x, (0, 3, 1, 2)))


def test_permute_errors(backend):
    for dims in [(0, 1), (1, 3), (2, 2), "ab"]:
        with pytest.raises(ValueError, match=r"must be consecutive and start from 1"):
            layers.Permute(dims)
    with pytest.raises(ValueError, match=r"expected ndim=3, found ndim=2"):
        layers.Permute((2, 1))(np.ones((2, 3), "float32"))


def test_repeat_vector_errors(backend):
    with pytest.raises(TypeError, match=r"integer value for `n`"):
        layers.RepeatVector(2.0)
    with pytest.raises(ValueError, match=r"positive integer. Received: n=0"):
        layers.RepeatVector(0)
    assert layers.RepeatVector(3)(kerasish.Input((5,))).shape == (None, 3, 5)
    with pytest.raises(ValueError, match=r"expected ndim=2, found ndim=3"):
        layers.RepeatVector(3)(np.ones((2, 3, 4), "float32"))


def test_int_inputs_keep_their_dtype(backend):
    x = np.arange(12, dtype="int32").reshape(2, 3, 2)
    for layer in [layers.Flatten(), layers.Reshape((-1,)), layers.Permute((2, 1))]:
        assert layer(kerasish.Input((3, 2), dtype="int32")).dtype == "int32"
        assert ops.dtype(layer(x)) == "int32"
    assert layers.RepeatVector(2)(kerasish.Input((3,), dtype="int32")).dtype == "int32"


# -- UpSampling, ZeroPadding, Cropping ---------------------------------------------------------

@pytest.mark.parametrize("make, error, match", [
    (lambda: layers.UpSampling1D(2.0), TypeError, r"UpSampling1D: expected an integer value"),
    (lambda: layers.UpSampling1D(0), ValueError, r"positive integer. Received: size=0"),
    (lambda: layers.UpSampling2D((2, 0)), ValueError, r"UpSampling2D.*`size`.*> 0"),
    (lambda: layers.UpSampling2D(interpolation="area"), ValueError, r"`interpolation` must be"),
    (lambda: layers.UpSampling3D((2, 2)), ValueError, r"UpSampling3D.*tuple of 3 integers"),
    (lambda: layers.UpSampling2D(data_format="nchw"), ValueError, r"data_format"),
    (lambda: layers.ZeroPadding1D(-1), ValueError, r"ZeroPadding1D.*`padding`.*>= 0"),
    (lambda: layers.ZeroPadding2D((1, 2, 3)), ValueError, r"`padding` should have 2 elements"),
    (lambda: layers.ZeroPadding2D(((1, 2), (1, 2, 3))), ValueError,
     r"2nd entry of padding.*tuple of 2"),
    (lambda: layers.ZeroPadding3D("same"), ValueError, r"should be either an int"),
    (lambda: layers.Cropping1D((1, 2, 3)), ValueError, r"Cropping1D.*`cropping`.*tuple of 2"),
    (lambda: layers.Cropping2D(-1), ValueError, r"`cropping` cannot be negative"),
    (lambda: layers.Cropping3D(((1, 1), (1, -1), 0)), ValueError, r"2nd entry of cropping"),
])
def test_spatial_layer_argument_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_cropping_too_much_names_layer_and_shapes(backend):
    with pytest.raises(ValueError, match=r"Cropping2D layer 'crop'.*inputs.shape=\(2, 3, 4, 1\), "
                                         r"cropping=\(\(1, 2\), \(0, 0\)\)"):
        layers.Cropping2D(((1, 2), (0, 0)), name="crop")(np.ones((2, 3, 4, 1), "float32"))
    with pytest.raises(ValueError, match=r"Cropping1D layer"):
        layers.Cropping1D((2, 2))(kerasish.Input((4, 3)))
    with pytest.raises(ValueError, match=r"expected ndim=5, found ndim=4"):
        layers.Cropping3D()(np.ones((1, 4, 4, 4), "float32"))


def test_spatial_layers_with_unknown_dims(backend):
    inputs = kerasish.Input(batch_shape=(None, None, 4, 2))
    assert layers.UpSampling2D((2, 3))(inputs).shape == (None, None, 12, 2)
    assert layers.ZeroPadding2D(((1, 2), (0, 1)))(inputs).shape == (None, None, 5, 2)
    assert layers.Cropping2D(((1, 0), (1, 2)))(inputs).shape == (None, None, 1, 2)
    steps = kerasish.Input(batch_shape=(None, None, 3))
    model = kerasish.Model(steps, layers.Cropping1D((1, 0))(layers.UpSampling1D(2)(steps)))
    x = np.arange(12, dtype="float32").reshape(2, 2, 3)
    np.testing.assert_array_equal(np_(model(x)), np.repeat(x, 2, axis=1)[:, 1:])


def test_spatial_layers_keep_int_dtype(backend):
    x = np.arange(16, dtype="int32").reshape(1, 2, 2, 4)
    for layer in [layers.UpSampling2D(), layers.ZeroPadding2D(), layers.Cropping2D(((1, 0), 0))]:
        assert ops.dtype(layer(x)) == "int32"
