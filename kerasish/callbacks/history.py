"""History: records the epoch logs of `fit` (as keras.callbacks.History)."""
from kerasish.callbacks.callback import Callback


class History(Callback):
    """Records every epoch's logs; `fit` returns it.

    `history.history` maps each log name to its list of per-epoch values (e.g. `loss`, `val_loss`),
    `history.epoch` lists the epoch indices, `history.params` holds the training parameters.
    """

    def __init__(self):
        super().__init__()
        self.history = {}
        self.epoch = []

    def on_train_begin(self, logs=None):
        # As Keras: the epoch list restarts with each fit, the history dict accumulates.
        self.epoch = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
        # Point the model at the latest History, as Keras does.
        self.model.history = self
