"""Core layers: what the catalog cannot show (masks through models, argument errors, Lambda's
config refusal, EinsumDense's initializer fans)."""
import json
import warnings

import numpy as np
import pytest

import kerasish
from kerasish.backend.masking import get_keras_mask
from tests.layers.catalog.core import double_plus_one

keras = pytest.importorskip("keras")

TOKENS = np.array([[3, 1, 0, 0, 0], [2, 4, 5, 1, 0], [1, 0, 2, 0, 0]], dtype="int32")


def masked_mean_class(module):
    """A tiny layer consuming a mask: the mean over time of the unmasked timesteps."""

    class MaskedMean(module.layers.Layer):
        def call(self, inputs, mask=None):
            ops = module.ops
            if mask is None:
                return ops.mean(inputs, axis=1)
            weights = ops.expand_dims(ops.cast(mask, inputs.dtype), -1)
            return ops.sum(inputs * weights, axis=1) / ops.maximum(ops.sum(weights, axis=1), 1.0)

        def compute_mask(self, inputs, mask=None):
            return None  # time is averaged away

    return MaskedMean


def embedding_stack(module, *middle):
    return [module.layers.Embedding(6, 3, mask_zero=True), *middle, masked_mean_class(module)()]


def build(module, kind, layers, shape, dtype):
    if kind == "functional":
        inputs = module.Input(shape=shape, dtype=dtype)
        x = inputs
        for layer in layers:
            x = layer(x)
        return module.Model(inputs, x)
    return module.Sequential([module.Input(shape=shape, dtype=dtype)] + layers)


def to_numpy(x):
    return np.asarray(kerasish.ops.convert_to_numpy(x))


@pytest.mark.parametrize("kind", ["functional", "sequential"])
def test_embedding_mask_reaches_a_masked_layer(backend, kind):
    ours = build(kerasish, kind, embedding_stack(kerasish), (5,), "int32")
    theirs = build(keras, kind, embedding_stack(keras), (5,), "int32")
    theirs.set_weights(ours.get_weights())
    result = to_numpy(ours(TOKENS))
    np.testing.assert_allclose(result, np.asarray(theirs(TOKENS)), rtol=1e-6, atol=1e-6)
    # The mask matters: the plain mean over all timesteps differs.
    table = ours.get_weights()[0]
    assert not np.allclose(result, table[TOKENS].mean(axis=1))


@pytest.mark.parametrize("kind", ["functional", "sequential"])
def test_mask_passes_through_activation_identity_and_lambda(backend, kind):
    def middle(module):
        return [module.layers.Activation("tanh"), module.layers.Identity(),
                module.layers.Lambda(double_plus_one, mask=lambda inputs, mask: mask)]

    ours = build(kerasish, kind, embedding_stack(kerasish, *middle(kerasish)), (5,), "int32")
    theirs = build(keras, kind, embedding_stack(keras, *middle(keras)), (5,), "int32")
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(to_numpy(ours(TOKENS)), np.asarray(theirs(TOKENS)),
                               rtol=1e-6, atol=1e-6)


def sequences():
    x = np.arange(1, 25, dtype="float32").reshape(2, 4, 3) / 10
    x[0, 1] = 0.0
    x[0, 3] = 0.0
    x[1, 2] = 0.0
    x[1, 0, 1] = 0.0  # one zero feature does not mask the timestep
    return x


@pytest.mark.parametrize("kind", ["functional", "sequential"])
def test_masking_mask_reaches_a_masked_layer(backend, kind):
    def layers(module):
        return [module.layers.Masking(), module.layers.Dense(2), masked_mean_class(module)()]

    ours = build(kerasish, kind, layers(kerasish), (4, 3), "float32")
    theirs = build(keras, kind, layers(keras), (4, 3), "float32")
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(to_numpy(ours(sequences())), np.asarray(theirs(sequences())),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("mask_value", [0.0, 0.1])
def test_masking_output_and_mask_match_keras(backend, mask_value):
    x = sequences()
    x[1, 3] = 0.1
    out = kerasish.layers.Masking(mask_value=mask_value)(x)
    expected = keras.layers.Masking(mask_value=mask_value)(x)
    np.testing.assert_array_equal(to_numpy(out), np.asarray(expected))
    np.testing.assert_array_equal(to_numpy(get_keras_mask(out)),
                                  np.asarray(keras.src.backend.get_keras_mask(expected)))
    symbolic = kerasish.layers.Masking(mask_value=mask_value)(kerasish.Input(shape=(4, 3)))
    assert symbolic.shape == (None, 4, 3)
    assert symbolic._keras_mask.shape == (None, 4) and symbolic._keras_mask.dtype == "bool"


def test_embedding_mask_float_inputs_and_weights(backend):
    table = np.arange(12, dtype="float32").reshape(4, 3)
    layer = kerasish.layers.Embedding(4, 3, mask_zero=True, weights=table)
    assert layer.built and [w.path for w in layer.weights] == [f"{layer.name}/embeddings"]
    out = layer(np.array([[1.0, 0.0, 3.0]], dtype="float32"))  # floats are cast to int32
    np.testing.assert_array_equal(to_numpy(out), table[[[1, 0, 3]]])
    np.testing.assert_array_equal(to_numpy(get_keras_mask(out)), [[True, False, True]])
    assert kerasish.layers.Embedding(4, 3).compute_mask(np.array([[0, 1]]), None) is None
    symbolic = kerasish.layers.Embedding(4, 3, mask_zero=True)(kerasish.Input((5,), dtype="int32"))
    assert symbolic.shape == (None, 5, 3) and symbolic.dtype == "float32"
    assert symbolic._keras_mask.shape == (None, 5)


def test_embedding_input_length_warns_as_in_keras(backend):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kerasish.layers.Embedding(4, 3, input_length=5)
    assert any("input_length" in str(w.message) for w in caught)


@pytest.mark.parametrize("kwargs, message", [
    ({"input_dim": 0, "output_dim": 3}, "`input_dim` must be a positive integer. Received: input_dim=0"),
    ({"input_dim": 4.0, "output_dim": 3}, "input_dim=4.0 (of type float)"),
    ({"input_dim": 4, "output_dim": -1}, "`output_dim` must be a positive integer"),
    ({"input_dim": 4, "output_dim": True}, "output_dim=True (of type bool)"),
])
def test_embedding_bad_arguments(backend, kwargs, message):
    with pytest.raises(ValueError, match="Embedding") as info:
        kerasish.layers.Embedding(**kwargs)
    assert message in str(info.value)


def test_embedding_lora_is_not_implemented(backend):
    with pytest.raises(NotImplementedError, match="lora_rank"):
        kerasish.layers.Embedding(4, 3, lora_rank=2)


@pytest.mark.parametrize("kwargs, message", [
    ({"equation": "ab,bc", "output_shape": 3}, "invalid einsum equation 'ab,bc'"),
    ({"equation": "ab,bc->ac extra", "output_shape": 3}, "invalid einsum equation"),
    ({"equation": "a1,1c->ac", "output_shape": 3}, "invalid einsum equation"),
    ({"equation": 5, "output_shape": 3}, "invalid einsum equation 5"),
    ({"equation": "ab,bc->ac", "output_shape": (None, 3)}, "`output_shape` must give 1 sizes"),
    ({"equation": "ab,bc->ac", "output_shape": "3"}, "received output_shape='3'"),
    ({"equation": "ab,bc->ac", "output_shape": 3, "bias_axes": "b"}, "`bias_axes` must be None or letters"),
    ({"equation": "ab,bc->ad", "output_shape": 3}, "output axis 'd'"),
    ({"equation": "ab,bcd->ac", "output_shape": 3}, "kernel axis 'd'"),
])
def test_einsum_dense_bad_arguments(backend, kwargs, message):
    with pytest.raises(ValueError, match="EinsumDense") as info:
        kerasish.layers.EinsumDense(**kwargs)
    assert message in str(info.value)


@pytest.mark.parametrize("kwargs, shape, message", [
    ({"equation": "abc,cd->abd", "output_shape": (None, 4)}, (2, 3), "expects inputs of rank 3"),
    ({"equation": "...b,bc->...c", "output_shape": 4}, (3,), None),  # no batch: allowed
    ({"equation": "abc,cd->abd", "output_shape": (5, 4)}, (2, 3, 6),
     "do not match at shared dimension 'b': the input has 3, output_shape gives 5"),
    ({"equation": "abc,cd->abd", "output_shape": (None, 4)}, (2, 3, None), "kernel axis 'c'"),
])
def test_einsum_dense_bad_input_shapes(backend, kwargs, shape, message):
    layer = kerasish.layers.EinsumDense(**kwargs)
    if message is None:
        layer.build(shape)
        return
    with pytest.raises(ValueError, match="EinsumDense layer") as info:
        layer.build(shape)
    assert message in str(info.value)


def test_einsum_dense_kernel_fans_follow_the_equation(backend):
    # As Keras: the fans of "abc,cde->abde" are c (in) and d*e (out), not Dense-style fans.
    layer = kerasish.layers.EinsumDense(
        "abc,cde->abde", (None, 3, 4), kernel_initializer=kerasish.initializers.GlorotUniform(seed=7))
    layer.build((None, 5, 2))
    expected = kerasish.initializers.GlorotUniform(seed=7, input_axes=[0], output_axes=[1, 2])(
        (2, 3, 4))
    np.testing.assert_array_equal(to_numpy(layer.kernel), to_numpy(expected))
    assert layer.get_config()["kernel_initializer"]["config"]["input_axes"] is None


def test_einsum_dense_symbolic_shape_fills_input_sizes(backend):
    # Keras leaves output_shape's None as None ((None, None, 4)); kerasish uses the input's size.
    layer = kerasish.layers.EinsumDense("abc,cd->abd", (None, 4))
    assert layer(kerasish.Input((3, 5))).shape == (None, 3, 4)
    assert layer.compute_output_shape((2, 3, 5)) == (2, 3, 4)


def test_lambda_with_a_python_lambda_is_not_loaded_from_config(backend):
    layer = kerasish.layers.Lambda(lambda x: x * 2.0, output_shape=(3,))
    config = layer.get_config()
    assert config["function"] == {"class_name": "__lambda__",
                                  "config": {"code": None, "defaults": None, "closure": None}}
    json.dumps(config)  # the config stays writable
    with pytest.raises(ValueError, match="kerasish does not load Python code from a config"):
        kerasish.layers.Lambda.from_config(config)
    with pytest.raises(ValueError, match="Python lambda"):
        kerasish.layers.deserialize(kerasish.layers.serialize(layer))


def test_activation_with_a_python_lambda_is_not_loaded_from_config(backend):
    layer = kerasish.layers.Activation(lambda x: x * 2.0)
    config = layer.get_config()
    assert config["activation"]["class_name"] == "__lambda__"
    with pytest.raises(ValueError, match="Activation layer .* Python lambda"):
        kerasish.layers.Activation.from_config(config)


def test_lambda_keras_bytecode_is_refused_without_running_it(backend):
    config = keras.layers.Lambda(lambda x: x * 2.0).get_config()
    assert config["function"]["config"]["code"]  # Keras wrote bytecode
    for safe_mode in (None, False):
        with pytest.raises(ValueError, match="does not load Python code"):
            kerasish.layers.Lambda.from_config(dict(config), safe_mode=safe_mode)


def _unregistered_halve(x):
    return x * 0.5


def test_lambda_named_functions_load_by_name_only(backend):
    layer = kerasish.layers.Lambda(_unregistered_halve)
    config = layer.get_config()
    assert config["function"] == {"module": "builtins", "class_name": "function",
                                  "config": "_unregistered_halve", "registered_name": "function"}
    assert config["function"] == keras.layers.Lambda(_unregistered_halve).get_config()["function"]
    with pytest.raises(ValueError, match="unknown function '_unregistered_halve'"):
        kerasish.layers.Lambda.from_config(config)
    clone = kerasish.layers.deserialize(
        kerasish.layers.serialize(layer), custom_objects={"_unregistered_halve": _unregistered_halve})
    assert clone.function is _unregistered_halve
    # kerasish activations resolve by name, as Keras's built-in functions do.
    relu = kerasish.layers.Lambda.from_config(kerasish.layers.Lambda(kerasish.activations.relu).get_config())
    assert relu.function is kerasish.activations.relu


def test_lambda_arguments_mask_and_training(backend):
    def fn(x, factor, mask=None, training=None):
        return x * factor + (1.0 if training else 0.0)

    layer = kerasish.layers.Lambda(fn, arguments={"factor": np.float32(3.0)})
    x = np.ones((2, 2), "float32")
    np.testing.assert_array_equal(to_numpy(layer(x)), 3 * x)
    np.testing.assert_array_equal(to_numpy(layer(x, training=True)), 3 * x + 1)
    assert layer.get_config()["arguments"] == {"factor": 3.0}
    with pytest.raises(ValueError, match="`function` must be callable"):
        kerasish.layers.Lambda("relu")
    with pytest.raises(ValueError, match="`output_shape` must be None, a function"):
        kerasish.layers.Lambda(fn, output_shape="3")


def test_lambda_without_inferable_output_asks_for_output_shape(backend):
    def opaque(x):
        if not np.any(kerasish.ops.convert_to_numpy(x)):  # needs real, non-zero data
            raise ValueError("no data")
        return x * 2.0

    with pytest.raises(NotImplementedError, match="pass the `output_shape` argument"):
        kerasish.layers.Lambda(opaque)(kerasish.Input((3,)))
    layer = kerasish.layers.Lambda(opaque, output_shape=(3,))
    assert layer(kerasish.Input((3,))).shape == (None, 3)
    np.testing.assert_array_equal(to_numpy(layer(np.ones((2, 3), "float32"))), 2 * np.ones((2, 3)))
