"""MonitorCallback: the shared "is this value an improvement?" logic of EarlyStopping,
ModelCheckpoint and ReduceLROnPlateau (as Keras's internal MonitorCallback)."""
import operator
import warnings

from kerasish.callbacks.callback import Callback


class MonitorCallback(Callback):
    """Watches `monitor` in the epoch logs; `mode` "min", "max" or "auto" (the direction of a
    loss is down; of a metric, its `_direction` attribute, "up" or "down")."""

    def __init__(self, monitor="val_loss", mode="auto", baseline=None, min_delta=0):
        super().__init__()
        if mode not in ("auto", "min", "max"):
            warnings.warn(f"{type(self).__name__} mode '{mode}' is unknown, fallback to auto "
                          f"mode.", stacklevel=2)
            mode = "auto"
        self.monitor = monitor
        self.mode = mode
        self.best = baseline
        self.min_delta = abs(min_delta)
        self.monitor_op = None

    def _set_monitor_op(self):
        if self.mode == "min":
            self.monitor_op = operator.lt
        elif self.mode == "max":
            self.monitor_op = operator.gt
        else:
            name = self.monitor.removeprefix("val_")
            if name == "loss" or name.endswith("_loss"):
                self.monitor_op = operator.lt
            else:
                direction = _metric_direction(self.model, name)
                if direction is not None:
                    self.monitor_op = operator.gt if direction == "up" else operator.lt
            if self.monitor_op is None:
                raise ValueError(
                    f"{type(self).__name__} callback received monitor={self.monitor}, but "
                    f"kerasish isn't able to automatically determine whether that metric should "
                    f"be maximized or minimized. Pass `mode='max'` in order to monitor based on "
                    f"the highest metric value, or pass `mode='min'` in order to use the lowest "
                    f"value.")
        if self.monitor_op is operator.lt:
            self.min_delta = -abs(self.min_delta)

    def _is_improvement(self, monitor_value, reference_value):
        if reference_value is None:
            return True
        return bool(self.monitor_op(monitor_value - self.min_delta, reference_value))


def _metric_direction(model, name):
    """The `_direction` ("up"/"down") of the model's metric called `name`, or None. Metric
    containers (the compiled metrics) are searched through their own `metrics` lists."""
    pending = list(getattr(model, "metrics", None) or [])
    seen = set()
    while pending:
        metric = pending.pop(0)
        if id(metric) in seen:
            continue
        seen.add(id(metric))
        if getattr(metric, "name", None) == name and getattr(metric, "_direction", None):
            return metric._direction
        inner = getattr(metric, "metrics", None)
        if isinstance(inner, (list, tuple)):
            pending.extend(inner)
    return None
