"""Neural-network ops (keras.ops.nn): activations, softmax, normalization, cross-entropies and
dot-product attention. (Convolution and pooling live in kerasish/ops/conv.py.)"""
import numbers
import warnings

from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = [
    "relu", "relu6", "gelu", "silu", "swish", "elu", "selu", "leaky_relu", "softplus", "softsign",
    "hard_sigmoid", "hard_silu", "hard_swish", "log_sigmoid", "softmax", "log_softmax", "moments",
    "batch_normalization", "binary_crossentropy", "categorical_crossentropy",
    "sparse_categorical_crossentropy", "dot_product_attention",
]


def _number(op, value, arg):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{op}: `{arg}` must be a number; received {value!r} of type {type(value).__name__}.")
    return float(value)


def _flag(op, value, arg):
    if not isinstance(value, (bool, int)) and type(value).__name__ != "bool_":
        raise TypeError(f"{op}: `{arg}` must be a bool; received {value!r} of type {type(value).__name__}.")
    return bool(value)


# ---- Activations -----------------------------------------------------------------------------------

def relu(x):
    """Rectified linear unit, `max(x, 0)` (int dtypes are kept)."""
    return dispatch("relu", x)


def relu6(x):
    """`min(max(x, 0), 6)`."""
    return dispatch("relu6", x)


def gelu(x, approximate=True):
    """Gaussian error linear unit `x * Phi(x)`; the tanh approximation unless `approximate=False`."""
    return dispatch("gelu", x, approximate=_flag("gelu", approximate, "approximate"))


def silu(x):
    """Sigmoid linear unit (swish), `x * sigmoid(x)`."""
    return dispatch("silu", x)


def swish(x):
    """Alias of `silu`."""
    return silu(x)


def elu(x, alpha=1.0):
    """Exponential linear unit: `x` if `x > 0` else `alpha * (exp(x) - 1)`."""
    return dispatch("elu", x, alpha=_number("elu", alpha, "alpha"))


def selu(x):
    """Scaled exponential linear unit (the self-normalizing constants of Klambauer et al., 2017)."""
    return dispatch("selu", x)


def leaky_relu(x, negative_slope=0.2):
    """`x` if `x >= 0` else `negative_slope * x`."""
    return dispatch("leaky_relu", x, negative_slope=_number("leaky_relu", negative_slope, "negative_slope"))


def softplus(x):
    """`log(1 + exp(x))`, computed stably."""
    return dispatch("softplus", x)


def softsign(x):
    """`x / (1 + |x|)`."""
    return dispatch("softsign", x)


def hard_sigmoid(x):
    """The piecewise-linear sigmoid `relu6(x + 3) / 6`."""
    return dispatch("hard_sigmoid", x)


def hard_silu(x):
    """`x * hard_sigmoid(x)` (hard swish)."""
    return dispatch("hard_silu", x)


def hard_swish(x):
    """Alias of `hard_silu`."""
    return hard_silu(x)


def log_sigmoid(x):
    """`log(sigmoid(x))`, computed stably."""
    return dispatch("log_sigmoid", x)


def _softmax_axis(op, x, axis):
    ndim = checks.ndim_of(x)
    if axis is None:
        return None
    if isinstance(axis, (tuple, list)):
        return checks.canonical_axes(op, axis, ndim)
    axis = checks.canonical_axis(op, axis, ndim)
    if checks.shape_of(x)[axis] == 1:
        warnings.warn(
            f"{op}: the softmax axis {axis} of `x` with shape {checks.shape_of(x)} has size 1, so the "
            f"result is constant; did you mean a sigmoid?", stacklevel=3)
    return axis


def softmax(x, axis=-1):
    """`exp(x) / sum(exp(x))` along `axis` (an int, a tuple of ints, or None for all axes)."""
    return dispatch("softmax", x, axis=_softmax_axis("softmax", x, axis))


def log_softmax(x, axis=-1):
    """`x - logsumexp(x)` along `axis`, computed stably."""
    return dispatch("log_softmax", x, axis=_softmax_axis("log_softmax", x, axis))


# ---- Normalization ---------------------------------------------------------------------------------

def moments(x, axes, keepdims=False, synchronized=False):
    """(mean, variance) of `x` over `axes`. Half-precision inputs are reduced in float32."""
    axes = checks.canonical_axes("moments", axes, checks.ndim_of(x), arg="axes")
    return dispatch("moments", x, axes, keepdims=bool(keepdims), synchronized=bool(synchronized))


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    """`(x - mean) / sqrt(variance + epsilon) * scale + offset`, the vectors laid along `axis`."""
    op = "batch_normalization"
    shape = checks.shape_of(x)
    axis = checks.canonical_axis(op, axis, len(shape))
    expected = (shape[axis],)
    for name, value in (("mean", mean), ("variance", variance), ("offset", offset), ("scale", scale)):
        if value is None:
            continue
        got = checks.shape_of(value)
        if len(got) != 1 or (got[0] is not None and expected[0] is not None and got[0] != expected[0]):
            raise ValueError(
                f"{op}: `{name}` must be a vector of length x.shape[axis] ({expected[0]}, axis={axis} of "
                f"x with shape {shape}); received shape {got}.")
    epsilon = _number(op, epsilon, "epsilon")
    return dispatch(op, x, mean, variance, axis, offset=offset, scale=scale, epsilon=epsilon)


# ---- Cross-entropies -------------------------------------------------------------------------------

def _same_shape(op, target, output):
    t, o = checks.shape_of(target), checks.shape_of(output)
    if len(t) != len(o) or any(a is not None and b is not None and a != b for a, b in zip(t, o)):
        raise ValueError(
            f"{op}: `target` and `output` must have the same shape; received target.shape={t}, "
            f"output.shape={o}.")
    return o


def binary_crossentropy(target, output, from_logits=False):
    """Elementwise binary cross-entropy. Probabilities are clipped to [epsilon, 1 - epsilon]; with
    `from_logits=True`, `output` holds logits and a stable log-sigmoid form is used."""
    _same_shape("binary_crossentropy", target, output)
    return dispatch("binary_crossentropy", target, output, from_logits=bool(from_logits))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Cross-entropy between one-hot (or soft) `target` and `output` along `axis`. Probabilities are
    rescaled to sum to 1 and clipped to [epsilon, 1 - epsilon]; logits use a fused log-softmax."""
    op = "categorical_crossentropy"
    shape = _same_shape(op, target, output)
    if not shape:
        raise ValueError(f"{op}: `target` and `output` must have at least 1 dimension; received scalars.")
    axis = checks.canonical_axis(op, axis, len(shape), name="output")
    return dispatch(op, target, output, from_logits=bool(from_logits), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Categorical cross-entropy with integer class labels `target` (the shape of `output` without
    `axis`, optionally with a trailing 1). Labels outside [0, classes) give a loss of 0, as in Keras."""
    op = "sparse_categorical_crossentropy"
    o = checks.shape_of(output)
    if not o:
        raise ValueError(f"{op}: `output` must have at least 1 dimension (the classes); received a scalar.")
    axis = checks.canonical_axis(op, axis, len(o), name="output")
    t = checks.shape_of(target)
    expected = o[:axis] + o[axis + 1:]
    squeezed = t[:-1] if len(t) == len(o) and t and t[-1] == 1 else t
    if len(squeezed) != len(expected) or any(
            a is not None and b is not None and a != b for a, b in zip(squeezed, expected)):
        raise ValueError(
            f"{op}: `target` must have the shape of `output` without the class axis {axis}, i.e. "
            f"{expected} (or {expected + (1,)}); received target.shape={t}, output.shape={o}.")
    return dispatch(op, target, output, from_logits=bool(from_logits), axis=axis)


# ---- Attention -------------------------------------------------------------------------------------

def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    """`softmax(scale * query . key + bias, masked) . value` with shapes (batch, time, heads, dim);
    `key`/`value` may have fewer heads than `query` (grouped-query attention) if they divide it."""
    op = "dot_product_attention"
    shapes = {}
    for name, tensor in (("query", query), ("key", key), ("value", value)):
        checks.rank_is(op, tensor, 4, name=name, what=" (batch, time, heads, head_dim)")
        shapes[name] = checks.shape_of(tensor)
    q, k, v = shapes["query"], shapes["key"], shapes["value"]
    what = f" (query.shape={q}, key.shape={k}, value.shape={v})"
    checks.dims_match(op, "query's batch size", q[0], "key's batch size", k[0], what)
    checks.dims_match(op, "key's batch size", k[0], "value's batch size", v[0], what)
    checks.dims_match(op, "key's time steps", k[1], "value's time steps", v[1], what)
    checks.dims_match(op, "key's heads", k[2], "value's heads", v[2], what)
    checks.dims_match(op, "query's head_dim", q[3], "key's head_dim", k[3], what)
    if q[2] is not None and k[2] is not None and (k[2] == 0 or q[2] % k[2]):
        raise ValueError(
            f"{op}: the number of query heads ({q[2]}) must be a multiple of the number of key/value "
            f"heads ({k[2]}){what}.")
    logits_shape = (q[0], q[2], q[1], k[1])  # (B, N, T, S)
    for name, extra in (("bias", bias), ("mask", mask)):
        if extra is None:
            continue
        s = checks.shape_of(extra)
        fits = len(s) <= 4 and all(
            a is None or b is None or a in (1, b) for a, b in zip(reversed(s), reversed(logits_shape)))
        if not fits:
            raise ValueError(
                f"{op}: `{name}` must broadcast to the logits' shape (batch, heads, query_time, "
                f"key_time) = {logits_shape}; received {name}.shape={s}.")
    if scale is not None:
        scale = _number(op, scale, "scale")
    if attn_logits_soft_cap is not None:
        raise ValueError(
            f"{op}: attn_logits_soft_cap is only supported by Keras's JAX backend on TPU; "
            f"pass attn_logits_soft_cap=None.")
    return dispatch(op, query, key, value, bias=bias, mask=mask, scale=scale,
                    is_causal=_flag(op, is_causal, "is_causal"),
                    flash_attention=None if flash_attention is None else bool(flash_attention))
