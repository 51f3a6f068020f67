"""AdditiveAttention: Bahdanau-style attention (as keras.layers.AdditiveAttention).

Scores are `sum(scale * tanh(query + key))` over the features, with a trainable `scale` vector
(use_scale=True, the default); masks, causality, dropout and the output are Attention's.
"""
from kerasish import ops
from kerasish.layers.attention.attention import Attention


class AdditiveAttention(Attention):
    def __init__(self, use_scale=True, dropout=0.0, **kwargs):
        super().__init__(use_scale=use_scale, dropout=dropout, **kwargs)

    def build(self, input_shape):
        self._validate_inputs(input_shape)
        self.scale = self.add_weight(
            name="scale", shape=(input_shape[0][-1],),
            initializer="glorot_uniform") if self.use_scale else None
        self.concat_score_weight = None
        self.built = True

    def _calculate_scores(self, query, key):
        # (batch, Tq, 1, dim) + (batch, 1, Tv, dim) -> (batch, Tq, Tv) after the feature sum.
        pairs = ops.tanh(ops.expand_dims(query, -2) + ops.expand_dims(key, -3))
        return ops.sum(pairs if self.scale is None else self.scale * pairs, axis=-1)

    def get_config(self):
        config = super().get_config()
        del config["score_mode"]
        return config
