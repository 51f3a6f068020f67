"""Confusion-matrix metrics (as keras.metrics): TruePositives, FalsePositives, TrueNegatives,
FalseNegatives, Precision, Recall, and PrecisionAtRecall, RecallAtPrecision,
SensitivityAtSpecificity, SpecificityAtSensitivity. AUC is in auc_metrics.py."""
import numbers

from kerasish import ops
from kerasish.metrics import _confusion
from kerasish.metrics._utils import check_int, divide_no_nan
from kerasish.metrics.metric import Metric


class _ConfusionMatrixConditionCount(Metric):
    """The weighted count of one confusion-matrix cell at each threshold."""

    _kind = None

    def __init__(self, thresholds=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.thresholds = _confusion.parse_thresholds(type(self).__name__, thresholds, 0.5)
        self._evenly = _confusion.is_evenly_distributed(self.thresholds)
        self.accumulator = self.add_variable(shape=(len(self.thresholds),), initializer="zeros",
                                             name="accumulator")

    def update_state(self, y_true, y_pred, sample_weight=None):
        _confusion.update_confusion_variables(
            {self._kind: self.accumulator}, y_true, y_pred, self.thresholds,
            evenly=self._evenly, sample_weight=sample_weight)

    def result(self):
        return self.accumulator[0] if len(self.thresholds) == 1 else self.accumulator.value

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds}


class TruePositives(_ConfusionMatrixConditionCount):
    """The weighted number of positive labels predicted positive (y_pred > threshold)."""
    _kind = "tp"


class FalsePositives(_ConfusionMatrixConditionCount):
    """The weighted number of negative labels predicted positive."""
    _kind = "fp"


class TrueNegatives(_ConfusionMatrixConditionCount):
    """The weighted number of negative labels predicted negative."""
    _kind = "tn"


class FalseNegatives(_ConfusionMatrixConditionCount):
    """The weighted number of positive labels predicted negative."""
    _kind = "fn"


class _PrecisionRecallBase(Metric):
    _kinds = ()

    def __init__(self, thresholds=None, top_k=None, class_id=None, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        cls = type(self).__name__
        if top_k is not None:
            check_int(cls, "top_k", top_k)
        if class_id is not None:
            check_int(cls, "class_id", class_id, minimum=0)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        # With top_k, every kept prediction counts as positive unless thresholds say otherwise.
        default = 0.5 if top_k is None else _confusion.NEG_INF
        self.thresholds = _confusion.parse_thresholds(cls, thresholds, default)
        self._evenly = _confusion.is_evenly_distributed(self.thresholds)
        names = {"tp": "true_positives", "fp": "false_positives", "fn": "false_negatives"}
        for kind in self._kinds:
            setattr(self, names[kind], self.add_variable(
                shape=(len(self.thresholds),), initializer="zeros", name=names[kind]))

    def update_state(self, y_true, y_pred, sample_weight=None):
        names = {"tp": "true_positives", "fp": "false_positives", "fn": "false_negatives"}
        _confusion.update_confusion_variables(
            {kind: getattr(self, names[kind]) for kind in self._kinds}, y_true, y_pred,
            self.thresholds, evenly=self._evenly, top_k=self.top_k, class_id=self.class_id,
            sample_weight=sample_weight)

    def _ratio(self, other):
        result = divide_no_nan(self.true_positives, self.true_positives + other)
        return result[0] if len(self.thresholds) == 1 else result

    def get_config(self):
        return {**super().get_config(), "thresholds": self.init_thresholds,
                "top_k": self.top_k, "class_id": self.class_id}


class Precision(_PrecisionRecallBase):
    """TP / (TP + FP): how many of the predicted positives are positive."""
    _kinds = ("tp", "fp")

    def result(self):
        return self._ratio(self.false_positives)


class Recall(_PrecisionRecallBase):
    """TP / (TP + FN): how many of the positives are predicted positive."""
    _kinds = ("tp", "fn")

    def result(self):
        return self._ratio(self.false_negatives)


class SensitivitySpecificityBase(Metric):
    """The best of one rate subject to a floor on another, over `num_thresholds` evenly spaced
    thresholds in [0, 1]."""

    _value_arg = None

    def __init__(self, value, num_thresholds=200, class_id=None, name=None, dtype=None):
        cls = type(self).__name__
        if self._value_arg is not None and (
                isinstance(value, bool) or not isinstance(value, numbers.Real)
                or not 0 <= value <= 1):
            raise ValueError(
                f"{cls}: argument `{self._value_arg}` must be in the range [0, 1]; received "
                f"{self._value_arg}={value!r}.")
        check_int(cls, "num_thresholds", num_thresholds)
        if class_id is not None:
            check_int(cls, "class_id", class_id, minimum=0)
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.value = value
        self.class_id = class_id
        self.num_thresholds = num_thresholds
        if num_thresholds == 1:
            self.thresholds = [0.5]
            self._evenly = False
        else:
            inner = [(i + 1) * 1.0 / (num_thresholds - 1) for i in range(num_thresholds - 2)]
            self.thresholds = [0.0] + inner + [1.0]
            self._evenly = True
        shape = (len(self.thresholds),)
        self.true_positives = self.add_variable(shape, "zeros", name="true_positives")
        self.false_positives = self.add_variable(shape, "zeros", name="false_positives")
        self.true_negatives = self.add_variable(shape, "zeros", name="true_negatives")
        self.false_negatives = self.add_variable(shape, "zeros", name="false_negatives")

    def update_state(self, y_true, y_pred, sample_weight=None):
        _confusion.update_confusion_variables(
            {"tp": self.true_positives, "tn": self.true_negatives, "fp": self.false_positives,
             "fn": self.false_negatives}, y_true, y_pred, self.thresholds, evenly=self._evenly,
            class_id=self.class_id, sample_weight=sample_weight)

    def _rates(self):
        tp, fp = self.true_positives, self.false_positives
        tn, fn = self.true_negatives, self.false_negatives
        return {"recall": divide_no_nan(tp, tp + fn), "specificity": divide_no_nan(tn, tn + fp),
                "precision": divide_no_nan(tp, tp + fp)}

    def _find_max_under_constraint(self, constrained, dependent):
        """The largest `dependent` rate among thresholds where `constrained` >= the value."""
        feasible = ops.greater_equal(constrained, self.value)
        return ops.max(ops.where(feasible, dependent, 0.0), initial=0.0)

    def get_config(self):
        config = {**super().get_config(), "class_id": self.class_id,
                  "num_thresholds": self.num_thresholds}
        if self._value_arg is not None:
            config[self._value_arg] = self.value
        return config


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """The best sensitivity (recall) at a specificity >= `specificity`."""
    _value_arg = "specificity"

    def __init__(self, specificity, num_thresholds=200, class_id=None, name=None, dtype=None):
        self.specificity = specificity
        super().__init__(specificity, num_thresholds, class_id, name, dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["specificity"], rates["recall"])


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """The best specificity at a sensitivity (recall) >= `sensitivity`."""
    _value_arg = "sensitivity"

    def __init__(self, sensitivity, num_thresholds=200, class_id=None, name=None, dtype=None):
        self.sensitivity = sensitivity
        super().__init__(sensitivity, num_thresholds, class_id, name, dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["recall"], rates["specificity"])


class PrecisionAtRecall(SensitivitySpecificityBase):
    """The best precision at a recall >= `recall`."""
    _value_arg = "recall"

    def __init__(self, recall, num_thresholds=200, class_id=None, name=None, dtype=None):
        self.recall = recall
        super().__init__(recall, num_thresholds, class_id, name, dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["recall"], rates["precision"])


class RecallAtPrecision(SensitivitySpecificityBase):
    """The best recall at a precision >= `precision`."""
    _value_arg = "precision"

    def __init__(self, precision, num_thresholds=200, class_id=None, name=None, dtype=None):
        self.precision = precision
        super().__init__(precision, num_thresholds, class_id, name, dtype)

    def result(self):
        rates = self._rates()
        return self._find_max_under_constraint(rates["precision"], rates["recall"])
