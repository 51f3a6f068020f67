"""TerminateOnNaN: stops training on a NaN or infinite loss (as keras.callbacks.TerminateOnNaN)."""
import math

from kerasish.callbacks.callback import Callback


class TerminateOnNaN(Callback):
    """Checks the loss after every training batch; on NaN or Inf, sets `model.stop_training`
    (training ends normally, `on_train_end` runs), or with `raise_error=True` raises a
    RuntimeError at once (so no other callback's `on_train_end` runs)."""

    def __init__(self, raise_error=False):
        super().__init__()
        self.raise_error = raise_error

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is None:
            return
        loss = float(loss)
        if math.isnan(loss) or math.isinf(loss):
            if self.raise_error:
                raise RuntimeError(f"NaN or Inf loss encountered at batch {batch}. "
                                   f"Loss value: {loss}. Terminating training immediately.")
            print(f"Batch {batch}: Invalid loss, terminating training")
            self.model.stop_training = True
