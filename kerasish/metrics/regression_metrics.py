"""Regression metrics (as keras.metrics): mean errors, RootMeanSquaredError, CosineSimilarity,
LogCoshError and R2Score."""
import warnings

from kerasish import ops
from kerasish.metrics import _functions as F
from kerasish.metrics._utils import check_shape_rank, squeeze_or_expand_to_same_rank
from kerasish.metrics.metric import Metric
from kerasish.metrics.reduction_metrics import Mean, _FunctionMean


class MeanSquaredError(_FunctionMean):
    """The mean of (y_true - y_pred) ** 2."""
    _function = staticmethod(F.mean_squared_error)

    def __init__(self, name="mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)


class MeanAbsoluteError(_FunctionMean):
    """The mean of |y_true - y_pred|."""
    _function = staticmethod(F.mean_absolute_error)

    def __init__(self, name="mean_absolute_error", dtype=None):
        super().__init__(name, dtype=dtype)


class MeanAbsolutePercentageError(_FunctionMean):
    """The mean of 100 * |y_true - y_pred| / |y_true|."""
    _function = staticmethod(F.mean_absolute_percentage_error)

    def __init__(self, name="mean_absolute_percentage_error", dtype=None):
        super().__init__(name, dtype=dtype)


class MeanSquaredLogarithmicError(_FunctionMean):
    """The mean of (log(y_true + 1) - log(y_pred + 1)) ** 2."""
    _function = staticmethod(F.mean_squared_logarithmic_error)

    def __init__(self, name="mean_squared_logarithmic_error", dtype=None):
        super().__init__(name, dtype=dtype)


class LogCoshError(_FunctionMean):
    """The mean of log(cosh(y_pred - y_true))."""
    _function = staticmethod(F.log_cosh)

    def __init__(self, name="logcosh", dtype=None):
        super().__init__(name, dtype=dtype)


class CosineSimilarity(_FunctionMean):
    """The mean cosine similarity between y_true and y_pred along `axis` (1 is best)."""
    _function = staticmethod(F.cosine_similarity)
    _default_direction = "up"

    def __init__(self, name="cosine_similarity", dtype=None, axis=-1):
        super().__init__(name, dtype=dtype, axis=axis)
        self.axis = axis

    def get_config(self):
        # Keras's config leaves `axis` out (so from_config loses it); it is kept when not -1.
        config = super().get_config()
        if self.axis != -1:
            config["axis"] = self.axis
        return config


class RootMeanSquaredError(Mean):
    """sqrt of the (weighted) mean of (y_true - y_pred) ** 2."""

    def __init__(self, name="root_mean_squared_error", dtype=None):
        super().__init__(name, dtype=dtype)
        self._direction = "down"

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return super().update_state(ops.square(y_pred - y_true), sample_weight=sample_weight)

    def result(self):
        return ops.sqrt(super().result())


class R2Score(Metric):
    """The coefficient of determination, per output and aggregated ("uniform_average",
    "variance_weighted_average" or None for per-output scores); adjusted for
    `num_regressors` when > 0."""

    def __init__(self, class_aggregation="uniform_average", num_regressors=0, name="r2_score",
                 dtype=None):
        valid = (None, "uniform_average", "variance_weighted_average")
        if class_aggregation not in valid:
            raise ValueError(
                f"R2Score: invalid value for argument `class_aggregation`. Expected one of "
                f"{valid}. Received: class_aggregation={class_aggregation!r}")
        if isinstance(num_regressors, bool) or not isinstance(num_regressors, int) \
                or num_regressors < 0:
            raise ValueError(
                f"R2Score: invalid value for argument `num_regressors`. Expected an integer "
                f">= 0. Received: num_regressors={num_regressors!r}")
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.class_aggregation = class_aggregation
        self.num_regressors = num_regressors
        self.num_samples = self.add_variable(shape=(), initializer="zeros", name="num_samples")
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        num_classes = y_pred_shape[-1]
        if num_classes is None or y_true_shape[-1] is None:
            raise ValueError(
                f"R2Score expects 2D inputs with shape (batch_size, output_dim), with output_dim "
                f"fully defined (not None). Received input shapes: y_pred.shape={y_pred_shape} "
                f"and y_true.shape={y_true_shape}.")
        shape = (num_classes,)
        self.squared_sum = self.add_variable(shape, "zeros", name="squared_sum")
        self.sum = self.add_variable(shape, "zeros", name="sum")
        self.total_mse = self.add_variable(shape, "zeros", name="residual")
        self.count = self.add_variable(shape, "zeros", name="count")
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        if not self._built:
            check_shape_rank("R2Score", y_true, y_pred)
            self._build(tuple(y_true.shape), tuple(y_pred.shape))
        weight = ops.convert_to_tensor(1 if sample_weight is None else sample_weight,
                                       dtype=self.dtype)
        if len(weight.shape) == 1:
            weight = ops.expand_dims(weight, axis=1)
        weight = ops.broadcast_to(weight, ops.shape(y_true))
        weighted_y_true = y_true * weight
        self.sum.assign(self.sum + ops.sum(weighted_y_true, axis=0))
        self.squared_sum.assign(self.squared_sum + ops.sum(y_true * weighted_y_true, axis=0))
        self.total_mse.assign(
            self.total_mse + ops.sum(ops.square(y_true - y_pred) * weight, axis=0))
        self.count.assign(self.count + ops.sum(weight, axis=0))
        self.num_samples.assign(self.num_samples + ops.cast(ops.size(y_true), "float32"))

    def result(self):
        mean = self.sum / self.count
        total = self.squared_sum - self.sum * mean
        raw_scores = 1 - self.total_mse / total
        raw_scores = ops.where(ops.isinf(raw_scores), 0.0, raw_scores)
        if self.class_aggregation == "uniform_average":
            r2_score = ops.mean(raw_scores)
        elif self.class_aggregation == "variance_weighted_average":
            r2_score = ops.sum(total * raw_scores) / ops.sum(total)
        else:
            r2_score = raw_scores
        if self.num_regressors == 0:
            return r2_score
        n = ops.cast(self.num_samples, "float32")
        p = float(self.num_regressors)
        adjusted = 1.0 - (1.0 - r2_score) * (n - 1.0) / (n - p - 1.0)
        # Adjusting needs more samples than regressors + 1; otherwise Keras falls back to the
        # plain score. Written with `where` so that it also runs inside a jitted step.
        self._warn_if_unadjustable()
        return ops.where(ops.greater(n - 1.0, p), adjusted, r2_score)

    def get_config(self):
        return {**super().get_config(), "class_aggregation": self.class_aggregation,
                "num_regressors": self.num_regressors}

    def _warn_if_unadjustable(self):
        try:
            n = float(self.num_samples.numpy())
        except Exception:  # a traced value inside jit: nothing to warn about eagerly
            return
        if self.num_regressors > n - 1:
            warnings.warn("More independent predictors than datapoints in adjusted R2 score. "
                          "Falling back to standard R2 score.", stacklevel=3)
        elif self.num_regressors == n - 1:
            warnings.warn("Division by zero in Adjusted R2 score. Falling back to standard R2 "
                          "score.", stacklevel=3)
