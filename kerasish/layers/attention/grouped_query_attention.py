"""GroupedQueryAttention (as keras.layers.GroupQueryAttention): attention over rank-3
(batch, time, features) inputs where
`num_query_heads` query heads share `num_key_value_heads` key/value heads, each key/value head
serving num_query_heads // num_key_value_heads query heads. Projections are EinsumDense sublayers
"query", "key", "value" (and "gate" with use_gate) and "attention_output", as in Keras; masks
work as in MultiHeadAttention.

Keras's class is named GroupedQueryAttention (hence its default layer names and weight-file
paths, "grouped_query_attention") and exported as keras.layers.GroupQueryAttention; both names
are exported here. Keras writes "GroupQueryAttention" as the class_name of its configs; so does
the serializer here, through _keras_class_name.
"""
import math

from kerasish import constraints, initializers, ops, regularizers
from kerasish.backend.masking import get_keras_mask
from kerasish.layers.attention import attention_math
from kerasish.layers.core.einsum_dense import EinsumDense
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import is_int
from kerasish.layers.regularization.dropout import Dropout, check_rate


class GroupedQueryAttention(Layer):
    _keras_class_name = "GroupQueryAttention"  # the class_name Keras's configs hold

    def __init__(self, head_dim, num_query_heads, num_key_value_heads, dropout=0.0,
                 use_bias=True, sliding_window=None, flash_attention=None,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, use_gate=False, seed=None,
                 **kwargs):
        super().__init__(**kwargs)
        for arg, value in (("head_dim", head_dim), ("num_query_heads", num_query_heads),
                           ("num_key_value_heads", num_key_value_heads)):
            if not is_int(value) or value <= 0:
                raise ValueError(
                    f"GroupQueryAttention: argument `{arg}` must be a positive integer; "
                    f"received {arg}={value!r}.")
        if num_query_heads % num_key_value_heads:
            raise ValueError(
                f"GroupQueryAttention: `num_query_heads` must be divisible by "
                f"`num_key_value_heads`; received num_query_heads={num_query_heads}, "
                f"num_key_value_heads={num_key_value_heads}.")
        if sliding_window is not None and (not is_int(sliding_window) or sliding_window <= 0):
            raise ValueError(
                f"GroupQueryAttention: `sliding_window` must be None or a positive integer; "
                f"received sliding_window={sliding_window!r}.")
        self.head_dim = head_dim
        self.num_query_heads = num_query_heads
        self.num_key_value_heads = num_key_value_heads
        self.num_repeats = num_query_heads // num_key_value_heads
        self.dropout = check_rate("GroupQueryAttention", dropout, "dropout")
        self.use_bias = use_bias
        self.use_gate = use_gate
        self.sliding_window = sliding_window
        self._flash_attention = flash_attention
        if flash_attention and self.dropout > 0:
            raise ValueError(
                "GroupQueryAttention: dropout is not supported with flash attention; set "
                "dropout=0.0 or flash_attention=None.")
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        # As Keras: regularizes the sublayers' outputs and (through the base layer) this one's.
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.seed = seed
        self._inverse_sqrt_head_dim = 1.0 / math.sqrt(float(head_dim))
        self.supports_masking = True

    def _dense(self, equation, output_shape, bias_axes, name, activation=None):
        return EinsumDense(
            equation, output_shape=output_shape, bias_axes=bias_axes if self.use_bias else None,
            activation=activation, name=name,
            kernel_initializer=type(self.kernel_initializer).from_config(
                self.kernel_initializer.get_config()),
            bias_initializer=type(self.bias_initializer).from_config(
                self.bias_initializer.get_config()),
            kernel_regularizer=self.kernel_regularizer, bias_regularizer=self.bias_regularizer,
            activity_regularizer=self.activity_regularizer,
            kernel_constraint=self.kernel_constraint, bias_constraint=self.bias_constraint,
            dtype=self.dtype_policy)

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        self._check_shapes(query_shape, value_shape, key_shape)
        self.feature_dim = query_shape[-1]
        q_heads, kv_heads = self.num_query_heads, self.num_key_value_heads
        self._query_dense = self._dense("bqm,muh->bquh", (None, q_heads, self.head_dim), "uh",
                                        "query")
        self._query_dense.build(query_shape)
        self._key_dense = self._dense("bkm,mvh->bkvh", (None, kv_heads, self.head_dim), "vh",
                                      "key")
        self._key_dense.build(key_shape)
        if self.use_gate:
            self._gate_dense = self._dense("bqm,muh->bquh", (None, q_heads, self.head_dim), "uh",
                                           "gate", activation="sigmoid")
            self._gate_dense.build(query_shape)
        self._value_dense = self._dense("bkm,mvh->bkvh", (None, kv_heads, self.head_dim), "vh",
                                        "value")
        self._value_dense.build(value_shape)
        self._dropout_layer = Dropout(rate=self.dropout, seed=self.seed, dtype=self.dtype_policy)
        self._output_dense = self._dense("bquh,uhm->bqm", (None, self.feature_dim), "m",
                                         "attention_output")
        self._output_dense.build((None, None, q_heads, self.head_dim))
        self.built = True

    def _check_shapes(self, query_shape, value_shape, key_shape):
        for name, shape in (("query", query_shape), ("value", value_shape), ("key", key_shape)):
            if len(shape) != 3:
                raise ValueError(
                    f"GroupQueryAttention layer {self.name!r}: `{name}` must have rank 3 "
                    f"(batch, time, features); received {name} shape {tuple(shape)}.")
        if query_shape[-1] != value_shape[-1]:
            raise ValueError(
                f"GroupQueryAttention layer {self.name!r}: the last dimension of `query` and "
                f"`value` must be equal; received query shape {tuple(query_shape)} and value "
                f"shape {tuple(value_shape)}.")
        if tuple(value_shape[1:-1]) != tuple(key_shape[1:-1]):
            raise ValueError(
                f"GroupQueryAttention layer {self.name!r}: all dimensions of `value` and `key`, "
                f"except the last one, must be equal. Received: value_shape={tuple(value_shape)} "
                f"and key_shape={tuple(key_shape)}.")

    def call(self, query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
             attention_mask=None, return_attention_scores=False, training=None,
             use_causal_mask=False):
        self._check_shapes(query.shape, value.shape, value.shape if key is None else key.shape)
        query_mask = get_keras_mask(query) if query_mask is None else query_mask
        value_mask = get_keras_mask(value) if value_mask is None else value_mask
        if key is not None and key_mask is None:
            key_mask = get_keras_mask(key)
        key = value if key is None else key
        mask = attention_math.combined_attention_mask(
            query, value, query_mask, value_mask, key_mask, attention_mask, use_causal_mask,
            self.sliding_window)
        gate = self._gate_dense(query) if self.use_gate else None
        query = self._query_dense(query)
        # Each key/value head serves num_repeats consecutive query heads.
        key = ops.repeat(self._key_dense(key), self.num_repeats, axis=2)
        value = ops.repeat(self._value_dense(value), self.num_repeats, axis=2)
        output, scores = self._compute_attention(query, key, value, mask, training,
                                                 return_attention_scores)
        output = self._output_dense(output if gate is None else output * gate)
        return (output, scores) if return_attention_scores else output

    def _compute_attention(self, query, key, value, mask, training, return_attention_scores):
        if self._flash_attention and return_attention_scores:
            raise ValueError(
                f"GroupQueryAttention layer {self.name!r}: attention scores cannot be returned "
                f"with flash attention; pass flash_attention=None.")
        if self.dropout == 0 and not return_attention_scores:
            if mask is not None:
                mask = attention_math.expand_mask(ops.cast(mask, "bool"), 4, -3)
            output = ops.dot_product_attention(
                query, key, value, mask=mask, scale=self._inverse_sqrt_head_dim,
                flash_attention=self._flash_attention)
            return output, None
        query = query * ops.cast(self._inverse_sqrt_head_dim, query.dtype)
        scores = ops.einsum("bquh,bkuh->buqk", query, key)  # (batch, heads, Tq, Tv)
        if mask is not None:
            mask = attention_math.expand_mask(mask, 4, -3)
        scores = attention_math.masked_softmax(scores, mask, (-1,))
        dropped = self._dropout_layer(scores, training=training) if self.dropout > 0 else scores
        return ops.einsum("buqk,bkuh->bquh", dropped, value), scores

    def get_config(self):
        return {**super().get_config(), "head_dim": self.head_dim,
                "num_query_heads": self.num_query_heads,
                "num_key_value_heads": self.num_key_value_heads, "use_bias": self.use_bias,
                "use_gate": self.use_gate, "sliding_window": self.sliding_window,
                "dropout": self.dropout,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint),
                "seed": self.seed}


GroupQueryAttention = GroupedQueryAttention  # the name Keras exports it under
