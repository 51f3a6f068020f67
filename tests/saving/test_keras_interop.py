"""Files move between Keras 3 (the test-only oracle) and kerasish: the same architecture built in
both, saved by one and loaded by the other, predicts the same; optimizer state comes across;
Keras 3's legacy HDF5 writer and a hand-made Keras 2 layout load too."""
import json

import h5py
import numpy as np
import pytest

import kerasish
from tests.saving import saving_models as sm

keras = pytest.importorskip("keras")


def _keras_sub():
    model = sm.subclassed_class(keras, package="keras_test_saving")(units=3)
    model(np.zeros((1, 3), "float32"))
    return model


def _ours_sub():
    model = sm.subclassed_class(kerasish)(units=3)
    model(np.zeros((1, 3), "float32"))
    return model


PAIRS = {"sequential": (lambda: sm.sequential(keras), sm.sequential),
         "functional": (lambda: sm.functional(keras), sm.functional),
         "subclassed": (_keras_sub, _ours_sub)}


def _predict_close(a, b, x):
    np.testing.assert_allclose(np.asarray(a.predict(x, verbose=0)),
                               np.asarray(b.predict(x, verbose=0)), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind", sorted(PAIRS))
def test_keras_weights_load_here(backend, tmp_path, kind):
    theirs, ours = PAIRS[kind][0](), PAIRS[kind][1]()
    theirs.save_weights(tmp_path / "k.weights.h5")
    report = ours.load_weights(tmp_path / "k.weights.h5")
    assert report.ok
    _predict_close(theirs, ours, sm.x_for(ours))


@pytest.mark.parametrize("kind", sorted(PAIRS))
def test_our_weights_load_in_keras(backend, tmp_path, kind):
    theirs, ours = PAIRS[kind][0](), PAIRS[kind][1]()
    ours.save_weights(tmp_path / "o.weights.h5")
    theirs.load_weights(tmp_path / "o.weights.h5")
    _predict_close(theirs, ours, sm.x_for(ours))


def _data():
    rng = np.random.default_rng(1)
    return rng.normal(size=(8, 3)).astype("float32"), rng.normal(size=(8, 2)).astype("float32")


def _same_optimizer_state(a, b):
    va, vb = a.optimizer.variables, b.optimizer.variables
    assert len(va) == len(vb)
    for x, y in zip(va, vb):
        np.testing.assert_allclose(np.asarray(x.numpy() if hasattr(x, "numpy") else x),
                                   np.asarray(y.numpy() if hasattr(y, "numpy") else y),
                                   rtol=1e-6, atol=1e-7)


def test_keras_archive_loads_here(backend, tmp_path):
    theirs = sm.functional(keras)
    theirs.compile(optimizer="adam", loss="mse", metrics=["mae"])
    theirs.fit(*_data(), epochs=2, batch_size=4, verbose=0)
    theirs.save(tmp_path / "k.keras")
    ours = kerasish.saving.load_model(tmp_path / "k.keras")
    assert isinstance(ours, kerasish.Model) and ours.compiled
    _predict_close(theirs, ours, sm.x_for(ours))
    _same_optimizer_state(theirs, ours)
    assert int(ours.optimizer.iterations.numpy()) == 4
    ours.fit(*_data(), epochs=1, batch_size=4, verbose=0)  # and training goes on


def test_our_archive_loads_in_keras(backend, tmp_path):
    ours = sm.sequential()
    ours.compile(optimizer="adam", loss="mse", metrics=["mae"])
    ours.fit(*_data(), epochs=2, batch_size=4, verbose=0)
    ours.save(tmp_path / "o.keras")
    theirs = keras.saving.load_model(tmp_path / "o.keras")
    _predict_close(theirs, ours, sm.x_for(ours))
    _same_optimizer_state(ours, theirs)


def test_subclassed_archive_both_ways(backend, tmp_path):
    ours = _ours_sub()
    ours.save(tmp_path / "o.keras")
    theirs = _keras_sub()
    theirs.load_weights(tmp_path / "o.keras")
    _predict_close(theirs, ours, sm.x_for(ours))
    theirs.save(tmp_path / "k.keras")
    # Keras's config names its own registration; here the class registered under that name.
    back = kerasish.saving.load_model(tmp_path / "k.keras", custom_objects={
        "keras_test_saving>Block": sm.subclassed_class(kerasish, package="p2")})
    _predict_close(theirs, back, sm.x_for(ours))


# -- legacy HDF5 -----------------------------------------------------------------------------
def _legacy_weights_file(model, path):
    from keras.src.legacy.saving import legacy_h5_format
    with h5py.File(path, "w") as f:
        legacy_h5_format.save_weights_to_hdf5_group(f, model)


def test_legacy_weights_topological(backend, tmp_path):
    theirs, ours = sm.functional(keras), sm.functional()
    _legacy_weights_file(theirs, tmp_path / "w.h5")
    report = ours.load_weights(tmp_path / "w.h5")
    assert report.ok and len(report.matched) == len(ours.weights)
    _predict_close(theirs, ours, sm.x_for(ours))


def test_legacy_weights_by_name_and_skip_mismatch(backend, tmp_path):
    theirs = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, name="a"),
                               keras.layers.Dense(5, name="b"), keras.layers.Dense(2, name="c")])
    _legacy_weights_file(theirs, tmp_path / "w.h5")
    ours = kerasish.Sequential([kerasish.Input((3,)), kerasish.layers.Dense(4, name="a"),
                                kerasish.layers.Dense(6, name="b"),  # another shape
                                kerasish.layers.Dense(2, name="z")])
    with pytest.raises(kerasish.saving.WeightsMismatchError, match=r"'b'.*\(4, 6\).*\(4, 5\)"):
        ours.load_weights(tmp_path / "w.h5", by_name=True)
    before = ours.get_layer("z").get_weights()[0].copy()
    with pytest.warns(UserWarning, match="skip_mismatch"):
        report = ours.load_weights(tmp_path / "w.h5", by_name=True, skip_mismatch=True)
    np.testing.assert_array_equal(ours.get_layer("a").get_weights()[0],
                                  theirs.get_layer("a").get_weights()[0])
    np.testing.assert_array_equal(ours.get_layer("z").get_weights()[0], before)
    assert [m[0] for m in report.mismatched] == ["b", "b"]
    assert sorted(p.split("/", 1)[-1] for p, _ in report.skipped
                  if "/z/" in p or p.startswith("z/")) == ["z/bias", "z/kernel"]
    assert any(p.startswith("c/") for p in report.unused)


def test_legacy_full_model_from_keras3_writer(backend, tmp_path):
    from keras.src.legacy.saving import legacy_h5_format
    theirs = sm.functional(keras)
    theirs.compile(optimizer="sgd", loss="mse")
    legacy_h5_format.save_model_to_hdf5(theirs, str(tmp_path / "m.h5"))
    ours = kerasish.saving.load_model(tmp_path / "m.h5")
    _predict_close(theirs, ours, sm.x_for(ours))
    assert ours.compiled


def test_keras2_layout_written_with_h5py(backend, tmp_path):
    """A Keras 2 full-model file: Sequential config with `batch_input_shape`, weights named
    "dense/kernel:0" under `model_weights`."""
    rng = np.random.default_rng(0)
    kernel, bias = rng.normal(size=(3, 2)).astype("float32"), rng.normal(size=(2,)).astype("float32")
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": [
        {"class_name": "Dense", "config": {
            "name": "dense", "trainable": True, "batch_input_shape": [None, 3], "dtype": "float32",
            "units": 2, "activation": "relu", "use_bias": True,
            "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": None}},
            "bias_initializer": {"class_name": "Zeros", "config": {}},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
            "kernel_constraint": None, "bias_constraint": None}}]}}
    with h5py.File(tmp_path / "k2.h5", "w") as f:
        f.attrs["model_config"] = json.dumps(config)
        f.attrs["keras_version"] = "2.13.1"
        f.attrs["backend"] = "tensorflow"
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([b"dense"])
        d = g.create_group("dense")
        d.attrs["weight_names"] = np.array([b"dense/kernel:0", b"dense/bias:0"])
        d["dense/kernel:0"] = kernel
        d["dense/bias:0"] = bias
    model = kerasish.saving.load_model(tmp_path / "k2.h5")
    x = rng.normal(size=(4, 3)).astype("float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), np.maximum(x @ kernel + bias, 0),
                               rtol=1e-5, atol=1e-6)
    # and the same weights file layout loads into a built model
    other = kerasish.Sequential([kerasish.Input((3,)), kerasish.layers.Dense(2, activation="relu")])
    other.load_weights(tmp_path / "k2.h5")
    np.testing.assert_array_equal(other.get_weights()[0], kernel)


def test_our_legacy_h5_full_model_loads_in_keras(backend, tmp_path):
    ours = sm.sequential()
    ours.save(tmp_path / "o.h5")
    theirs = keras.saving.load_model(tmp_path / "o.h5", compile=False)
    _predict_close(theirs, ours, sm.x_for(ours))
    back = kerasish.saving.load_model(tmp_path / "o.h5")
    _predict_close(back, ours, sm.x_for(ours))


def test_lambda_bytecode_needs_safe_mode_off(backend, tmp_path):
    inputs = keras.Input((3,))
    theirs = keras.Model(inputs, keras.layers.Lambda(lambda t: t * 2.0 + 1.0)(inputs))
    theirs.save(tmp_path / "lam.keras")
    with pytest.raises(kerasish.saving.UnsafeCodeError, match="safe_mode=False"):
        kerasish.saving.load_model(tmp_path / "lam.keras")
    ours = kerasish.saving.load_model(tmp_path / "lam.keras", safe_mode=False)
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(ours.predict(x, verbose=0), x * 2 + 1)


def test_keras2_functional_config_is_upgraded(backend, tmp_path):
    """Keras 2 Functional configs: InputLayer with `batch_input_shape`, nested-list nodes."""
    dense = {"class_name": "Dense", "name": "out", "config": {
        "name": "out", "units": 2, "activation": "linear", "use_bias": True, "dtype": "float32",
        "kernel_initializer": {"class_name": "Zeros", "config": {}},
        "bias_initializer": {"class_name": "Zeros", "config": {}}},
        "inbound_nodes": [[["input_1", 0, 0, {}]]]}
    config = {"class_name": "Model", "config": {
        "name": "model", "layers": [
            {"class_name": "InputLayer", "name": "input_1",
             "config": {"batch_input_shape": [None, 3], "dtype": "float32", "name": "input_1"},
             "inbound_nodes": []},
            dense],
        "input_layers": [["input_1", 0, 0]], "output_layers": [["out", 0, 0]]}}
    kernel = np.arange(6, dtype="float32").reshape(3, 2)
    with h5py.File(tmp_path / "f.h5", "w") as f:
        f.attrs["model_config"] = json.dumps(config)
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([b"input_1", b"out"])
        g.create_group("input_1").attrs["weight_names"] = np.array([], dtype="S1")
        d = g.create_group("out")
        d.attrs["weight_names"] = np.array([b"out/kernel:0", b"out/bias:0"])
        d["out/kernel:0"] = kernel
        d["out/bias:0"] = np.ones(2, "float32")
    model = kerasish.saving.load_model(tmp_path / "f.h5")
    x = np.ones((1, 3), "float32")
    np.testing.assert_allclose(model.predict(x, verbose=0), x @ kernel + 1)
