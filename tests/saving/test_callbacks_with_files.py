"""ModelCheckpoint, BackupAndRestore and EarlyStopping(restore_best_weights) in real fits, with
real files: checkpoints load, an interrupted fit resumes at the right epoch with the state it
had, and the best weights come back."""
import os

import numpy as np
import pytest

import kerasish
from kerasish import callbacks


def _model():
    model = kerasish.Sequential([kerasish.Input((3,)), kerasish.layers.Dense(4, activation="tanh"),
                                 kerasish.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(16, 3)).astype("float32")
    return x, (x @ np.array([[1.0], [-2.0], [0.5]], "float32")).astype("float32")


def test_model_checkpoint_files_load(backend, tmp_path):
    model = _model()
    x, y = _data()
    full = callbacks.ModelCheckpoint(str(tmp_path / "m-{epoch:02d}.keras"))
    weights = callbacks.ModelCheckpoint(str(tmp_path / "w-{epoch:02d}.weights.h5"),
                                        save_weights_only=True)
    best = callbacks.ModelCheckpoint(str(tmp_path / "best.keras"), monitor="loss",
                                     save_best_only=True)
    model.fit(x, y, epochs=3, batch_size=4, verbose=0, callbacks=[full, weights, best])
    files = sorted(p for p in os.listdir(tmp_path) if not p.startswith("."))
    assert files == ["best.keras", "m-01.keras", "m-02.keras", "m-03.keras",
                     "w-01.weights.h5", "w-02.weights.h5", "w-03.weights.h5"]
    last = kerasish.saving.load_model(tmp_path / "m-03.keras")
    np.testing.assert_allclose(last.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)
    assert int(last.optimizer.iterations.numpy()) == 12
    other = _model()
    other.load_weights(tmp_path / "w-03.weights.h5")
    np.testing.assert_allclose(other.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)
    first = kerasish.saving.load_model(tmp_path / "m-01.keras")
    assert int(first.optimizer.iterations.numpy()) == 4


class _Interrupt(callbacks.Callback):
    def __init__(self, at_epoch):
        super().__init__()
        self.at_epoch = at_epoch

    def on_epoch_end(self, epoch, logs=None):
        if epoch == self.at_epoch:
            raise KeyboardInterrupt("simulated crash")


def test_backup_and_restore_resumes_interrupted_fit(backend, tmp_path):
    x, y = _data()
    straight, crashed = _model(), _model()
    crashed.set_weights(straight.get_weights())
    straight.fit(x, y, epochs=4, batch_size=4, shuffle=False, verbose=0)
    backup = callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        crashed.fit(x, y, epochs=4, batch_size=4, shuffle=False, verbose=0,
                    callbacks=[backup, _Interrupt(at_epoch=1)])
    assert os.path.exists(tmp_path / "backup" / "latest.weights.h5")
    # A fresh process would build a new model: do the same, then resume.
    resumed = _model()
    history = resumed.fit(x, y, epochs=4, batch_size=4, shuffle=False, verbose=0,
                          callbacks=[callbacks.BackupAndRestore(str(tmp_path / "backup"))])
    assert history.epoch == [2, 3]
    assert int(resumed.optimizer.iterations.numpy()) == 16
    for a, b in zip(resumed.get_weights(), straight.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    assert not os.path.exists(tmp_path / "backup")  # deleted once training finished


def test_early_stopping_restores_best_weights(backend):
    kerasish.utils.set_random_seed(0)  # the scrambled epochs must not get lucky
    model = _model()
    x, y = _data()
    seen = []

    class Record(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            seen.append((logs["loss"], [w.copy() for w in self.model.get_weights()]))

    class WorseAfter(callbacks.Callback):  # makes later epochs worse by scrambling the weights
        def on_epoch_end(self, epoch, logs=None):
            if epoch >= 1:
                self.model.set_weights([w * 3 + 1 for w in self.model.get_weights()])

    stop = callbacks.EarlyStopping(monitor="loss", patience=2, restore_best_weights=True)
    model.fit(x, y, epochs=10, batch_size=4, verbose=0, callbacks=[Record(), stop, WorseAfter()])
    best_loss, best_weights = min(seen, key=lambda s: s[0])
    assert len(seen) < 10 and best_loss == seen[1][0]
    for a, b in zip(model.get_weights(), best_weights):
        np.testing.assert_array_equal(a, b)
