"""Correlation metrics (as keras.metrics): Pearson and concordance correlation along `axis`,
averaged over samples."""
from kerasish import ops
from kerasish.backend.config import epsilon
from kerasish.metrics._utils import squeeze_or_expand_to_same_rank
from kerasish.metrics.reduction_metrics import _FunctionMean


def _pair(y_true, y_pred):
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.convert_to_tensor(y_true, dtype=y_pred.dtype)
    return squeeze_or_expand_to_same_rank(y_true, y_pred)


def pearson_correlation(y_true, y_pred, axis=-1):
    """Pearson's correlation coefficient between y_true and y_pred along `axis`."""
    y_true, y_pred = _pair(y_true, y_pred)
    t = y_true - ops.mean(y_true, axis=axis, keepdims=True)
    p = y_pred - ops.mean(y_pred, axis=axis, keepdims=True)
    t = t / ops.std(t, axis=axis, keepdims=True)
    p = p / ops.std(p, axis=axis, keepdims=True)
    return ops.mean(t * p, axis=axis)


def concordance_correlation(y_true, y_pred, axis=-1):
    """Lin's concordance correlation coefficient between y_true and y_pred along `axis`."""
    y_true, y_pred = _pair(y_true, y_pred)
    true_mean = ops.mean(y_true, axis=axis, keepdims=True)
    pred_mean = ops.mean(y_pred, axis=axis, keepdims=True)
    true_var = ops.var(y_true - true_mean, axis=axis, keepdims=True)
    pred_var = ops.var(y_pred - pred_mean, axis=axis, keepdims=True)
    # Centring y_true on either mean gives the same covariance (y_pred - pred_mean has mean 0);
    # Keras's form is kept for identical rounding.
    covar = (y_true - pred_mean) * (y_pred - pred_mean)
    norm = true_var + pred_var + ops.square(true_mean - pred_mean)
    return ops.mean(2 * covar / (norm + epsilon()), axis=axis)


class PearsonCorrelation(_FunctionMean):
    """The mean over samples of Pearson's correlation along `axis`."""
    _function = staticmethod(pearson_correlation)
    _default_direction = "up"

    def __init__(self, name="pearson_correlation", dtype=None, axis=-1):
        super().__init__(name, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}


class ConcordanceCorrelation(_FunctionMean):
    """The mean over samples of the concordance correlation along `axis`."""
    _function = staticmethod(concordance_correlation)
    _default_direction = "up"

    def __init__(self, name="concordance_correlation", dtype=None, axis=-1):
        super().__init__(name, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "axis": self.axis}
