"""A stand-in for `fit`: calls the hooks of a CallbackList in the order the trainer will (see the
contract in kerasish/callbacks/callback_list.py), with logs made of backend scalars."""
import numpy as np

from kerasish import Input, Sequential, Variable, layers, ops
from kerasish.callbacks import CallbackList


def scalar(x):
    """A log value as the trainer hands it over: a backend tensor, not a Python float."""
    return ops.convert_to_tensor(np.float32(x))


def small_model():
    return Sequential([Input((3,)), layers.Dense(2)])


def weights_for(epoch):
    """Distinct, recognizable weights for each epoch of the fake training."""
    return [np.full((3, 2), float(epoch), "float32"), np.full((2,), -float(epoch), "float32")]


class FakeOptimizer:
    """Holds the learning rate in a kerasish.Variable; setting `learning_rate` assigns to it,
    as Keras's optimizers do."""

    def __init__(self, learning_rate=0.1):
        self._learning_rate = Variable(learning_rate, dtype="float32", name="learning_rate")
        self.iterations = Variable(0, dtype="int64", name="iteration")
        self.built = True
        self.name = "fake_optimizer"

    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        self._learning_rate.assign(value)

    @property
    def variables(self):
        return [self.iterations, self._learning_rate]


def fake_fit(model, callbacks=None, epochs=3, steps=2, losses=None, val_losses=None,
             verbose=0, set_weights=False, batch_loss=None, metrics=None):
    """Runs the hooks of `epochs` epochs of `steps` batches. losses / val_losses: per-epoch
    values (val_losses=None: no validation). set_weights: put `weights_for(epoch)` in the model
    during each epoch. batch_loss(epoch, step) gives the batch logs' loss. metrics: extra
    per-epoch logs {name: [values]}. Returns the History."""
    losses = losses if losses is not None else [1.0 / (e + 1) for e in range(epochs)]
    batch_loss = batch_loss or (lambda epoch, step: losses[epoch])
    cbs = CallbackList(callbacks, add_history=True, add_progbar=verbose != 0, model=model,
                       verbose=verbose, epochs=epochs, steps=steps)
    model.stop_training = False
    cbs.on_train_begin()
    initial_epoch = getattr(model, "_initial_epoch", None) or 0
    model._initial_epoch = None
    logs = {}
    for epoch in range(initial_epoch, epochs):
        cbs.on_epoch_begin(epoch)
        for step in range(steps):
            cbs.on_train_batch_begin(step)
            if set_weights:
                model.set_weights(weights_for(epoch))
            cbs.on_train_batch_end(step, {"loss": scalar(batch_loss(epoch, step))})
            if model.stop_training:
                break
        logs = {"loss": scalar(losses[epoch])}
        for name, values in (metrics or {}).items():
            logs[name] = scalar(values[epoch])
        if val_losses is not None:
            cbs.on_test_begin()
            for step in range(2):
                cbs.on_test_batch_begin(step)
                cbs.on_test_batch_end(step, {"loss": scalar(val_losses[epoch])})
            cbs.on_test_end({"loss": scalar(val_losses[epoch])})
            logs["val_loss"] = scalar(val_losses[epoch])
        cbs.on_epoch_end(epoch, logs)
        if model.stop_training:
            break
    cbs.on_train_end(logs)
    return model.history
