"""Callback, CallbackList (hook order, lazy conversion of logs), History, LambdaCallback."""
import numpy as np
import pytest

import kerasish
from kerasish import callbacks
from kerasish.callbacks.callback import _HOOKS
from tests.callbacks.fake_fit import fake_fit, scalar, small_model


class Recorder(callbacks.Callback):
    """Overrides every hook and records (hook, index, logs)."""

    def __init__(self):
        super().__init__()
        self.calls = []


def _recording(hook):
    if hook.endswith(("_batch_begin", "_batch_end")) or hook.startswith("on_epoch"):
        def method(self, index, logs=None):
            self.calls.append((hook, index, logs))
    else:
        def method(self, logs=None):
            self.calls.append((hook, None, logs))
    return method


for _hook in _HOOKS:
    setattr(Recorder, _hook, _recording(_hook))


def test_custom_callback_receives_every_hook_in_order(backend):
    rec = Recorder()
    model = small_model()
    history = fake_fit(model, [rec], epochs=2, steps=2, losses=[0.5, 0.25], val_losses=[0.6, 0.3])
    names = [c[0] for c in rec.calls]
    epoch = (["on_epoch_begin"] + ["on_train_batch_begin", "on_train_batch_end"] * 2
             + ["on_test_begin"] + ["on_test_batch_begin", "on_test_batch_end"] * 2
             + ["on_test_end", "on_epoch_end"])
    assert names == ["on_train_begin"] + epoch * 2 + ["on_train_end"]
    assert rec.model is model and rec.params == {"verbose": 0, "epochs": 2, "steps": 2}
    # Logs arrive as Python floats, keys sorted, val_ metrics in the epoch logs.
    end = [c for c in rec.calls if c[0] == "on_epoch_end"]
    assert end[0][1:] == (0, {"loss": 0.5, "val_loss": pytest.approx(0.6)})
    assert all(type(v) is float for v in end[1][2].values())
    assert rec.calls[1] == ("on_epoch_begin", 0, {})
    assert history is model.history and history.history == {
        "loss": [0.5, 0.25], "val_loss": [pytest.approx(0.6), pytest.approx(0.3)]}
    assert history.epoch == [0, 1]


def test_predict_hooks_and_keras2_batch_aliases():
    seen = []

    class Old(callbacks.Callback):
        def on_batch_begin(self, batch, logs=None):
            seen.append(("begin", batch))

        def on_batch_end(self, batch, logs=None):
            seen.append(("end", batch, logs))

    rec = Recorder()
    cbs = callbacks.CallbackList([Old(), rec])
    assert cbs.implements("on_train_batch_end") and cbs.implements("on_predict_end")
    cbs.on_train_batch_begin(0)
    cbs.on_train_batch_end(0, {"loss": np.float32(2.0)})
    cbs.on_predict_begin()
    cbs.on_predict_batch_begin(0)
    cbs.on_predict_batch_end(0, {"outputs": np.ones((2, 2))})
    cbs.on_predict_end()
    assert seen == [("begin", 0), ("end", 0, {"loss": 2.0})]
    assert [c[0] for c in rec.calls[2:]] == ["on_predict_begin", "on_predict_batch_begin",
                                             "on_predict_batch_end", "on_predict_end"]
    np.testing.assert_array_equal(rec.calls[4][2]["outputs"], np.ones((2, 2)))


class CountingScalar:
    """A log value that counts how often it is read (as a device array pulled to the host)."""

    reads = 0

    def __init__(self, value):
        self.value = value

    def __array__(self, dtype=None, copy=None):
        CountingScalar.reads += 1
        return np.asarray(self.value, dtype=dtype)


def test_logs_are_read_only_for_callbacks_that_implement_the_hook():
    class EpochOnly(callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.logs = logs

    CountingScalar.reads = 0
    epoch_only = EpochOnly()
    cbs = callbacks.CallbackList([epoch_only], add_history=True, model=small_model(),
                                 verbose=0, epochs=1, steps=3)
    cbs.on_train_begin()
    assert not cbs.needs_train_batch_logs and not cbs.implements("on_train_batch_end")
    cbs.on_epoch_begin(0)
    for step in range(3):
        cbs.on_train_batch_begin(step)
        cbs.on_train_batch_end(step, {"loss": CountingScalar(1.0)})
    assert CountingScalar.reads == 0
    cbs.on_epoch_end(0, {"loss": CountingScalar(1.0), "acc": CountingScalar(0.5)})
    # One conversion per value, shared by every callback (History and EpochOnly).
    assert CountingScalar.reads == 2
    assert epoch_only.logs == {"acc": 0.5, "loss": 1.0}
    assert cbs.model.history.history == {"acc": [0.5], "loss": [1.0]}


def test_needs_batch_logs_follows_the_callbacks(monkeypatch):
    from kerasish.callbacks import progbar_logger

    def make(verbose, extra=()):
        return callbacks.CallbackList(list(extra), add_history=True, add_progbar=verbose != 0,
                                      model=small_model(), verbose=verbose, epochs=1, steps=2)

    assert not make(0).needs_train_batch_logs
    assert not make(2).needs_train_batch_logs  # one line per epoch: batch logs never shown
    assert not make(1).needs_train_batch_logs  # not a terminal: one line per epoch
    monkeypatch.setattr(progbar_logger, "_is_interactive", lambda stream: True)
    assert make(1).needs_train_batch_logs  # a live bar shows the batch logs
    assert make(0, [callbacks.TerminateOnNaN()]).needs_train_batch_logs
    assert not make(0, [callbacks.ModelCheckpoint("m.keras")]).needs_train_batch_logs
    assert make(0, [callbacks.ModelCheckpoint("m.keras", save_freq=2)]).needs_train_batch_logs
    # Inside fit, validation batches are not shown by the progress bar.
    cbs = make(1)
    assert cbs.needs_test_batch_logs
    cbs.on_train_begin()
    assert not cbs.needs_test_batch_logs and not cbs.implements("on_test_begin")
    with pytest.raises(ValueError, match="unknown hook 'on_tarin_end'"):
        cbs.implements("on_tarin_end")


def test_conversion_of_backend_values(backend):
    from kerasish.callbacks.logs import pythonify_logs

    logs = pythonify_logs({"b": scalar(2.5), "a": 3, "nested": {"c": np.float64(1.0)},
                           "vec": kerasish.ops.convert_to_tensor(np.arange(3.0)), "s": "x"})
    assert list(logs) == ["a", "b", "c", "s", "vec"]  # sorted, nested dicts flattened in place
    assert logs["a"] == 3.0 and logs["b"] == 2.5 and logs["c"] == 1.0 and logs["s"] == "x"
    assert all(type(logs[k]) is float for k in "abc")
    assert isinstance(logs["vec"], np.ndarray) and logs["vec"].tolist() == [0.0, 1.0, 2.0]


def test_callback_list_adds_defaults_once_and_checks_types():
    history, progbar = callbacks.History(), callbacks.ProgbarLogger()
    cbs = callbacks.CallbackList([[history], progbar], add_history=True, add_progbar=True)
    assert cbs.callbacks == [history, progbar]
    cbs = callbacks.CallbackList(None, add_history=True, add_progbar=True)
    assert [type(c).__name__ for c in cbs.callbacks] == ["History", "ProgbarLogger"]
    with pytest.raises(TypeError, match="must be a kerasish.callbacks.Callback"):
        callbacks.CallbackList([lambda: None])
    extra = Recorder()
    model = small_model()
    cbs = callbacks.CallbackList([], model=model, epochs=1, steps=1, verbose=0)
    cbs.append(extra)
    assert extra.model is model and extra.params["steps"] == 1
    cbs.on_train_begin()
    assert extra.calls == [("on_train_begin", None, {})]


def test_model_property_syncs_trainer_state():
    synced = []
    model = small_model()
    model._sync_training_state = lambda: synced.append(True)
    cb = callbacks.Callback()
    cb.set_model(model)
    assert cb.model is model and synced == [True]


def test_lambda_callback():
    seen = []
    cb = callbacks.LambdaCallback(
        on_epoch_begin=lambda epoch, logs: seen.append(("epoch_begin", epoch)),
        on_epoch_end=lambda epoch, logs: seen.append(("epoch_end", epoch, logs["loss"])),
        on_train_begin=lambda logs: seen.append("train_begin"),
        on_train_end=lambda logs: seen.append("train_end"),
        on_train_batch_end=lambda batch, logs: seen.append(("batch", batch)),
        on_test_end=lambda logs: seen.append(("test_end", logs["loss"])))
    fake_fit(small_model(), [cb], epochs=1, steps=2, losses=[0.5], val_losses=[0.75])
    assert seen == ["train_begin", ("epoch_begin", 0), ("batch", 0), ("batch", 1),
                    ("test_end", 0.75), ("epoch_end", 0, 0.5), "train_end"]
    with pytest.raises(ValueError, match="unknown hook"):
        callbacks.LambdaCallback(on_epoch_ends=print)


def test_history_accumulates_across_fits():
    model = small_model()
    history = callbacks.History()
    fake_fit(model, [history], epochs=2, losses=[3.0, 2.0])
    fake_fit(model, [history], epochs=1, losses=[1.0])
    assert history.history == {"loss": [3.0, 2.0, 1.0]} and history.epoch == [0]
