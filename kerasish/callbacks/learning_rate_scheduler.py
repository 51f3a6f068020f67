"""LearningRateScheduler: sets the learning rate at each epoch from a function (as
keras.callbacks.LearningRateScheduler)."""
import inspect

import numpy as np

from kerasish.callbacks.callback import Callback
from kerasish.callbacks.reduce_lr_on_plateau import log_learning_rates, read_learning_rate


class LearningRateScheduler(Callback):
    """At the start of every epoch, sets the learning rate to `schedule(epoch, lr)`.

    Args:
        schedule: a function of the epoch index (from 0) and the current learning rate (a
            float) returning the new learning rate; a one-argument `schedule(epoch)` also works.
        verbose: 0 quiet, 1 prints the new rate each epoch.
    """

    def __init__(self, schedule, verbose=0):
        super().__init__()
        if not callable(schedule):
            raise ValueError(f"LearningRateScheduler: `schedule` must be a function of "
                             f"(epoch, lr); received {schedule!r}.")
        self.schedule = schedule
        self.verbose = verbose

    def _takes_lr(self):
        try:
            params = inspect.signature(self.schedule).parameters.values()
        except (TypeError, ValueError):  # no signature (a builtin): assume the two-argument API
            return True
        positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        return len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in params)

    def _update(self, optimizer, epoch):
        lr = read_learning_rate(optimizer)
        new_lr = self.schedule(epoch, lr) if self._takes_lr() else self.schedule(epoch)
        # Python and NumPy floats as Keras, plus scalar tensors (e.g. `lr * ops.exp(-0.1)`).
        if isinstance(new_lr, (bool, str)) or not (
                isinstance(new_lr, (float, int, np.floating, np.integer))
                or (hasattr(new_lr, "__array__") and np.ndim(new_lr) == 0)):
            raise ValueError(
                f"The output of the `schedule` function should be a float. Got: {new_lr!r}")
        new_lr = float(np.asarray(new_lr))
        optimizer.learning_rate = new_lr
        return new_lr

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        for opt in getattr(optimizer, "optimizers", None) or [optimizer]:
            lr = self._update(opt, epoch)
            if self.verbose > 0:
                which = f"{opt.name} " if opt is not optimizer else ""
                print(f"\nEpoch {epoch + 1}: LearningRateScheduler setting {which}learning rate "
                      f"to {lr}.")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            log_learning_rates(self.model, logs)
