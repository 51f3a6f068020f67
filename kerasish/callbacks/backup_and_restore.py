"""BackupAndRestore: lets an interrupted `fit` resume where it stopped (as
keras.callbacks.BackupAndRestore).

The contract with the trainer:
- The callback backs up, in `backup_dir`, the model's weights (`model.save_weights`, file
  `latest.weights.h5`), the optimizer's state (`model.optimizer.variables`, file
  `latest.optimizer.npz`) and `training_metadata.json` = {"epoch": next epoch to run, "batch":
  last batch seen}. Each file is written under a temporary name and renamed, weights first, so the
  metadata never points past the weights it goes with.
- In `on_train_begin` it restores them and sets `model._initial_epoch` to the saved epoch. `fit`
  reads `model._initial_epoch` right after `callbacks.on_train_begin()` and, when it is not None,
  starts from that epoch instead of its `initial_epoch` argument (then sets it back to None).
  The model must be built before fit; the optimizer is built (`optimizer.build(
  model.trainable_variables)`) if it is not, so that its state has somewhere to go.
- `fit` calls `on_train_end` only when training finished; only then is the backup deleted
  (`delete_checkpoint=True`). An exception leaves it in place for the next run.
A backup saved in the middle of an epoch (integer `save_freq`) resumes at the start of that
epoch, as in Keras.
"""
import json
import os
import shutil
import zipfile

import numpy as np

from kerasish.callbacks.callback import Callback

_LOAD_ERRORS = (OSError, ValueError, KeyError, zipfile.BadZipFile)


class BackupAndRestore(Callback):
    """Backs up the training state every epoch (or every `save_freq` batches) and restores it
    at the start of the next `fit`.

    Args:
        backup_dir: a directory used by this callback alone.
        save_freq: "epoch", an integer number of batches, or False (never back up).
        double_checkpoint: keep the previous backup too (`*.bkp`), used when the latest one
            cannot be read.
        delete_checkpoint: delete the backup when training finishes.
    """

    def __init__(self, backup_dir, save_freq="epoch", double_checkpoint=False,
                 delete_checkpoint=True):
        super().__init__()
        if not backup_dir:
            raise ValueError("Empty `backup_dir` argument passed")
        if save_freq not in ("epoch", False) and (not isinstance(save_freq, int)
                                                   or isinstance(save_freq, bool) or save_freq < 1):
            raise ValueError(f"Invalid value for argument `save_freq`. Received: "
                             f"save_freq={save_freq}. Expected either 'epoch' or an integer value.")
        self.backup_dir = os.fspath(backup_dir)
        self.save_freq = save_freq
        self.double_checkpoint = double_checkpoint
        self.delete_checkpoint = delete_checkpoint
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = 0
        self._current_epoch = 0
        self._weights_path = os.path.join(self.backup_dir, "latest.weights.h5")
        self._optimizer_path = os.path.join(self.backup_dir, "latest.optimizer.npz")
        self._training_metadata_path = os.path.join(self.backup_dir, "training_metadata.json")
        self._files = (self._weights_path, self._optimizer_path, self._training_metadata_path)

    # -- restore ---------------------------------------------------------------------------
    def on_train_begin(self, logs=None):
        try:
            self._load_model()
        except _LOAD_ERRORS:
            # The latest backup may be corrupt (interrupted write, bad disk): try the previous.
            if not (self.double_checkpoint and os.path.exists(self._weights_path + ".bkp")):
                raise
            for path in self._files:
                if os.path.exists(path + ".bkp"):
                    shutil.copyfile(path + ".bkp", path)
                elif os.path.exists(path):
                    os.remove(path)
            self._load_model()

    def _load_model(self):
        model = self.model
        if not getattr(model, "built", False):
            raise ValueError(
                "To use the BackupAndRestore callback, your model must be built before you call "
                f"`fit()`. Model {getattr(model, 'name', model)!r} is unbuilt. You can build it "
                "beforehand by calling it on a batch of data.")
        if os.path.exists(self._weights_path):
            optimizer = getattr(model, "optimizer", None)
            if optimizer is not None and not getattr(optimizer, "built", True):
                optimizer.build(model.trainable_variables)
            model.load_weights(self._weights_path)
            if optimizer is not None and os.path.exists(self._optimizer_path):
                _restore_optimizer(optimizer, self._optimizer_path)
        if os.path.exists(self._training_metadata_path):
            with open(self._training_metadata_path) as f:
                metadata = json.load(f)
            model._initial_epoch = int(metadata["epoch"])
            self._current_epoch = int(metadata["epoch"])

    # -- back up ---------------------------------------------------------------------------
    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        self._current_epoch = epoch + 1
        self._last_batch_seen = 0
        if self.save_freq == "epoch":
            self._save_model()

    def _implements(self, hook):
        if hook == "on_train_batch_end" and self.save_freq in ("epoch", False):
            return False
        return super()._implements(hook)

    def _reads_logs(self, hook):
        return False  # it saves state, never the logs

    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model()

    def _should_save_on_batch(self, batch):
        if self.save_freq in ("epoch", False):
            return False
        if batch <= self._last_batch_seen:  # a new epoch
            added = batch + 1
        else:
            added = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += added
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _save_model(self):
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint:
            for path in self._files:
                if os.path.exists(path):
                    shutil.copyfile(path, path + ".bkp")
        model = self.model
        model.save_weights(self._weights_path, overwrite=True)
        variables = getattr(getattr(model, "optimizer", None), "variables", None)
        if variables:
            arrays = {str(i): np.asarray(v) for i, v in enumerate(variables)}
            _write_atomically(self._optimizer_path, lambda f: np.savez(f, **arrays))
        metadata = json.dumps({"epoch": self._current_epoch, "batch": self._last_batch_seen})
        _write_atomically(self._training_metadata_path, lambda f: f.write(metadata.encode()))

    def on_train_end(self, logs=None):
        if self.delete_checkpoint and os.path.exists(self.backup_dir):
            shutil.rmtree(self.backup_dir)


def _write_atomically(path, write):
    from kerasish.saving.atomic_write import atomic_write
    with atomic_write(path) as f:  # temporary in the same folder, fsync, os.replace
        write(f)


def _restore_optimizer(optimizer, path):
    variables = list(optimizer.variables)
    with np.load(path, allow_pickle=False) as saved:
        if len(saved.files) != len(variables):
            raise ValueError(
                f"BackupAndRestore: the backup {path} holds {len(saved.files)} optimizer "
                f"variables but the optimizer has {len(variables)}; was the model compiled with "
                f"another optimizer?")
        for i, variable in enumerate(variables):
            value = saved[str(i)]
            if tuple(value.shape) != tuple(variable.shape):
                raise ValueError(
                    f"BackupAndRestore: optimizer variable {i} "
                    f"({getattr(variable, 'path', variable)}) has shape {tuple(variable.shape)} "
                    f"but the backup {path} holds shape {tuple(value.shape)}.")
            variable.assign(value)
