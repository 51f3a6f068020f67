"""The accuracy family (as keras.metrics): the fraction of predictions that match the labels."""
import numbers

from kerasish import ops
from kerasish.backend.config import floatx
from kerasish.metrics._utils import check_int, in_top_k, squeeze_or_expand_to_same_rank
from kerasish.metrics.reduction_metrics import MeanMetricWrapper


def accuracy(y_true, y_pred):
    """1.0 where y_true equals y_pred exactly, else 0.0."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    return ops.cast(ops.equal(y_true, y_pred), floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """1.0 where (y_pred > threshold) equals the label."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    y_pred = ops.cast(ops.greater(y_pred, threshold), y_true.dtype)
    return ops.cast(ops.equal(y_true, y_pred), floatx())


def _matches(y_true, y_pred_classes, reshape_to):
    matches = ops.cast(ops.equal(y_true, ops.cast(y_pred_classes, y_true.dtype)), floatx())
    return matches if reshape_to is None else ops.reshape(matches, reshape_to)


def categorical_accuracy(y_true, y_pred):
    """1.0 where the argmax of the one-hot labels equals the argmax of the predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(ops.argmax(y_true, axis=-1), y_pred.dtype)
    reshape_to = None
    if len(y_true.shape) == len(y_pred.shape):
        # Labels of shape (..., 1, C) leave a trailing 1 after argmax; keep that shape.
        reshape_to = ops.shape(y_true)
        y_true = ops.squeeze(y_true, -1)
    return _matches(y_true, ops.argmax(y_pred, axis=-1), reshape_to)


def sparse_categorical_accuracy(y_true, y_pred):
    """1.0 where the integer label equals the argmax of the predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    reshape_to = None
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[-1] == 1:
        reshape_to = ops.shape(y_true)
        y_true = ops.squeeze(y_true, -1)
    matches = _matches(y_true, ops.argmax(y_pred, axis=-1), reshape_to)
    if len(matches.shape) > 1 and matches.shape[-1] == 1:
        matches = ops.squeeze(matches, -1)
    return matches


def _flatten_for_top_k(y_true, y_pred):
    """Rows of y_pred (..., C) -> (N, C) and labels (...) -> (N,), with the labels' shape to
    restore (None when they were already flat)."""
    reshape_to = None
    if len(y_pred.shape) > 2:
        y_pred = ops.reshape(y_pred, (-1, y_pred.shape[-1]))
    if len(y_true.shape) > 1:
        reshape_to = ops.shape(y_true)
        y_true = ops.reshape(y_true, (-1,))
    return y_true, y_pred, reshape_to


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """1.0 where the one-hot label's class is among the k highest predictions."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.argmax(ops.convert_to_tensor(y_true, dtype=y_pred.dtype), axis=-1)
    y_true, y_pred, reshape_to = _flatten_for_top_k(y_true, y_pred)
    matches = ops.cast(in_top_k(y_true, y_pred, k), floatx())
    return matches if reshape_to is None else ops.reshape(matches, reshape_to)


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5, from_sorted_ids=False):
    """1.0 where the integer label is among the k highest predictions (or, with
    from_sorted_ids=True, among the first k of y_pred, which then holds class ids best first)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype if from_sorted_ids else "int32")
    y_true, y_pred, reshape_to = _flatten_for_top_k(y_true, y_pred)
    if from_sorted_ids:
        matches = ops.any(ops.equal(ops.expand_dims(y_true, 1), y_pred[:, :k]), axis=1)
    else:
        matches = in_top_k(y_true, y_pred, k)
    matches = ops.cast(matches, floatx())
    return matches if reshape_to is None else ops.reshape(matches, reshape_to)


class Accuracy(MeanMetricWrapper):
    """How often predictions equal labels exactly."""

    def __init__(self, name="accuracy", dtype=None):
        super().__init__(fn=accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class BinaryAccuracy(MeanMetricWrapper):
    """How often (y_pred > threshold) matches binary labels."""

    def __init__(self, name="binary_accuracy", dtype=None, threshold=0.5):
        if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real):
            raise ValueError(
                f"BinaryAccuracy: argument `threshold` must be a number; received "
                f"threshold={threshold!r}.")
        super().__init__(fn=binary_accuracy, name=name, dtype=dtype, threshold=threshold)
        self.threshold = threshold
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "threshold": self.threshold}


class CategoricalAccuracy(MeanMetricWrapper):
    """How often the argmax of predictions matches the argmax of one-hot labels."""

    def __init__(self, name="categorical_accuracy", dtype=None):
        super().__init__(fn=categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """How often the argmax of predictions matches integer labels."""

    def __init__(self, name="sparse_categorical_accuracy", dtype=None):
        super().__init__(fn=sparse_categorical_accuracy, name=name, dtype=dtype)
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the one-hot label's class is among the top `k` predictions."""

    def __init__(self, k=5, name="top_k_categorical_accuracy", dtype=None):
        check_int("TopKCategoricalAccuracy", "k", k)
        super().__init__(fn=top_k_categorical_accuracy, name=name, dtype=dtype, k=k)
        self.k = k
        self._direction = "up"

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "k": self.k}


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """How often the integer label is among the top `k` predictions."""

    def __init__(self, k=5, name="sparse_top_k_categorical_accuracy", dtype=None,
                 from_sorted_ids=False):
        check_int("SparseTopKCategoricalAccuracy", "k", k)
        super().__init__(fn=sparse_top_k_categorical_accuracy, name=name, dtype=dtype, k=k,
                         from_sorted_ids=from_sorted_ids)
        self.k = k
        self.from_sorted_ids = from_sorted_ids
        self._direction = "up"

    def get_config(self):
        config = {"name": self.name, "dtype": self.dtype, "k": self.k}
        if self.from_sorted_ids:
            config["from_sorted_ids"] = True
        return config
