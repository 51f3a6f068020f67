"""Layer catalog entries: attention layers (called on [query, value] or [query, value, key]).

MultiHeadAttention and GroupedQueryAttention take query and value as separate arguments, which
the catalog's one-input call cannot express: test_attention_layers.py checks them the same way.
"""
from tests.layers.layer_catalog_case import LayerCase

_QV = [(2, 3, 4), (2, 5, 4)]
_QVK = [(2, 3, 4), (2, 5, 6), (2, 5, 4)]
# Attention's `scale` and `concat_score_weight` are scalars, which layer_check.case_weights cannot
# randomize yet (rng.randn() of shape () is a float): those entries' gradients are compared in
# test_attention_layers.py instead.
_SCALAR_WEIGHTS = {"check_grads": False}

CASES = [
    LayerCase("attn_dot", "Attention", {}, input_shape=_QV),
    LayerCase("attn_dot_scaled_key", "Attention", {"use_scale": True}, input_shape=_QVK,
              **_SCALAR_WEIGHTS),
    LayerCase("attn_concat", "Attention", {"score_mode": "concat", "use_scale": True},
              input_shape=_QV, **_SCALAR_WEIGHTS),
    LayerCase("attn_causal", "Attention", {}, input_shape=[(2, 4, 3), (2, 4, 3)],
              call_kwargs={"use_causal_mask": True}),
    LayerCase("attn_scores", "Attention", {"score_mode": "concat"}, input_shape=_QVK,
              call_kwargs={"return_attention_scores": True}, **_SCALAR_WEIGHTS),
    LayerCase("attn_dropout_inference", "Attention", {"dropout": 0.5, "seed": 3},
              input_shape=_QV),
    LayerCase("attn_additive", "AdditiveAttention", {}, input_shape=_QV),
    LayerCase("attn_additive_no_scale_causal", "AdditiveAttention", {"use_scale": False},
              input_shape=[(2, 3, 2), (2, 3, 2)], call_kwargs={"use_causal_mask": True}),
    LayerCase("attn_additive_scores", "AdditiveAttention", {}, input_shape=_QVK,
              call_kwargs={"return_attention_scores": True, "use_causal_mask": True}),
]
