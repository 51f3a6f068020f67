"""Probabilistic losses: cross-entropies (binary, categorical, sparse, generalized), KL divergence
and Poisson. The focal variants live in focal.py.

Cross-entropies take probabilities, or logits with `from_logits=True` (then a fused, stable
log-softmax/log-sigmoid form is used by kerasish.ops).
"""
import numbers
import warnings

from kerasish import ops
from kerasish.backend import epsilon, set_keras_mask
from kerasish.losses.loss import FunctionLoss, prepare

_DEFAULT = "sum_over_batch_size"


def check_label_smoothing(fn_name, label_smoothing):
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, numbers.Real) \
            or not 0 <= label_smoothing <= 1:
        raise ValueError(f"{fn_name}: `label_smoothing` must be a number in [0, 1]; received "
                         f"label_smoothing={label_smoothing!r}.")


def check_int_axis(fn_name, axis):
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise ValueError(f"{fn_name}: `axis` must be of type `int`. Received: axis={axis!r} of type "
                         f"{type(axis).__name__}")


def smooth_categorical(fn_name, y_true, y_pred, label_smoothing):
    """Keras's categorical label smoothing, after warning about a single-class `y_pred`."""
    if y_pred.shape[-1] == 1:
        warnings.warn(
            f"In loss {fn_name}, expected y_pred.shape to be (batch_size, num_classes) with "
            f"num_classes > 1. Received: y_pred.shape={tuple(y_pred.shape)}. Consider using "
            f"'binary_crossentropy' if you only have 2 classes.", SyntaxWarning, stacklevel=3)
    check_label_smoothing(fn_name, label_smoothing)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + label_smoothing / y_true.shape[-1]
    return y_true


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Mean over `axis` of the elementwise binary cross-entropy; label smoothing moves the
    labels towards 0.5."""
    y_true, y_pred = prepare("binary_crossentropy", y_true, y_pred, check=False)
    check_label_smoothing("binary_crossentropy", label_smoothing)
    if label_smoothing:
        y_true = y_true * (1.0 - label_smoothing) + 0.5 * label_smoothing
    return ops.mean(ops.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=axis)


def categorical_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0.0, axis=-1):
    """Cross-entropy between one-hot (or soft) labels and predicted class probabilities along
    `axis`; label smoothing mixes the labels with the uniform distribution."""
    check_int_axis("categorical_crossentropy", axis)
    y_true, y_pred = prepare("categorical_crossentropy", y_true, y_pred, check=False)
    y_true = smooth_categorical("categorical_crossentropy", y_true, y_pred, label_smoothing)
    return ops.categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False, ignore_class=None, axis=-1):
    """Categorical cross-entropy with integer labels. Entries whose label is `ignore_class` get a
    loss of 0 and are masked out of the reduction (the mask rides on the returned tensor)."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true)
    if len(y_true.shape) == len(y_pred.shape) and y_true.shape[axis] == 1:
        y_true = ops.squeeze(y_true, axis=axis)
    if ignore_class is not None:
        class_axis = axis % len(y_pred.shape)
        res_shape = tuple(d for i, d in enumerate(y_pred.shape) if i != class_axis)
        valid = ops.not_equal(y_true, ignore_class)
        y_true = ops.where(valid, y_true, ops.zeros_like(y_true))
        # Keras puts 0 in the ignored rows; 1 gives the same (masked) result without 0/0 in the
        # normalization of probabilities, so gradients stay finite.
        y_pred = ops.where(ops.expand_dims(valid, class_axis), y_pred, ops.ones_like(y_pred))
    res = ops.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits, axis=axis)
    if ignore_class is not None:
        valid = ops.reshape(valid, res_shape)
        res = ops.where(valid, res, ops.zeros_like(res))
        set_keras_mask(res, valid)
    return res


def kl_divergence(y_true, y_pred):
    """sum(y_true * log(y_true / y_pred), axis=-1), both clipped to [epsilon, 1]."""
    y_true, y_pred = prepare("kl_divergence", y_true, y_pred)
    y_true = ops.clip(y_true, epsilon(), 1)
    y_pred = ops.clip(y_pred, epsilon(), 1)
    return ops.sum(y_true * ops.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)."""
    y_true, y_pred = prepare("poisson", y_true, y_pred)
    return ops.mean(y_pred - y_true * ops.log(y_pred + epsilon()), axis=-1)


def categorical_generalized_cross_entropy(y_true, y_pred, q):
    """Generalized cross-entropy for noisy integer labels: (1 - p**q) / q, with p the predicted
    probability of the true class (q -> 0 gives cross-entropy, q = 1 MAE)."""
    y_pred = ops.convert_to_tensor(y_pred)
    one_hot = ops.one_hot(ops.cast(y_true, "int32"), y_pred.shape[-1], dtype=ops.dtype(y_pred))
    p = ops.sum(y_pred * one_hot, axis=-1)
    return (1 - ops.power(p, q)) / q


class BinaryCrossentropy(FunctionLoss):
    """Cross-entropy between binary labels and predicted probabilities (or logits)."""

    config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction=_DEFAULT,
                 name="binary_crossentropy", dtype=None):
        check_label_smoothing("BinaryCrossentropy", label_smoothing)
        super().__init__(binary_crossentropy, reduction, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class CategoricalCrossentropy(FunctionLoss):
    """Cross-entropy between one-hot labels and predicted class probabilities (or logits)."""

    config_keys = ("from_logits", "label_smoothing", "axis")

    def __init__(self, from_logits=False, label_smoothing=0.0, axis=-1, reduction=_DEFAULT,
                 name="categorical_crossentropy", dtype=None):
        check_label_smoothing("CategoricalCrossentropy", label_smoothing)
        super().__init__(categorical_crossentropy, reduction, name, dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)


class SparseCategoricalCrossentropy(FunctionLoss):
    """Cross-entropy between integer labels and predicted class probabilities (or logits).
    (Keras's config omits `axis`; kerasish writes it when it is not -1, so it round-trips.)"""

    config_keys = ("from_logits", "ignore_class")

    def __init__(self, from_logits=False, ignore_class=None, reduction=_DEFAULT, axis=-1,
                 name="sparse_categorical_crossentropy", dtype=None):
        super().__init__(sparse_categorical_crossentropy, reduction, name, dtype,
                         from_logits=from_logits, ignore_class=ignore_class, axis=axis)

    def get_config(self):
        config = super().get_config()
        if self.axis != -1:
            config["axis"] = self.axis
        return config


class KLDivergence(FunctionLoss):
    """Kullback-Leibler divergence between label and predicted distributions."""

    def __init__(self, reduction=_DEFAULT, name="kl_divergence", dtype=None):
        super().__init__(kl_divergence, reduction, name, dtype)


class Poisson(FunctionLoss):
    """Poisson negative log-likelihood (up to a constant) of counts given predicted rates."""

    def __init__(self, reduction=_DEFAULT, name="poisson", dtype=None):
        super().__init__(poisson, reduction, name, dtype)


class CategoricalGeneralizedCrossEntropy(FunctionLoss):
    """Generalized cross-entropy (Zhang & Sabuncu, 2018), robust to noisy labels; `q` in (0, 1)."""

    config_keys = ("q",)

    def __init__(self, q=0.5, reduction=_DEFAULT, name="categorical_generalized_cross_entropy",
                 dtype=None):
        if isinstance(q, bool) or not isinstance(q, numbers.Real) or not 0 < q < 1:
            raise ValueError(f"CategoricalGeneralizedCrossEntropy: `q` must be in the interval "
                             f"(0, 1); received q={q!r}.")
        super().__init__(categorical_generalized_cross_entropy, reduction, name, dtype, q=q)
