"""What `model.compile(loss=..., metrics=...)` turns into: one loss over the model's outputs
(per-output losses, weighted and summed) and the metrics of each output, named as Keras names
them in History ("loss", "accuracy"; with several outputs "<output>_loss", "<output>_accuracy").

Both are built on the first batch, when the structure and shapes of y and y_pred are known.
"""
import numpy as np

from kerasish import losses as losses_module
from kerasish import ops, tree
from kerasish.metrics import Mean
from kerasish.metrics.compile_helpers import get_compile_metric


def _per_output(spec, output_names, what):
    """`spec` (one for all outputs, a list in output order, or a dict by output name) as a list
    with one entry per output."""
    count = len(output_names)
    if isinstance(spec, dict):
        unknown = sorted(set(spec) - set(output_names))
        if unknown:
            raise ValueError(
                f"compile: `{what}` names outputs {unknown} that the model does not have; its "
                f"outputs are {output_names}.")
        return [spec.get(name) for name in output_names]
    if isinstance(spec, (list, tuple)) and count > 1 and what in ("loss", "loss_weights"):
        if len(spec) != count:
            raise ValueError(
                f"compile: `{what}` has {len(spec)} entries but the model has {count} outputs "
                f"({output_names}).")
        return list(spec)
    return [spec] * count


class CompileLoss:
    def __init__(self, loss, loss_weights=None):
        self.loss = loss
        self.loss_weights = loss_weights
        self.built = False
        for identifier in tree.flatten(loss):  # an unknown name fails at compile, not at fit
            if isinstance(identifier, str):
                losses_module.get(identifier)

    def build(self, y_true, y_pred, output_names):
        self.output_names = output_names
        identifiers = _per_output(self.loss, output_names, "loss")
        self.losses = [None if i is None else _as_loss(losses_module.get(i)) for i in identifiers]
        if all(loss is None for loss in self.losses):
            raise ValueError("compile: `loss` gives no loss for any output of the model.")
        weights = _per_output(self.loss_weights, output_names, "loss_weights")
        self.weights = [1.0 if w is None else float(w) for w in weights]
        # With several outputs, each output's loss is tracked as "<output>_loss" too.
        self.trackers = ([Mean(name=f"{name}_loss") if loss is not None else None
                          for name, loss in zip(output_names, self.losses)]
                         if len(output_names) > 1 else [])
        # Sparse labels are checked on the host before each step: inside a compiled step an
        # out-of-range label cannot raise and would silently count as a zero loss.
        self._class_counts = [
            _class_count(loss, yp) for loss, yp in zip(self.losses, _align(y_true, y_pred, output_names)[1])]
        self.built = True

    def check_targets(self, y_true):
        """Raises a ValueError naming the output when a sparse label of the batch `y_true`
        (host arrays) is outside [0, number of classes)."""
        if not any(self._class_counts):
            return
        flat_true = _align_targets(y_true, self.output_names)
        for name, loss, count, yt in zip(self.output_names, self.losses, self._class_counts, flat_true):
            if not count or yt is None or not isinstance(yt, (np.ndarray, list, int)):
                continue
            labels = np.asarray(yt)
            ignore = getattr(loss, "_fn_kwargs", {}).get("ignore_class")
            if ignore is not None:
                labels = labels[labels != ignore]
            if labels.size and (labels.min() < 0 or labels.max() >= count):
                bad = labels.min() if labels.min() < 0 else labels.max()
                raise ValueError(
                    f"Received a label value of {bad} which is outside the valid range of "
                    f"[0, {count}) for output {name!r}: sparse categorical labels must be class "
                    f"indices smaller than the number of classes the output predicts ({count}).")

    @property
    def metrics(self):
        return [t for t in self.trackers if t is not None]

    def _per_output_values(self, y_true, y_pred, sample_weight):
        flat_true, flat_pred = _align(y_true, y_pred, self.output_names)
        flat_weights = _align_weights(sample_weight, len(flat_pred), self.output_names)
        for i, (loss, yt, yp, sw) in enumerate(zip(self.losses, flat_true, flat_pred, flat_weights)):
            if loss is not None and yt is not None:
                yield i, loss(yt, yp, sample_weight=sw), yp

    def __call__(self, y_true, y_pred, sample_weight=None):
        total = None
        for i, value, _ in self._per_output_values(y_true, y_pred, sample_weight):
            weight = self.weights[i]
            value = value * weight if weight != 1.0 else value
            total = value if total is None else total + value
        return total

    def track(self, y_true, y_pred, sample_weight=None):
        """Updates the per-output loss trackers (outside differentiation, so their updates are
        kept)."""
        for i, value, yp in self._per_output_values(y_true, y_pred, sample_weight):
            self.trackers[i].update_state(value, sample_weight=_batch_size(yp))


class CompileMetrics:
    def __init__(self, metrics=None, weighted_metrics=None):
        self.metrics_spec = metrics
        self.weighted_spec = weighted_metrics
        self.built = False
        self.metrics = []

    def build(self, y_true, y_pred, output_names):
        self.output_names = output_names
        flat_true, flat_pred = _align(y_true, y_pred, output_names)
        self._unweighted = self._make(self.metrics_spec, flat_true, flat_pred, "metrics", "")
        names = {m.name for ms in self._unweighted for m in ms}
        self._weighted = self._make(self.weighted_spec, flat_true, flat_pred, "weighted_metrics",
                                    "weighted_", taken=names)
        self.metrics = [m for ms in self._unweighted + self._weighted for m in ms]
        self.built = True

    def _make(self, spec, flat_true, flat_pred, what, collision_prefix, taken=()):
        count = len(self.output_names)
        if spec is None:
            return [[] for _ in range(count)]
        if isinstance(spec, dict):
            per_output = _per_output(spec, self.output_names, what)
        elif count > 1 and isinstance(spec, (list, tuple)) and spec and all(
                isinstance(s, (list, tuple)) or s is None for s in spec):
            if len(spec) != count:
                raise ValueError(
                    f"compile: `{what}` has {len(spec)} lists but the model has {count} outputs.")
            per_output = list(spec)
        elif isinstance(spec, (list, tuple)):
            per_output = [spec] * count
        else:
            raise ValueError(
                f"compile: `{what}` must be a list (or a dict/list of lists for several outputs); "
                f"received {spec!r}.")
        result = []
        for index, (identifiers, yt, yp) in enumerate(zip(per_output, flat_true, flat_pred)):
            identifiers = [] if identifiers is None else (
                identifiers if isinstance(identifiers, (list, tuple)) else [identifiers])
            made = []
            for identifier in identifiers:
                metric = get_compile_metric(identifier, yt, yp)
                if count > 1:
                    metric.name = f"{self.output_names[index]}_{metric.name}"
                if metric.name in taken:
                    metric.name = collision_prefix + metric.name
                made.append(metric)
            result.append(made)
        return result

    def update_state(self, y_true, y_pred, sample_weight=None):
        flat_true, flat_pred = _align(y_true, y_pred, self.output_names)
        flat_weights = _align_weights(sample_weight, len(flat_pred), self.output_names)
        for metrics, yt, yp in zip(self._unweighted, flat_true, flat_pred):
            for metric in metrics:
                if yt is not None:
                    metric.update_state(yt, yp)
        for metrics, yt, yp, sw in zip(self._weighted, flat_true, flat_pred, flat_weights):
            for metric in metrics:
                if yt is not None:
                    metric.update_state(yt, yp, sample_weight=sw)


def output_names_of(model, y_pred):
    """Keras's names for the outputs: dict keys, else the names of the layers producing them."""
    if isinstance(y_pred, dict):
        return sorted(y_pred)
    flat = tree.flatten(y_pred)
    outputs = getattr(model, "_outputs", None)
    if outputs is not None and len(outputs) == len(flat):
        names = [x._keras_history[0].name if x._keras_history else f"output_{i}"
                 for i, x in enumerate(outputs)]
        if len(set(names)) == len(names):
            return names
    return [f"output_{i}" for i in range(len(flat))] if len(flat) > 1 else ["output"]


def _class_count(loss, y_pred):
    """The number of classes when `loss` takes sparse labels, else None."""
    fn = getattr(loss, "fn", None)
    if fn is losses_module.sparse_categorical_crossentropy and y_pred.shape[-1]:
        return int(y_pred.shape[-1])
    return None


def _align_targets(y_true, output_names):
    """y_true as a flat list in output order (a dict by output name, or a structure)."""
    if isinstance(y_true, dict):
        return [y_true.get(name) for name in output_names]
    return tree.flatten(y_true) if len(output_names) > 1 else [y_true]


def _as_loss(loss):
    """A plain function becomes a Loss with Keras's default reduction, as compile does."""
    if isinstance(loss, losses_module.Loss):
        return loss
    return losses_module.LossFunctionWrapper(loss, name=getattr(loss, "__name__", None))


def _align(y_true, y_pred, output_names):
    """Flat lists of y_true and y_pred in output order (y_true may be a dict by output name)."""
    flat_pred = [y_pred[name] for name in output_names] if isinstance(y_pred, dict) else tree.flatten(y_pred)
    if isinstance(y_true, dict) and not isinstance(y_pred, dict):
        missing = [n for n in output_names if n not in y_true]
        if missing:
            raise ValueError(
                f"The targets dict is missing outputs {missing}; the model's outputs are "
                f"{output_names}.")
    flat_true = _align_targets(y_true, output_names)
    if len(flat_true) != len(flat_pred):
        raise ValueError(
            f"The model has {len(flat_pred)} outputs ({output_names}) but the targets `y` hold "
            f"{len(flat_true)} arrays.")
    return flat_true, flat_pred


def _align_weights(sample_weight, count, output_names):
    if sample_weight is None:
        return [None] * count
    if isinstance(sample_weight, dict):
        return [sample_weight.get(name) for name in output_names]
    if isinstance(sample_weight, (list, tuple)):
        if len(sample_weight) != count:
            raise ValueError(
                f"`sample_weight` has {len(sample_weight)} entries but the model has {count} "
                f"outputs.")
        return list(sample_weight)
    return [sample_weight] * count


def _batch_size(x):
    return ops.shape(x)[0]
