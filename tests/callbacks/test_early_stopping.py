"""EarlyStopping, driven through CallbackList on a real model; Keras's own EarlyStopping is the
oracle for when training stops."""
import numpy as np
import pytest

from kerasish import callbacks
from tests.callbacks.fake_fit import fake_fit, small_model, weights_for


def test_restore_best_weights_restores_the_best_epoch(backend, capsys):
    model = small_model()
    stop = callbacks.EarlyStopping(patience=2, restore_best_weights=True, verbose=1)
    history = fake_fit(model, [stop], epochs=6, val_losses=[0.5, 0.25, 0.375, 0.4375, 0.1, 0.1],
                       set_weights=True)
    assert history.epoch == [0, 1, 2, 3] and len(history.history["val_loss"]) == 4
    assert stop.stopped_epoch == 3 and stop.best_epoch == 1 and stop.best == 0.25
    for got, want in zip(model.get_weights(), weights_for(1)):
        np.testing.assert_array_equal(got, want)
    assert capsys.readouterr().out == (
        "Epoch 4: early stopping\nRestoring model weights from the end of the best epoch: 2.\n")


def test_without_restore_keeps_last_weights_and_start_from_epoch(backend):
    model = small_model()
    stop = callbacks.EarlyStopping(monitor="loss", patience=0, start_from_epoch=3)
    history = fake_fit(model, [stop], epochs=6, losses=[1, 2, 3, 4, 5, 6], set_weights=True)
    # Epochs 0-2 are warm-up; epoch 3 sets the best, epoch 4 does not improve: stop.
    assert history.epoch == [0, 1, 2, 3, 4]
    np.testing.assert_array_equal(model.get_weights()[0], weights_for(4)[0])


def test_mode_and_missing_monitor():
    stop = callbacks.EarlyStopping(monitor="val_accuracy", mode="max", patience=1)
    history = fake_fit(small_model(), [stop], epochs=5, metrics={"val_accuracy": [.5, .6, .6, .7, .8]})
    assert history.epoch == [0, 1, 2]  # 0.6 does not beat 0.6: patience 1 runs out
    with pytest.warns(UserWarning, match="which is not available. Available metrics are: loss"):
        fake_fit(small_model(), [callbacks.EarlyStopping(monitor="val_loss")], epochs=1)
    with pytest.raises(ValueError, match="maximized or minimized"):
        fake_fit(small_model(), [callbacks.EarlyStopping(monitor="f1")], epochs=1,
                 metrics={"f1": [0.5]})
    with pytest.warns(UserWarning, match="mode 'up' is unknown"):
        callbacks.EarlyStopping(mode="up")


def test_auto_mode_reads_the_metric_direction():
    class Metric:
        def __init__(self, name, direction):
            self.name, self._direction = name, direction

    class Compiled:  # a container of metrics, as the trainer's compiled metrics
        metrics = [Metric("f1", "up")]

    model = small_model()
    # `metrics` is a read-only property of compiled models; give this one a fixed list.
    model.__class__ = type("WithMetrics", (type(model),), {"metrics": [Compiled()]})
    stop = callbacks.EarlyStopping(monitor="val_f1", patience=0)
    history = fake_fit(model, [stop], epochs=4, metrics={"val_f1": [0.5, 0.6, 0.55, 0.7]})
    assert history.epoch == [0, 1, 2]


class _KerasModel:
    """What Keras's EarlyStopping touches on a model."""

    def __init__(self):
        self.stop_training = False
        self.weights = [np.zeros(1)]

    def get_weights(self):
        return list(self.weights)

    def set_weights(self, weights):
        self.weights = weights


@pytest.mark.parametrize("seed", range(6))
def test_stops_where_keras_stops(seed):
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(seed)
    values = np.round(rng.uniform(0, 1, 12), 2).tolist()
    kwargs = dict(monitor="val_loss", patience=int(rng.integers(0, 4)),
                  min_delta=float(rng.choice([0, 0.05])), baseline=[None, 0.3][seed % 2],
                  start_from_epoch=int(rng.integers(0, 3)), restore_best_weights=True)
    results = []
    for lib in (keras.callbacks, callbacks):
        cb, model = lib.EarlyStopping(**kwargs), _KerasModel()
        cb.set_model(model)
        cb.on_train_begin()
        for epoch, v in enumerate(values):
            model.weights = [np.full(1, epoch)]
            cb.on_epoch_end(epoch, {"val_loss": v})
            if model.stop_training:
                break
        cb.on_train_end()
        results.append((epoch, cb.stopped_epoch, cb.best_epoch, cb.best, cb.wait,
                        model.weights[0].tolist()))
    assert results[0] == results[1], (values, kwargs)
