"""nn ops for the NumPy backend: activations, softmax, normalization statistics, cross-entropies and
dot-product attention.

Each op is a fused primitive (a NumPy forward and its VJP), so it is numerically stable and fast on
the tape: softmax and the cross-entropies never form exp() of large numbers, and attention pulls
back through its three stages (logits, softmax, weighted sum) without recomputation. Arguments come
validated from kerasish.ops (axes canonical, shapes compatible).
"""
import math

import numpy as np

from kerasish.backend import config, dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive, unbox
from kerasish.backends.numpy.core import cast, convert_to_tensor
# Plain-NumPy forwards (on unwrapped arrays) of the elementwise family, reused inside primitives.
from kerasish.backends.numpy.elementwise import _erf as _erf_values, _sigmoid as _sigmoid_values

__all__ = [
    "relu", "relu6", "gelu", "silu", "elu", "selu", "leaky_relu", "softplus", "softsign",
    "hard_sigmoid", "hard_silu", "log_sigmoid", "softmax", "log_softmax", "moments",
    "batch_normalization", "binary_crossentropy", "categorical_crossentropy",
    "sparse_categorical_crossentropy", "dot_product_attention",
]


def _float_tensor(x):
    """`x` as a tensor of its float result dtype (ints and bools become floatx)."""
    x = convert_to_tensor(x)
    return cast(x, dtypes.float_result(x.dtype))


def _promote_float(*xs):
    """The arguments as tensors of their common float dtype."""
    xs = [convert_to_tensor(x) for x in xs]
    dtype = dtypes.float_result(dtypes.result_type(*xs))
    return [cast(x, dtype) for x in xs]


# ---- Plain-NumPy helpers (on unwrapped arrays, inside primitives) --------------------------------

def _softplus_values(x):
    return np.logaddexp(x, np.zeros((), x.dtype))


def _keepdims(g, axis, ndim):
    """A cotangent of a reduction over `axis` reshaped to broadcast against the input."""
    if axis is None:
        return np.reshape(g, (1,) * ndim)
    return np.expand_dims(g, axis)


# ---- Activations -----------------------------------------------------------------------------------

@primitive
def _relu(x):
    return np.maximum(x, np.zeros((), x.dtype))


defvjp(_relu, lambda g, ans, x: g * (x > 0))


def relu(x):
    x = convert_to_tensor(x)
    if x.dtype == np.bool_:
        x = cast(x, "int32")  # as Keras: relu keeps int dtypes, bools become int32
    return _relu(x)


@primitive
def _relu6(x):
    return np.clip(x, 0, 6).astype(x.dtype, copy=False)


defvjp(_relu6, lambda g, ans, x: g * ((x > 0) & (x < 6)))


def relu6(x):
    return _relu6(_float_tensor(x))


_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)


@primitive
def _gelu_tanh(x):
    # The tanh approximation of x * Phi(x) (Keras's default, approximate=True).
    return (0.5 * x * (1 + np.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x ** 3)))).astype(x.dtype, copy=False)


def _gelu_tanh_vjp(g, ans, x):
    t = np.tanh(_SQRT_2_OVER_PI * (x + 0.044715 * x ** 3))
    return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * _SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x))


defvjp(_gelu_tanh, _gelu_tanh_vjp)


@primitive
def _gelu_erf(x):
    # Exact: x * Phi(x), Phi the standard normal CDF.
    return (x * (1 + _erf_values(x / math.sqrt(2))) / 2).astype(x.dtype, copy=False)


def _gelu_erf_vjp(g, ans, x):
    cdf = (1 + _erf_values(x / math.sqrt(2))) / 2
    pdf = np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
    return g * (cdf + x * pdf)


defvjp(_gelu_erf, _gelu_erf_vjp)


def gelu(x, approximate=True):
    x = _float_tensor(x)
    return _gelu_tanh(x) if approximate else _gelu_erf(x)


@primitive
def _silu(x):
    return x * _sigmoid_values(x)


def _silu_vjp(g, ans, x):
    s = _sigmoid_values(x)
    return g * (s * (1 + x * (1 - s)))


defvjp(_silu, _silu_vjp)


def silu(x):
    return _silu(_float_tensor(x))


@primitive
def _elu(x, alpha, scale):
    # scale * (x if x > 0 else alpha * (e^x - 1)); selu is elu with fixed alpha and scale.
    negative = alpha * np.expm1(np.minimum(x, 0))
    return (scale * np.where(x > 0, x, negative)).astype(x.dtype, copy=False)


defvjp(_elu, lambda g, ans, x, alpha, scale: g * scale * np.where(x > 0, 1, alpha * np.exp(np.minimum(x, 0))))


def elu(x, alpha=1.0):
    return _elu(_float_tensor(x), alpha, 1.0)


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def selu(x):
    return _elu(_float_tensor(x), _SELU_ALPHA, _SELU_SCALE)


@primitive
def _leaky_relu(x, negative_slope):
    return np.where(x >= 0, x, negative_slope * x).astype(x.dtype, copy=False)


defvjp(_leaky_relu, lambda g, ans, x, negative_slope: g * np.where(x >= 0, 1, negative_slope))


def leaky_relu(x, negative_slope=0.2):
    return _leaky_relu(_float_tensor(x), negative_slope)


@primitive
def _softplus(x):
    return _softplus_values(x)


defvjp(_softplus, lambda g, ans, x: g * _sigmoid_values(x))


def softplus(x):
    return _softplus(_float_tensor(x))


@primitive
def _softsign(x):
    return x / (np.abs(x) + 1)


defvjp(_softsign, lambda g, ans, x: g / (np.abs(x) + 1) ** 2)


def softsign(x):
    return _softsign(_float_tensor(x))


@primitive
def _hard_sigmoid(x):
    return (np.clip(x + 3, 0, 6) / 6).astype(x.dtype, copy=False)


defvjp(_hard_sigmoid, lambda g, ans, x: g * ((x > -3) & (x < 3)) / 6)


def hard_sigmoid(x):
    return _hard_sigmoid(_float_tensor(x))


@primitive
def _hard_silu(x):
    return (x * np.clip(x + 3, 0, 6) / 6).astype(x.dtype, copy=False)


defvjp(_hard_silu, lambda g, ans, x: g * (np.clip(x + 3, 0, 6) / 6 + x * ((x > -3) & (x < 3)) / 6))


def hard_silu(x):
    return _hard_silu(_float_tensor(x))


@primitive
def _log_sigmoid(x):
    return -_softplus_values(-x)


defvjp(_log_sigmoid, lambda g, ans, x: g * _sigmoid_values(-x))


def log_sigmoid(x):
    return _log_sigmoid(_float_tensor(x))


# ---- Softmax ---------------------------------------------------------------------------------------

def _log_softmax_values(x, axis):
    shifted = x - np.max(x, axis=axis, keepdims=True)  # the largest entry becomes 0: no overflow
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


@primitive
def _softmax(x, axis):
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


# d softmax: J = diag(s) - s s^T, so J^T g = s * (g - <g, s>).
defvjp(_softmax, lambda g, ans, x, axis: ans * (g - np.sum(g * ans, axis=axis, keepdims=True)))


@primitive
def _log_softmax(x, axis):
    return _log_softmax_values(x, axis)


# d log_softmax: J = I - 1 s^T, so J^T g = g - s * sum(g).
defvjp(_log_softmax, lambda g, ans, x, axis: g - np.exp(ans) * np.sum(g, axis=axis, keepdims=True))


def _softmax_axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def softmax(x, axis=-1):
    return _softmax(_float_tensor(x), _softmax_axis(axis))


def log_softmax(x, axis=-1):
    return _log_softmax(_float_tensor(x), _softmax_axis(axis))


# ---- Normalization ---------------------------------------------------------------------------------

@primitive
def _mean(x, axes, keepdims):
    return np.mean(x, axis=axes, keepdims=keepdims).astype(x.dtype, copy=False)


def _mean_vjp(g, ans, x, axes, keepdims):
    count = x.size // max(np.size(ans), 1) if x.size else 1
    g = g if keepdims else _keepdims(g, axes, x.ndim)
    return np.broadcast_to(g / count, x.shape)


defvjp(_mean, _mean_vjp)


@primitive
def _variance(x, axes, keepdims):
    centered = x - np.mean(x, axis=axes, keepdims=True)
    return np.mean(centered * centered, axis=axes, keepdims=keepdims).astype(x.dtype, copy=False)


def _variance_vjp(g, ans, x, axes, keepdims):
    count = x.size // max(np.size(ans), 1) if x.size else 1
    g = g if keepdims else _keepdims(g, axes, x.ndim)
    return g * 2 * (x - np.mean(x, axis=axes, keepdims=True)) / count


defvjp(_variance, _variance_vjp)


def moments(x, axes, keepdims=False, synchronized=False):
    # One process holds the whole batch, so `synchronized` changes nothing here.
    x = _float_tensor(x)
    axes = tuple(range(x.ndim)) if axes is None else tuple(a % x.ndim for a in (
        axes if isinstance(axes, (list, tuple)) else (axes,)))
    dtype = x.dtype.name
    if dtype in ("float16", "bfloat16"):
        # As Keras: statistics in float32 (float16's range is too small), clipped back into range.
        x = cast(x, "float32")
    mean, variance = _mean(x, axes, keepdims), _variance(x, axes, keepdims)
    if dtype != x.dtype.name:
        limit = float(np.finfo(np.float16).max)
        mean, variance = (cast(_clip(v, -limit, limit), dtype) for v in (mean, variance))
    return mean, variance


@primitive
def _clip(x, low, high):
    return np.clip(x, low, high).astype(x.dtype, copy=False)


defvjp(_clip, lambda g, ans, x, low, high: g * ((x >= low) & (x <= high)))


def _vector_shape(ndim, axis, length):
    shape = [1] * ndim
    shape[axis] = length
    return tuple(shape)


def _reduce_to_vector(t, axis):
    """Sums `t` over every axis but `axis`: the cotangent of a per-channel vector."""
    return np.sum(t, axis=tuple(i for i in range(t.ndim) if i != axis))


@primitive
def _batch_norm(x, mean, variance, offset, scale, axis, epsilon):
    shape = _vector_shape(x.ndim, axis, x.shape[axis])
    inv = 1 / np.sqrt(variance.reshape(shape) + epsilon)
    if scale is not None:
        inv = inv * scale.reshape(shape)
    # As Keras: x * inv + (offset - mean * inv), one multiply-add per element.
    res = -mean.reshape(shape) * inv
    if offset is not None:
        res = res + offset.reshape(shape)
    return (x * inv + res).astype(x.dtype, copy=False)


def _bn_parts(x, mean, variance, scale, axis, epsilon):
    shape = _vector_shape(x.ndim, axis, x.shape[axis])
    rstd = 1 / np.sqrt(variance.reshape(shape) + epsilon)
    gamma = 1 if scale is None else scale.reshape(shape)
    return x - mean.reshape(shape), rstd, gamma


def _bn_x_vjp(g, ans, x, mean, variance, offset, scale, axis, epsilon):
    _, rstd, gamma = _bn_parts(x, mean, variance, scale, axis, epsilon)
    return g * rstd * gamma


def _bn_mean_vjp(g, ans, x, mean, variance, offset, scale, axis, epsilon):
    _, rstd, gamma = _bn_parts(x, mean, variance, scale, axis, epsilon)
    return -_reduce_to_vector(g * rstd * gamma, axis)


def _bn_variance_vjp(g, ans, x, mean, variance, offset, scale, axis, epsilon):
    # d/dv of (x - m) * gamma * (v + eps)^(-1/2) is -(x - m) * gamma * (v + eps)^(-3/2) / 2.
    centered, rstd, gamma = _bn_parts(x, mean, variance, scale, axis, epsilon)
    return _reduce_to_vector(g * centered * gamma * -0.5 * rstd ** 3, axis)


def _bn_offset_vjp(g, ans, x, mean, variance, offset, scale, axis, epsilon):
    return _reduce_to_vector(g, axis)


def _bn_scale_vjp(g, ans, x, mean, variance, offset, scale, axis, epsilon):
    centered, rstd, _ = _bn_parts(x, mean, variance, scale, axis, epsilon)
    return _reduce_to_vector(g * centered * rstd, axis)


defvjp(_batch_norm, _bn_x_vjp, _bn_mean_vjp, _bn_variance_vjp, _bn_offset_vjp, _bn_scale_vjp)


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    given = [v for v in (x, mean, variance, offset, scale) if v is not None]
    promoted = iter(_promote_float(*given))
    x, mean, variance = next(promoted), next(promoted), next(promoted)
    offset = None if offset is None else next(promoted)
    scale = None if scale is None else next(promoted)
    return _batch_norm(x, mean, variance, offset, scale, axis % x.ndim, epsilon)


# ---- Cross-entropies -------------------------------------------------------------------------------

@primitive
def _binary_crossentropy_logits(target, output):
    # -t log(sigmoid(o)) - (1 - t) log(sigmoid(-o)) = t softplus(-o) + (1 - t) softplus(o).
    return target * _softplus_values(-output) + (1 - target) * _softplus_values(output)


defvjp(_binary_crossentropy_logits,
       lambda g, ans, target, output: g * -output,
       lambda g, ans, target, output: g * (_sigmoid_values(output) - target))


@primitive
def _binary_crossentropy_probs(target, output, epsilon):
    p = np.clip(output, epsilon, 1 - epsilon)
    return -(target * np.log(p) + (1 - target) * np.log(1 - p))


def _bce_output_vjp(g, ans, target, output, epsilon):
    p = np.clip(output, epsilon, 1 - epsilon)
    inside = (output >= epsilon) & (output <= 1 - epsilon)  # clip passes no gradient outside
    return g * inside * ((1 - target) / (1 - p) - target / p)


def _bce_target_vjp(g, ans, target, output, epsilon):
    p = np.clip(output, epsilon, 1 - epsilon)
    return g * (np.log(1 - p) - np.log(p))


defvjp(_binary_crossentropy_probs, _bce_target_vjp, _bce_output_vjp)


def binary_crossentropy(target, output, from_logits=False):
    target, output = _promote_float(target, output)
    if from_logits:
        return _binary_crossentropy_logits(target, output)
    return _binary_crossentropy_probs(target, output, config.epsilon())


@primitive
def _categorical_crossentropy_logits(target, output, axis):
    return -np.sum(target * _log_softmax_values(output, axis), axis=axis)


def _cce_logits_output_vjp(g, ans, target, output, axis):
    # d/do of -sum(t * log_softmax(o)) is softmax(o) * sum(t) - t.
    g = np.expand_dims(g, axis)
    probs = np.exp(_log_softmax_values(output, axis))
    return g * (probs * np.sum(target, axis=axis, keepdims=True) - target)


defvjp(_categorical_crossentropy_logits,
       lambda g, ans, target, output, axis: -np.expand_dims(g, axis) * _log_softmax_values(output, axis),
       _cce_logits_output_vjp)


def _normalized_clipped(output, axis, epsilon):
    """As Keras: the probabilities rescaled to sum to 1, then clipped to [eps, 1 - eps]."""
    total = np.sum(output, axis=axis, keepdims=True)
    q = output / total
    return q, total, np.clip(q, epsilon, 1 - epsilon)


@primitive
def _categorical_crossentropy_probs(target, output, axis, epsilon):
    _, _, p = _normalized_clipped(output, axis, epsilon)
    return -np.sum(target * np.log(p), axis=axis)


def _cce_probs_output_vjp(g, ans, target, output, axis, epsilon):
    q, total, p = _normalized_clipped(output, axis, epsilon)
    # Cotangent of q (clip passes none outside its range), then through q = o / sum(o):
    # dL/do_j = (dL/dq_j - sum_i dL/dq_i q_i) / sum(o).
    dq = -np.expand_dims(g, axis) * target / p * ((q >= epsilon) & (q <= 1 - epsilon))
    return (dq - np.sum(dq * q, axis=axis, keepdims=True)) / total


defvjp(_categorical_crossentropy_probs,
       lambda g, ans, target, output, axis, epsilon:
           -np.expand_dims(g, axis) * np.log(_normalized_clipped(output, axis, epsilon)[2]),
       _cce_probs_output_vjp)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _promote_float(target, output)
    axis = axis % output.ndim
    if from_logits:
        return _categorical_crossentropy_logits(target, output, axis)
    return _categorical_crossentropy_probs(target, output, axis, config.epsilon())


def _one_hot_along(labels, num_classes, axis, dtype):
    """One-hot rows of `labels` inserted at `axis`; labels outside [0, num_classes) give zeros."""
    classes = np.arange(num_classes).reshape(_vector_shape(labels.ndim + 1, axis, num_classes))
    return (np.expand_dims(labels, axis) == classes).astype(dtype)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float_tensor(output)
    axis = axis % output.ndim
    labels = np.asarray(unbox(target)).astype(np.int32)  # labels are never differentiated
    if labels.ndim == output.ndim and labels.shape[-1] == 1:
        labels = labels[..., 0]
    target = _one_hot_along(labels, output.shape[axis], axis, output.dtype)
    if from_logits:
        return _categorical_crossentropy_logits(target, output, axis)
    return _categorical_crossentropy_probs(target, output, axis, config.epsilon())


# ---- Attention -------------------------------------------------------------------------------------

def _group(kv, num_heads):
    """Key/value heads repeated so each of the `num_heads` query heads has its own (GQA, MQA)."""
    return np.repeat(kv, num_heads // kv.shape[2], axis=2)


def _ungroup(g, kv_heads):
    """The cotangent of `_group`: each key/value head collects its query heads' cotangents."""
    b, s, n, h = g.shape
    return g.reshape(b, s, kv_heads, n // kv_heads, h).sum(axis=3)


def _large_negative(dtype):
    # As JAX: -0.7 * the dtype's max (at most float32's), so masked logits stay finite.
    return -0.7 * min(float(np.finfo(dtype).max), float(np.finfo(np.float32).max))


def _allowed(mask, is_causal, t, s):
    """The combined boolean mask (None if everything is allowed), broadcastable to (B, N, T, S)."""
    allowed = None if mask is None else mask.astype(bool)
    if is_causal:
        causal = np.tril(np.ones((t, s), dtype=bool))  # query i sees keys 0..i
        allowed = causal if allowed is None else allowed & causal
    return allowed


@primitive
def _attention_logits(query, key, bias, mask, scale, is_causal, logits_dtype):
    """(B, N, T, S) logits: scale * q.k + bias, masked entries set to a large negative number."""
    query, key = query.astype(logits_dtype), _group(key, query.shape[2]).astype(logits_dtype)
    logits = np.einsum("btnh,bsnh->bnts", query, key) * np.asarray(scale, logits_dtype)
    if bias is not None:
        logits = (logits + bias).astype(logits_dtype)
    allowed = _allowed(mask, is_causal, query.shape[1], key.shape[1])
    if allowed is not None:
        logits = np.where(allowed, logits, np.asarray(_large_negative(logits_dtype), logits_dtype))
    return logits


def _logits_cotangent(g, query, key, mask, is_causal):
    allowed = _allowed(mask, is_causal, query.shape[1], key.shape[1])
    return g if allowed is None else np.where(allowed, g, 0)  # masked logits are constants


def _attention_query_vjp(g, ans, query, key, bias, mask, scale, is_causal, logits_dtype):
    g = _logits_cotangent(g, query, key, mask, is_causal)
    return scale * np.einsum("bnts,bsnh->btnh", g, _group(key, query.shape[2]))


def _attention_key_vjp(g, ans, query, key, bias, mask, scale, is_causal, logits_dtype):
    g = _logits_cotangent(g, query, key, mask, is_causal)
    return _ungroup(scale * np.einsum("bnts,btnh->bsnh", g, query), key.shape[2])


def _attention_bias_vjp(g, ans, query, key, bias, mask, scale, is_causal, logits_dtype):
    return _logits_cotangent(g, query, key, mask, is_causal)  # the tape sums it to bias's shape


defvjp(_attention_logits, _attention_query_vjp, _attention_key_vjp, _attention_bias_vjp)


@primitive
def _attention_combine(probs, value):
    """(B, T, N, H) outputs: each query's probability-weighted sum of the values."""
    return np.einsum("bnts,bsnh->btnh", probs, _group(value, probs.shape[1]))


defvjp(_attention_combine,
       lambda g, ans, probs, value: np.einsum("btnh,bsnh->bnts", g, _group(value, probs.shape[1])),
       lambda g, ans, probs, value: _ungroup(np.einsum("bnts,btnh->bsnh", probs, g), value.shape[2]))


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    if flash_attention:
        raise ValueError("dot_product_attention: flash_attention=True is not supported by the numpy "
                         "backend; pass flash_attention=None or False.")
    query, key, value = _promote_float(query, key, value)
    dtype = query.dtype.name
    if bias is not None:
        bias = cast(convert_to_tensor(bias), dtype)
    if mask is not None:
        mask = np.asarray(unbox(mask)).astype(bool)
    if scale is None:
        scale = 1 / math.sqrt(query.shape[-1])
    # As Keras: logits and softmax in at least float32 (half precision has too little range).
    logits_dtype = dtypes.result_type(dtype, "float32")
    logits = _attention_logits(query, key, bias, mask, scale, bool(is_causal), logits_dtype)
    probs = cast(_softmax(logits, -1), dtype)
    return _attention_combine(probs, value)
