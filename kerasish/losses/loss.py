"""The `Loss` base class and the reductions every loss shares (as keras.losses.Loss).

A loss maps `(y_true, y_pred)` to per-sample values in `call`; `__call__` then weights them
(sample weights, times any mask carried by `y_pred` or by the values) and reduces them.
"""
from kerasish import ops, tree
from kerasish.backend import get_keras_mask
from kerasish.backend.name_scope import to_snake_case, unique_name
from kerasish.layers import dtype_policy as dtype_policies

REDUCTIONS = ("sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", None)


class Loss:
    """Base class of losses: subclasses implement `call(y_true, y_pred)` returning the per-sample
    (or per-element) loss values; `__call__` applies sample weights, masks and the reduction.

    reduction: "sum_over_batch_size" (default) and "mean" divide the weighted sum by the number
    of values; "sum" sums; "mean_with_sample_weight" divides by the sum of the sample weights;
    "none" or None returns the weighted values unreduced.
    """

    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name or unique_name(to_snake_case(self.__class__.__name__))
        self.reduction = standardize_reduction(reduction)
        self._dtype_policy = dtype_policies.get(dtype)
        self._dtype = self._dtype_policy.compute_dtype

    @property
    def dtype(self):
        return self._dtype

    def __call__(self, y_true, y_pred, sample_weight=None):
        in_mask = get_keras_mask(y_pred)  # read before conversion, which may drop it
        y_pred = tree.map_structure(lambda x: ops.convert_to_tensor(x, dtype=self.dtype), y_pred)
        y_true = tree.map_structure(lambda x: ops.convert_to_tensor(x, dtype=self.dtype), y_true)
        losses = self.call(y_true, y_pred)
        out_mask = get_keras_mask(losses)  # set by losses that ignore entries (ignore_class)
        if in_mask is not None and out_mask is not None:
            mask = ops.logical_and(ops.cast(in_mask, "bool"), ops.cast(out_mask, "bool"))
        else:
            mask = in_mask if in_mask is not None else out_mask
        return reduce_weighted_values(losses, sample_weight=sample_weight, mask=mask,
                                      reduction=self.reduction, dtype=self.dtype)

    def call(self, y_true, y_pred):
        raise NotImplementedError(f"{type(self).__name__} must implement call(y_true, y_pred).")

    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def _obj_type(self):
        return "Loss"


def standardize_reduction(reduction):
    if not (reduction is None or isinstance(reduction, str)) or reduction not in REDUCTIONS:
        raise ValueError(
            f"Invalid value for argument `reduction`. Expected one of {list(REDUCTIONS)}. "
            f"Received: reduction={reduction!r}")
    return reduction


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Makes two ranks equal when they differ by one trailing axis of size 1 (labels of shape
    (batch,) against predictions of shape (batch, 1), say)."""
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    elif r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def divide_no_nan(x, y):
    """x / y, and 0 where y is 0 (gradient-safe: the division never sees a zero)."""
    zero = ops.equal(y, 0)
    return ops.where(zero, ops.zeros_like(x), x / ops.where(zero, ops.ones_like(y), y))


def _count(shape, dtype):
    n = 1
    for d in shape:
        n *= d
    return ops.convert_to_tensor(float(n), dtype=dtype)


def reduce_values(values, sample_weight=None, reduction="sum_over_batch_size"):
    """Reduces (already weighted) loss values; scalars and empty vectors pass through."""
    if reduction is None or reduction == "none" or tuple(values.shape) in ((), (0,)):
        return values
    loss = ops.sum(values)
    if reduction in ("sum_over_batch_size", "mean", "mean_with_sample_weight"):
        if reduction == "mean_with_sample_weight" and sample_weight is not None:
            divisor = ops.cast(ops.sum(sample_weight), ops.dtype(loss))
        else:
            divisor = _count(values.shape, ops.dtype(loss))
        loss = divide_no_nan(loss, divisor)
    return loss


def _check_broadcastable(values, sample_weight):
    a, b = tuple(values.shape), tuple(sample_weight.shape)
    for x, y in zip(reversed(a), reversed(b)):
        if x != y and 1 not in (x, y) and None not in (x, y):
            raise ValueError(
                f"Loss: `sample_weight` of shape {b} cannot be applied to loss values of shape {a} "
                f"(the per-sample losses of y_pred): the shapes do not broadcast. Pass one weight "
                f"per sample (shape {a[:1]}) or one per loss value (shape {a}).")


def _expand_per_sample(values, sample_weight):
    """Weights for the leading axes of the values, e.g. one per sample (batch,) for values of
    shape (batch, timesteps), get trailing axes of size 1 so that they broadcast over the rest.
    (Keras 3 raises an error here; Keras 2 broadcast the same way.)"""
    extra = len(values.shape) - len(sample_weight.shape)
    if extra > 0 and tuple(values.shape[:len(sample_weight.shape)]) == tuple(sample_weight.shape):
        sample_weight = ops.reshape(sample_weight, tuple(sample_weight.shape) + (1,) * extra)
    return sample_weight


def reduce_weighted_values(values, sample_weight=None, mask=None,
                           reduction="sum_over_batch_size", dtype=None):
    """Weights `values` by `sample_weight` and `mask` (merged as Keras's `apply_mask`), then
    reduces them."""
    reduction = standardize_reduction(reduction)
    values = ops.convert_to_tensor(values, dtype=dtype)
    if sample_weight is not None:
        sample_weight = ops.convert_to_tensor(sample_weight, dtype=dtype)
    if mask is not None:
        mask = ops.convert_to_tensor(mask)
    sample_weight = apply_mask(sample_weight, mask, dtype=ops.dtype(values), reduction=reduction)
    if sample_weight is not None:
        sample_weight = ops.cast(sample_weight, ops.dtype(values))
        values, sample_weight = squeeze_or_expand_to_same_rank(values, sample_weight)
        sample_weight = _expand_per_sample(values, sample_weight)
        _check_broadcastable(values, sample_weight)
        values = values * sample_weight
    return reduce_values(values, sample_weight, reduction)


def apply_mask(sample_weight, mask, dtype, reduction):
    """Folds a boolean mask into the sample weights. For the "mean" reductions valid entries get
    weight total/valid, so that dividing by the total count averages over the valid ones only."""
    if mask is None:
        return sample_weight
    mask = ops.cast(mask, "bool")
    if reduction in ("mean", "sum_over_batch_size"):
        valid = ops.sum(ops.cast(mask, dtype))  # may be 0: then every weight is 0
        mask_weight = divide_no_nan(_count(mask.shape, dtype), valid)
        float_mask = ops.where(mask, mask_weight, ops.zeros_like(mask_weight))
    else:
        float_mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = ops.cast(sample_weight, dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    sample_weight = _expand_per_sample(float_mask, sample_weight)
    _check_broadcastable(float_mask, sample_weight)
    return sample_weight * float_mask


class LossFunctionWrapper(Loss):
    """A `Loss` around a function `fn(y_true, y_pred, **kwargs)` returning per-sample losses."""

    def __init__(self, fn, reduction="sum_over_batch_size", name=None, dtype=None, **kwargs):
        super().__init__(name=name, reduction=reduction, dtype=dtype)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        if tree.is_nested(y_true) or tree.is_nested(y_pred):
            pairs = [squeeze_or_expand_to_same_rank(t, p)
                     for t, p in zip(tree.flatten(y_true), tree.flatten(y_pred))]
            y_true = tree.pack_sequence_as(y_true, [t for t, _ in pairs])
            y_pred = tree.pack_sequence_as(y_pred, [p for _, p in pairs])
        else:
            y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = super().get_config()
        config["fn"] = serialize_function(self.fn)
        config.update(self._fn_kwargs)
        return config

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        if "fn" in config:
            config["fn"] = deserialize_function(config["fn"])
        return cls(**config)

    def __repr__(self):
        return f"<LossFunctionWrapper({self.fn}, kwargs={self._fn_kwargs})>"


def serialize_function(fn):
    """Keras's dict form of a function ({"class_name": "function", "config": name, ...})."""
    registered = getattr(fn, "_registered_name", None)  # set by register_keras_serializable
    return {"module": "builtins", "class_name": "function", "config": registered or fn.__name__,
            "registered_name": "function"}


def deserialize_function(config, custom_objects=None):
    """The loss function a name or a serialized function dict refers to (kerasish losses, then
    `custom_objects` and registered objects; nothing is imported by name)."""
    from kerasish.losses import ALL_OBJECTS_DICT
    from kerasish.saving import get_registered_object
    name = config.get("config") if isinstance(config, dict) else config
    fn = None
    if isinstance(name, str):
        fn = get_registered_object(name, custom_objects) or ALL_OBJECTS_DICT.get(name)
    if fn is None or isinstance(fn, type):
        raise ValueError(
            f"Could not deserialize the loss function {config!r}: not a kerasish loss function, "
            f"and not registered (keras.saving.register_keras_serializable) or passed in "
            f"custom_objects.")
    return fn


class FunctionLoss(LossFunctionWrapper):
    """A built-in loss class over one of the loss functions. Its keyword arguments are also
    attributes (`loss.from_logits`); `config_keys` are the ones Keras writes into the config."""

    config_keys = ()

    def __init__(self, fn, reduction, name, dtype, **kwargs):
        super().__init__(fn, reduction=reduction, name=name, dtype=dtype, **kwargs)
        for key, value in kwargs.items():
            setattr(self, key, value)

    def get_config(self):
        config = Loss.get_config(self)
        config.update({key: self._fn_kwargs[key] for key in self.config_keys})
        return config


def prepare(fn_name, y_true, y_pred, squeeze=False, check=True):
    """`y_pred` as a tensor and `y_true` cast to its dtype (optionally with their ranks matched as
    Keras does), or a ValueError naming the loss when the two shapes cannot broadcast."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(ops.convert_to_tensor(y_true), ops.dtype(y_pred))
    if squeeze:
        y_true, y_pred = squeeze_or_expand_to_same_rank(y_true, y_pred)
    if check:
        a, b = tuple(y_true.shape), tuple(y_pred.shape)
        if any(x != y and 1 not in (x, y) and None not in (x, y)
               for x, y in zip(reversed(a), reversed(b))):
            raise ValueError(
                f"{fn_name}: y_true and y_pred must have the same (or broadcastable) shapes; "
                f"received y_true.shape={a}, y_pred.shape={b}.")
    return y_true, y_pred
