"""What the catalog cannot show about the normalization layers: BatchNormalization's moving
statistics through `fit` (equal to Keras's after the same fit), frozen BN, masks, renorm's state,
and the error paths."""
import numpy as np
import pytest

import kerasish
from kerasish import layers

keras = pytest.importorskip("keras")


def _np(x):
    return np.asarray(kerasish.ops.convert_to_numpy(x))


def _bn_model(module, **bn_kwargs):
    return module.Sequential([module.Input((3,)), module.layers.Dense(2),
                              module.layers.BatchNormalization(**bn_kwargs)])


def _fit(model, module, x, y):
    model.compile(optimizer=module.optimizers.SGD(0.1), loss="mse")
    model.fit(x, y, batch_size=4, epochs=2, shuffle=False, verbose=0)


def test_bn_fit_updates_moving_statistics_as_keras(backend):
    rng = np.random.RandomState(0)
    x = rng.randn(8, 3).astype("float32") * 2 + 1
    y = rng.randn(8, 2).astype("float32")
    ours = _bn_model(kerasish, momentum=0.8)
    theirs = _bn_model(keras, momentum=0.8)
    theirs.set_weights(ours.get_weights())
    before = ours.get_weights()
    _fit(ours, kerasish, x, y)
    _fit(theirs, keras, x, y)
    bn = ours.layers[-1]
    assert [w.path.split("/")[-1] for w in bn.non_trainable_weights] == [
        "moving_mean", "moving_variance"]
    assert not np.allclose(_np(bn.moving_mean), before[-2])  # the statistics moved...
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)  # ...exactly as Keras's
    np.testing.assert_allclose(_np(ours.predict(x, verbose=0)), theirs.predict(x, verbose=0),
                               rtol=1e-4, atol=1e-5)


def test_frozen_bn_runs_in_inference_mode_and_keeps_its_state(backend):
    rng = np.random.RandomState(1)
    x = rng.randn(8, 3).astype("float32") + 3
    model = _bn_model(kerasish)
    bn = model.layers[-1]
    bn.trainable = False
    assert bn.trainable_weights == [] and len(bn.non_trainable_weights) == 4
    h = model.layers[0](x)
    np.testing.assert_allclose(_np(bn(h, training=True)), _np(bn(h, training=False)), atol=1e-6)
    frozen = bn.get_weights()
    _fit(model, kerasish, x, rng.randn(8, 2).astype("float32"))
    for a, b in zip(bn.get_weights(), frozen):
        np.testing.assert_array_equal(a, b)


def test_bn_stateless_call_returns_updated_statistics(backend):
    x = np.arange(12, dtype="float32").reshape(4, 3)
    bn = layers.BatchNormalization(momentum=0.5)
    bn.build((4, 3))
    trainable = [v.value for v in bn.trainable_variables]
    non_trainable = [v.value for v in bn.non_trainable_variables]
    _, new = bn.stateless_call(trainable, non_trainable, x, training=True)
    np.testing.assert_allclose(_np(new[0]), x.mean(0) * 0.5, rtol=1e-6)
    np.testing.assert_allclose(_np(new[1]), 0.5 + x.var(0) * 0.5, rtol=1e-6)
    np.testing.assert_array_equal(_np(bn.moving_mean), np.zeros(3))  # the layer is untouched


def test_bn_mask_excludes_masked_steps_like_keras(backend):
    rng = np.random.RandomState(2)
    x = rng.randn(2, 4, 3).astype("float32")
    mask = np.array([[True, True, False, False], [True, True, True, False]])
    ours = layers.BatchNormalization(momentum=0.5)
    theirs = keras.layers.BatchNormalization(momentum=0.5)
    y = ours(x, training=True, mask=mask)
    expected = theirs(x, training=True, mask=mask)
    np.testing.assert_allclose(_np(y), np.asarray(expected), rtol=1e-5, atol=1e-5)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    kept = x[mask]
    np.testing.assert_allclose(ours.get_weights()[2], kept.mean(0) * 0.5, rtol=1e-4)
    with pytest.raises(ValueError, match="one dimension less"):
        ours(x, training=True, mask=np.ones((2, 4, 3), bool))


def test_bn_mask_from_embedding_passes_through(backend):
    tokens = np.array([[1, 2, 0], [3, 0, 0]])
    inputs = kerasish.Input((3,), dtype="int32")
    h = layers.Embedding(5, 2, mask_zero=True)(inputs)
    out = layers.BatchNormalization()(h)
    assert out._keras_mask is not None  # BatchNormalization keeps the mask for later layers
    assert _np(kerasish.Model(inputs, out)(tokens)).shape == (2, 3, 2)


@pytest.mark.parametrize("steps", [1, 2])
def test_bn_renorm_training_matches_keras(backend, steps):
    rng = np.random.RandomState(3)
    kwargs = {"renorm": True, "renorm_momentum": 0.5, "momentum": 0.7,
              "renorm_clipping": {"rmax": 1.5, "rmin": 0.8, "dmax": 0.5}}
    ours, theirs = layers.BatchNormalization(**kwargs), keras.layers.BatchNormalization(**kwargs)
    ours.build((5, 2))
    theirs.build((5, 2))
    assert [w.path.split("/")[-1] for w in ours.weights] == [w.name for w in theirs.weights]
    theirs.set_weights(ours.get_weights())
    for _ in range(steps):
        x = (rng.randn(5, 2) * 3 + 2).astype("float32")
        np.testing.assert_allclose(_np(ours(x, training=True)),
                                   np.asarray(theirs(x, training=True)), rtol=1e-5, atol=1e-5)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(_np(ours(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-5)


def test_bn_synchronized_is_accepted(backend):
    bn = layers.BatchNormalization(synchronized=True)
    x = np.random.RandomState(0).randn(4, 2).astype("float32")
    plain = layers.BatchNormalization()
    np.testing.assert_allclose(_np(bn(x, training=True)), _np(plain(x, training=True)), atol=1e-6)
    assert bn.get_config()["synchronized"] is True


@pytest.mark.parametrize("make, shape, match", [
    (lambda: layers.BatchNormalization(axis=3), (2, 3), "out of bounds"),
    (lambda: layers.BatchNormalization(axis=-3), (2, 3), "out of bounds"),
    (lambda: layers.LayerNormalization(axis=[1, 4]), (2, 3, 4), "out of bounds"),
    (lambda: layers.GroupNormalization(groups=4), (2, 6), "multiple of"),
    (lambda: layers.GroupNormalization(groups=8), (2, 4), "multiple of"),
    (lambda: layers.RMSNormalization(axis=2), (2, 3), "out of bounds"),
    (lambda: layers.UnitNormalization(axis=5), (2, 3), "out of bounds"),
])
def test_bad_axes_and_groups_name_the_layer(backend, make, shape, match):
    layer = make()
    with pytest.raises(ValueError, match=match) as info:
        layer(np.ones(shape, "float32"))
    assert type(layer).__name__ in str(info.value)


@pytest.mark.parametrize("make, match", [
    (lambda: layers.BatchNormalization(axis=[1, 2]), "`axis` must be an int"),
    (lambda: layers.BatchNormalization(axis="last"), "`axis` must be an int"),
    (lambda: layers.LayerNormalization(axis=1.5), "`axis` must be an int or a list"),
    (lambda: layers.GroupNormalization(groups=0), "`groups` must be a positive integer"),
    (lambda: layers.BatchNormalization(renorm=True, renorm_clipping={"rmid": 1.0}), "invalid keys"),
    (lambda: layers.BatchNormalization(renorm=True, renorm_clipping={"rmax": 1, "rmin": 2}),
     "rmax >= rmin"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_unknown_channel_size_is_an_error(backend):
    with pytest.raises(ValueError, match="known size"):
        layers.BatchNormalization()(kerasish.Input(batch_shape=(None, None)))


def test_wrong_rank_after_build_is_reported(backend):
    bn = layers.BatchNormalization()
    bn(np.ones((2, 3), "float32"))
    with pytest.raises(ValueError, match="batch_normalization|ndim|rank"):
        bn(np.ones((2, 3, 3), "float32"))


@pytest.mark.parametrize("name, kwargs", [
    ("BatchNormalization", {}), ("LayerNormalization", {}), ("GroupNormalization", {"groups": 3}),
    ("RMSNormalization", {})])
def test_float16_layers_compute_statistics_in_float32_as_keras(backend, name, kwargs):
    x = (np.random.RandomState(4).randn(4, 3) * 50).astype("float32")
    ours = getattr(layers, name)(dtype="float16", **kwargs)
    theirs = getattr(keras.layers, name)(dtype="float16", **kwargs)
    call = {"training": True} if name == "BatchNormalization" else {}
    y, expected = _np(ours(x, **call)), np.asarray(theirs(x, **call))
    assert y.dtype == expected.dtype == np.float16
    np.testing.assert_allclose(y.astype("float32"), expected.astype("float32"), atol=2e-3)
    assert [w.dtype for w in ours.weights] == [w.dtype for w in theirs.weights]


def _spectral(module, layer, **kwargs):
    return module.layers.SpectralNormalization(layer(module), **kwargs)


@pytest.mark.parametrize("wrapped, shape, dtype", [
    (lambda m: m.layers.Dense(3), (2, 4), "float32"),
    (lambda m: m.layers.Conv2D(2, 2), (1, 4, 4, 3), "float32"),
    (lambda m: m.layers.Embedding(6, 3), (2, 4), "int32"),
], ids=["dense", "conv2d", "embedding"])
def test_spectral_normalization_matches_keras(backend, wrapped, shape, dtype):
    rng = np.random.RandomState(5)
    x = rng.randint(0, 6, shape) if dtype == "int32" else rng.randn(*shape)
    x = x.astype(dtype)
    ours = _spectral(kerasish, wrapped, power_iterations=2)
    theirs = _spectral(keras, wrapped, power_iterations=2)
    ours(x)
    theirs(x)
    theirs.set_weights(ours.get_weights())
    assert [w.path.split("/")[-1] for w in ours.weights] == [w.name for w in theirs.weights]
    assert len(ours.non_trainable_weights) == 1
    for training in (True, True, False):  # two power-iteration steps, then inference
        np.testing.assert_allclose(_np(ours(x, training=training)),
                                   np.asarray(theirs(x, training=training)), rtol=1e-5, atol=1e-5)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    config = ours.get_config()
    assert config["power_iterations"] == 2
    assert config["layer"]["class_name"] == type(ours.layer).__name__
    clone = layers.SpectralNormalization.from_config(config)
    clone(x)
    clone.set_weights(ours.get_weights())
    np.testing.assert_allclose(_np(clone(x)), _np(ours(x)), rtol=1e-6)


def test_spectral_normalization_fit_matches_keras(backend):
    rng = np.random.RandomState(6)
    x, y = rng.randn(8, 4).astype("float32"), rng.randn(8, 3).astype("float32")

    def model(module):
        dense = _spectral(module, lambda m: m.layers.Dense(3))
        return module.Sequential([module.Input((4,)), dense])

    ours, theirs = model(kerasish), model(keras)
    theirs.set_weights(ours.get_weights())
    _fit(ours, kerasish, x, y)
    _fit(theirs, keras, x, y)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_spectral_normalization_errors(backend):
    with pytest.raises(ValueError, match="power_iterations"):
        layers.SpectralNormalization(layers.Dense(2), power_iterations=0)
    with pytest.raises(ValueError, match="Layer instance"):
        layers.SpectralNormalization("dense")
    with pytest.raises(ValueError, match="neither a `kernel` nor an `embeddings`"):
        layers.SpectralNormalization(layers.LayerNormalization())(np.ones((2, 3), "float32"))


def _norm_model(module):
    inputs = module.Input((3, 4))
    h = module.layers.BatchNormalization(renorm=True)(inputs)
    h = module.layers.LayerNormalization(axis=[1, 2])(h)
    h = module.layers.GroupNormalization(2)(h)
    h = module.layers.RMSNormalization()(h)
    h = module.layers.UnitNormalization()(h)
    return module.Model(inputs, module.layers.SpectralNormalization(module.layers.Dense(2))(h))


def test_weight_files_and_keras_archives_interoperate_with_keras(backend, tmp_path):
    x = np.random.RandomState(7).rand(2, 3, 4).astype("float32")
    ours, theirs = _norm_model(kerasish), _norm_model(keras)
    ours.set_weights([w + 0.1 for w in ours.get_weights()])
    ours.save_weights(tmp_path / "ours.weights.h5")
    theirs.load_weights(tmp_path / "ours.weights.h5")
    np.testing.assert_allclose(_np(ours(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-6)
    ours.save(tmp_path / "ours.keras")
    for loaded in (keras.saving.load_model(tmp_path / "ours.keras"),
                   kerasish.saving.load_model(tmp_path / "ours.keras")):
        np.testing.assert_allclose(_np(loaded(x)), _np(ours(x)), rtol=1e-5, atol=1e-6)
