"""Callback: the base class of every callback (as keras.callbacks.Callback).

A callback hooks into `fit`, `evaluate` and `predict`. Every hook of the base class does nothing
and is marked as a default, so that `CallbackList` can tell which hooks a callback really
implements: it skips the others and never pulls logs to the host for them (see callback_list.py).
"""
_HOOKS = (
    "on_train_begin", "on_train_end", "on_test_begin", "on_test_end",
    "on_predict_begin", "on_predict_end", "on_epoch_begin", "on_epoch_end",
    "on_train_batch_begin", "on_train_batch_end", "on_test_batch_begin", "on_test_batch_end",
    "on_predict_batch_begin", "on_predict_batch_end",
)


def _default(method):
    """Marks a hook of the base class, so that an override can be told from it."""
    method._is_default = True
    return method


def is_default(method):
    """True when `method` is the base class's no-op hook (not overridden)."""
    return getattr(method, "_is_default", False)


class Callback:
    """Base class for callbacks (as keras.callbacks.Callback).

    Attributes:
        params: dict of training parameters (`verbose`, `epochs`, `steps`), set by the trainer.
        model: the model being trained.

    Logs that the hooks receive are dicts of Python floats: `{"loss": 0.2, "val_loss": 0.3}`.
    """

    # kerasish extension: when True, the *batch* hooks receive the trainer's logs unconverted
    # (values may be backend scalars still on the device); the callback converts them with
    # `kerasish.callbacks.logs.pythonify_logs` only when it reads them. ProgbarLogger
    # uses this so that a progress bar reads the device only when it redraws.
    raw_batch_logs = False

    def __init__(self):
        self.params = None
        self._model = None

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self._model = model

    @property
    def model(self):
        # A trainer may keep the training state outside the model's variables during an epoch
        # (as arrays of a compiled step); it writes it back when a callback looks at the model.
        sync = getattr(self._model, "_sync_training_state", None)
        if sync is not None:
            sync()
        return self._model

    def _implements(self, hook):
        """Whether this callback does something in `hook` (a method name). CallbackList skips
        hooks a callback does not implement. Subclasses may narrow it (ProgbarLogger does)."""
        if not is_default(getattr(self, hook)):
            return True
        # The default train-batch hooks forward to the Keras 2 aliases on_batch_begin/end.
        alias = {"on_train_batch_begin": "on_batch_begin",
                 "on_train_batch_end": "on_batch_end"}.get(hook)
        return alias is not None and not is_default(getattr(self, alias))

    def _reads_logs(self, hook):
        """Whether this callback reads the logs passed to `hook` (by default: when it implements
        the hook). Tells the trainer whether per-batch logs are needed on the host at all."""
        return self._implements(hook)

    @_default
    def on_batch_begin(self, batch, logs=None):
        """A backwards compatibility alias for `on_train_batch_begin`."""

    @_default
    def on_batch_end(self, batch, logs=None):
        """A backwards compatibility alias for `on_train_batch_end`."""

    @_default
    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch of `fit` (`epoch` counts from 0)."""

    @_default
    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch of `fit`; `logs` holds the epoch's metric results and,
        when validation ran, the validation results prefixed with `val_`."""

    @_default
    def on_train_batch_begin(self, batch, logs=None):
        """Called before a training batch (`batch` is its index within the epoch)."""
        self.on_batch_begin(batch, logs=logs)

    @_default
    def on_train_batch_end(self, batch, logs=None):
        """Called after a training batch; `logs` holds the metric results so far this epoch.
        With `steps_per_execution=N` it is called once per N batches."""
        self.on_batch_end(batch, logs=logs)

    @_default
    def on_test_batch_begin(self, batch, logs=None):
        """Called before a batch of `evaluate` (or of validation inside `fit`)."""

    @_default
    def on_test_batch_end(self, batch, logs=None):
        """Called after a batch of `evaluate` (or of validation inside `fit`)."""

    @_default
    def on_predict_batch_begin(self, batch, logs=None):
        """Called before a batch of `predict`."""

    @_default
    def on_predict_batch_end(self, batch, logs=None):
        """Called after a batch of `predict`; `logs` is `{"outputs": batch_outputs}`."""

    @_default
    def on_train_begin(self, logs=None):
        """Called at the beginning of `fit`."""

    @_default
    def on_train_end(self, logs=None):
        """Called at the end of `fit`, with the logs of the last epoch."""

    @_default
    def on_test_begin(self, logs=None):
        """Called at the beginning of `evaluate` or of a validation run."""

    @_default
    def on_test_end(self, logs=None):
        """Called at the end of `evaluate` or of a validation run, with its results."""

    @_default
    def on_predict_begin(self, logs=None):
        """Called at the beginning of `predict`."""

    @_default
    def on_predict_end(self, logs=None):
        """Called at the end of `predict`."""
