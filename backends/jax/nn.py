"""nn ops for the JAX backend: activations, softmax, normalization statistics, cross-entropies and
dot-product attention, thin over jax.nn and jnp (arguments come validated from kerasish.ops)."""
import math

import jax
import jax.numpy as jnp

from kerasish.backend import config, dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor

__all__ = [
    "relu", "relu6", "gelu", "silu", "elu", "selu", "leaky_relu", "softplus", "softsign",
    "hard_sigmoid", "hard_silu", "log_sigmoid", "softmax", "log_softmax", "moments",
    "batch_normalization", "binary_crossentropy", "categorical_crossentropy",
    "sparse_categorical_crossentropy", "dot_product_attention",
]


def _float_tensor(x):
    x = convert_to_tensor(x)
    return cast(x, dtypes.float_result(x.dtype))


def _promote_float(*xs):
    xs = [convert_to_tensor(x) for x in xs]
    dtype = dtypes.float_result(dtypes.result_type(*xs))
    return [cast(x, dtype) for x in xs]


def relu(x):
    x = convert_to_tensor(x)
    if x.dtype == jnp.bool_:
        x = cast(x, "int32")
    return jax.nn.relu(x)


def relu6(x):
    return jax.nn.relu6(_float_tensor(x))


def gelu(x, approximate=True):
    return jax.nn.gelu(_float_tensor(x), approximate=approximate)


def silu(x):
    return jax.nn.silu(_float_tensor(x))


def elu(x, alpha=1.0):
    return jax.nn.elu(_float_tensor(x), alpha=alpha)


def selu(x):
    return jax.nn.selu(_float_tensor(x))


def leaky_relu(x, negative_slope=0.2):
    return jax.nn.leaky_relu(_float_tensor(x), negative_slope=negative_slope)


def softplus(x):
    return jax.nn.softplus(_float_tensor(x))


def softsign(x):
    return jax.nn.soft_sign(_float_tensor(x))


def hard_sigmoid(x):
    return jax.nn.hard_sigmoid(_float_tensor(x))


def hard_silu(x):
    return jax.nn.hard_silu(_float_tensor(x))


def log_sigmoid(x):
    return jax.nn.log_sigmoid(_float_tensor(x))


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def softmax(x, axis=-1):
    return jax.nn.softmax(_float_tensor(x), axis=_axis(axis))


def log_softmax(x, axis=-1):
    return jax.nn.log_softmax(_float_tensor(x), axis=_axis(axis))


def moments(x, axes, keepdims=False, synchronized=False):
    # Under jit with sharded inputs, XLA reduces over the global batch, so `synchronized` is moot.
    x = _float_tensor(x)
    axes = tuple(range(x.ndim)) if axes is None else tuple(a % x.ndim for a in (
        axes if isinstance(axes, (list, tuple)) else (axes,)))
    dtype = x.dtype
    if dtype in (jnp.float16, jnp.bfloat16):
        x = cast(x, "float32")  # as Keras: float16's range is too small for statistics
    mean = jnp.mean(x, axis=axes, keepdims=keepdims)
    variance = jnp.var(x, axis=axes, keepdims=keepdims)
    if x.dtype != dtype:
        limit = float(jnp.finfo(jnp.float16).max)
        mean = jnp.clip(mean, -limit, limit).astype(dtype)
        variance = jnp.clip(variance, -limit, limit).astype(dtype)
    return mean, variance


def batch_normalization(x, mean, variance, axis, offset=None, scale=None, epsilon=1e-3):
    given = [v for v in (x, mean, variance, offset, scale) if v is not None]
    promoted = iter(_promote_float(*given))
    x, mean, variance = next(promoted), next(promoted), next(promoted)
    offset = None if offset is None else next(promoted)
    scale = None if scale is None else next(promoted)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    inv = jax.lax.rsqrt(jnp.reshape(variance, shape) + epsilon)
    if scale is not None:
        inv = inv * jnp.reshape(scale, shape)
    res = -jnp.reshape(mean, shape) * inv
    if offset is not None:
        res = res + jnp.reshape(offset, shape)
    return x * inv + res


def binary_crossentropy(target, output, from_logits=False):
    target, output = _promote_float(target, output)
    if from_logits:
        return -target * jax.nn.log_sigmoid(output) - (1 - target) * jax.nn.log_sigmoid(-output)
    eps = config.epsilon()
    output = jnp.clip(output, eps, 1 - eps)
    return -(target * jnp.log(output) + (1 - target) * jnp.log(1 - output))


def _log_probs(output, axis, from_logits):
    if from_logits:
        return jax.nn.log_softmax(output, axis=axis)
    # As Keras: rescale the probabilities to sum to 1, then clip them to [eps, 1 - eps].
    eps = config.epsilon()
    output = output / jnp.sum(output, axis=axis, keepdims=True)
    return jnp.log(jnp.clip(output, eps, 1 - eps))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    target, output = _promote_float(target, output)
    return -jnp.sum(target * _log_probs(output, axis, from_logits), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False, axis=-1):
    output = _float_tensor(output)
    axis = axis % output.ndim
    labels = convert_to_tensor(target).astype(jnp.int32)
    if labels.ndim == output.ndim and labels.shape[-1] == 1:
        labels = labels[..., 0]
    # Labels outside [0, classes) give an all-zero one-hot row, hence a loss of 0 (as Keras).
    one_hot = jax.nn.one_hot(labels, output.shape[axis], axis=axis, dtype=output.dtype)
    return -jnp.sum(one_hot * _log_probs(output, axis, from_logits), axis=axis)


def dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
                          flash_attention=None, attn_logits_soft_cap=None):
    query, key, value = _promote_float(query, key, value)
    dtype = query.dtype
    if bias is not None:
        bias = cast(convert_to_tensor(bias), dtype)
    if mask is not None:
        mask = convert_to_tensor(mask).astype(jnp.bool_)
    if flash_attention:
        # A fused kernel (cuDNN on NVIDIA GPUs); it raises where the platform or shapes allow none.
        try:
            return jax.nn.dot_product_attention(
                query, key, value, bias=bias, mask=mask, scale=scale, is_causal=bool(is_causal),
                implementation="cudnn")
        except Exception as e:
            raise ValueError(
                f"dot_product_attention: flash_attention=True, but the cuDNN flash attention kernel "
                f"cannot run here ({type(e).__name__}: {e}). Pass flash_attention=None or False."
            ) from None
    num_heads = query.shape[2]
    groups = num_heads // key.shape[2]  # grouped-query attention: each key/value head serves `groups`
    key = jnp.repeat(key, groups, axis=2)
    value = jnp.repeat(value, groups, axis=2)
    if scale is None:
        scale = 1 / math.sqrt(query.shape[-1])
    # As Keras: logits and softmax in at least float32 (half precision has too little range).
    logits_dtype = dtypes.result_type(dtype.name, "float32")
    logits = jnp.einsum("btnh,bsnh->bnts", query, key, preferred_element_type=logits_dtype)
    logits = logits * jnp.asarray(scale, logits_dtype)
    if bias is not None:
        logits = (logits + bias).astype(logits_dtype)
    allowed = mask
    if is_causal:
        causal = jnp.tril(jnp.ones((query.shape[1], key.shape[1]), dtype=jnp.bool_))
        allowed = causal if allowed is None else allowed & causal
    if allowed is not None:
        large_negative = -0.7 * min(float(jnp.finfo(logits_dtype).max), float(jnp.finfo(jnp.float32).max))
        logits = jnp.where(allowed, logits, jnp.asarray(large_negative, logits_dtype))
    probs = jax.nn.softmax(logits, axis=-1).astype(dtype)
    return jnp.einsum("bnts,bsnh->btnh", probs, value)
