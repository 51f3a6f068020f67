"""ProgbarLogger: prints progress and metrics (as keras.callbacks.ProgbarLogger).

verbose=1 on a terminal or notebook: a tqdm bar per epoch with the live metrics after it. The bar
reads the (possibly on-device) batch logs only when it redraws, so a jitted step is not made to
wait for the host every batch. verbose=1 when stdout is not a terminal (CI, a file), and
verbose=2: one clean line per epoch, with no carriage returns or colour codes:

    Epoch 1/2
    32/32 - 1s - 24ms/step - loss: 0.7030 - val_loss: 0.6810

verbose=0: nothing. Inside `fit`, validation runs silently; `evaluate` and `predict` show their
own bar or line.
"""
import shutil
import sys
import time

import numpy as np

from kerasish.callbacks.callback import Callback
from kerasish.callbacks.logs import pythonify_logs

_REDRAW_INTERVAL = 0.1  # seconds between reads of the batch logs for the live postfix


def _stdout():
    return sys.stdout  # looked up at each use, so redirection (and pytest's capsys) applies


def _is_interactive(stream):
    """A terminal or a notebook, where a bar can redraw itself in place."""
    isatty = getattr(stream, "isatty", None)
    try:
        if isatty is not None and isatty():
            return True
    except ValueError:  # a closed stream
        return False
    return "ipykernel" in sys.modules


def format_value(value):
    """One log value as Keras's progress bar prints it."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        value = float(np.mean(value))
    if isinstance(value, float):
        return f"{value:.4f}" if abs(value) > 1e-3 else f"{value:.4e}"
    return str(value)


def format_logs(logs):
    return "".join(f" - {k}: {format_value(v)}" for k, v in logs.items())


def format_time_per_step(seconds):
    if seconds >= 1 or seconds == 0:
        return f"{seconds:.0f}s/step"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.0f}ms/step"
    return f"{seconds * 1e6:.0f}us/step"


class _Progress:
    """Progress over one epoch (or one evaluate/predict run)."""

    def __init__(self, target, live):
        self.target = target
        self.seen = 0
        self.start = time.time()
        self._after_first_step = None
        self._bar = None
        self._last_redraw = 0.0
        if live:
            from tqdm import tqdm

            fmt = ("{n_fmt}/{total_fmt} {bar:20} {elapsed}<{remaining}{postfix}"
                   if target else "{n_fmt}/Unknown {elapsed}{postfix}")
            # Some pseudo-terminals report a 0x0 size, on which tqdm would draw nothing: shutil
            # falls back to the environment's COLUMNS/LINES, then 80x24.
            size = shutil.get_terminal_size()
            self._bar = tqdm(total=target or None, file=_stdout(), bar_format=fmt, unit="step",
                             leave=True, mininterval=_REDRAW_INTERVAL, ncols=size.columns,
                             nrows=size.lines)

    def time_per_step(self, current, now):
        # As Keras: the first step (compilation, warm-up) is left out once there are others.
        if not current:
            return 0.0
        if self._after_first_step is not None and current > 1:
            return (now - self._after_first_step) / (current - 1)
        return (now - self.start) / current

    def update(self, seen, raw_logs):
        now = time.time()
        if seen >= 1 and self._after_first_step is None:
            self._after_first_step = now
        self.seen = seen
        if self._bar is None:
            return
        if now - self._last_redraw >= _REDRAW_INTERVAL:
            self._last_redraw = now
            logs = pythonify_logs(raw_logs) if raw_logs else {}
            self._bar.set_postfix_str(
                format_time_per_step(self.time_per_step(seen, now)) + format_logs(logs),
                refresh=False)
        self._bar.update(seen - self._bar.n)

    def finish(self, logs):
        current = self.target or self.seen
        now = time.time()
        per_step = format_time_per_step(self.time_per_step(current, now))
        if self._bar is not None:
            bar = self._bar
            bar.total = current
            bar.n = current
            bar.set_postfix_str(per_step + format_logs(logs), refresh=False)
            # The live bar is cut to the terminal's width (so that it redraws in place); the
            # epoch's final line replaces it in full, every metric shown.
            final = bar.format_meter(**{**bar.format_dict, "ncols": None})
            bar.leave = False
            bar.close()
            _stdout().write(final + "\n")
            _stdout().flush()
            return
        line = f"{current}/{current} - {now - self.start:.0f}s - {per_step}"
        _stdout().write(line + format_logs(logs) + "\n")
        _stdout().flush()


class ProgbarLogger(Callback):
    """Prints metrics to stdout; `fit` adds one when `verbose != 0`."""

    raw_batch_logs = True  # the bar converts the batch logs itself, only when it redraws

    def __init__(self):
        super().__init__()
        self.verbose = 1
        self.epochs = 1
        self.target = None
        self.progbar = None
        self._called_in_fit = False

    def set_params(self, params):
        verbose = params.get("verbose", 1)
        self.verbose = 1 if verbose == "auto" else verbose
        self.epochs = params.get("epochs", 1)
        self.target = params.get("steps")

    def _implements(self, hook):
        if not self.verbose:
            return False
        if hook.startswith("on_test") and self._called_in_fit:
            return False  # validation inside fit is silent
        return super()._implements(hook)

    def _reads_logs(self, hook):
        if "_batch_" in hook:  # batch logs show only in a live bar's postfix
            return (self.verbose == 1 and hook != "on_predict_batch_end"
                    and self._implements(hook) and _is_interactive(_stdout()))
        return self._implements(hook)

    def _start(self):
        self._close()
        self.progbar = _Progress(self.target, self.verbose == 1 and _is_interactive(_stdout()))

    def _update(self, batch, logs):
        if self.progbar is None:
            self._start()
        self.progbar.update(batch + 1, logs)

    def _finish(self, logs):
        if self.progbar is None:
            self._start()
        self.progbar.finish(logs or {})
        self.progbar = None

    def _close(self):
        if self.progbar is not None and self.progbar._bar is not None:
            self.progbar._bar.close()
        self.progbar = None

    def on_train_begin(self, logs=None):
        self._called_in_fit = True

    def on_train_end(self, logs=None):
        self._close()
        self._called_in_fit = False

    def on_epoch_begin(self, epoch, logs=None):
        self._close()
        if self.epochs > 1:
            _stdout().write(f"Epoch {epoch + 1}/{self.epochs}\n")
            _stdout().flush()
        self._start()

    def on_train_batch_end(self, batch, logs=None):
        self._update(batch, logs)

    def on_epoch_end(self, epoch, logs=None):
        self._finish(logs)

    def on_test_begin(self, logs=None):
        self._start()

    def on_test_batch_end(self, batch, logs=None):
        self._update(batch, logs)

    def on_test_end(self, logs=None):
        self._finish(logs)

    def on_predict_begin(self, logs=None):
        self._start()

    def on_predict_batch_end(self, batch, logs=None):
        self._update(batch, None)  # predictions are not metrics

    def on_predict_end(self, logs=None):
        self._finish(None)
