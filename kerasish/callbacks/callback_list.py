"""CallbackList: calls a list of callbacks together (as keras.callbacks.CallbackList).

The contract with the trainer (fit/evaluate/predict) and with custom training loops:

    callbacks = CallbackList(user_callbacks, add_history=True, add_progbar=verbose != 0,
                             model=model, verbose=verbose, epochs=epochs, steps=steps_per_epoch)
    model.stop_training = False
    callbacks.on_train_begin()
    initial_epoch = model._initial_epoch or initial_epoch   # BackupAndRestore may set it
    model._initial_epoch = None
    for epoch in range(initial_epoch, epochs):
        callbacks.on_epoch_begin(epoch)
        for step ...:
            callbacks.on_train_batch_begin(step)
            logs = train_step(...)               # a dict of backend scalars, left on the device
            callbacks.on_train_batch_end(step, logs)
            if model.stop_training: break
        epoch_logs = {...metric results...}      # plus {"val_" + name: value} after validation
        callbacks.on_epoch_end(epoch, epoch_logs)
        if model.stop_training: break
    callbacks.on_train_end(epoch_logs)           # only when training was not interrupted

- `params` are `verbose` (0, 1, 2 or "auto"), `epochs` and `steps` (batches per epoch, None when
  unknown). Validation inside fit calls on_test_begin/on_test_batch_*/on_test_end on the same
  list between on_train_begin and on_train_end; evaluate and predict make their own list with
  `epochs=1` and their `steps`. With steps_per_execution=N, the batch hooks are called once per
  N batches: on_*_batch_begin with the first index of the group, on_*_batch_end with the last.
- Logs are dicts of name -> value, where values may be backend scalars (jax arrays, NumPy
  arrays) or nested dicts. The list converts them to Python floats (nested dicts flattened, keys
  sorted, as Keras's `pythonify_logs`) only for callbacks that implement the hook being called,
  once per call, and all those callbacks share that one dict (so a callback may add an entry,
  e.g. `learning_rate`, that History records). A hook no callback implements costs nothing and
  reads nothing from the device. Callbacks with `raw_batch_logs = True` (ProgbarLogger) get the
  batch logs unconverted and read them only when they need to.
- `callbacks.needs_train_batch_logs` (and `needs_test_batch_logs`, `needs_predict_batch_logs`)
  says whether any callback reads the per-batch logs (ProgbarLogger does only for a live bar on
  a terminal); when False the trainer may pass `logs=None` to those hooks and skip computing
  per-batch results. `callbacks.implements(hook)` says whether any callback has work in a hook
  at all (when False the trainer may skip calling it). Both can change at on_train_begin
  (validation inside fit is silent), so ask after it.
- Callbacks read the model through `Callback.model`, which first calls
  `model._sync_training_state()` if the model defines it: a trainer that keeps the training state
  outside the model's variables during an epoch writes it back there (cheaply, when in sync).
- Callbacks may set `model.stop_training = True` (checked after each batch and each epoch), read
  and set `model.optimizer.learning_rate`, and call `model.get_weights()`, `set_weights()`,
  `save()`, `save_weights()` and `load_weights()`. `model.history` is set to the History.
"""
from kerasish.callbacks.callback import _HOOKS, Callback
from kerasish.callbacks.history import History
from kerasish.callbacks.logs import pythonify_logs, to_python  # noqa: F401 (public here too)
from kerasish.callbacks.progbar_logger import ProgbarLogger

_BATCH_HOOKS = frozenset(h for h in _HOOKS if "_batch_" in h)


class CallbackList(Callback):
    """Container of callbacks called together; see the module docstring for the contract.

    callbacks: list of Callback instances. add_history / add_progbar: add a History /
    ProgbarLogger unless the list has one. model: the model. **params: passed to each callback's
    `set_params` (`verbose`, `epochs`, `steps`).
    """

    # A CallbackList inside another one passes batch logs on unconverted; its own callbacks
    # decide what to convert.
    raw_batch_logs = True

    def __init__(self, callbacks=None, add_history=False, add_progbar=False, model=None,
                 **params):
        super().__init__()
        self.callbacks = _flatten(callbacks)
        for cb in self.callbacks:
            if not isinstance(cb, Callback):
                raise TypeError(
                    f"CallbackList: every callback must be a kerasish.callbacks.Callback "
                    f"instance; received {cb!r} of type {type(cb).__name__}.")
        self._history = next((c for c in self.callbacks if isinstance(c, History)), None)
        self._progbar = next((c for c in self.callbacks if isinstance(c, ProgbarLogger)), None)
        if self._history is None and add_history:
            self._history = History()
            self.callbacks.append(self._history)
        if self._progbar is None and add_progbar:
            self._progbar = ProgbarLogger()
            self.callbacks.append(self._progbar)
        self._table = {}
        self.set_model(model)
        self.set_params(params)

    def append(self, callback):
        """Adds a callback (given this list's model and params)."""
        self.callbacks.append(callback)
        if self._model is not None:
            callback.set_model(self._model)
        if self.params:
            callback.set_params(self.params)
        self._table = {}

    def set_params(self, params):
        self.params = params
        if params:
            for cb in self.callbacks:
                cb.set_params(params)
        self._table = {}

    def set_model(self, model):
        if model is None:
            return
        super().set_model(model)
        if self._history is not None:
            model.history = self._history
        for cb in self.callbacks:
            cb.set_model(model)
        self._table = {}

    # -- which callbacks take part in a hook ----------------------------------------------
    def _entries(self, hook):
        """[(bound hook, wants_raw_logs)] for the callbacks that implement `hook` (cached; the
        cache is dropped whenever params, model or the phase change)."""
        entries = self._table.get(hook)
        if entries is None:
            raw_ok = hook in _BATCH_HOOKS
            entries = [(getattr(cb, hook), raw_ok and cb.raw_batch_logs)
                       for cb in self.callbacks if cb._implements(hook)]
            self._table[hook] = entries
        return entries

    def _implements(self, hook):
        return bool(self._entries(hook))

    def _reads_logs(self, hook):
        return any(cb._reads_logs(hook) for cb in self.callbacks if cb._implements(hook))

    def implements(self, hook):
        """Whether any callback does something in `hook` (e.g. "on_train_batch_end")."""
        if hook not in _HOOKS:
            raise ValueError(f"CallbackList.implements: unknown hook {hook!r}; expected one of "
                             f"{list(_HOOKS)}.")
        return bool(self._entries(hook))

    @property
    def needs_train_batch_logs(self):
        """Whether any callback reads the logs of on_train_batch_end."""
        return self._reads_logs("on_train_batch_end")

    @property
    def needs_test_batch_logs(self):
        """Whether any callback reads the logs of on_test_batch_end."""
        return self._reads_logs("on_test_batch_end")

    @property
    def needs_predict_batch_logs(self):
        """Whether any callback reads the logs (outputs) of on_predict_batch_end."""
        return self._reads_logs("on_predict_batch_end")

    def _call(self, hook, index, logs):
        converted = None
        for method, raw in self._entries(hook):
            if raw:
                method(index, logs=logs)
                continue
            if converted is None:
                converted = pythonify_logs(logs)
            if hook in _BATCH_HOOKS:
                method(index, logs=converted)  # Keras passes batch logs by keyword
            elif index is None:
                method(converted)
            else:
                method(index, converted)

    def _begin(self, hook, logs):
        self._table = {}  # the list may have changed since last time
        self._call(hook, None, logs)
        self._table = {}  # callbacks may change what they implement (ProgbarLogger in fit)

    # -- the hooks -------------------------------------------------------------------------
    def on_train_begin(self, logs=None):
        self._begin("on_train_begin", logs)

    def on_train_end(self, logs=None):
        self._call("on_train_end", None, logs)
        self._table = {}

    def on_test_begin(self, logs=None):
        self._begin("on_test_begin", logs)

    def on_test_end(self, logs=None):
        self._call("on_test_end", None, logs)

    def on_predict_begin(self, logs=None):
        self._begin("on_predict_begin", logs)

    def on_predict_end(self, logs=None):
        self._call("on_predict_end", None, logs)

    def on_epoch_begin(self, epoch, logs=None):
        self._call("on_epoch_begin", epoch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._call("on_epoch_end", epoch, logs)

    def on_train_batch_begin(self, batch, logs=None):
        self._call("on_train_batch_begin", batch, logs)

    def on_train_batch_end(self, batch, logs=None):
        self._call("on_train_batch_end", batch, logs)

    def on_batch_begin(self, batch, logs=None):
        self.on_train_batch_begin(batch, logs)

    def on_batch_end(self, batch, logs=None):
        self.on_train_batch_end(batch, logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._call("on_test_batch_begin", batch, logs)

    def on_test_batch_end(self, batch, logs=None):
        self._call("on_test_batch_end", batch, logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._call("on_predict_batch_begin", batch, logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._call("on_predict_batch_end", batch, logs)



def _flatten(callbacks):
    if callbacks is None:
        return []
    if isinstance(callbacks, Callback):
        return [callbacks]
    out = []
    for cb in callbacks:
        out.extend(_flatten(cb) if isinstance(cb, (list, tuple)) else [cb])
    return out
