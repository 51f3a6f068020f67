"""Accumulating weighted confusion-matrix counts (true/false positives/negatives) per threshold,
shared by TruePositives..., Precision, Recall, the *At* metrics and AUC (Keras's metrics_utils).

A prediction p is positive at threshold t when p > t. With evenly spaced thresholds
(0, 1/(T-1), ..., 1) each prediction falls in one bucket, ceil(p * (T-1)) - 1, and is positive
at every threshold up to its bucket: the counts are a reversed cumulative sum of per-bucket sums,
O(N + T) instead of comparing every prediction with every threshold. The bucket formula is
Keras's, so predictions that sit exactly on a threshold count as Keras counts them.
"""
import numpy as np

from kerasish import ops
from kerasish.backend.config import epsilon
from kerasish.metrics._utils import squeeze_or_expand_to_same_rank

NEG_INF = -1e10
KINDS = ("tp", "fp", "tn", "fn")


def parse_thresholds(metric, thresholds, default):
    """`thresholds` (None, a number or a list of numbers in [0, 1]) as a list of floats."""
    if thresholds is None:
        return [default]
    values = list(thresholds) if isinstance(thresholds, (list, tuple, np.ndarray)) else [thresholds]
    invalid = [t for t in values if t is None or isinstance(t, bool) or not _is_number(t)
               or not 0 <= t <= 1]
    if invalid or not values:
        raise ValueError(
            f"{metric}: threshold values must be numbers in [0, 1]; received "
            f"thresholds={thresholds!r}.")
    return [float(t) for t in values]


def _is_number(x):
    try:
        float(x)
        return True
    except (TypeError, ValueError):
        return False


def is_evenly_distributed(thresholds):
    """Whether `thresholds` are 0, 1/(T-1), ..., 1 (T >= 3), up to epsilon."""
    n = len(thresholds)
    if n < 3:
        return False
    return bool(np.allclose(thresholds, np.arange(n, dtype=np.float32) / (n - 1),
                            atol=epsilon()))


def filter_top_k(x, k):
    """x with all but its k largest entries along the last axis set to NEG_INF."""
    _, indices = ops.top_k(x, k)
    keep = ops.sum(ops.one_hot(indices, x.shape[-1], dtype=x.dtype), axis=-2)
    return x * keep + NEG_INF * (1 - keep)


def update_confusion_variables(variables, y_true, y_pred, thresholds, evenly=False, top_k=None,
                               class_id=None, sample_weight=None, multi_label=False,
                               label_weights=None):
    """Adds this batch's weighted counts to `variables` ({"tp"|"fp"|"tn"|"fn": Variable}, each
    of shape (T,), or (T, labels) when multi_label)."""
    dtype = next(iter(variables.values())).dtype
    y_true = ops.cast(y_true, dtype)
    y_pred = ops.cast(y_pred, dtype)
    y_pred, y_true = squeeze_or_expand_to_same_rank(y_pred, y_true)
    if sample_weight is not None:
        sample_weight = ops.expand_dims(ops.cast(sample_weight, dtype), -1)
        _, sample_weight = squeeze_or_expand_to_same_rank(y_true, sample_weight,
                                                          expand_rank_1=False)
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        if len(y_pred.shape) == 1:
            raise ValueError(
                f"When class_id is provided, y_pred must be a 2D array with shape "
                f"(num_samples, num_classes); received y_pred.shape={tuple(y_pred.shape)}.")
        # Keep the class axis (size 1) so sample weights still broadcast.
        y_true = y_true[..., class_id:class_id + 1]
        y_pred = y_pred[..., class_id:class_id + 1]

    # Per-entry weights: sample weights times (flattened) label weights.
    weights = None
    if sample_weight is not None:
        weights = ops.broadcast_to(sample_weight, ops.shape(y_pred))
    if label_weights is not None and not multi_label:
        lw = ops.broadcast_to(ops.cast(label_weights, dtype), ops.shape(y_pred))
        weights = lw if weights is None else weights * lw
    if not multi_label:
        y_true = ops.reshape(y_true, (-1,))
        y_pred = ops.reshape(y_pred, (-1,))
        if weights is not None:
            weights = ops.reshape(weights, (-1,))

    if evenly:
        counts = _counts_by_buckets(y_true, y_pred, weights, thresholds, multi_label, dtype)
    else:
        counts = _counts_by_comparison(y_true, y_pred, weights, thresholds, dtype)
    for kind, variable in variables.items():
        variable.assign(variable + counts(kind))


def _counts_by_comparison(y_true, y_pred, weights, thresholds, dtype):
    """Counts from comparing every prediction with every threshold: (T, N[, L]) booleans."""
    t = ops.convert_to_tensor(np.asarray(thresholds), dtype=dtype)
    t = ops.reshape(t, (-1,) + (1,) * len(y_pred.shape))
    pred_pos = ops.greater(ops.expand_dims(y_pred, 0), t)
    label_pos = ops.expand_dims(ops.cast(y_true, "bool"), 0)

    def counts(kind):
        label = label_pos if kind in ("tp", "fn") else ops.logical_not(label_pos)
        pred = pred_pos if kind in ("tp", "fp") else ops.logical_not(pred_pos)
        hit = ops.logical_and(label, pred)
        if weights is None:
            values = ops.cast(hit, dtype)
        else:
            values = ops.where(hit, ops.expand_dims(weights, 0), 0.0)
        return ops.sum(values, axis=1)
    return counts


def _counts_by_buckets(y_true, y_pred, weights, thresholds, multi_label, dtype):
    """Counts for evenly spaced thresholds through per-bucket sums (see the module docstring)."""
    num_thresholds = len(thresholds)
    # AUC's end thresholds are -eps and 1+eps: then p = 0 is positive at the first one.
    with_epsilon = thresholds[0] < 0.0 or thresholds[-1] > 1.0
    weights = 1.0 if weights is None else weights
    y_pred = ops.clip(y_pred, 0.0, 1.0)
    positive = ops.cast(ops.cast(y_true, "bool"), dtype)
    true_labels = positive * weights
    false_labels = (1.0 - positive) * weights
    buckets = ops.ceil(y_pred * float(num_thresholds - 1)) - 1
    if with_epsilon:
        buckets = ops.maximum(buckets, 0.0)
    buckets = ops.cast(buckets, "int32")
    # Without the epsilon, p = 0 has bucket -1: positive at no threshold, so it adds nowhere.
    valid = ops.greater_equal(buckets, 0)
    buckets = ops.where(valid, buckets, 0)

    def bucket_sums(values):
        values = ops.where(valid, ops.broadcast_to(values, ops.shape(buckets)), 0.0)
        if multi_label:
            n, labels = buckets.shape
            label_ids = ops.broadcast_to(ops.arange(labels, dtype="int32"), ops.shape(buckets))
            index = ops.stack([ops.reshape(buckets, (-1,)), ops.reshape(label_ids, (-1,))], 1)
            sums = ops.scatter(index, ops.reshape(values, (-1,)), (num_thresholds, labels))
        else:
            sums = ops.scatter(ops.expand_dims(buckets, -1), values, (num_thresholds,))
        # Positive at threshold i = in bucket i or above: a reversed cumulative sum.
        return ops.flip(ops.cumsum(ops.flip(sums, 0), axis=0), 0)

    cache = {}

    def get(key):
        if key not in cache:
            if key == "tp":
                cache[key] = bucket_sums(true_labels)
            elif key == "fp":
                cache[key] = bucket_sums(false_labels)
            else:  # totals over all predictions, per label when multi_label
                labels = true_labels if key == "pos" else false_labels
                labels = ops.broadcast_to(labels, ops.shape(y_pred))
                cache[key] = ops.sum(labels, axis=0) if multi_label else ops.sum(labels)
        return cache[key]

    def counts(kind):
        if kind in ("tp", "fp"):
            return get(kind)
        if kind == "fn":
            return get("pos") - get("tp")
        return get("neg") - get("fp")
    return counts
