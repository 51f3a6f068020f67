"""kerasish.ops.image against keras.ops.image (Keras 3 on JAX, the oracle) on both backends,
gradients between the NumPy and JAX backends, jit, symbolic shapes and argument errors."""
import numpy as np
import pytest

import kerasish
from kerasish import ops
from tests.conftest import require_backends

keras = pytest.importorskip("keras")

RNG = np.random.RandomState(0)
IMAGES = RNG.randn(2, 5, 7, 3).astype("float32")
# Mostly-affine transforms with a shift and a rotation/shear part, one per image.
TRANSFORMS = np.array([[0.9, -0.3, 1.5, 0.25, 1.1, -0.7, 0.0, 0.0],
                       [1.2, 0.4, -2.0, -0.2, 0.8, 1.3, 0.0, 0.0]], "float32")


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def channels(x, data_format):
    return x if data_format == "channels_last" else np.moveaxis(x, -1, -3)


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear", "bicubic", "lanczos3"])
@pytest.mark.parametrize("size", [(3, 4), (8, 11)])
def test_resize_matches_keras(backend, interpolation, size):
    for kwargs in [{}, {"antialias": True}, {"crop_to_aspect_ratio": True},
                   {"pad_to_aspect_ratio": True, "fill_value": 2.0}]:
        ours = np_(ops.image.resize(IMAGES, size, interpolation=interpolation, **kwargs))
        theirs = np.asarray(keras.ops.image.resize(IMAGES, size, interpolation=interpolation,
                                                   **kwargs))
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5, err_msg=str(kwargs))


@pytest.mark.parametrize("data_format", ["channels_last", "channels_first"])
def test_resize_single_image_and_channels_first(backend, data_format):
    image = channels(IMAGES[0], data_format)
    ours = np_(ops.image.resize(image, (4, 9), data_format=data_format))
    theirs = np.asarray(keras.ops.image.resize(image, (4, 9), data_format=data_format))
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


def test_resize_integer_images(backend):
    images = RNG.randint(0, 255, size=(1, 4, 6, 1)).astype("uint8")
    nearest = np_(ops.image.resize(images, (3, 5), interpolation="nearest"))
    assert nearest.dtype == np.uint8
    np.testing.assert_array_equal(
        nearest, np.asarray(keras.ops.image.resize(images, (3, 5), interpolation="nearest")))
    # Other interpolations round back to the input's dtype, saturating (as Keras).
    bilinear = np_(ops.image.resize(images, (3, 7)))
    assert bilinear.dtype == np.uint8
    np.testing.assert_array_equal(bilinear, np.asarray(keras.ops.image.resize(images, (3, 7))))
    big = np.full((1, 2, 2, 1), 250, "uint8")
    big[0, 0, 0, 0] = 0
    cubic = np_(ops.image.resize(big, (5, 5), "bicubic"))
    np.testing.assert_array_equal(cubic, np.asarray(keras.ops.image.resize(big, (5, 5), "bicubic")))
    assert cubic.max() == 255  # the overshoot saturates instead of wrapping


@pytest.mark.parametrize("interpolation", ["nearest", "bilinear"])
@pytest.mark.parametrize("fill_mode", ["constant", "nearest", "wrap", "mirror", "reflect"])
def test_affine_transform_matches_keras(backend, interpolation, fill_mode):
    for data_format in ["channels_last", "channels_first"]:
        images = channels(IMAGES, data_format)
        ours = np_(ops.image.affine_transform(images, TRANSFORMS, interpolation, fill_mode, 0.5,
                                              data_format=data_format))
        theirs = np.asarray(keras.ops.image.affine_transform(
            images, TRANSFORMS, interpolation, fill_mode, 0.5, data_format=data_format))
        np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5, err_msg=data_format)


def test_affine_transform_single_image_and_transform(backend):
    ours = np_(ops.image.affine_transform(IMAGES[0], TRANSFORMS[1], fill_mode="reflect"))
    theirs = np.asarray(keras.ops.image.affine_transform(IMAGES[0], TRANSFORMS[1],
                                                         fill_mode="reflect"))
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)
    # One transform broadcasts over a batch.
    batch = np_(ops.image.affine_transform(IMAGES, TRANSFORMS[0]))
    np.testing.assert_allclose(batch[1], np_(ops.image.affine_transform(IMAGES[1], TRANSFORMS[0])),
                               rtol=1e-6, atol=1e-6)


def test_affine_transform_identity_and_integer_images(backend):
    identity = np.array([1, 0, 0, 0, 1, 0, 0, 0], "float32")
    np.testing.assert_allclose(np_(ops.image.affine_transform(IMAGES, identity)), IMAGES)
    images = RNG.randint(0, 200, size=(1, 4, 5, 2)).astype("int32")
    ours = np_(ops.image.affine_transform(images, TRANSFORMS[:1], "nearest", "wrap"))
    assert ours.dtype == np.int32
    np.testing.assert_array_equal(ours, np.asarray(keras.ops.image.affine_transform(
        images, TRANSFORMS[:1], "nearest", "wrap")))


def test_crop_and_pad_images_match_keras(backend):
    for kwargs in [dict(top_cropping=1, left_cropping=2, target_height=3, target_width=4),
                   dict(bottom_cropping=1, right_cropping=0, top_cropping=2, left_cropping=3)]:
        np.testing.assert_array_equal(np_(ops.image.crop_images(IMAGES, **kwargs)),
                                      np.asarray(keras.ops.image.crop_images(IMAGES, **kwargs)))
    for kwargs in [dict(top_padding=1, left_padding=2, target_height=8, target_width=9),
                   dict(bottom_padding=2, right_padding=0, top_padding=1, left_padding=3)]:
        np.testing.assert_array_equal(np_(ops.image.pad_images(IMAGES, **kwargs)),
                                      np.asarray(keras.ops.image.pad_images(IMAGES, **kwargs)))
    first = channels(IMAGES, "channels_first")
    np.testing.assert_array_equal(
        np_(ops.image.pad_images(first[0], 1, 1, 1, 1, data_format="channels_first")),
        np.asarray(keras.ops.image.pad_images(first[0], 1, 1, 1, 1, data_format="channels_first")))


def _gradients(backend_name, fn, *args):
    with kerasish.backend.use_backend(backend_name):
        def loss(args):
            out = fn(*args)
            weights = np.cos(np.arange(int(np.prod(out.shape)))).reshape(out.shape)
            return ops.sum(out * weights.astype("float32"))
        return [np_(g) for g in ops.grad(loss)(list(args))]


@require_backends("numpy", "jax")
@pytest.mark.parametrize("name, fn, args", [
    ("resize_bilinear", lambda x: ops.image.resize(x, (3, 9)), (IMAGES,)),
    ("resize_bicubic_aa", lambda x: ops.image.resize(x, (4, 3), "bicubic", antialias=True),
     (IMAGES,)),
    ("resize_nearest", lambda x: ops.image.resize(x, (7, 4), "nearest"), (IMAGES,)),
    ("affine_bilinear", lambda x, t: ops.image.affine_transform(x, t, fill_mode="reflect"),
     (IMAGES, TRANSFORMS)),
    ("affine_constant", lambda x, t: ops.image.affine_transform(x, t, fill_value=1.0),
     (IMAGES, TRANSFORMS)),
    ("affine_nearest", lambda x, t: ops.image.affine_transform(x, t, "nearest", "wrap"),
     (IMAGES, TRANSFORMS)),
])
def test_gradients_agree_between_backends(name, fn, args):
    numpy_grads = _gradients("numpy", fn, *args)
    jax_grads = _gradients("jax", fn, *args)
    assert np.abs(numpy_grads[0]).sum() > 0
    for a, b in zip(numpy_grads, jax_grads):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4, err_msg=name)


@require_backends("jax")
def test_image_ops_jit():
    with kerasish.backend.use_backend("jax"):
        fn = ops.jit(lambda x, t: ops.image.affine_transform(ops.image.resize(x, (6, 8)), t))
        expected = keras.ops.image.affine_transform(keras.ops.image.resize(IMAGES, (6, 8)),
                                                    TRANSFORMS)
        np.testing.assert_allclose(np_(fn(IMAGES, TRANSFORMS)), np.asarray(expected),
                                   rtol=1e-5, atol=1e-5)


@pytest.mark.filterwarnings("ignore:invalid value encountered")  # op-by-op eval on zeros
def test_symbolic_shapes(backend):
    x = kerasish.Input((5, 7, 3))
    assert ops.image.resize(x, (3, 4)).shape == (None, 3, 4, 3)
    assert ops.image.resize(x, (3, 4), crop_to_aspect_ratio=True).shape == (None, 3, 4, 3)
    t = kerasish.Input((8,))
    assert ops.image.affine_transform(x, t).shape == (None, 5, 7, 3)
    assert ops.image.crop_images(x, 1, 1, target_height=2, target_width=3).shape == (None, 2, 3, 3)
    assert ops.image.pad_images(x, 1, 2, 0, 0).shape == (None, 6, 9, 3)


@pytest.mark.parametrize("call, match", [
    (lambda: ops.image.resize(IMAGES, (3,)), r"resize: expected `size` to be a tuple of 2"),
    (lambda: ops.image.resize(IMAGES, (0, 3)), r"positive height and width"),
    (lambda: ops.image.resize(IMAGES[0, 0], (2, 3)), r"expected rank 3 .*images.shape=\(7, 3\)"),
    (lambda: ops.image.resize(IMAGES, (2, 3), "area"), r"`interpolation`.*Received: "
                                                       r"interpolation='area'"),
    (lambda: ops.image.resize(IMAGES, (2, 3), crop_to_aspect_ratio=True,
                              pad_to_aspect_ratio=True), r"only one of"),
    (lambda: ops.image.resize(IMAGES, (2, 3), fill_mode="reflect"), r"Only 'constant'"),
    (lambda: ops.image.affine_transform(IMAGES, TRANSFORMS, "bicubic"), r"`interpolation`"),
    (lambda: ops.image.affine_transform(IMAGES, TRANSFORMS, fill_mode="edge"), r"`fill_mode`"),
    (lambda: ops.image.affine_transform(IMAGES, TRANSFORMS[:, :6]), r"8 values.*\(2, 6\)"),
    (lambda: ops.image.affine_transform(IMAGES, TRANSFORMS[None]), r"transform rank"),
    (lambda: ops.image.crop_images(IMAGES, 1, 1), r"exactly two of top_cropping"),
    (lambda: ops.image.crop_images(IMAGES, 1, 1, target_height=5, target_width=2),
     r"does not fit"),
    (lambda: ops.image.pad_images(IMAGES, 1, 1, target_height=3, target_width=9),
     r"bottom_padding must be >= 0"),
])
def test_errors(backend, call, match):
    with pytest.raises(ValueError, match=match):
        call()
