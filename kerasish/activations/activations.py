"""The activation functions of keras.activations, built from kerasish.ops.

Each function has Keras 3's signature and defaults; being compositions of kerasish.ops, they run
(and differentiate) on every backend.
"""
from kerasish import ops
from kerasish.ops import checks

__all__ = [
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
    "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish", "relu",
    "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign",
    "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink",
    "threshold",
]


def relu(x, negative_slope=0.0, max_value=None, threshold=0.0):
    """max(x, 0), with an optional slope below `threshold` and a ceiling `max_value`."""
    x = ops.convert_to_tensor(x)
    if negative_slope != 0.0 and max_value is None and threshold == 0:
        return ops.leaky_relu(x, negative_slope=negative_slope)
    if negative_slope != 0.0:
        # What lies below the threshold, as a positive amount, scaled and subtracted at the end.
        negative_part = ops.relu(ops.add(ops.negative(x), threshold) if threshold != 0 else ops.negative(x))
    if threshold != 0:
        x = ops.where(ops.greater(x, threshold), x, ops.zeros_like(x))
    else:
        x = ops.relu(x)
    if max_value is not None:
        x = ops.clip(x, ops.cast(0.0, x.dtype), ops.cast(max_value, x.dtype))
    if negative_slope != 0.0:
        x = ops.subtract(x, ops.multiply(negative_slope, negative_part))
    return x


def leaky_relu(x, negative_slope=0.2):
    """x if x > 0, else negative_slope * x."""
    return ops.leaky_relu(x, negative_slope=negative_slope)


def relu6(x):
    """min(max(x, 0), 6)."""
    return ops.relu6(x)


def softmax(x, axis=-1):
    """exp(x) / sum(exp(x)) along `axis`."""
    return ops.softmax(x, axis=axis)


def elu(x, alpha=1.0):
    """x if x > 0, else alpha * (exp(x) - 1)."""
    return ops.elu(x, alpha=alpha)


def selu(x):
    """scale * elu(x, alpha), with SELU's fixed alpha and scale."""
    return ops.selu(x)


def softplus(x):
    """log(exp(x) + 1)."""
    return ops.softplus(x)


def softsign(x):
    """x / (abs(x) + 1)."""
    return ops.softsign(x)


def soft_shrink(x, threshold=0.5):
    """x - threshold above threshold, x + threshold below -threshold, 0 between."""
    x = ops.convert_to_tensor(x)
    zero = ops.zeros_like(x)
    return ops.where(ops.greater(x, threshold), ops.subtract(x, threshold),
                     ops.where(ops.less(x, -threshold), ops.add(x, threshold), zero))


def sparse_plus(x):
    """0 for x <= -1, (x + 1)**2 / 4 for -1 < x < 1, x for x >= 1."""
    x = ops.convert_to_tensor(x)
    middle = ops.multiply(0.25, ops.square(ops.add(x, 1.0)))
    return ops.where(ops.less_equal(x, -1.0), ops.zeros_like(x),
                     ops.where(ops.less(x, 1.0), middle, x))


def silu(x):
    """x * sigmoid(x) (also named swish)."""
    return ops.silu(x)


swish = silu


def squareplus(x, b=4):
    """(x + sqrt(x**2 + b)) / 2."""
    x = ops.convert_to_tensor(x)
    return ops.divide(ops.add(x, ops.sqrt(ops.add(ops.square(x), b))), 2.0)


def gelu(x, approximate=False):
    """x * P(X <= x) for X ~ N(0, 1); exact by default (ops.gelu defaults to the tanh approximation)."""
    return ops.gelu(x, approximate=approximate)


def celu(x, alpha=1.0):
    """x for x >= 0, alpha * (exp(x / alpha) - 1) below."""
    x = ops.convert_to_tensor(x)
    negative = ops.multiply(alpha, ops.expm1(ops.divide(ops.minimum(x, 0.0), alpha)))
    return ops.where(ops.greater(x, 0.0), x, negative)


def glu(x, axis=-1):
    """a * sigmoid(b), where `x` splits into halves a and b along `axis`."""
    x = ops.convert_to_tensor(x)
    axis = checks.canonical_axis("glu", axis, len(x.shape))
    if x.shape[axis] % 2:
        raise ValueError(
            f"glu: the size of axis {axis} must be even, to split it into two halves; received "
            f"x of shape {tuple(x.shape)}.")
    a, b = ops.split(x, 2, axis=axis)
    return ops.multiply(a, ops.sigmoid(b))


def tanh(x):
    """Hyperbolic tangent."""
    return ops.tanh(x)


def tanh_shrink(x):
    """x - tanh(x)."""
    x = ops.convert_to_tensor(x)
    return ops.subtract(x, ops.tanh(x))


def hard_tanh(x):
    """-1 below -1, x in [-1, 1], 1 above."""
    x = ops.convert_to_tensor(x)
    return ops.clip(x, ops.cast(-1.0, x.dtype), ops.cast(1.0, x.dtype))


def hard_shrink(x, threshold=0.5):
    """x where abs(x) > threshold, else 0."""
    x = ops.convert_to_tensor(x)
    return ops.where(ops.greater(ops.abs(x), threshold), x, ops.zeros_like(x))


def threshold(x, threshold, default_value):
    """x where x > threshold, else default_value."""
    x = ops.convert_to_tensor(x)
    return ops.where(ops.greater(x, threshold), x, ops.full_like(x, default_value))


def sigmoid(x):
    """1 / (1 + exp(-x))."""
    return ops.sigmoid(x)


def exponential(x):
    """exp(x)."""
    return ops.exp(x)


def hard_sigmoid(x):
    """0 below -3, 1 above 3, x / 6 + 0.5 between."""
    return ops.hard_sigmoid(x)


def log_sigmoid(x):
    """log(sigmoid(x)), computed stably."""
    return ops.log_sigmoid(x)


def sparse_sigmoid(x):
    """0 for x <= -1, (x + 1) / 2 for -1 < x < 1, 1 for x >= 1."""
    x = ops.convert_to_tensor(x)
    return ops.multiply(0.5, ops.clip(ops.add(x, 1.0), ops.cast(0.0, x.dtype), ops.cast(2.0, x.dtype)))


def hard_silu(x):
    """x * hard_sigmoid(x) (also named hard_swish)."""
    return ops.hard_silu(x)


hard_swish = hard_silu


def linear(x):
    """The identity: returns `x` unchanged."""
    return x


def mish(x):
    """x * tanh(softplus(x))."""
    x = ops.convert_to_tensor(x)
    return ops.multiply(x, ops.tanh(ops.softplus(x)))


def log_softmax(x, axis=-1):
    """log(softmax(x)) along `axis`, computed stably."""
    return ops.log_softmax(x, axis=axis)


def sparsemax(x, axis=-1):
    """The Euclidean projection of `x` onto the probability simplex along `axis`:
    max(x - tau, 0), with tau chosen so that each slice sums to 1 (Martins et al., 2016)."""
    x = ops.convert_to_tensor(x)
    axis = checks.canonical_axis("sparsemax", axis, len(x.shape))
    z = ops.negative(ops.sort(ops.negative(x), axis=axis))  # sorted in descending order
    cumsum = ops.cumsum(z, axis=axis)
    n = x.shape[axis]
    r_shape = [1] * len(x.shape)
    r_shape[axis] = n
    r = ops.reshape(ops.arange(1, n + 1, dtype=x.dtype), r_shape)
    # The support is the prefix of the sorted values with 1 + r * z_r > sum_{j<=r} z_j.
    support = ops.greater(ops.subtract(z, ops.divide(ops.subtract(cumsum, 1.0), r)), 0.0)
    k = ops.sum(ops.cast(support, x.dtype), axis=axis, keepdims=True)
    # tau = (sum of the k largest values - 1) / k.
    top_sum = ops.sum(ops.where(support, z, ops.zeros_like(z)), axis=axis, keepdims=True)
    tau = ops.divide(ops.subtract(top_sum, 1.0), k)
    return ops.maximum(ops.subtract(x, tau), ops.cast(0.0, x.dtype))
