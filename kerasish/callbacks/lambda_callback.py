"""LambdaCallback: a callback made of plain functions (as keras.callbacks.LambdaCallback)."""
from kerasish.callbacks.callback import _HOOKS, Callback


class LambdaCallback(Callback):
    """Builds a callback from functions, called as the hooks are:

    - on_epoch_begin / on_epoch_end: `(epoch, logs)`
    - on_train_begin / on_train_end: `(logs)`
    - on_train_batch_begin / on_train_batch_end: `(batch, logs=logs)`
    - any other hook of Callback by keyword, e.g. `on_test_end=lambda logs: ...`.
    """

    def __init__(self, on_epoch_begin=None, on_epoch_end=None, on_train_begin=None,
                 on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None,
                 **kwargs):
        super().__init__()
        unknown = [k for k in kwargs if k not in _HOOKS + ("on_batch_begin", "on_batch_end")]
        if unknown:
            # Keras sets any keyword as an attribute; a misspelt hook would then never run.
            raise ValueError(f"LambdaCallback: unknown hook(s) {unknown}; expected some of "
                             f"{list(_HOOKS)}.")
        self.__dict__.update(kwargs)
        given = dict(on_epoch_begin=on_epoch_begin, on_epoch_end=on_epoch_end,
                     on_train_begin=on_train_begin, on_train_end=on_train_end,
                     on_train_batch_begin=on_train_batch_begin,
                     on_train_batch_end=on_train_batch_end)
        for name, fn in given.items():
            if fn is not None:
                setattr(self, name, fn)
