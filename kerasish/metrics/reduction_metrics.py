"""Sum, Mean and MeanMetricWrapper (as keras.metrics): weighted reductions of values over batches."""
from kerasish import ops
from kerasish.backend.masking import get_keras_mask
from kerasish.metrics._utils import apply_mask, divide_no_nan, squeeze_or_expand_to_same_rank
from kerasish.metrics.metric import Metric


def reduce_to_samplewise_values(values, sample_weight, reduce_fn, dtype):
    """Values reduced to one per sample (axis 0) and weighted; also returns the weights reduced
    alike, so that a weighted mean divides by the weight each sample carried."""
    mask = get_keras_mask(values)
    values = ops.cast(values, dtype)
    if sample_weight is not None:
        sample_weight = ops.cast(ops.convert_to_tensor(sample_weight), dtype)
        sample_weight = apply_mask(sample_weight, mask, dtype=dtype, reduction="sum")
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        weight_ndim, values_ndim = len(sample_weight.shape), len(values.shape)
        if values_ndim > weight_ndim:
            # Weights per sample (or per timestep): reduce the values down to the weights' rank.
            values = reduce_fn(values, axis=list(range(weight_ndim, values_ndim)))
        # Broadcasting the weights changes nothing in the product, but it counts a scalar weight
        # once per sample in the mean's denominator.
        sample_weight = ops.broadcast_to(sample_weight, ops.shape(values))
        values = values * sample_weight
        if weight_ndim > 1:
            sample_weight = reduce_fn(sample_weight, axis=list(range(1, weight_ndim)))
    if len(values.shape) > 1:
        values = reduce_fn(values, axis=list(range(1, len(values.shape))))
    return values, sample_weight


class Sum(Metric):
    """The (weighted) sum of the given values."""

    def __init__(self, name="sum", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="total")

    def update_state(self, values, sample_weight=None):
        values, _ = reduce_to_samplewise_values(values, sample_weight, ops.sum, self.dtype)
        self.total.assign_add(ops.sum(values))

    def result(self):
        return ops.cast(self.total, self.dtype)


class Mean(Metric):
    """The (weighted) mean of the given values: `total / count`."""

    def __init__(self, name="mean", dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.total = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="total")
        self.count = self.add_variable(shape=(), initializer="zeros", dtype=self.dtype,
                                       name="count")

    def update_state(self, values, sample_weight=None):
        values, sample_weight = reduce_to_samplewise_values(
            values, sample_weight, ops.mean, self.dtype)
        self.total.assign_add(ops.sum(values))
        if sample_weight is not None:
            num_samples = ops.sum(sample_weight)
        elif len(values.shape) >= 1:
            num_samples = ops.shape(values)[0]
        else:
            num_samples = 1
        self.count.assign_add(ops.cast(num_samples, self.dtype))

    def result(self):
        return divide_no_nan(self.total, ops.cast(self.count, self.dtype))


class MeanMetricWrapper(Mean):
    """The mean of `fn(y_true, y_pred, **kwargs)` (one value per sample) over all samples seen."""

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        if not callable(fn):
            raise ValueError(
                f"MeanMetricWrapper: argument `fn` must be a callable "
                f"fn(y_true, y_pred, **kwargs); received fn={fn!r}.")
        super().__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs
        if _is_loss(fn):
            self._direction = "down"  # a wrapped loss is minimised (callbacks' mode="auto")

    def update_state(self, y_true, y_pred, sample_weight=None):
        mask = get_keras_mask(y_pred)
        values = self._fn(y_true, y_pred, **self._fn_kwargs)
        sample_weight = apply_mask(sample_weight, mask, dtype=self.dtype, reduction="sum")
        return super().update_state(values, sample_weight=sample_weight)

    def get_config(self):
        from kerasish.metrics import serialize_function
        config = {"name": self.name, "dtype": self.dtype, "fn": serialize_function(self._fn)}
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        if "fn" in config:
            from kerasish.metrics import deserialize_function
            config = dict(config, fn=deserialize_function(config["fn"]))
        return cls(**config)


class _FunctionMean(MeanMetricWrapper):
    """A mean of a per-sample function whose config is just name and dtype."""
    _function = None
    _default_direction = "down"

    def __init__(self, name, dtype=None, **kwargs):
        super().__init__(type(self)._function, name=name, dtype=dtype, **kwargs)
        self._direction = self._default_direction

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}


def _is_loss(fn):
    from kerasish.metrics._functions import LOSS_FUNCTIONS
    if fn in LOSS_FUNCTIONS:
        return True
    # kerasish.losses functions and Loss objects, recognised without importing that package.
    module = getattr(fn, "__module__", None) or type(fn).__module__
    return str(module).startswith("kerasish.losses")
