"""Sequential models: lists or add/pop, with or without an Input, Keras numerics and configs."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")
X = np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4)


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def mlp(lib, with_input=True):
    stack = [lib.layers.Dense(8, activation="relu", name="h1"),
             lib.layers.Dense(3, activation="softmax", name="out")]
    return lib.Sequential(([lib.Input((4,))] if with_input else []) + stack, name="mlp")


@pytest.mark.parametrize("with_input", [True, False])
def test_matches_keras_after_set_weights(backend, with_input):
    ours, theirs = mlp(kerasish, with_input), mlp(keras, with_input)
    if not with_input:
        assert not ours.built and ours.inputs is None
        ours(X), theirs(X)
    assert ours.built and [layer.name for layer in ours.layers] == ["h1", "out"]
    assert [w.path for w in ours.weights] == [w.path for w in theirs.weights]
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(np_(ours(X)), np.asarray(theirs(X)), rtol=1e-5, atol=1e-6)
    assert ours.count_params() == theirs.count_params() == 4 * 8 + 8 + 8 * 3 + 3


def test_add_and_pop(backend):
    model = kerasish.Sequential(name="stack")
    model.add(kerasish.Input((4,)))
    model.add(layers.Dense(5))
    assert model.built and model.output_shape == (None, 5)
    model.add(layers.Dense(2))
    assert model.output_shape == (None, 2) and len(model.weights) == 4
    popped = model.pop()
    assert popped.units == 2 and model.output_shape == (None, 5) and len(model.layers) == 1
    assert np_(model(X)).shape == (3, 5)
    model.pop()
    with pytest.raises(IndexError, match="no layers"):
        model.pop()


def test_deferred_build_takes_the_first_input_shape(backend):
    model = kerasish.Sequential([layers.Dense(2)])
    with pytest.raises(AttributeError, match="built on its first call"):
        model.output_shape
    model(X)
    assert model.input_shape == (3, 4) and model.output_shape == (3, 2)


def test_first_layer_input_shape_argument_builds(backend):
    model = kerasish.Sequential([layers.Dense(2, input_shape=(4,))])
    assert model.built and model.input_shape == (None, 4)


def test_errors(backend):
    model = kerasish.Sequential([layers.Dense(2, name="same")])
    with pytest.raises(ValueError, match="should have unique names. Name 'same'"):
        model.add(layers.Dense(2, name="same"))
    with pytest.raises(ValueError, match="Only instances of `kerasish.Layer` can be added"):
        model.add(np.zeros(3))
    with pytest.raises(ValueError, match="cannot be built because it has no layers"):
        kerasish.Sequential().build((None, 3))
    built = mlp(kerasish)
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 4"):
        built(np.zeros((2, 5), "float32"))


def test_config_round_trip_and_keras_interchange(backend):
    for with_input in (True, False):
        model = mlp(kerasish, with_input)
        model(X)
        config = model.get_config()
        clone = kerasish.Sequential.from_config(config)
        assert clone.get_config() == config
        clone.set_weights(model.get_weights())
        np.testing.assert_allclose(np_(clone(X)), np_(model(X)), rtol=1e-6)
        theirs = keras.Sequential.from_config(config)
        theirs.set_weights(model.get_weights())
        np.testing.assert_allclose(np.asarray(theirs(X)), np_(model(X)), rtol=1e-5, atol=1e-6)
    keras_model = mlp(keras)
    ours = kerasish.Sequential.from_config(keras_model.get_config())
    assert [layer.name for layer in ours.layers] == ["h1", "out"] and ours.built


def test_sequential_inside_functional_and_back(backend):
    inner = mlp(kerasish)
    inputs = kerasish.Input((4,))
    outer = kerasish.Model(inputs, layers.Dense(1)(inner(inputs)))
    wrapped = kerasish.Sequential([outer])
    out = np_(wrapped(X))
    assert out.shape == (3, 1)
    np.testing.assert_allclose(out, np_(outer(X)), rtol=1e-6)
