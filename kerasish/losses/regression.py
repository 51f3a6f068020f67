"""Regression losses: mean squared/absolute (percentage, logarithmic) errors, Huber, log-cosh.

Each function returns the loss averaged over the last axis (one value per sample); each class
wraps its function with a reduction over the batch.
"""
import math

from kerasish import ops
from kerasish.backend import epsilon
from kerasish.losses.loss import FunctionLoss, prepare

_DEFAULT = "sum_over_batch_size"


def mean_squared_error(y_true, y_pred):
    """mean(square(y_true - y_pred), axis=-1)."""
    y_true, y_pred = prepare("mean_squared_error", y_true, y_pred, squeeze=True)
    return ops.mean(ops.square(y_true - y_pred), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """mean(abs(y_true - y_pred), axis=-1)."""
    y_true, y_pred = prepare("mean_absolute_error", y_true, y_pred, squeeze=True)
    return ops.mean(ops.abs(y_true - y_pred), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """100 * mean(abs((y_true - y_pred) / y_true), axis=-1), |y_true| floored at epsilon."""
    y_true, y_pred = prepare("mean_absolute_percentage_error", y_true, y_pred, squeeze=True)
    diff = ops.abs((y_true - y_pred) / ops.maximum(ops.abs(y_true), epsilon()))
    return 100.0 * ops.mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1), values floored at epsilon."""
    y_true, y_pred = prepare("mean_squared_logarithmic_error", y_true, y_pred, squeeze=True)
    first_log = ops.log(ops.maximum(y_pred, epsilon()) + 1.0)
    second_log = ops.log(ops.maximum(y_true, epsilon()) + 1.0)
    return ops.mean(ops.square(first_log - second_log), axis=-1)


def huber(y_true, y_pred, delta=1.0):
    """Quadratic for errors up to `delta`, linear beyond: mean over the last axis of
    0.5 * e**2 if |e| <= delta else delta * |e| - 0.5 * delta**2."""
    y_true, y_pred = prepare("huber", y_true, y_pred, squeeze=True)
    delta = ops.convert_to_tensor(delta, dtype=ops.dtype(y_pred))
    error = y_pred - y_true
    abs_error = ops.abs(error)
    return ops.mean(
        ops.where(abs_error <= delta, 0.5 * ops.square(error),
                  delta * abs_error - 0.5 * ops.square(delta)),
        axis=-1)


def log_cosh(y_true, y_pred):
    """mean(log(cosh(y_pred - y_true)), axis=-1), computed as x + softplus(-2x) - log(2) so that
    large errors do not overflow cosh."""
    y_true, y_pred = prepare("log_cosh", y_true, y_pred, squeeze=True)
    x = y_pred - y_true
    return ops.mean(x + ops.softplus(x * -2.0) - math.log(2.0), axis=-1)


class MeanSquaredError(FunctionLoss):
    """Mean of squares of errors between labels and predictions."""

    def __init__(self, reduction=_DEFAULT, name="mean_squared_error", dtype=None):
        super().__init__(mean_squared_error, reduction, name, dtype)


class MeanAbsoluteError(FunctionLoss):
    """Mean of absolute errors between labels and predictions."""

    def __init__(self, reduction=_DEFAULT, name="mean_absolute_error", dtype=None):
        super().__init__(mean_absolute_error, reduction, name, dtype)


class MeanAbsolutePercentageError(FunctionLoss):
    """Mean absolute percentage error between labels and predictions."""

    def __init__(self, reduction=_DEFAULT, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(mean_absolute_percentage_error, reduction, name, dtype)


class MeanSquaredLogarithmicError(FunctionLoss):
    """Mean squared logarithmic error between labels and predictions."""

    def __init__(self, reduction=_DEFAULT, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(mean_squared_logarithmic_error, reduction, name, dtype)


class Huber(FunctionLoss):
    """Huber loss with threshold `delta`. (Keras's config omits `delta`, so its round trip resets
    it to 1.0; kerasish writes it when it is not the default.)"""

    def __init__(self, delta=1.0, reduction=_DEFAULT, name="huber_loss", dtype=None):
        super().__init__(huber, reduction, name, dtype, delta=delta)

    def get_config(self):
        config = super().get_config()
        if self.delta != 1.0:
            config["delta"] = self.delta
        return config


class LogCosh(FunctionLoss):
    """Logarithm of the hyperbolic cosine of the prediction error."""

    def __init__(self, reduction=_DEFAULT, name="log_cosh", dtype=None):
        super().__init__(log_cosh, reduction, name, dtype)
