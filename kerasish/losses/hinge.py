"""Hinge losses (maximum-margin classification): hinge, squared hinge and categorical hinge."""
from kerasish import ops
from kerasish.losses.loss import FunctionLoss, prepare

_DEFAULT = "sum_over_batch_size"


def convert_binary_labels_to_hinge(y_true):
    """Labels in {0, 1} become {-1, 1}; any other labels (already -1/1) are left as they are.
    (Keras decides with `ops.cond`; a `where` on the same test gives the same values.)"""
    is_binary = ops.all(ops.logical_or(ops.equal(y_true, 0), ops.equal(y_true, 1)))
    return ops.where(is_binary, 2.0 * y_true - 1.0, y_true)


def hinge(y_true, y_pred):
    """mean(maximum(1 - y_true * y_pred, 0), axis=-1), labels -1/1 (or 0/1, converted)."""
    y_true, y_pred = prepare("hinge", y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return ops.mean(ops.maximum(1.0 - y_true * y_pred, 0.0), axis=-1)


def squared_hinge(y_true, y_pred):
    """mean(square(maximum(1 - y_true * y_pred, 0)), axis=-1), labels -1/1 (or 0/1)."""
    y_true, y_pred = prepare("squared_hinge", y_true, y_pred)
    y_true = convert_binary_labels_to_hinge(y_true)
    return ops.mean(ops.square(ops.maximum(1.0 - y_true * y_pred, 0.0)), axis=-1)


def categorical_hinge(y_true, y_pred):
    """maximum(neg - pos + 1, 0) with pos the score of the true class (one-hot labels) and neg the
    highest score among the others."""
    y_true, y_pred = prepare("categorical_hinge", y_true, y_pred)
    pos = ops.sum(y_true * y_pred, axis=-1)
    neg = ops.max((1.0 - y_true) * y_pred, axis=-1)
    return ops.maximum(neg - pos + 1.0, 0.0)


class Hinge(FunctionLoss):
    """Hinge loss between -1/1 (or 0/1) labels and predicted scores."""

    def __init__(self, reduction=_DEFAULT, name="hinge", dtype=None):
        super().__init__(hinge, reduction, name, dtype)


class SquaredHinge(FunctionLoss):
    """Squared hinge loss between -1/1 (or 0/1) labels and predicted scores."""

    def __init__(self, reduction=_DEFAULT, name="squared_hinge", dtype=None):
        super().__init__(squared_hinge, reduction, name, dtype)


class CategoricalHinge(FunctionLoss):
    """Categorical hinge loss between one-hot labels and predicted class scores."""

    def __init__(self, reduction=_DEFAULT, name="categorical_hinge", dtype=None):
        super().__init__(categorical_hinge, reduction, name, dtype)
