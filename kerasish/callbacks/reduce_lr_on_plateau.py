"""ReduceLROnPlateau: lowers the learning rate when a monitored value stops improving (as
keras.callbacks.ReduceLROnPlateau)."""
import warnings

import numpy as np

from kerasish.callbacks.monitor_callback import MonitorCallback


def read_learning_rate(optimizer):
    """The optimizer's current learning rate as a Python float (a Variable, tensor or float)."""
    if not hasattr(optimizer, "learning_rate"):
        raise ValueError(f'Optimizer must have a "learning_rate" attribute; received '
                         f"{optimizer!r}.")
    return float(np.asarray(optimizer.learning_rate))


def log_learning_rates(model, logs):
    """Adds the learning rate(s) to the epoch logs, so History and the progress bar show them."""
    optimizer = model.optimizer
    if hasattr(optimizer, "optimizers"):  # a multi-optimizer
        for opt in optimizer.optimizers:
            logs[f"learning_rate_{opt.name}"] = read_learning_rate(opt)
    else:
        logs["learning_rate"] = read_learning_rate(optimizer)


class ReduceLROnPlateau(MonitorCallback):
    """Multiplies the learning rate by `factor` after `patience` epochs without improvement.

    Args:
        monitor: the log to watch. Defaults to "val_loss".
        factor: new_lr = lr * factor (must be < 1).
        patience: epochs without improvement before reducing.
        verbose: 0 quiet, 1 prints a message when it reduces.
        mode: "auto", "min" or "max".
        min_delta: the smallest change that counts as an improvement.
        cooldown: epochs to wait after a reduction before counting again.
        min_lr: the learning rate never goes below this.
    """

    def __init__(self, monitor="val_loss", factor=0.1, patience=10, verbose=0, mode="auto",
                 min_delta=1e-4, cooldown=0, min_lr=0.0, **kwargs):
        super().__init__(monitor, mode, min_delta=min_delta)
        if factor >= 1.0:
            raise ValueError(
                f"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}")
        self.factor = factor
        self.min_lr = min_lr
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.cooldown_counter = 0
        self.wait = 0

    def _reset(self):
        self.best = None
        self.cooldown_counter = 0
        self.wait = 0

    def on_train_begin(self, logs=None):
        self._reset()

    def in_cooldown(self):
        return self.cooldown_counter > 0

    def _reduce(self, optimizer, epoch, name=""):
        old_lr = read_learning_rate(optimizer)
        if old_lr <= np.float32(self.min_lr):
            return False
        new_lr = max(old_lr * self.factor, self.min_lr)
        optimizer.learning_rate = new_lr
        if self.verbose > 0:
            name = f" {name}" if name else ""
            print(f"\nEpoch {epoch + 1}: ReduceLROnPlateau reducing{name} learning rate to "
                  f"{new_lr}.")
        return True

    def on_epoch_end(self, epoch, logs=None):
        if self.monitor_op is None:
            self._set_monitor_op()  # late, so that the compiled metrics exist
        logs = logs if logs is not None else {}
        log_learning_rates(self.model, logs)
        current = logs.get(self.monitor)
        if current is None:
            warnings.warn(
                f"Learning rate reduction is conditioned on metric `{self.monitor}` which is not "
                f"available. Available metrics are: {','.join(list(logs.keys()))}.",
                stacklevel=2)
            return
        if self.in_cooldown():
            self.cooldown_counter -= 1
            self.wait = 0
        if self._is_improvement(current, self.best):
            self.best = current
            self.wait = 0
        elif not self.in_cooldown():
            self.wait += 1
            if self.wait >= self.patience:
                optimizer = self.model.optimizer
                if hasattr(optimizer, "optimizers"):
                    reduced = [self._reduce(opt, epoch, opt.name) for opt in optimizer.optimizers]
                else:
                    reduced = [self._reduce(optimizer, epoch)]
                if any(reduced):
                    self.cooldown_counter = self.cooldown
                    self.wait = 0
