"""Merging layers beyond the catalog: Keras's error messages, masks combined through a merge,
the functional forms, and a shared layer whose outputs are added, each checked against Keras 3."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")

A = np.arange(6, dtype="float32").reshape(2, 3) / 6
B = np.cos(np.arange(6, dtype="float32")).reshape(2, 3)


def keras_error(fn):
    with pytest.raises(ValueError) as info:
        fn(keras.layers)
    return str(info.value)


@pytest.mark.parametrize("make", [
    lambda L: L.Subtract()([A, A, A]),
    lambda L: L.Concatenate()([A, np.ones((2, 3, 4), "float32")]),
    lambda L: L.Concatenate(axis=1)([np.ones((2, 3, 4), "float32"), np.ones((2, 3, 5), "float32")]),
    lambda L: L.Add()(A),
    lambda L: L.Add()([A, np.ones((2, 4), "float32")]),
    lambda L: L.Add()([A, np.ones((3, 3), "float32")]),
    lambda L: L.Dot(axes=1)([A, np.ones((2, 4), "float32")]),
    lambda L: L.Dot(axes=1)([A, A, A]),
], ids=["subtract_3", "concat_ranks", "concat_sizes", "not_a_list", "add_incompatible",
        "batch_sizes", "dot_sizes", "dot_3"])
def test_error_messages_match_keras(backend, make):
    expected = keras_error(make)
    with pytest.raises(ValueError) as info:
        make(layers)
    assert str(info.value) == expected


def test_errors_keras_lacks(backend):
    with pytest.raises(ValueError, match="at least 1 input"):
        layers.Add()([])  # Keras 3.15 fails with a TypeError from inside build
    with pytest.raises(ValueError, match="batch axis"):
        layers.Dot(axes=(0, 1))([A, A])
    with pytest.raises(ValueError, match="out of range"):
        layers.Concatenate(axis=2)([A, A])
    with pytest.raises(ValueError, match="two elements"):
        layers.Dot(axes=(1, 1, 1))
    with pytest.raises(TypeError, match="list or an int"):
        layers.Dot(axes="1")


def test_single_input_is_returned_unchanged_as_in_keras(backend):
    # Keras 3 accepts a list of one input (Keras 2 required two).
    for name in ("Add", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"):
        out = getattr(layers, name)()([A])
        np.testing.assert_allclose(ops.convert_to_numpy(out),
                                   np.asarray(getattr(keras.layers, name)()([A])))


# -- masks ----------------------------------------------------------------------------------
def mask_layers(module):
    """A layer that masks the steps whose features are all zero, and one that outputs the mask
    it receives (as 0/1 per step, -1 where there is none), written for kerasish or Keras."""
    mops = module.ops

    class MaskZeros(module.layers.Layer):
        def call(self, inputs):
            return inputs

        def compute_mask(self, inputs, mask=None):
            return mops.any(mops.not_equal(inputs, 0), axis=-1)

    class ReadMask(module.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.supports_masking = True

        def call(self, inputs, mask=None):
            if mask is None:
                return mops.zeros_like(inputs[..., 0]) - 1.0
            return mops.cast(mask, "float32")

    return MaskZeros, ReadMask


def masked_model(module, merge, masked=(True, True)):
    MaskZeros, ReadMask = mask_layers(module)
    inputs = [module.Input((4, 3)), module.Input((4, 3))]
    branches = [MaskZeros()(x) if m else x for x, m in zip(inputs, masked)]
    merged = merge(module)(branches)
    return module.Model(inputs, [merged, ReadMask()(merged)]), merged


def masked_data():
    rng = np.random.RandomState(0)
    x1, x2 = (rng.randn(2, 4, 3).astype("float32") for _ in range(2))
    x1[0, 1] = x1[1, 3] = 0.0  # masked-out steps, differing between the inputs
    x2[0, 1] = x2[0, 2] = 0.0
    return [x1, x2]


MERGES = {
    "add": lambda m: m.layers.Add(),
    "subtract": lambda m: m.layers.Subtract(),
    "multiply": lambda m: m.layers.Multiply(),
    "average": lambda m: m.layers.Average(),
    "maximum": lambda m: m.layers.Maximum(),
    "minimum": lambda m: m.layers.Minimum(),
    "concat_features": lambda m: m.layers.Concatenate(),
    "concat_steps": lambda m: m.layers.Concatenate(axis=1),
}


@pytest.mark.parametrize("masked", [(True, True), (True, False)], ids=["both", "one"])
@pytest.mark.parametrize("merge", list(MERGES), ids=list(MERGES))
def test_masks_combined_as_keras(backend, merge, masked):
    x = masked_data()
    ours, ours_merged = masked_model(kerasish, MERGES[merge], masked)
    theirs, theirs_merged = masked_model(keras, MERGES[merge], masked)
    for a, b in zip(ours(x), theirs(x)):
        np.testing.assert_allclose(ops.convert_to_numpy(a), np.asarray(b), rtol=1e-6, atol=1e-6)
    # The symbolic output carries a mask of the same shape as Keras's (or none, as Keras).
    ours_mask = ours_merged._keras_mask
    theirs_mask = getattr(theirs_merged, "_keras_mask", None)
    assert (ours_mask is None) == (theirs_mask is None)
    if theirs_mask is not None:
        assert ours_mask.shape == tuple(theirs_mask.shape) and ours_mask.dtype == "bool"


def test_eager_masks(backend):
    x1, x2 = (ops.convert_to_tensor(v) for v in masked_data())
    MaskZeros, _ = mask_layers(kerasish)
    a, b = MaskZeros()(x1), MaskZeros()(x2)
    mask_a = ops.convert_to_numpy(kerasish.backend.masking.get_keras_mask(a))
    mask_b = ops.convert_to_numpy(kerasish.backend.masking.get_keras_mask(b))
    mask = kerasish.backend.masking.get_keras_mask(layers.Add()([a, b]))
    np.testing.assert_array_equal(ops.convert_to_numpy(mask), mask_a | mask_b)
    plain = ops.convert_to_tensor(masked_data()[1])  # not x2: MaskZeros attached a mask to it
    mask = kerasish.backend.masking.get_keras_mask(layers.Concatenate(axis=1)([a, plain]))
    np.testing.assert_array_equal(ops.convert_to_numpy(mask),
                                  np.concatenate([mask_a, np.ones_like(mask_b)], axis=1))
    assert kerasish.backend.masking.get_keras_mask(layers.Dot(axes=2)([a, b])) is None


# -- functional forms, models, shapes ---------------------------------------------------------
@pytest.mark.parametrize("name,kwargs", [
    ("add", {}), ("subtract", {}), ("multiply", {}), ("average", {}), ("maximum", {}),
    ("minimum", {}), ("concatenate", {"axis": 0}), ("dot", {"axes": 1}),
    ("dot", {"axes": 1, "normalize": True})])
def test_functional_forms(backend, name, kwargs):
    out = getattr(layers, name)([A, B], **kwargs)
    expected = np.asarray(getattr(keras.layers, name)([A, B], **kwargs))
    np.testing.assert_allclose(ops.convert_to_numpy(out), expected, rtol=1e-6, atol=1e-6)
    assert getattr(layers, name)([A, B], name="named", **kwargs) is not None


def test_shared_dense_outputs_added(backend):
    def build(module):
        first, second = module.Input((3,)), module.Input((3,))
        dense = module.layers.Dense(4, activation="tanh")
        added = module.layers.add([dense(first), dense(second)])
        return module.Model([first, second], module.layers.Dense(2)(added))

    ours, theirs = build(kerasish), build(keras)
    assert len(ours.weights) == 4  # the shared Dense's kernel and bias appear once
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(ops.convert_to_numpy(ours([A, B])), np.asarray(theirs([A, B])),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name,kwargs,shapes", [
    ("Add", {}, [(None, 3, 4), (None, 4)]),
    ("Concatenate", {"axis": 1}, [(None, 3, 4), (None, 2, 4)]),
    ("Concatenate", {}, [(None, 3, None), (None, 3, 5)]),
    ("Dot", {"axes": (1, 2)}, [(None, 3, 4), (None, 5, 3)]),
    ("Dot", {"axes": 1}, [(None, 3), (None, 3)]),
])
def test_compute_output_shape_matches_keras(backend, name, kwargs, shapes):
    ours = getattr(layers, name)(**kwargs).compute_output_shape(shapes)
    assert tuple(ours) == tuple(getattr(keras.layers, name)(**kwargs).compute_output_shape(shapes))


def test_dot_normalize_zero_vector(backend):
    # Keras floors the norm at epsilon: a zero vector gives a zero similarity. Its gradient is 0
    # here (Keras's rsqrt form gives NaN).
    x = np.array([[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]], "float32")
    out = layers.Dot(axes=1, normalize=True)([x, B])
    expected = np.asarray(keras.layers.Dot(axes=1, normalize=True)([x, B]))
    np.testing.assert_allclose(ops.convert_to_numpy(out), expected, rtol=1e-6, atol=1e-6)
    layer = layers.Dot(axes=1, normalize=True)
    grad = ops.grad(lambda v: ops.sum(layer([v, ops.convert_to_tensor(B)])))(
        ops.convert_to_tensor(x))
    assert np.all(np.isfinite(ops.convert_to_numpy(grad)))


def test_config_and_serialization(backend):
    layer = layers.Dot(axes=(1, 2), normalize=True, name="dot_layer")
    config = layer.get_config()
    assert config["axes"] == (1, 2) and config["normalize"] is True
    clone = layers.deserialize(layers.serialize(layer))
    assert type(clone) is layers.Dot and clone.get_config() == config
    assert layers.deserialize(layers.serialize(layers.Concatenate(axis=1))).axis == 1
