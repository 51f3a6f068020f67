"""Gradient clipping (clipnorm, global_clipnorm, clipvalue), written with kerasish.ops so that it
runs eagerly and under `jit` / `value_and_grad` alike. Numerics follow Keras 3."""
from kerasish import ops


def clip_by_norm(value, clip_norm):
    """`value` scaled down so that its L2 norm is at most `clip_norm` (unchanged when smaller)."""
    l2sum = ops.sum(ops.square(value), keepdims=True)
    positive = ops.greater(l2sum, 0)
    # sqrt only of positive sums: the "double where" keeps a zero gradient out of sqrt'(0).
    l2norm = ops.where(positive, ops.sqrt(ops.where(positive, l2sum, ops.ones_like(l2sum))), l2sum)
    return ops.divide(ops.multiply(value, clip_norm), ops.maximum(l2norm, clip_norm))


def global_norm(values):
    """The L2 norm of all the tensors in `values` together (None entries are skipped)."""
    squares = [ops.sum(ops.square(v)) for v in values if v is not None]
    return ops.sqrt(ops.sum(ops.stack(squares)))


def clip_by_global_norm(values, clip_norm):
    """`values` scaled together so that their global norm is at most `clip_norm`. A non-finite
    norm makes every value NaN (so a diverging step is visible, as in Keras)."""
    norm = global_norm(values)
    scale = ops.multiply(clip_norm, ops.minimum(ops.divide(1.0, norm), 1.0 / clip_norm))
    scale = ops.add(scale, ops.subtract(norm, norm))  # NaN when the norm is inf or NaN
    return [None if v is None else ops.multiply(v, scale) for v in values]
