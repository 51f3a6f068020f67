"""BackupAndRestore: an interrupted fit resumes at the right epoch with its weights and
optimizer state; the backup goes when training finishes."""
import json
import os

import numpy as np
import pytest

from kerasish import callbacks
from tests.callbacks.fake_fit import FakeOptimizer, fake_fit, small_model, weights_for


def _model(monkeypatch):
    """A real model whose save_weights/load_weights (another issue's) are stood in for."""
    model = small_model()
    model.optimizer = FakeOptimizer()
    model.saves = []

    def save_weights(filepath, overwrite=True):
        model.saves.append(os.path.basename(filepath))
        with open(filepath, "wb") as f:
            np.savez(f, *model.get_weights())

    def load_weights(filepath):
        with np.load(filepath, allow_pickle=False) as data:
            model.set_weights([data[f"arr_{i}"] for i in range(len(data.files))])

    monkeypatch.setattr(model, "save_weights", save_weights, raising=False)
    monkeypatch.setattr(model, "load_weights", load_weights, raising=False)
    return model


class Interrupt(callbacks.Callback):
    def __init__(self, at_epoch):
        super().__init__()
        self.at_epoch = at_epoch

    def on_epoch_begin(self, epoch, logs=None):
        self.model.optimizer.iterations.assign(10 * epoch)
        if epoch == self.at_epoch:
            raise RuntimeError("Interrupting!")


def test_resumes_at_the_interrupted_epoch(tmp_path, monkeypatch, backend):
    backup_dir = str(tmp_path / "backup")
    model = _model(monkeypatch)
    with pytest.raises(RuntimeError, match="Interrupting!"):
        fake_fit(model, [callbacks.BackupAndRestore(backup_dir), Interrupt(3)], epochs=5,
                 set_weights=True)
    assert model.saves == ["latest.weights.h5"] * 3
    with open(os.path.join(backup_dir, "training_metadata.json")) as f:
        assert json.load(f) == {"epoch": 3, "batch": 0}

    resumed = _model(monkeypatch)  # a new process: fresh weights and optimizer
    seen = []
    history = fake_fit(resumed, [callbacks.BackupAndRestore(backup_dir),
                                 callbacks.LambdaCallback(on_train_begin=lambda logs: seen.append(
                                     (resumed.get_weights(), int(resumed.optimizer.iterations))))],
                       epochs=5)
    restored_weights, restored_iterations = seen[0]
    for got, want in zip(restored_weights, weights_for(2)):
        np.testing.assert_array_equal(got, want)
    assert restored_iterations == 20
    assert history.epoch == [3, 4]  # only the two epochs left
    assert not os.path.exists(backup_dir)  # deleted once training finished


def test_batch_frequency_double_checkpoint_and_keep(tmp_path, monkeypatch):
    backup_dir = tmp_path / "backup"
    model = _model(monkeypatch)
    cb = callbacks.BackupAndRestore(str(backup_dir), save_freq=3, double_checkpoint=True,
                                    delete_checkpoint=False)
    fake_fit(model, [cb], epochs=2, steps=4, set_weights=True)
    # Batches 3, 6 of 8: the last backup is in epoch 1 (resumes there), the previous in epoch 0.
    assert len(model.saves) == 2
    metadata = json.loads((backup_dir / "training_metadata.json").read_text())
    assert metadata == {"epoch": 1, "batch": 1}
    assert (backup_dir / "latest.weights.h5.bkp").exists()
    # A corrupt latest backup falls back to the previous one.
    (backup_dir / "latest.weights.h5").write_bytes(b"not a weights file")
    resumed = _model(monkeypatch)
    cb = callbacks.BackupAndRestore(str(backup_dir), double_checkpoint=True)
    cb.set_model(resumed)
    cb.on_train_begin()
    assert resumed._initial_epoch == 0
    np.testing.assert_array_equal(resumed.get_weights()[0], weights_for(0)[0])


def test_errors(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match="Empty `backup_dir`"):
        callbacks.BackupAndRestore("")
    with pytest.raises(ValueError, match="Invalid value for argument `save_freq`"):
        callbacks.BackupAndRestore(str(tmp_path), save_freq="often")
    model = _model(monkeypatch)
    model.built = False
    with pytest.raises(ValueError, match="must be built before you call `fit\\(\\)`"):
        fake_fit(model, [callbacks.BackupAndRestore(str(tmp_path))], epochs=1)
    # A backup from a model compiled with another optimizer is refused clearly.
    model = _model(monkeypatch)
    fake_fit(model, [callbacks.BackupAndRestore(str(tmp_path / "b"), delete_checkpoint=False)],
             epochs=1)
    other = _model(monkeypatch)

    class OneVariableOptimizer(FakeOptimizer):
        variables = property(lambda self: [self.iterations])

    other.optimizer = OneVariableOptimizer()
    with pytest.raises(ValueError, match="holds 2 optimizer variables but the optimizer has 1"):
        fake_fit(other, [callbacks.BackupAndRestore(str(tmp_path / "b"))], epochs=1)
