"""Pieces shared by MultiHeadAttention and GroupedQueryAttention: the einsum equations of the
projections and of the attention product, the masks, and a masked softmax as keras.layers.Softmax
computes it."""
import string

from kerasish import ops

_LETTERS = string.ascii_lowercase


def projection_equation(free_dims, bound_dims, output_dims):
    """(equation, bias axes, output rank) of a projection that keeps `free_dims` leading axes,
    contracts the next `bound_dims` and adds `output_dims` new ones, e.g. (2, 1, 2) gives
    "abc,cde->abde" with bias over "de"."""
    free = _LETTERS[:free_dims]
    bound = _LETTERS[free_dims:free_dims + bound_dims]
    new = _LETTERS[free_dims + bound_dims:free_dims + bound_dims + output_dims]
    return f"{free}{bound},{bound}{new}->{free}{new}", new, free_dims + output_dims


def attention_equations(rank, attention_axes):
    """(scores equation, combine equation, scores rank) for projected tensors of `rank` axes
    (batch, attention and other axes..., heads, head_dim), attending over `attention_axes`.

    The key gets fresh letters on the attention axes; the scores are laid out as
    (batch and other axes..., heads, query attention axes..., key attention axes...)."""
    target = _LETTERS[:rank]
    source = list(target)
    for offset, axis in enumerate(attention_axes):
        source[axis] = _LETTERS[rank + offset]
    source = "".join(source)
    shared = [target[i] for i in range(rank - 1) if i not in attention_axes]
    product = "".join(shared + [target[i] for i in attention_axes] +
                      [source[i] for i in attention_axes])
    return f"{source},{target}->{product}", f"{product},{source}->{target}", len(product)


def causal_mask(query_length, value_length):
    """(1, Tq, Tv) booleans: query step i sees value steps j <= i."""
    rows = ops.expand_dims(ops.arange(query_length), -1)
    cols = ops.expand_dims(ops.arange(value_length), 0)
    return ops.expand_dims(ops.greater_equal(rows, cols), 0)


def sliding_window_mask(query_length, value_length, window):
    """(1, Tq, Tv) booleans: steps closer than `window` to each other."""
    rows = ops.expand_dims(ops.arange(query_length), -1)
    cols = ops.expand_dims(ops.arange(value_length), 0)
    return ops.expand_dims(ops.less(ops.abs(rows - cols), window), 0)


def combined_attention_mask(query, value, query_mask=None, value_mask=None, key_mask=None,
                            attention_mask=None, use_causal_mask=False, sliding_window=None):
    """The (batch, Tq, Tv) boolean mask from the Keras masks of query/value/key, causality, a
    sliding window and an explicit `attention_mask`, or None when nothing masks."""
    parts = []
    if query_mask is not None:
        parts.append(ops.expand_dims(ops.cast(query_mask, "bool"), -1))  # (B, Tq, 1)
    for mask in (value_mask, key_mask):
        if mask is not None:
            parts.append(ops.expand_dims(ops.cast(mask, "bool"), -2))  # (B, 1, Tv)
    tq, tv = ops.shape(query)[1], ops.shape(value)[1]
    if use_causal_mask:
        parts.append(causal_mask(tq, tv))
    if sliding_window is not None:
        parts.append(sliding_window_mask(tq, tv, sliding_window))
    if attention_mask is not None:
        parts.insert(0, ops.cast(attention_mask, "bool"))
    if not parts:
        return None
    mask = parts[0]
    for part in parts[1:]:
        mask = ops.logical_and(mask, part)
    return mask


def masked_softmax(scores, mask, axes):
    """Softmax over `axes`; masked-out entries get -1e9 before and 0 after (a row masked
    entirely gives zeros, as keras.layers.Softmax)."""
    if mask is not None:
        big = -3.0e4 if str(scores.dtype) == "float16" else -1.0e9
        scores = ops.where(mask, scores, big)
    if len(axes) == 1:
        weights = ops.softmax(scores, axis=axes[0])
    else:
        weights = ops.exp(scores - ops.logsumexp(scores, axis=axes, keepdims=True))
    return weights if mask is None else ops.where(mask, weights, 0.0)


def expand_mask(mask, target_rank, axis):
    """`mask` with axes inserted at `axis` (the heads and other axes) until it has target_rank."""
    while len(mask.shape) < target_rank:
        mask = ops.expand_dims(mask, axis)
    return mask
