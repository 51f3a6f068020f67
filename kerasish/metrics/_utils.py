"""Small tensor helpers shared by the metric families (Keras keeps them in losses.loss and ops;
kerasish.metrics writes its own so that it does not depend on kerasish.losses)."""
from kerasish import ops
from kerasish.backend.config import epsilon


def squeeze_or_expand_to_same_rank(x1, x2, expand_rank_1=True):
    """Makes ranks equal when they differ by one and the longer one ends in a size-1 axis:
    that axis is squeezed, or (rank-1 vs rank-2 with expand_rank_1) the shorter is expanded."""
    r1, r2 = len(x1.shape), len(x2.shape)
    if r1 == r2 + 1 and x1.shape[-1] == 1:
        if r2 == 1 and expand_rank_1:
            x2 = ops.expand_dims(x2, axis=-1)
        else:
            x1 = ops.squeeze(x1, axis=-1)
    if r2 == r1 + 1 and x2.shape[-1] == 1:
        if r1 == 1 and expand_rank_1:
            x1 = ops.expand_dims(x1, axis=-1)
        else:
            x2 = ops.squeeze(x2, axis=-1)
    return x1, x2


def apply_mask(sample_weight, mask, dtype, reduction="sum"):
    """Folds a mask found on predictions into the sample weights. With a "mean" reduction valid
    entries weigh total/valid, so the mean runs over the valid entries only."""
    if mask is None:
        return sample_weight
    if reduction in ("mean", "sum_over_batch_size"):
        total = ops.cast(ops.size(mask), dtype)
        valid = ops.sum(ops.cast(mask, dtype))
        float_mask = ops.where(ops.cast(mask, "bool"), divide_no_nan(total, valid), 0)
    else:
        float_mask = ops.cast(mask, dtype)
    if sample_weight is None:
        return float_mask
    sample_weight = ops.cast(sample_weight, dtype)
    float_mask, sample_weight = squeeze_or_expand_to_same_rank(float_mask, sample_weight)
    # Per-sample weights with a per-timestep mask (Keras fails to broadcast these).
    while 0 < len(sample_weight.shape) < len(float_mask.shape):
        sample_weight = ops.expand_dims(sample_weight, -1)
    return sample_weight * float_mask


def divide_no_nan(x1, x2):
    """x1 / x2, with 0 where x2 is 0 (and no division-by-zero warning on NumPy)."""
    x1 = ops.convert_to_tensor(x1)
    x2 = ops.convert_to_tensor(x2)
    zero = ops.equal(x2, 0)
    return ops.where(zero, ops.zeros_like(x1 * x2), x1 / ops.where(zero, ops.ones_like(x2), x2))


def l2_normalize(x, axis=-1):
    """x / max(||x||, epsilon) along `axis`, written as Keras's x * min(rsqrt(sum x^2), 1/eps)."""
    inv_norm = ops.rsqrt(ops.sum(ops.square(x), axis=axis, keepdims=True))
    return x * ops.minimum(inv_norm, 1.0 / epsilon())


def in_top_k(targets, predictions, k):
    """Whether each target's prediction ranks within the k largest of its row (ties count for
    the target; a NaN prediction at the target never does)."""
    at_target = ops.take_along_axis(
        predictions, ops.expand_dims(ops.cast(targets, "int32"), -1), axis=-1)
    at_target = ops.where(ops.isnan(at_target), float("-inf"), at_target)
    rank = 1 + ops.sum(ops.cast(ops.greater(predictions, at_target), "int32"), axis=-1)
    return ops.less_equal(rank, k)


def check_int(metric, arg, value, minimum=1):
    """A ValueError naming the metric unless `value` is an int >= minimum."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(
            f"{metric}: argument `{arg}` must be an integer >= {minimum}; received "
            f"{arg}={value!r}.")


def check_shape_rank(metric, y_true, y_pred, rank=2):
    """A ValueError naming the metric unless both inputs have the given rank."""
    if len(y_true.shape) != rank or len(y_pred.shape) != rank:
        raise ValueError(
            f"{metric} expects {rank}D inputs with shape (batch_size, output_dim). Received "
            f"input shapes: y_pred.shape={tuple(y_pred.shape)} and "
            f"y_true.shape={tuple(y_true.shape)}.")
