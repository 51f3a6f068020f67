"""ModelCheckpoint: saves the model or its weights during training (as
keras.callbacks.ModelCheckpoint).

It calls `model.save_weights(path, overwrite=True)` or `model.save(path, overwrite=True)`; those
write to a temporary name and rename, so an interrupted save leaves the previous file intact.
"""
import os
import warnings

import numpy as np

from kerasish.callbacks.logs import pythonify_logs
from kerasish.callbacks.monitor_callback import MonitorCallback


class ModelCheckpoint(MonitorCallback):
    """Saves the model (`.keras`, `.h5`) or its weights (`.weights.h5`) every epoch or every
    `save_freq` batches.

    Args:
        filepath: where to save; may hold format fields filled from the epoch (counted from 1),
            the batch and the logs, e.g. "ckpt/{epoch:02d}-{val_loss:.2f}.keras".
        monitor: the log compared by `save_best_only`. Defaults to "val_loss".
        verbose: 0 silent, 1 prints a message when it saves.
        save_best_only: save only when `monitor` improves on the best value so far.
        save_weights_only: call `model.save_weights` instead of `model.save`.
        mode: "auto", "min" or "max".
        save_freq: "epoch", or an integer number of batches.
        initial_value_threshold: the best value to beat at first (with save_best_only).
    """

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", save_freq="epoch",
                 initial_value_threshold=None):
        super().__init__(monitor, mode, initial_value_threshold)
        self.verbose = verbose
        self.filepath = os.fspath(filepath)
        self.save_best_only = save_best_only
        self.save_weights_only = save_weights_only
        self.save_freq = save_freq
        self._batches_seen_since_last_saving = 0
        self._last_batch_seen = None
        self._current_epoch = 0
        if save_freq != "epoch" and (not isinstance(save_freq, int) or isinstance(save_freq, bool)
                                     or save_freq < 1):
            raise ValueError(f"Unrecognized save_freq: {save_freq}. Expected save_freq are "
                             f"'epoch' or integer values (a number of batches, at least 1)")
        if save_weights_only:
            if not self.filepath.endswith(".weights.h5"):
                raise ValueError(
                    "When using `save_weights_only=True` in `ModelCheckpoint`, the filepath "
                    "provided must end in `.weights.h5` (Keras weights format). Received: "
                    f"filepath={self.filepath}")
        elif not self.filepath.endswith((".keras", ".h5")):
            raise ValueError("The filepath provided must end in `.keras` (Keras model format). "
                             f"Received: filepath={self.filepath}")

    def on_epoch_begin(self, epoch, logs=None):
        self._current_epoch = epoch

    # Batch logs arrive unconverted and are read from the device only when saving.
    raw_batch_logs = True

    def on_train_batch_end(self, batch, logs=None):
        if self._should_save_on_batch(batch):
            self._save_model(self._current_epoch, batch, pythonify_logs(logs))

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()  # late, so that the compiled metrics exist
        if self.save_freq == "epoch":
            self._save_model(epoch, None, logs)

    def _implements(self, hook):
        # Batch-level saving only: an epoch-level checkpoint never reads the batch logs.
        if hook == "on_train_batch_end" and self.save_freq == "epoch":
            return False
        return super()._implements(hook)

    def _should_save_on_batch(self, batch):
        if self.save_freq == "epoch":
            return False
        # With steps_per_execution=N the hook sees every Nth batch index: count the gap.
        if self._last_batch_seen is None or batch <= self._last_batch_seen:
            added = batch + 1  # a new epoch
        else:
            added = batch - self._last_batch_seen
        self._batches_seen_since_last_saving += added
        self._last_batch_seen = batch
        if self._batches_seen_since_last_saving >= self.save_freq:
            self._batches_seen_since_last_saving = 0
            return True
        return False

    def _should_save_model(self, epoch, logs, filepath):
        if not self.save_best_only:
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: saving model to {filepath}")
            return True
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(f"Can save best model only with {self.monitor} available.",
                          stacklevel=2)
            return True
        if np.ndim(current) > 0:
            warnings.warn(f"Can save best model only when `monitor` is a scalar value. "
                          f"Received: {current}. Falling back to `save_best_only=False`.")
            return True
        if self.monitor_op is None:
            self._set_monitor_op()  # batch-level saving before the first epoch ended
        best = "None" if self.best is None else f"{self.best:.5f}"
        if self._is_improvement(current, self.best):
            if self.verbose > 0:
                print(f"\nEpoch {epoch + 1}: {self.monitor} improved from {best} to "
                      f"{current:.5f}, saving model to {filepath}")
            self.best = current
            return True
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: {self.monitor} did not improve from {best}")
        return False

    def _save_model(self, epoch, batch, logs):
        logs = logs or {}
        filepath = self._get_file_path(epoch, batch, logs)
        if not self._should_save_model(epoch, logs, filepath):
            return
        if os.path.isdir(filepath):
            raise IOError("Please specify a non-directory filepath for ModelCheckpoint. "
                          f"Filepath used is an existing directory: {filepath}")
        dirname = os.path.dirname(filepath)
        if dirname:
            os.makedirs(dirname, exist_ok=True)
        if self.save_weights_only:
            self.model.save_weights(filepath, overwrite=True)
        else:
            self.model.save(filepath, overwrite=True)
        if self.verbose > 0:
            print(f"\nEpoch {epoch + 1}: finished saving model to {filepath}")

    def _get_file_path(self, epoch, batch, logs):
        """The filepath with its fields filled: epoch and batch count from 1."""
        fields = dict(logs)
        fields["epoch"] = epoch + 1
        if batch is not None and "batch" not in logs:
            fields["batch"] = batch + 1
        try:
            return self.filepath.format(**fields)
        except KeyError as e:
            raise KeyError(f'Failed to format this callback filepath: "{self.filepath}". '
                           f"Reason: {e}. Available fields: {sorted(fields)}") from None
