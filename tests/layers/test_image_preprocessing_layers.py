"""Image preprocessing and augmentation layers beyond the catalog: seeded randomness and its
statistics, inference identity, single images, training by `fit` (inside the jitted step on
JAX), and argument errors."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")

RNG = np.random.RandomState(0)
IMAGES = RNG.uniform(0, 1, size=(4, 6, 7, 2)).astype("float32")


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def augmenters(seed):
    return [layers.RandomFlip(seed=seed), layers.RandomRotation(0.2, seed=seed),
            layers.RandomZoom(0.3, seed=seed), layers.RandomTranslation(0.2, 0.3, seed=seed),
            layers.RandomContrast(0.5, value_range=(0, 1), seed=seed),
            layers.RandomBrightness(0.3, value_range=(0, 1), seed=seed),
            layers.RandomCrop(4, 5, seed=seed)]


def test_seeded_layers_are_reproducible_and_vary_between_calls(backend):
    for first, second in zip(augmenters(7), augmenters(7)):
        a1, a2 = np_(first(IMAGES)), np_(first(IMAGES))  # training defaults to True
        b1, b2 = np_(second(IMAGES)), np_(second(IMAGES))
        name = type(first).__name__
        np.testing.assert_array_equal(a1, b1, err_msg=name)
        np.testing.assert_array_equal(a2, b2, err_msg=name)
        assert not np.array_equal(a1, a2), name
        assert a1.dtype == np.float32


def test_inference_is_identity(backend):
    for layer in augmenters(1):
        out = np_(layer(IMAGES, training=False))
        if isinstance(layer, layers.RandomCrop):
            continue  # resizes at inference: see test_random_crop_inference_resizes
        np.testing.assert_array_equal(out, IMAGES, err_msg=type(layer).__name__)
    model = kerasish.Sequential([kerasish.Input((6, 7, 2))] + augmenters(1)[:-1])
    np.testing.assert_array_equal(np_(model.predict(IMAGES, verbose=0)), IMAGES)


def test_random_flip_flips_about_half(backend):
    images = np.broadcast_to(np.arange(3, dtype="float32")[None, None, :, None],
                             (400, 2, 3, 1))
    out = np_(layers.RandomFlip("horizontal", seed=3)(images))
    flipped = out[:, 0, 0, 0] == 2.0
    assert np.all(flipped | (out[:, 0, 0, 0] == 0.0))
    assert 0.4 < flipped.mean() < 0.6
    np.testing.assert_array_equal(out[flipped], images[flipped][:, :, ::-1])
    # horizontal_and_vertical: one draw flips both axes together (as Keras).
    grid = np.arange(4, dtype="float32").reshape(1, 2, 2, 1).repeat(200, axis=0)
    both = np_(layers.RandomFlip(seed=4)(grid))[:, :, :, 0]
    is_flipped = both[:, 0, 0] == 3.0
    assert np.all(is_flipped | (both[:, 0, 0] == 0.0)) and 0.35 < is_flipped.mean() < 0.65


def test_random_offsets_stay_in_their_ranges(backend):
    images = np.full((300, 2, 2, 1), 0.5, "float32")
    bright = np_(layers.RandomBrightness((-0.2, 0.1), value_range=(0, 1), seed=1)(images))
    delta = bright[:, 0, 0, 0] - 0.5
    assert delta.min() >= -0.2 - 1e-6 and delta.max() <= 0.1 + 1e-6
    assert np.all(bright == bright[:, :1, :1])  # one offset per image
    assert delta.min() < -0.15 and delta.max() > 0.05  # spread over the range
    ramp = np.tile(np.array([0.0, 1.0], "float32").reshape(1, 1, 2, 1), (300, 1, 1, 1))
    contrast = np_(layers.RandomContrast(0.5, value_range=(-5, 5), seed=2)(ramp))
    factor = contrast[:, 0, 1, 0] - contrast[:, 0, 0, 0]  # the contrast factor (range 1)
    assert factor.min() >= 1.0 - 1e-6 and factor.max() <= 1.5 + 1e-6  # Keras 3: [1, 1 + f]
    assert factor.max() - factor.min() > 0.4


def test_random_rotation_and_translation_samples(backend):
    # A half turn is the same in both directions: every image rotated by 180 degrees.
    turned = np_(layers.RandomRotation((0.5, 0.5), seed=1)(IMAGES))
    np.testing.assert_allclose(turned, IMAGES[:, ::-1, ::-1], atol=1e-5)
    # Whole-pixel shifts with nearest sampling: each output is a shifted copy of its input.
    images = RNG.uniform(size=(50, 5, 5, 1)).astype("float32")
    shifted = np_(layers.RandomTranslation((-0.4, 0.4), 0.0, interpolation="nearest",
                                           fill_mode="wrap", seed=2)(images))
    shifts = set()
    for image, out in zip(images, shifted):
        matches = [s for s in range(-2, 3) if np.array_equal(np.roll(image, s, axis=0), out)]
        assert matches
        shifts.update(matches)
    assert len(shifts) >= 4


def test_random_crop_windows(backend):
    images = np.arange(2 * 8 * 9, dtype="float32").reshape(2, 8, 9, 1)
    layer = layers.RandomCrop(3, 4, seed=5)
    starts = set()
    for _ in range(12):
        out = np_(layer(images))
        assert out.shape == (2, 3, 4, 1)
        top, left = divmod(int(out[0, 0, 0, 0]), 9)
        np.testing.assert_array_equal(out, images[:, top:top + 3, left:left + 4])
        starts.add((top, left))
    assert len(starts) > 4


def test_random_crop_inference_resizes(backend):
    # Keras 3.15 returns the input unchanged at inference (against its own docs and output
    # shape); kerasish returns the largest centred window of the aspect ratio, resized.
    out = np_(layers.RandomCrop(3, 4, seed=1)(IMAGES, training=False))
    expected = keras.ops.image.resize(IMAGES, (3, 4), crop_to_aspect_ratio=True)
    np.testing.assert_allclose(out, np.asarray(expected), rtol=1e-5, atol=1e-6)
    small = np_(layers.RandomCrop(8, 9, seed=1)(IMAGES))  # too small to crop: resized
    assert small.shape == (4, 8, 9, 2)


@pytest.mark.parametrize("make", [
    lambda m: m.Resizing(3, 9), lambda m: m.CenterCrop(4, 3),
    lambda m: m.RandomRotation((0.2, 0.2), fill_mode="constant"),
    lambda m: m.RandomZoom((0.3, 0.3), (-0.2, -0.2)),
])
def test_single_images_match_keras(backend, make):
    image = IMAGES[0]
    ours = np_(make(layers)(image))
    theirs = np.asarray(make(keras.layers)(image))
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("backend_name", ["numpy", "jax"])
def test_fit_with_augmentation(backend_name):
    with kerasish.backend.use_backend(backend_name):
        augment = [layers.RandomFlip("horizontal", seed=1), layers.RandomRotation(0.1, seed=2),
                   layers.RandomZoom(0.1, seed=3), layers.RandomTranslation(0.1, 0.1, seed=4),
                   layers.RandomContrast(0.2, value_range=(0, 1), seed=5),
                   layers.RandomBrightness(0.1, value_range=(0, 1), seed=6),
                   layers.RandomCrop(5, 5, seed=7)]
        model = kerasish.Sequential([kerasish.Input((6, 6, 1))] + augment +
                                    [layers.Flatten(), layers.Dense(2)])
        model.compile(optimizer="sgd", loss="mse")
        x = RNG.uniform(size=(16, 6, 6, 1)).astype("float32")
        y = RNG.randn(16, 2).astype("float32")
        before = [np_(layer.generator.state.value) for layer in augment]
        history = model.fit(x, y, batch_size=8, epochs=2, verbose=0)
        assert np.all(np.isfinite(history.history["loss"]))
        for layer, state in zip(augment, before):
            # Each of the 4 steps drew new randomness inside the (jitted) train step.
            assert not np.array_equal(np_(layer.generator.state.value), state), layer.name
        assert np_(model.predict(x, verbose=0)).shape == (16, 2)


@pytest.mark.parametrize("make, error, match", [
    (lambda: layers.RandomRotation(1.5), ValueError, r"`factor` argument .*\[-1, 1\]"),
    (lambda: layers.RandomRotation((0.1, 0.2, 0.3)), ValueError, r"list of two numbers"),
    (lambda: layers.RandomRotation("a"), ValueError, r"Received: factor='a'"),
    (lambda: layers.RandomRotation(0.1, fill_mode="edge"), NotImplementedError,
     r"unknown `fill_mode` 'edge'"),
    (lambda: layers.RandomZoom(0.1, interpolation="bicubic"), ValueError,
     r"RandomZoom: unknown `interpolation`"),
    (lambda: layers.RandomZoom(-1.0), ValueError, r"height_factor.*\(-1.0, 1.0\]"),
    (lambda: layers.RandomZoom(0.2, width_factor=(0.1, 1.2)), ValueError, r"width_factor"),
    (lambda: layers.RandomTranslation(0.1, -1.5), ValueError, r"width_factor.*\[-1.0, 1.0\]"),
    (lambda: layers.RandomContrast(1.5), ValueError, r"RandomContrast.*\[0, 1\]"),
    (lambda: layers.RandomBrightness(0.1, value_range=(0, 1, 2)), ValueError,
     r"`value_range` argument should be a list of two numbers"),
    (lambda: layers.RandomFlip("diagonal"), ValueError, r"`mode` must be one of"),
    (lambda: layers.Resizing(0, 3), ValueError, r"Resizing.*`height`.*Received height=0"),
    (lambda: layers.Resizing(3, 3, interpolation="cubic"), ValueError, r"`interpolation`"),
    (lambda: layers.Resizing(3, 3, crop_to_aspect_ratio=True, pad_to_aspect_ratio=True),
     ValueError, r"only one of"),
    (lambda: layers.CenterCrop(3, 2.5), ValueError, r"CenterCrop.*`width`"),
    (lambda: layers.RandomCrop(3, 3, data_format="nhwc"), ValueError, r"data_format"),
])
def test_argument_errors(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_input_rank_error_names_the_layer(backend):
    with pytest.raises(ValueError, match=r"RandomFlip layer 'flip'.*rank 3 .* or 4 .*\(6, 7\)"):
        layers.RandomFlip(name="flip")(IMAGES[0, :, :, 0])
    with pytest.raises(ValueError, match=r"Resizing layer .*rank 3"):
        layers.Resizing(2, 2)(np.ones((1, 2, 3, 4, 5), "float32"))
