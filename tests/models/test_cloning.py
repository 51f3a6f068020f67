"""clone_model: new layers with fresh weights, the same config and, after set_weights, the same
outputs; clone_function, call_function, input_tensors, recursive cloning, and argument errors."""
import json

import numpy as np
import pytest

import kerasish
from kerasish import layers, ops
from kerasish.models import clone_model

X = np.linspace(-1, 1, 8, dtype="float32").reshape(2, 4)


def np_(x):
    return kerasish.tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), x)


def mlp():
    return kerasish.Sequential([kerasish.Input((4,), name="x"),
                                layers.Dense(5, activation="tanh", name="h"),
                                layers.Dense(2, name="out")], name="mlp")


def shared_two_inputs():
    a, b = kerasish.Input((4,), name="a"), kerasish.Input((4,), name="b")
    shared = layers.Dense(3, activation="tanh", name="shared")
    total = ops.add(shared(a), shared(b))
    return kerasish.Model([a, b], layers.Dense(2, name="head")(total * 2.0), name="two")


def nested():
    inner = kerasish.Sequential([kerasish.Input((5,)), layers.Dense(3, name="i1")], name="inner")
    x = kerasish.Input((4,), name="x")
    return kerasish.Model(x, layers.Dense(2, name="head")(inner(layers.Dense(5, name="pre")(x))),
                          name="outer")


def assert_fresh_clone(model, clone, inputs, compare_config=True):
    assert type(clone) is type(model) and clone.name == model.name
    assert [layer.name for layer in clone.layers] == [layer.name for layer in model.layers]
    assert not any(a is b for a, b in zip(clone.layers, model.layers))
    ids = {id(v) for v in model.weights}
    assert not any(id(v) in ids for v in clone.weights)
    if compare_config:  # (a model applying ops to symbolic tensors has no config yet)
        assert clone.get_config() == model.get_config()
    assert not all(np.array_equal(a, b) for a, b in zip(clone.get_weights(), model.get_weights()))
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(np_(clone(inputs)), np_(model(inputs)), rtol=1e-6, atol=1e-6)
    # the clone's weights are its own: changing them leaves the original alone
    before = model.get_weights()
    clone.set_weights([w + 1.0 for w in clone.get_weights()])
    for a, b in zip(model.get_weights(), before):
        np.testing.assert_array_equal(a, b)


def test_sequential(backend):
    model = mlp()
    assert_fresh_clone(model, clone_model(model), X)


def test_deferred_sequential_stays_deferred_until_built(backend):
    model = kerasish.Sequential([layers.Dense(3, name="d")], name="deferred")
    clone = clone_model(model)
    assert not clone.built and clone.layers[0] is not model.layers[0]
    model(X)
    clone = clone_model(model)  # built from data: the clone gets the same Input
    assert clone.built
    assert_fresh_clone(model, clone, X)


def test_functional_with_shared_layer_and_ops(backend):
    model = shared_two_inputs()
    clone = clone_model(model)
    assert_fresh_clone(model, clone, [X, X[::-1]], compare_config=False)
    shared = clone.get_layer("shared")
    assert len(shared._inbound_nodes) == 2  # still one layer called twice


def test_nested_model_cloned_as_a_whole(backend):
    model = nested()
    assert_fresh_clone(model, clone_model(model), X)


def test_clone_function_applied_to_each_layer_but_inputs(backend):
    seen = []

    def clone_function(layer):
        seen.append(layer.name)
        config = layer.get_config()
        config["name"] = layer.name + "_copy"
        return type(layer).from_config(config)

    clone = clone_model(shared_two_inputs(), clone_function=clone_function)
    assert sorted(seen) == ["head", "shared"]  # the shared layer is cloned once
    assert [layer.name for layer in clone.layers] == ["a", "b", "shared_copy", "head_copy"]


def test_clone_function_can_reuse_layers(backend):
    model = mlp()
    clone = clone_model(model, clone_function=lambda layer: layer)
    assert all(a is b for a, b in zip(clone.layers, model.layers))
    np.testing.assert_allclose(np_(clone(X)), np_(model(X)), rtol=1e-6)


def test_call_function_wraps_calls(backend):
    def call_function(layer, *args, **kwargs):
        out = layer(*args, **kwargs)
        if isinstance(layer, layers.Dense):
            out = ops.multiply(out, 0.0)
        return out

    model = shared_two_inputs()
    clone = clone_model(model, call_function=call_function)
    clone.set_weights(model.get_weights())
    np.testing.assert_array_equal(np_(clone([X, X])), np.zeros((2, 2), "float32"))


def test_input_tensors(backend):
    x = kerasish.Input((4,), name="new_x")
    clone = clone_model(mlp(), input_tensors=x)
    assert clone.inputs[0] is x and clone.layers[0].name == "h"
    clone = clone_model(mlp(), input_tensors=[kerasish.Input((4,))])
    assert clone.input_shape == (None, 4)

    a, b = kerasish.Input((4,), name="a2"), kerasish.Input((4,), name="b2")
    model = shared_two_inputs()
    clone = clone_model(model, input_tensors=[a, b])
    assert clone.inputs == [a, b]
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(np_(clone([X, X])), np_(model([X, X])), rtol=1e-6)


def test_recursive_clones_inner_models_layer_by_layer(backend):
    seen = []

    def clone_function(layer):
        seen.append(layer.name)
        return type(layer).from_config(layer.get_config())

    model = nested()
    clone_model(model, clone_function=clone_function)
    assert seen == ["pre", "inner", "head"]  # the inner model is one layer
    seen.clear()
    clone = clone_model(model, clone_function=clone_function, recursive=True)
    assert seen == ["pre", "i1", "head"]  # its layers are cloned one by one
    assert type(clone.get_layer("inner")) is kerasish.Sequential
    assert_fresh_clone(model, clone, X)


def test_subclassed_model_from_config(backend):
    class Sub(kerasish.Model):
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.dense = layers.Dense(units, name="d")

        def call(self, x):
            return self.dense(x)

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    model = Sub(units=4, name="sub")
    model(X)
    clone = clone_model(model)
    assert type(clone) is Sub and clone.units == 4 and clone.dense is not model.dense
    assert clone.built
    with pytest.raises(ValueError, match="only supported for Sequential models or Functional"):
        clone_model(model, clone_function=lambda layer: layer)
    with pytest.raises(ValueError, match="only supported for Functional models"):
        clone_model(model, call_function=lambda layer, *a, **k: layer(*a, **k))


def test_bad_arguments(backend):
    with pytest.raises(ValueError, match=r"Unexpected keyword argument\(s\): \('foo',\)"):
        clone_model(mlp(), foo=1)
    with pytest.raises(ValueError, match="not supported with Sequential models"):
        clone_model(mlp(), call_function=lambda layer, *a, **k: layer(*a, **k))
    with pytest.raises(ValueError, match="`clone_function` argument to be a callable"):
        clone_model(mlp(), clone_function="dense")
    with pytest.raises(ValueError, match="must contain a single tensor"):
        clone_model(mlp(), input_tensors=[kerasish.Input((4,)), kerasish.Input((4,))])
    with pytest.raises(ValueError, match="must be a KerasTensor"):
        clone_model(mlp(), input_tensors=X)
    with pytest.raises(ValueError, match="must be KerasTensors"):
        clone_model(shared_two_inputs(), input_tensors=[X, X])
    with pytest.raises(ValueError, match="same structure as model.input"):
        clone_model(shared_two_inputs(), input_tensors=[kerasish.Input((4,))])
    with pytest.raises(ValueError, match="expects a kerasish Model"):
        clone_model("model")


def test_matches_keras_clone_structure(backend):
    keras = pytest.importorskip("keras")

    def build(lib):
        a, b = lib.Input((4,), name="a"), lib.Input((4,), name="b")
        shared = lib.layers.Dense(3, name="shared")
        return lib.Model([a, b], [lib.layers.Dense(1, name="head")(shared(a)), shared(b)],
                         name="m")

    ours = clone_model(build(kerasish))
    theirs = keras.models.clone_model(build(keras))
    assert [(l.name, type(l).__name__) for l in ours.layers] == \
        [(l.name, type(l).__name__) for l in theirs.layers]
    assert [w.path for w in ours.weights] == [w.path for w in theirs.weights]
    ours, theirs = (json.loads(json.dumps(m.get_config())) for m in (ours, theirs))
    for key in ("input_layers", "output_layers"):
        assert ours[key] == theirs[key]
    assert ([e["inbound_nodes"] for e in ours["layers"]]
            == [e["inbound_nodes"] for e in theirs["layers"]])
