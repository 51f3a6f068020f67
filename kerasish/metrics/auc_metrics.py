"""AUC (as keras.metrics.AUC): the area under the ROC or precision-recall curve, approximated by
a Riemann sum over confusion-matrix counts at `num_thresholds` thresholds."""
import numpy as np

from kerasish import ops
from kerasish.backend.config import epsilon
from kerasish.metrics import _confusion
from kerasish.metrics._utils import check_int, divide_no_nan
from kerasish.metrics.metric import Metric

_CURVES = {"roc": "ROC", "pr": "PR", "prgain": "PRGAIN"}
_SUMMATIONS = ("interpolation", "majoring", "minoring")


def _curve(value):
    # Keras accepts its AUCCurve enum too; anything with a `.value` string is read through it.
    name = getattr(value, "value", value)
    if isinstance(name, str) and name.lower() in _CURVES:
        return _CURVES[name.lower()]
    raise ValueError(
        f"AUC: invalid `curve` argument value {value!r}. Expected one of: 'ROC', 'PR', "
        f"'PRGAIN'.")


def _summation(value):
    name = getattr(value, "value", value)
    if isinstance(name, str) and name.lower() in _SUMMATIONS:
        return name.lower()
    raise ValueError(
        f"AUC: invalid `summation_method` argument value {value!r}. Expected one of: "
        f"{', '.join(repr(s) for s in _SUMMATIONS)}.")


class AUC(Metric):
    """The area under the ROC (default), PR or PR-gain curve of binary (or multi-label)
    predictions in [0, 1] (or logits with from_logits=True)."""

    def __init__(self, num_thresholds=200, curve="ROC", summation_method="interpolation",
                 name=None, dtype=None, thresholds=None, multi_label=False, num_labels=None,
                 label_weights=None, from_logits=False):
        self._direction = "up"
        self.curve = _curve(curve)
        self.summation_method = _summation(summation_method)
        self._init_from_thresholds = thresholds is not None
        if thresholds is not None:
            inner = sorted(_confusion.parse_thresholds("AUC", thresholds, None))
            self.num_thresholds = len(inner) + 2
            self._evenly = _confusion.is_evenly_distributed(np.array([0.0] + inner + [1.0]))
        else:
            if isinstance(num_thresholds, bool) or not isinstance(num_thresholds, int) \
                    or num_thresholds <= 1:
                raise ValueError(
                    f"AUC: argument `num_thresholds` must be an integer > 1; received "
                    f"num_thresholds={num_thresholds!r}.")
            self.num_thresholds = num_thresholds
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self._evenly = True
        # The end thresholds sit just outside [0, 1] so that predictions of exactly 0 and 1
        # fall inside the curve's range.
        self._thresholds = [0.0 - epsilon()] + inner + [1.0 + epsilon()]
        super().__init__(name=name, dtype=dtype)
        if num_labels is not None and not multi_label:
            raise ValueError("AUC: `num_labels` is needed only when `multi_label` is True.")
        if num_labels is not None:
            check_int("AUC", "num_labels", num_labels)
        self.multi_label = multi_label
        self.num_labels = num_labels
        if isinstance(label_weights, dict) and label_weights.get("class_name") == "__tensor__":
            label_weights = label_weights["config"]["value"]  # as Keras serializes an array
        if label_weights is not None:
            label_weights = np.asarray(label_weights, dtype=self.dtype)
            if label_weights.ndim != 1 or (label_weights < 0).any():
                raise ValueError(
                    f"AUC: `label_weights` must be a 1D list of non-negative weights, one per "
                    f"label; received label_weights={label_weights.tolist()!r}.")
        self.label_weights = label_weights
        self._from_logits = from_logits
        self._built = False
        if not multi_label:
            self._build(None)
        elif num_labels:
            self._build((None, num_labels))

    @property
    def thresholds(self):
        """The thresholds the counts are taken at (the two ends included)."""
        return list(self._thresholds)

    def _build(self, shape):
        if self.multi_label:
            if len(shape) != 2:
                raise ValueError(
                    f"AUC: `y_pred` must have rank 2 when `multi_label=True`. Found rank "
                    f"{len(shape)}. Full shape received for `y_pred`: {tuple(shape)}")
            self._num_labels = shape[1]
            variable_shape = (self.num_thresholds, self._num_labels)
        else:
            variable_shape = (self.num_thresholds,)
        self._build_input_shape = shape
        for name in ("true_positives", "false_positives", "true_negatives", "false_negatives"):
            setattr(self, name, self.add_variable(variable_shape, "zeros", name=name))
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_pred = ops.convert_to_tensor(y_pred)
        if not self._built:
            self._build(tuple(y_pred.shape))
        if self._from_logits:
            y_pred = ops.sigmoid(y_pred)
        # With multi_label, label weights average the per-label AUCs in result() instead.
        label_weights = None if self.multi_label else self.label_weights
        _confusion.update_confusion_variables(
            {"tp": self.true_positives, "tn": self.true_negatives, "fp": self.false_positives,
             "fn": self.false_negatives}, y_true, y_pred, self._thresholds,
            evenly=self._evenly, sample_weight=sample_weight, multi_label=self.multi_label,
            label_weights=label_weights)

    def _average(self, terms):
        if not self.multi_label:
            return ops.sum(terms)
        by_label = ops.sum(terms, axis=0)
        if self.label_weights is None:
            return ops.mean(by_label)
        weights = ops.convert_to_tensor(self.label_weights)
        return divide_no_nan(ops.sum(by_label * weights), ops.sum(weights))

    def interpolate_pr_auc(self):
        """PR AUC interpolating TP and the predicted positives P linearly between thresholds
        (Davis & Goadrich 2006): each interval adds slope * (dTP + intercept * log(P_A / P_B))
        divided by the positives."""
        n = self.num_thresholds
        tp = self.true_positives.value
        p = tp + self.false_positives.value
        dtp = tp[: n - 1] - tp[1:]
        dp = p[: n - 1] - p[1:]
        slope = divide_no_nan(dtp, ops.maximum(dp, 0))
        intercept = tp[1:] - slope * p[1:]
        both_positive = ops.logical_and(p[: n - 1] > 0, p[1:] > 0)
        p_ratio = ops.where(both_positive, divide_no_nan(p[: n - 1], ops.maximum(p[1:], 0)),
                            ops.ones_like(p[1:]))
        positives = ops.maximum(tp[1:] + self.false_negatives.value[1:], 0)
        increments = divide_no_nan(slope * (dtp + intercept * ops.log(p_ratio)), positives)
        return self._average(increments)

    def result(self):
        if self.curve == "PR" and self.summation_method == "interpolation":
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp, fp = self.true_positives.value, self.false_positives.value
        tn, fn = self.true_negatives.value, self.false_negatives.value
        recall = divide_no_nan(tp, tp + fn)
        if self.curve == "ROC":
            x, y = divide_no_nan(fp, fp + tn), recall
        elif self.curve == "PR":
            x, y = recall, divide_no_nan(tp, tp + fp)
        else:  # PRGAIN; where there are no true positives, recall gain is 0, precision gain 1
            scale = divide_no_nan(tp + fn, tn + fp)
            recall_gain = 1.0 - scale * divide_no_nan(fn, tp)
            precision_gain = 1.0 - scale * divide_no_nan(fp, tp)
            no_tp = ops.equal(tp, 0.0)
            x = ops.maximum(ops.where(no_tp, 0.0, recall_gain), 0.0)
            y = ops.where(no_tp, 1.0, precision_gain)
        if self.summation_method == "interpolation":
            heights = (y[: n - 1] + y[1:]) / 2.0
        elif self.summation_method == "minoring":
            heights = ops.minimum(y[: n - 1], y[1:])
        else:
            heights = ops.maximum(y[: n - 1], y[1:])
        return self._average((x[: n - 1] - x[1:]) * heights)

    def reset_state(self):
        if self._built:
            super().reset_state()

    def get_config(self):
        label_weights = self.label_weights
        config = {
            **super().get_config(),
            "num_thresholds": self.num_thresholds, "curve": self.curve,
            "summation_method": self.summation_method, "multi_label": self.multi_label,
            "num_labels": self.num_labels,
            "label_weights": None if label_weights is None else label_weights.tolist(),
            "from_logits": self._from_logits,
        }
        if self._init_from_thresholds:
            # Without the two end thresholds, so that from_config rebuilds the same list.
            config["thresholds"] = [float(t) for t in self._thresholds[1:-1]]
        return config
