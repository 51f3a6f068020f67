"""Attention layers beyond the catalog: MultiHeadAttention and GroupedQueryAttention against
Keras (outputs, scores, weights, config, symbolic shapes, gradients between backends), masks
from Keras masks, dropout in training, and the error paths."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops
from tests.conftest import require_backends
from tests.layers.layer_check import _normalized_config

keras = pytest.importorskip("keras")

RNG = np.random.RandomState(0)
Q = RNG.randn(2, 3, 4).astype("float32")
V = RNG.randn(2, 5, 4).astype("float32")
K = RNG.randn(2, 5, 6).astype("float32")
ATTENTION_MASK = RNG.rand(2, 3, 5) > 0.3
Q4 = RNG.randn(2, 3, 2, 4).astype("float32")

# (id, layer class, constructor kwargs, call args, call kwargs)
CASES = [
    ("mha_self", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3}, (Q, Q), {}),
    ("mha_cross_scores", "MultiHeadAttention",
     {"num_heads": 2, "key_dim": 3, "value_dim": 2, "output_shape": 7}, (Q, V),
     {"return_attention_scores": True}),
    ("mha_key_causal", "MultiHeadAttention", {"num_heads": 1, "key_dim": 2, "use_bias": False},
     (Q, V, K), {"use_causal_mask": True}),
    ("mha_attention_mask_scores", "MultiHeadAttention", {"num_heads": 2, "key_dim": 3},
     (Q, V), {"attention_mask": ATTENTION_MASK, "return_attention_scores": True}),
    ("mha_gate_window", "MultiHeadAttention",
     {"num_heads": 2, "key_dim": 3, "use_gate": True, "sliding_window": 2}, (Q, V), {}),
    ("mha_2d_axes", "MultiHeadAttention",
     {"num_heads": 2, "key_dim": 2, "attention_axes": (1, 2), "output_shape": (3, 2)},
     (Q4, Q4), {"return_attention_scores": True}),
    ("mha_axis2", "MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": 2},
     (Q4, Q4), {}),
    ("mha_regularized", "MultiHeadAttention",
     {"num_heads": 2, "key_dim": 2, "kernel_regularizer": "l2", "bias_initializer": "ones",
      "kernel_constraint": "max_norm", "activity_regularizer": "l1"}, (Q, V), {}),
    ("gqa", "GroupQueryAttention", {"head_dim": 3, "num_query_heads": 4, "num_key_value_heads": 2},
     (Q, V), {}),
    ("gqa_key_scores_mask", "GroupQueryAttention",
     {"head_dim": 2, "num_query_heads": 2, "num_key_value_heads": 1, "use_bias": False},
     (Q, V, K), {"return_attention_scores": True, "attention_mask": ATTENTION_MASK}),
    ("gqa_causal_gate", "GroupQueryAttention",
     {"head_dim": 2, "num_query_heads": 2, "num_key_value_heads": 2, "use_gate": True},
     (Q, V), {"use_causal_mask": True}),
]
IDS = [c[0] for c in CASES]


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _flat(x):
    return [np.asarray(t) for t in kerasish.tree.flatten(x)]


def _pair(case):
    _, name, kwargs, args, call_kwargs = case
    ours = getattr(layers, name)(**kwargs)
    y = ours(*args, **call_kwargs)
    theirs = getattr(keras.layers, name)(**kwargs)
    theirs(*args, **call_kwargs)
    theirs.set_weights(ours.get_weights())
    return ours, theirs, y, theirs(*args, **call_kwargs)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_matches_keras(backend, case):
    ours, theirs, y, expected = _pair(case)
    for a, b in zip(_flat(kerasish.tree.map_structure(_np, y)), _flat(expected), strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-5)
    assert [w.path for w in ours.weights] == [w.path for w in theirs.weights]
    assert [w.shape for w in ours.weights] == [tuple(w.shape) for w in theirs.weights]
    assert _normalized_config(ours) == _normalized_config(theirs)
    assert len(ours.losses) == len(theirs.losses)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_symbolic_shapes_and_config_round_trip(backend, case):
    _, name, kwargs, args, call_kwargs = case
    layer = getattr(layers, name)(**kwargs)
    concrete = _flat(kerasish.tree.map_structure(_np, layer(*args, **call_kwargs)))
    inputs = [kerasish.Input(batch_shape=(None,) + a.shape[1:]) for a in args]
    # Mask arguments become symbolic too (a concrete batch would not match the unknown one).
    symbolic_kwargs = {k: kerasish.Input(batch_shape=(None,) + v.shape[1:], dtype="bool")
                       if isinstance(v, np.ndarray) else v for k, v in call_kwargs.items()}
    symbolic = kerasish.tree.flatten(getattr(layers, name)(**kwargs)(*inputs, **symbolic_kwargs))
    assert [s.shape for s in symbolic] == [(None,) + c.shape[1:] for c in concrete]
    clone = type(layer).from_config(layer.get_config())
    clone(*args, **call_kwargs)
    clone.set_weights(layer.get_weights())
    for a, b in zip(concrete, _flat(kerasish.tree.map_structure(_np, clone(*args, **call_kwargs)))):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


def _gradients(case, backend_name):
    _, name, kwargs, args, call_kwargs = case
    with kerasish.backend.use_backend(backend_name):
        layer = getattr(layers, name)(**kwargs)
        layer(*args, **call_kwargs)
        rng = np.random.RandomState(1)
        layer.set_weights([np.asarray(rng.randn(*w.shape) * 0.5, "float32")
                           for w in layer.get_weights()])

        def loss(values):
            out, _ = layer.stateless_call(values, [], *args, **call_kwargs)
            return sum(ops.sum(o * np.cos(np.arange(o.size)).reshape(o.shape).astype("float32"))
                       for o in kerasish.tree.flatten(out))

        return [_np(g) for g in ops.grad(loss)([v.value for v in layer.trainable_variables])]


_GRAD_CASES = [c for c in CASES if c[0] in (
    "mha_cross_scores", "mha_key_causal", "mha_2d_axes", "gqa_key_scores_mask", "gqa_causal_gate")]


@require_backends("numpy", "jax")
@pytest.mark.parametrize("case", _GRAD_CASES, ids=[c[0] for c in _GRAD_CASES])
def test_gradients_agree_between_backends(case):
    for a, b in zip(_gradients(case, "numpy"), _gradients(case, "jax"), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)


@require_backends("numpy", "jax")
@pytest.mark.parametrize("kwargs, call_kwargs", [
    ({"use_scale": True}, {}), ({"score_mode": "concat", "use_scale": True},
                                {"return_attention_scores": True})])
def test_attention_scalar_weight_gradients_agree(kwargs, call_kwargs):
    case = ("attention", "Attention", kwargs, ([Q, V, V],), call_kwargs)
    for a, b in zip(_gradients(case, "numpy"), _gradients(case, "jax"), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4)


def _embedded(module, tokens, make_attention):
    inputs = module.Input((tokens.shape[1],), dtype="int32")
    h = module.layers.Embedding(6, 4, mask_zero=True)(inputs)
    return module.Model(inputs, make_attention(module, h))


@pytest.mark.parametrize("make", [
    lambda m, h: m.layers.MultiHeadAttention(2, 3)(h, h),
    lambda m, h: m.layers.MultiHeadAttention(2, 3)(h, h, return_attention_scores=True)[1],
    lambda m, h: m.layers.GroupQueryAttention(2, 2, 1)(h, h, return_attention_scores=True)[1],
    lambda m, h: m.layers.Attention()([h, h]),
    lambda m, h: m.layers.AdditiveAttention()([h, h], use_causal_mask=True),
], ids=["mha", "mha_scores", "gqa_scores", "attention", "additive_causal"])
def test_keras_masks_from_embedding_match_keras(backend, make):
    tokens = np.array([[1, 2, 3, 0], [4, 5, 0, 0]], dtype="int32")
    ours, theirs = _embedded(kerasish, tokens, make), _embedded(keras, tokens, make)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(_np(ours(tokens)), np.asarray(theirs(tokens)), rtol=1e-5,
                               atol=1e-5)


def test_attention_explicit_masks_match_keras(backend):
    q_mask = np.array([[True, True, False], [True, False, False]])
    v_mask = np.array([[True, True, True, False, False], [True, False, True, True, False]])
    for causal in (False, True):
        ours, theirs = layers.Attention(), keras.layers.Attention()
        v = V[:, :3] if causal else V
        vm = v_mask[:, :3] if causal else v_mask
        y, scores = ours([Q, v], mask=[q_mask, vm], return_attention_scores=True,
                         use_causal_mask=causal)
        ey, escores = theirs([Q, v], mask=[q_mask, vm], return_attention_scores=True,
                             use_causal_mask=causal)
        np.testing.assert_allclose(_np(y), np.asarray(ey), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(_np(scores), np.asarray(escores), rtol=1e-5, atol=1e-6)
        assert np.all(_np(y)[~q_mask] == 0)  # padded queries give zeros
        assert np.all(_np(scores)[~np.broadcast_to(vm[:, None, :], scores.shape)] < 1e-6)
    assert _np(ours.compute_mask([Q, V], [q_mask, v_mask])).tolist() == q_mask.tolist()


def test_mha_value_and_key_masks_match_keras(backend):
    v_mask = np.array([[True, True, True, False, False], [True, True, False, False, False]])
    k_mask = np.array([[True, False, True, True, True], [True, True, True, True, False]])
    ours, theirs = layers.MultiHeadAttention(2, 3), keras.layers.MultiHeadAttention(2, 3)
    kwargs = {"value_mask": v_mask, "key_mask": k_mask, "return_attention_scores": True}
    ours(Q, V, K, **kwargs)
    theirs(Q, V, K, **kwargs)
    theirs.set_weights(ours.get_weights())
    for a, b in zip(ours(Q, V, K, **kwargs), theirs(Q, V, K, **kwargs)):
        np.testing.assert_allclose(_np(a), np.asarray(b), rtol=1e-5, atol=1e-6)


def test_dropout_only_in_training(backend):
    mha = layers.MultiHeadAttention(2, 3, dropout=0.5, seed=1)
    inference = _np(mha(Q, V))
    np.testing.assert_allclose(_np(mha(Q, V, training=False)), inference)
    assert not np.allclose(_np(mha(Q, V, training=True)), inference)
    att = layers.Attention(dropout=0.9, seed=2)
    _, scores = att([Q, V], training=True, return_attention_scores=True)
    _, plain = att([Q, V], return_attention_scores=True)
    assert not np.allclose(_np(scores), _np(plain))


@pytest.mark.parametrize("make, match", [
    (lambda: layers.MultiHeadAttention(0, 2), "num_heads"),
    (lambda: layers.MultiHeadAttention(2, 2.5), "key_dim"),
    (lambda: layers.MultiHeadAttention(2, 2, value_dim=-1), "value_dim"),
    (lambda: layers.MultiHeadAttention(2, 2, attention_axes="time"), "attention_axes"),
    (lambda: layers.MultiHeadAttention(2, 2, output_shape="wide"), "output_shape"),
    (lambda: layers.GroupQueryAttention(2, 3, 2), "divisible"),
    (lambda: layers.GroupQueryAttention(0, 2, 2), "head_dim"),
    (lambda: layers.Attention(score_mode="add"), "score_mode"),
    (lambda: layers.Attention(dropout=2.0), "dropout"),
])
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize("call, match", [
    (lambda: layers.MultiHeadAttention(2, 2)(Q, V, K[:, :4]), "except the last one"),
    (lambda: layers.MultiHeadAttention(2, 2)(Q[:, 0], V[:, 0]), "rank 3 or more"),
    (lambda: layers.MultiHeadAttention(2, 2)(Q, Q4), "same rank"),
    (lambda: layers.MultiHeadAttention(2, 2, attention_axes=3)(Q4, Q4), "attention_axes"),
    (lambda: layers.GroupQueryAttention(2, 2, 1)(Q, K), "last dimension"),
    (lambda: layers.GroupQueryAttention(2, 2, 1)(Q4, Q4), "rank 3"),
    (lambda: layers.Attention()(Q), "list of 2 or 3"),
    (lambda: layers.Attention()([Q, K]), "same last dimension"),
    (lambda: layers.Attention()([Q, V, K[:, :2]]), "same number of time steps"),
    (lambda: layers.Attention()([Q, V], mask=Q > 0), "mask must be a list"),
])
def test_bad_inputs_name_the_layer(backend, call, match):
    with pytest.raises(ValueError, match=match):
        call()


def _attention_model(module):
    inputs = module.Input((3, 4))
    h = module.layers.MultiHeadAttention(2, 3, use_gate=True)(inputs, inputs)
    h = module.layers.GroupQueryAttention(2, 2, 1)(h, h)
    h = module.layers.Attention(use_scale=True)([h, h])
    return module.Model(inputs, module.layers.AdditiveAttention()([h, h]))


def test_weight_files_and_keras_archives_interoperate_with_keras(backend, tmp_path):
    x = np.random.RandomState(7).rand(2, 3, 4).astype("float32")
    ours, theirs = _attention_model(kerasish), _attention_model(keras)
    ours.save_weights(tmp_path / "ours.weights.h5")
    theirs.load_weights(tmp_path / "ours.weights.h5")  # Keras's paths, e.g. .../query_dense/vars
    np.testing.assert_allclose(_np(ours(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-6)
    theirs = _attention_model(keras)
    theirs.save(tmp_path / "theirs.keras")
    loaded = kerasish.saving.load_model(tmp_path / "theirs.keras")
    np.testing.assert_allclose(_np(loaded(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-6)
    assert isinstance(loaded.layers[2], layers.GroupQueryAttention)
