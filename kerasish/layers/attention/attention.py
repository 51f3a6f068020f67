"""Attention: dot-product (Luong-style) attention over `[query, value]` or `[query, value, key]`
(as keras.layers.Attention).

scores = query . key^T (times `scale` if use_scale), or with score_mode="concat"
`concat_score_weight * sum(tanh(scale * (query + key)))`; padded value steps (value mask) and,
with use_causal_mask, future steps are pushed to -1e9 before the softmax; the output is
softmax(scores) . value, zeroed where the query mask is False. The output mask is the query's.
"""
from kerasish import ops, random
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer
from kerasish.layers.regularization.dropout import check_rate


class Attention(Layer):
    def __init__(self, use_scale=False, score_mode="dot", dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.use_scale = use_scale
        self.score_mode = score_mode
        self.dropout = check_rate(type(self).__name__, dropout, "dropout")
        self.seed = seed
        if self.dropout > 0:
            self.seed_generator = random.SeedGenerator(seed)
        if score_mode not in ("dot", "concat"):
            raise ValueError(
                f"{type(self).__name__}: invalid value for argument score_mode; expected one of "
                f"'dot', 'concat'. Received: score_mode={score_mode!r}.")

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = self.add_weight(
            name="scale", shape=(), initializer="ones") if self.use_scale else None
        self.concat_score_weight = self.add_weight(
            name="concat_score_weight", shape=(),
            initializer="ones") if self.score_mode == "concat" else None
        self.built = True

    def _calculate_scores(self, query, key):
        """(batch, Tq, Tv) scores of each query step against each key step."""
        if self.score_mode == "dot":
            scores = ops.matmul(query, ops.swapaxes(key, -2, -1))
            return scores if self.scale is None else scores * self.scale
        # concat: broadcast (batch, Tq, 1, dim) against (batch, 1, Tv, dim).
        pairs = ops.expand_dims(query, -2) + ops.expand_dims(key, -3)
        if self.scale is not None:
            pairs = self.scale * pairs
        return self.concat_score_weight * ops.sum(ops.tanh(pairs), axis=-1)

    def _apply_scores(self, scores, value, scores_mask=None, training=False):
        if scores_mask is not None:
            if len(scores_mask.shape) == 2:
                scores_mask = ops.expand_dims(scores_mask, -2)
            # A large negative bias (float16's largest value where 1e9 would overflow).
            big = 65504.0 if str(scores.dtype) == "float16" else 1.0e9
            scores = ops.where(scores_mask, scores, scores - big)
        weights = ops.softmax(scores, axis=-1)
        if training and self.dropout > 0:
            weights = random.dropout(weights, self.dropout, seed=self.seed_generator)
        return ops.matmul(weights, value), weights

    def _scores_mask(self, scores, value_mask, use_causal_mask):
        if not use_causal_mask:
            return value_mask
        # Lower triangle: query step i sees key steps j <= i.
        tq, tv = scores.shape[-2], scores.shape[-1]
        causal = ops.greater_equal(ops.expand_dims(ops.arange(tq), -1),
                                   ops.expand_dims(ops.arange(tv), 0))
        causal = ops.expand_dims(causal, 0)
        if value_mask is None:
            return causal
        return ops.logical_and(ops.expand_dims(ops.cast(value_mask, "bool"), -2), causal)

    def call(self, inputs, mask=None, training=False, return_attention_scores=False,
             use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        query_mask = mask[0] if mask else None
        value_mask = mask[1] if mask else None
        if value_mask is not None:
            value_mask = ops.cast(value_mask, "bool")
        scores = self._calculate_scores(query, key)
        scores_mask = self._scores_mask(scores, value_mask, use_causal_mask)
        outputs, weights = self._apply_scores(scores, value, scores_mask, training)
        if query_mask is not None:
            outputs = ops.where(ops.expand_dims(ops.cast(query_mask, "bool"), -1), outputs, 0.0)
        return (outputs, weights) if return_attention_scores else outputs

    def compute_mask(self, inputs, mask=None):
        self._validate_inputs(inputs, mask)
        if mask is None or mask[0] is None:
            return None
        return ops.convert_to_tensor(mask[0])

    def compute_output_spec(self, inputs, mask=None, training=None, return_attention_scores=False,
                            use_causal_mask=False):
        self._validate_inputs(inputs, mask)
        query, value = inputs[0], inputs[1]
        key = inputs[2] if len(inputs) > 2 else value
        output = KerasTensor((*query.shape[:-1], value.shape[-1]), self.compute_dtype)
        if return_attention_scores:
            return output, KerasTensor((*query.shape[:-1], key.shape[-2]), self.compute_dtype)
        return output

    def compute_output_shape(self, input_shape):
        self._validate_inputs(input_shape)
        return (*input_shape[0][:-1], input_shape[1][-1])

    def _validate_inputs(self, inputs, mask=None):
        name = type(self).__name__
        # A single shape (a tuple of ints, as build receives for one tensor) is not a list.
        if (not isinstance(inputs, (list, tuple)) or not 2 <= len(inputs) <= 3
                or _is_shape(inputs)):
            raise ValueError(
                f"{name} layer {self.name!r} must be called on a list of 2 or 3 inputs, namely "
                f"[query, value] or [query, value, key]. Received: inputs={inputs!r}.")
        shapes = [tuple(x) if _is_shape(x) else tuple(x.shape) for x in inputs]
        if any(len(s) < 2 for s in shapes):
            raise ValueError(
                f"{name} layer {self.name!r}: query, value and key must have a batch and a time "
                f"axis (rank >= 2); received shapes {shapes}.")
        query, value = shapes[0], shapes[1]
        key = shapes[2] if len(shapes) > 2 else value
        if key[-2] is not None and value[-2] is not None and key[-2] != value[-2]:
            raise ValueError(
                f"{name} layer {self.name!r}: key and value must have the same number of time "
                f"steps; received value shape {value} and key shape {key}.")
        if query[-1] is not None and key[-1] is not None and query[-1] != key[-1]:
            raise ValueError(
                f"{name} layer {self.name!r}: query and key must have the same last dimension "
                f"to be scored; received query shape {query} and key shape {key}.")
        if mask is not None and (not isinstance(mask, (list, tuple)) or not 2 <= len(mask) <= 3):
            raise ValueError(
                f"{name} layer {self.name!r}: mask must be a list of 2 or 3 masks, namely "
                f"[query_mask, value_mask]. Received: mask={mask!r}.")

    def get_config(self):
        return {**super().get_config(), "use_scale": self.use_scale,
                "score_mode": self.score_mode, "dropout": self.dropout, "seed": self.seed}


def _is_shape(x):
    return isinstance(x, (list, tuple)) and all(d is None or isinstance(d, int) for d in x)
