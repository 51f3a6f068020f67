"""ModelCheckpoint: file names, best-only logic, batch-level saving, errors."""
import os

import pytest

from kerasish import callbacks
from tests.callbacks.fake_fit import fake_fit, small_model


class FakeModel:
    """Records save/save_weights calls and writes a small file, as the real ones will."""

    def __init__(self):
        self.saved = []
        self.history = None

    def _save(self, kind, path, overwrite):
        assert overwrite is True
        self.saved.append((kind, os.path.basename(path)))
        with open(path, "w") as f:
            f.write(kind)

    def save(self, filepath, overwrite=True):
        self._save("model", filepath, overwrite)

    def save_weights(self, filepath, overwrite=True):
        self._save("weights", filepath, overwrite)


def test_file_names_from_epoch_and_logs(tmp_path):
    model = FakeModel()
    path = str(tmp_path / "ckpt" / "{epoch:02d}-{val_loss:.2f}.keras")
    fake_fit(model, [callbacks.ModelCheckpoint(path)], epochs=3, val_losses=[0.5, 0.75, 0.25])
    assert model.saved == [("model", "01-0.50.keras"), ("model", "02-0.75.keras"),
                           ("model", "03-0.25.keras")]
    assert sorted(os.listdir(tmp_path / "ckpt")) == ["01-0.50.keras", "02-0.75.keras",
                                                     "03-0.25.keras"]


def test_save_best_only_and_weights_only(tmp_path, capsys):
    model = FakeModel()
    path = str(tmp_path / "best.weights.h5")
    cb = callbacks.ModelCheckpoint(path, save_best_only=True, save_weights_only=True, verbose=1)
    fake_fit(model, [cb], epochs=4, val_losses=[0.5, 0.75, 0.25, 0.25])
    assert model.saved == [("weights", "best.weights.h5")] * 2 and cb.best == 0.25
    out = capsys.readouterr().out
    assert f"\nEpoch 1: val_loss improved from None to 0.50000, saving model to {path}\n" in out
    assert "\nEpoch 2: val_loss did not improve from 0.50000\n" in out
    assert f"\nEpoch 3: val_loss improved from 0.50000 to 0.25000, saving model to {path}\n" in out
    assert f"\nEpoch 3: finished saving model to {path}\n" in out


def test_mode_max_and_initial_value_threshold(tmp_path):
    model = FakeModel()
    cb = callbacks.ModelCheckpoint(str(tmp_path / "m{epoch}.keras"), monitor="acc", mode="max",
                                   save_best_only=True, initial_value_threshold=0.6)
    fake_fit(model, [cb], epochs=4, metrics={"acc": [0.5, 0.7, 0.65, 0.8]})
    assert model.saved == [("model", "m2.keras"), ("model", "m4.keras")]


def test_save_every_n_batches(tmp_path):
    model = FakeModel()
    cb = callbacks.ModelCheckpoint(str(tmp_path / "e{epoch}-b{batch}.keras"), save_freq=2)
    fake_fit(model, [cb], epochs=2, steps=3)
    # Counting continues across epochs: batches 2 and 4 and 6 of the run.
    assert model.saved == [("model", "e1-b2.keras"), ("model", "e2-b1.keras"),
                           ("model", "e2-b3.keras")]


def test_real_model_with_monkeypatched_save(tmp_path, monkeypatch, backend):
    model = small_model()
    calls = []
    monkeypatch.setattr(model, "save", lambda path, overwrite=True: calls.append(path),
                        raising=False)
    cb = callbacks.ModelCheckpoint(str(tmp_path / "{epoch}-{loss:.1f}.h5"), monitor="loss",
                                   save_best_only=True)
    fake_fit(model, [cb], epochs=3, losses=[0.5, 0.75, 0.25])
    assert [os.path.basename(p) for p in calls] == ["1-0.5.h5", "3-0.2.h5"]


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="must end in `.weights.h5`"):
        callbacks.ModelCheckpoint("m.keras", save_weights_only=True)
    with pytest.raises(ValueError, match="must end in `.keras`"):
        callbacks.ModelCheckpoint("m.weights")
    with pytest.raises(ValueError, match="Unrecognized save_freq: often"):
        callbacks.ModelCheckpoint("m.keras", save_freq="often")
    cb = callbacks.ModelCheckpoint(str(tmp_path / "{epoch}-{val_acc}.keras"))
    with pytest.raises(KeyError, match="Failed to format this callback filepath"):
        fake_fit(FakeModel(), [cb], epochs=1)
    os.makedirs(tmp_path / "dir.keras")
    with pytest.raises(IOError, match="non-directory filepath"):
        fake_fit(FakeModel(), [callbacks.ModelCheckpoint(str(tmp_path / "dir.keras"))], epochs=1)
