"""MultiHeadAttention (as keras.layers.MultiHeadAttention).

query, key and value are projected by EinsumDense sublayers "query", "key", "value" into
(batch, ..., num_heads, dim); each head attends over `attention_axes` (default: every axis
between the batch and the features) with scores scaled by 1/sqrt(key_dim); the heads are merged
by "attention_output" into `output_shape` (default: the query's last size). Masks: the Keras
masks of query, value and key (e.g. from Embedding(mask_zero=True)), `attention_mask`
(batch, Tq, Tv), `use_causal_mask` and `sliding_window` combine into one boolean mask.
"""
import math

from kerasish import constraints, initializers, ops, regularizers
from kerasish.backend.masking import get_keras_mask
from kerasish.layers.attention import attention_math
from kerasish.layers.core.einsum_dense import EinsumDense
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import is_int
from kerasish.layers.regularization.dropout import Dropout, check_rate


def _check_positive(name, value, allow_none=False):
    if (value is None and allow_none) or (is_int(value) and value > 0):
        return value
    raise ValueError(
        f"MultiHeadAttention: argument `{name}` must be a positive integer"
        f"{' or None' if allow_none else ''}; received {name}={value!r}.")


class MultiHeadAttention(Layer):
    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
                 output_shape=None, attention_axes=None, sliding_window=None,
                 flash_attention=None, kernel_initializer="glorot_uniform",
                 bias_initializer="zeros", kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 use_gate=False, seed=None, **kwargs):
        super().__init__(**kwargs)
        self._num_heads = _check_positive("num_heads", num_heads)
        self._key_dim = _check_positive("key_dim", key_dim)
        self._value_dim = _check_positive("value_dim", value_dim, allow_none=True) or key_dim
        self._dropout = check_rate("MultiHeadAttention", dropout, "dropout")
        self._use_bias = use_bias
        self._use_gate = use_gate
        if output_shape:
            output_shape = (output_shape,) if is_int(output_shape) else output_shape
            if not isinstance(output_shape, (list, tuple)) or not all(
                    is_int(d) and d > 0 for d in output_shape):
                raise ValueError(
                    f"MultiHeadAttention: `output_shape` must be a positive int or a tuple/list "
                    f"of them; received output_shape={output_shape!r}.")
            output_shape = tuple(int(d) for d in output_shape)
        self._output_shape = output_shape
        if is_int(attention_axes):
            attention_axes = (attention_axes,)
        elif attention_axes and not isinstance(attention_axes, (list, tuple)):
            raise ValueError(
                f"MultiHeadAttention: `attention_axes` must be an int, list or tuple; received "
                f"attention_axes={attention_axes!r}.")
        self._attention_axes = attention_axes
        self._sliding_window = _check_positive("sliding_window", sliding_window, allow_none=True)
        self._flash_attention = flash_attention
        if flash_attention and self._dropout > 0:
            raise ValueError(
                "MultiHeadAttention: dropout is not supported with flash attention; set "
                "dropout=0.0 or flash_attention=None.")
        self._kernel_initializer = initializers.get(kernel_initializer)
        self._bias_initializer = initializers.get(bias_initializer)
        self._kernel_regularizer = regularizers.get(kernel_regularizer)
        self._bias_regularizer = regularizers.get(bias_regularizer)
        self._activity_regularizer = regularizers.get(activity_regularizer)
        self._kernel_constraint = constraints.get(kernel_constraint)
        self._bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_key_dim = 1.0 / math.sqrt(float(key_dim))
        self.supports_masking = True

    num_heads = property(lambda self: self._num_heads)
    key_dim = property(lambda self: self._key_dim)
    value_dim = property(lambda self: self._value_dim)
    dropout = property(lambda self: self._dropout)
    use_bias = property(lambda self: self._use_bias)
    attention_axes = property(lambda self: self._attention_axes)
    # The projections live under Keras's public names (query_dense...), which is also where
    # Keras's weight files put them; Keras's private names read them too.
    _query_dense = property(lambda self: self.query_dense)
    _key_dense = property(lambda self: self.key_dense)
    _value_dense = property(lambda self: self.value_dense)
    _output_dense = property(lambda self: self.output_dense)

    # -- building ---------------------------------------------------------------------------
    def _projection(self, name, input_rank, last_dims, activation=None):
        equation, bias_axes, output_rank = attention_math.projection_equation(
            input_rank - 1, 1, len(last_dims))
        return EinsumDense(
            equation, output_shape=[None] * (output_rank - 1 - len(last_dims)) + list(last_dims),
            bias_axes=bias_axes if self._use_bias else None, activation=activation, name=name,
            **self._sublayer_kwargs())

    def _sublayer_kwargs(self):
        # Fresh initializer copies per sublayer (same config, so a seeded one repeats).
        return dict(
            kernel_initializer=type(self._kernel_initializer).from_config(
                self._kernel_initializer.get_config()),
            bias_initializer=type(self._bias_initializer).from_config(
                self._bias_initializer.get_config()),
            kernel_regularizer=self._kernel_regularizer, bias_regularizer=self._bias_regularizer,
            activity_regularizer=self._activity_regularizer,
            kernel_constraint=self._kernel_constraint, bias_constraint=self._bias_constraint,
            dtype=self.dtype_policy)

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        self._check_shapes(query_shape, value_shape, key_shape)
        heads = self._num_heads
        self.query_dense = self._projection("query", len(query_shape), [heads, self._key_dim])
        self.query_dense.build(query_shape)
        self.key_dense = self._projection("key", len(key_shape), [heads, self._key_dim])
        self.key_dense.build(key_shape)
        if self._use_gate:
            self._gate_dense = self._projection(
                "gate", len(query_shape), [heads, self._value_dim], activation="sigmoid")
            self._gate_dense.build(query_shape)
        self.value_dense = self._projection("value", len(value_shape), [heads, self._value_dim])
        self.value_dense.build(value_shape)
        self._build_attention(len(query_shape) + 1)
        output_shape = self._output_shape or (query_shape[-1],)
        equation, bias_axes, output_rank = attention_math.projection_equation(
            len(query_shape) - 1, 2, len(output_shape))
        self.output_dense = EinsumDense(
            equation,
            output_shape=[None] * (output_rank - 1 - len(output_shape)) + list(output_shape),
            bias_axes=bias_axes if self._use_bias else None, name="attention_output",
            **self._sublayer_kwargs())
        merged = list(self.query_dense.compute_output_shape(query_shape))
        merged[-1] = self._value_dim
        self.output_dense.build(tuple(merged))
        self.built = True

    def _build_attention(self, rank):
        """The attention equations for projected tensors of `rank` axes."""
        if self._attention_axes is None:
            self._attention_axes = tuple(range(1, rank - 2))
        else:
            axes = tuple(a if a >= 0 else rank - 1 + a for a in self._attention_axes)
            if any(not 1 <= a < rank - 2 for a in axes):
                raise ValueError(
                    f"MultiHeadAttention layer {self.name!r}: attention_axes="
                    f"{self._attention_axes} must name axes between the batch and the last axis "
                    f"of a query of rank {rank - 1}.")
            self._attention_axes = axes
        self._dot_product_equation, self._combine_equation, scores_rank = (
            attention_math.attention_equations(rank, self._attention_axes))
        self._norm_axes = tuple(range(scores_rank - len(self._attention_axes), scores_rank))
        self._dropout_layer = Dropout(rate=self._dropout, seed=self.seed, dtype=self.dtype_policy)

    def _check_shapes(self, query_shape, value_shape, key_shape):
        for name, shape in (("query", query_shape), ("value", value_shape), ("key", key_shape)):
            if len(shape) < 3:
                raise ValueError(
                    f"MultiHeadAttention layer {self.name!r}: `{name}` must have rank 3 or more "
                    f"(batch, ..., features); received {name} shape {tuple(shape)}.")
        if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
            raise ValueError(
                f"MultiHeadAttention layer {self.name!r}: all dimensions of `value` and `key`, "
                f"except the last one, must be equal. Received: value_shape={tuple(value_shape)} "
                f"and key_shape={tuple(key_shape)}.")
        if len(query_shape) != len(value_shape):
            raise ValueError(
                f"MultiHeadAttention layer {self.name!r}: `query` and `value` must have the same "
                f"rank; received query shape {tuple(query_shape)} and value shape "
                f"{tuple(value_shape)}.")

    # -- calling ----------------------------------------------------------------------------
    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        self._check_shapes(query.shape, value.shape, value.shape if key is None else key.shape)
        # Keras masks attached to the inputs count where no explicit mask is given.
        query_mask = get_keras_mask(query) if query_mask is None else query_mask
        value_mask = get_keras_mask(value) if value_mask is None else value_mask
        if key is not None and key_mask is None:
            key_mask = get_keras_mask(key)
        key = value if key is None else key
        mask = attention_math.combined_attention_mask(
            query, value, query_mask, value_mask, key_mask, attention_mask,
            use_causal_mask, self._sliding_window)
        gate = self._gate_dense(query) if self._use_gate else None
        query = self.query_dense(query)
        key = self.key_dense(key)
        value = self.value_dense(value)
        output, scores = self._compute_attention(query, key, value, mask, training,
                                                 return_attention_scores)
        output = self.output_dense(output if gate is None else output * gate)
        return (output, scores) if return_attention_scores else output

    def _compute_attention(self, query, key, value, attention_mask=None, training=None,
                           return_attention_scores=False):
        if self._flash_attention and return_attention_scores:
            raise ValueError(
                f"MultiHeadAttention layer {self.name!r}: attention scores cannot be returned "
                f"with flash attention; pass flash_attention=None.")
        if self._dropout == 0 and not return_attention_scores and len(query.shape) == 4:
            # The fused op, as Keras takes this path (a fully masked row then averages the
            # values instead of giving zeros, in Keras too).
            if attention_mask is not None:
                attention_mask = attention_math.expand_mask(
                    ops.cast(attention_mask, "bool"), 4, -3)
            output = ops.dot_product_attention(
                query, key, value, mask=attention_mask, scale=self._inverse_sqrt_key_dim,
                flash_attention=self._flash_attention)
            return output, None
        query = query * ops.cast(self._inverse_sqrt_key_dim, query.dtype)
        scores = ops.einsum(self._dot_product_equation, key, query)
        if attention_mask is not None:
            attention_mask = attention_math.expand_mask(
                attention_mask, len(scores.shape), -len(self._attention_axes) * 2 - 1)
        scores = attention_math.masked_softmax(scores, attention_mask, self._norm_axes)
        dropped = self._dropout_layer(scores, training=training) if self._dropout > 0 else scores
        return ops.einsum(self._combine_equation, dropped, value), scores

    def get_config(self):
        return {**super().get_config(), "num_heads": self._num_heads, "key_dim": self._key_dim,
                "value_dim": self._value_dim, "dropout": self._dropout,
                "use_bias": self._use_bias, "use_gate": self._use_gate,
                "output_shape": self._output_shape, "attention_axes": self._attention_axes,
                "sliding_window": self._sliding_window,
                "kernel_initializer": initializers.serialize(self._kernel_initializer),
                "bias_initializer": initializers.serialize(self._bias_initializer),
                "kernel_regularizer": regularizers.serialize(self._kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self._bias_regularizer),
                "activity_regularizer": regularizers.serialize(self._activity_regularizer),
                "kernel_constraint": constraints.serialize(self._kernel_constraint),
                "bias_constraint": constraints.serialize(self._bias_constraint),
                "seed": self.seed}
