"""Round trips on both backends: weights files and whole models, for Sequential, Functional
(with a nested Sequential), subclassed and Embedding models; and optimizer state, so that fit
continues exactly where it stopped."""
import numpy as np
import pytest

import kerasish
from kerasish.saving import LoadReport
from tests.saving import saving_models as sm


def _built_subclassed():
    model = sm.subclassed_class()(units=3)
    model(np.zeros((1, 3), "float32"))
    return model


BUILDERS = {"sequential": sm.sequential, "functional": sm.functional,
            "embedding": sm.embedding, "subclassed": _built_subclassed}


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_weights_round_trip(backend, tmp_path, kind):
    source, target = BUILDERS[kind](), BUILDERS[kind]()
    x = sm.x_for(source)
    path = tmp_path / "w.weights.h5"
    source.save_weights(path)
    report = target.load_weights(path)
    assert isinstance(report, LoadReport) and report.ok and not report.unused
    assert len(report.matched) == len(source.weights)
    np.testing.assert_allclose(target.predict(x, verbose=0), source.predict(x, verbose=0),
                               rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_whole_model_round_trip(backend, tmp_path, kind):
    model = BUILDERS[kind]()
    model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    x = sm.x_for(model)
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = kerasish.saving.load_model(path)
    assert type(loaded) is type(model)
    assert [w.shape for w in loaded.weights] == [w.shape for w in model.weights]
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0),
                               rtol=1e-6, atol=1e-6)
    assert loaded.compiled and type(loaded.optimizer).__name__ == "Adam"
    assert kerasish.models.load_model is kerasish.saving.load_model


def test_load_weights_from_keras_archive(backend, tmp_path):
    source, target = sm.functional(), sm.functional()
    source.save(tmp_path / "m.keras")
    target.load_weights(tmp_path / "m.keras")
    x = sm.x_for(source)
    np.testing.assert_allclose(target.predict(x, verbose=0), source.predict(x, verbose=0), atol=1e-6)


def _trained_pair():
    kerasish.utils.set_random_seed(3)
    straight = sm.sequential()
    resumed = sm.sequential()
    sm.copy_weights(straight, resumed)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(16, 3)).astype("float32"), rng.normal(size=(16, 2)).astype("float32")
    return straight, resumed, x, y


@pytest.mark.parametrize("optimizer", ["adam", "rmsprop"])
def test_fit_continues_where_it_stopped(backend, tmp_path, optimizer):
    straight, resumed, x, y = _trained_pair()
    for m in (straight, resumed):
        # Dropout off in this comparison: the seed state is not part of the saved state (as Keras)
        m.layers[1].rate = 0.0
        m.compile(optimizer=optimizer, loss="mse")
    straight.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0)
    resumed.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0)
    resumed.save(tmp_path / "half.keras")
    reloaded = kerasish.saving.load_model(tmp_path / "half.keras")
    assert int(reloaded.optimizer.iterations.numpy()) == 8
    history = reloaded.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)
    for a, b in zip(reloaded.get_weights(), straight.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    for a, b in zip(reloaded.optimizer.variables, straight.optimizer.variables):
        np.testing.assert_allclose(np.asarray(a.numpy()), np.asarray(b.numpy()), rtol=1e-5, atol=1e-6)
    assert np.isfinite(history.history["loss"][0])


def test_weights_file_restores_optimizer_state(backend, tmp_path):
    model = sm.sequential()
    model.compile("adam", "mse")
    model.fit(np.ones((4, 3)), np.ones((4, 2)), epochs=2, verbose=0)
    model.save_weights(tmp_path / "w.weights.h5")
    other = sm.sequential()
    other.compile("adam", "mse")  # optimizer not built yet: loading builds it
    other.load_weights(tmp_path / "w.weights.h5")
    assert int(other.optimizer.iterations.numpy()) == 2
    for a, b in zip(other.optimizer.variables, model.optimizer.variables):
        np.testing.assert_array_equal(np.asarray(a.numpy()), np.asarray(b.numpy()))


def test_custom_objects_and_registration(backend, tmp_path):
    class Scale(kerasish.layers.Layer):
        def __init__(self, factor=2.0, **kwargs):
            super().__init__(**kwargs)
            self.factor = factor

        def call(self, x):
            return x * self.factor

        def get_config(self):
            return {**super().get_config(), "factor": self.factor}

    inputs = kerasish.Input((3,))
    model = kerasish.Model(inputs, Scale(3.0)(kerasish.layers.Dense(2)(inputs)))
    model.save(tmp_path / "c.keras")
    with pytest.raises(kerasish.saving.ConfigError, match="Scale"):
        kerasish.saving.load_model(tmp_path / "c.keras")
    loaded = kerasish.saving.load_model(tmp_path / "c.keras", custom_objects={"Scale": Scale})
    assert loaded.layers[-1].factor == 3.0  # its get_config was used
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)


def test_save_argument_errors(backend, tmp_path):
    model = sm.sequential()
    with pytest.raises(ValueError, match=".keras"):
        model.save(tmp_path / "m.zip")
    with pytest.raises(ValueError, match="weights.h5"):
        model.save_weights(tmp_path / "w.h5")
    model.save_weights(tmp_path / "w.weights.h5")
    with pytest.raises(FileExistsError):
        model.save_weights(tmp_path / "w.weights.h5", overwrite=False)
    with pytest.raises(ValueError, match="by_name"):
        model.load_weights(tmp_path / "w.weights.h5", by_name=True)
    with pytest.raises(ValueError, match="built"):
        kerasish.Sequential([kerasish.layers.Dense(2)]).save_weights(tmp_path / "u.weights.h5")
    with pytest.raises(FileNotFoundError):
        model.load_weights(tmp_path / "missing.weights.h5")


def test_load_model_without_compiling_and_printing_the_report(backend, tmp_path):
    model = sm.sequential()
    model.compile("adam", "mse")
    model.save(tmp_path / "m.keras")
    loaded = kerasish.saving.load_model(tmp_path / "m.keras", compile=False)
    assert not loaded.compiled
    report = loaded.load_weights(tmp_path / "m.keras")
    assert "Load report for" in str(report) and "4 matched" in str(report)
    assert report.unused == ["optimizer/vars/0", "optimizer/vars/1"]  # not compiled: unused


def test_registered_function_in_a_config_loads_in_safe_mode(backend, tmp_path):
    @kerasish.saving.register_keras_serializable(package="kerasish_test_saving")
    def double(t):
        return t * 2.0

    inputs = kerasish.Input((3,))
    model = kerasish.Model(inputs, kerasish.layers.Lambda(double)(inputs))
    model.save(tmp_path / "f.keras")
    loaded = kerasish.saving.load_model(tmp_path / "f.keras")  # safe_mode=True: no code in it
    np.testing.assert_allclose(loaded.predict(np.ones((1, 3), "float32"), verbose=0), 2.0)
