"""Focal cross-entropies (Lin et al., 2017): cross-entropy scaled by (1 - p_t) ** gamma, which
down-weights well-classified examples so that training focuses on the hard ones."""
from kerasish import ops
from kerasish.backend import epsilon
from kerasish.losses.loss import FunctionLoss, prepare
from kerasish.losses.probabilistic import check_int_axis, check_label_smoothing, smooth_categorical

_DEFAULT = "sum_over_batch_size"


def binary_focal_crossentropy(y_true, y_pred, apply_class_balancing=False, alpha=0.25, gamma=2.0,
                              from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over `axis` of (1 - p_t) ** gamma * binary cross-entropy, optionally weighted by
    `alpha` for positives and `1 - alpha` for negatives (`apply_class_balancing`)."""
    y_true, y_pred = prepare("binary_focal_crossentropy", y_true, y_pred, check=False)
    check_label_smoothing("binary_focal_crossentropy", label_smoothing)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    if from_logits:
        y_pred = ops.sigmoid(y_pred)
    bce = ops.binary_crossentropy(y_true, y_pred, from_logits=False)
    p_t = y_true * y_pred + (1 - y_true) * (1 - y_pred)
    focal_bce = ops.power(1.0 - p_t, gamma) * bce
    if apply_class_balancing:
        focal_bce = (y_true * alpha + (1 - y_true) * (1 - alpha)) * focal_bce
    return ops.mean(focal_bce, axis=axis)


def categorical_focal_crossentropy(y_true, y_pred, alpha=0.25, gamma=2.0, from_logits=False,
                                   label_smoothing=0.0, axis=-1):
    """Sum over `axis` of alpha * (1 - p) ** gamma * (-y_true * log(p)), with p the predicted
    probabilities rescaled to sum to 1 and clipped to [epsilon, 1 - epsilon]."""
    check_int_axis("categorical_focal_crossentropy", axis)
    y_true, y_pred = prepare("categorical_focal_crossentropy", y_true, y_pred)
    y_true = smooth_categorical("categorical_focal_crossentropy", y_true, y_pred, label_smoothing)
    if from_logits:
        y_pred = ops.softmax(y_pred, axis=axis)
    output = y_pred / ops.sum(y_pred, axis=axis, keepdims=True)
    output = ops.clip(output, epsilon(), 1.0 - epsilon())
    cce = -y_true * ops.log(output)
    focal = alpha * ops.power(1.0 - output, gamma) * cce
    return ops.sum(focal, axis=axis)


class BinaryFocalCrossentropy(FunctionLoss):
    """Focal cross-entropy between binary labels and predicted probabilities (or logits)."""

    config_keys = ("from_logits", "label_smoothing", "axis", "apply_class_balancing", "alpha",
                   "gamma")

    def __init__(self, apply_class_balancing=False, alpha=0.25, gamma=2.0, from_logits=False,
                 label_smoothing=0.0, axis=-1, reduction=_DEFAULT,
                 name="binary_focal_crossentropy", dtype=None):
        check_label_smoothing("BinaryFocalCrossentropy", label_smoothing)
        super().__init__(binary_focal_crossentropy, reduction, name, dtype,
                         apply_class_balancing=apply_class_balancing, alpha=alpha, gamma=gamma,
                         from_logits=from_logits, label_smoothing=label_smoothing, axis=axis)


class CategoricalFocalCrossentropy(FunctionLoss):
    """Focal cross-entropy between one-hot labels and predicted class probabilities (or logits)."""

    config_keys = ("from_logits", "label_smoothing", "axis", "alpha", "gamma")

    def __init__(self, alpha=0.25, gamma=2.0, from_logits=False, label_smoothing=0.0, axis=-1,
                 reduction=_DEFAULT, name="categorical_focal_crossentropy", dtype=None):
        check_label_smoothing("CategoricalFocalCrossentropy", label_smoothing)
        super().__init__(categorical_focal_crossentropy, reduction, name, dtype, alpha=alpha,
                         gamma=gamma, from_logits=from_logits, label_smoothing=label_smoothing,
                         axis=axis)
