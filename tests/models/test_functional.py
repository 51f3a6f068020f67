"""Functional models: multiple inputs and outputs, shared layers, nesting, feature extraction,
config round trips (also through Keras 3), and graph errors."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")

XA = np.linspace(-1, 1, 8, dtype="float32").reshape(2, 4)
XB = np.linspace(1, -1, 6, dtype="float32").reshape(2, 3)


def np_(x):
    return kerasish.tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), x)


def two_tower(lib, io="list"):
    """Two inputs, a layer shared between them, two outputs."""
    a = lib.Input((4,), name="a")
    b = lib.Input((3,), name="b")
    shared = lib.layers.Dense(5, activation="tanh", name="shared")
    proj = lib.layers.Dense(4, name="proj")
    ha = shared(a)
    hb = shared(proj(b))
    sum_out = lib.layers.Dense(1, name="sum_out")(ha)
    diff_out = lib.layers.Dense(2, name="diff_out")(hb)
    if io == "dict":
        return lib.Model({"a": a, "b": b}, {"sum": sum_out, "diff": diff_out}, name="tower")
    if io == "nested":
        return lib.Model([a, b], [sum_out, [diff_out, ha]], name="tower")
    return lib.Model([a, b], [sum_out, diff_out], name="tower")


@pytest.mark.parametrize("io", ["list", "dict", "nested"])
def test_multi_io_matches_keras(backend, io):
    ours, theirs = two_tower(kerasish, io), two_tower(keras, io)
    assert [layer.name for layer in ours.layers] == [layer.name for layer in theirs.layers]
    assert [w.shape for w in ours.get_weights()] == [tuple(w.shape) for w in theirs.get_weights()]
    theirs.set_weights(ours.get_weights())
    inputs = {"a": XA, "b": XB} if io == "dict" else [XA, XB]
    got, want = np_(ours(inputs)), theirs(inputs)
    for g, w in zip(kerasish.tree.flatten(got), kerasish.tree.flatten(want)):
        np.testing.assert_allclose(g, np.asarray(w), rtol=1e-5, atol=1e-6)
    if io == "dict":
        assert set(got) == {"sum", "diff"}
    if io == "nested":
        assert len(got) == 2 and len(got[1]) == 2


def test_shared_layer_has_one_set_of_weights(backend):
    model = two_tower(kerasish)
    shared = model.get_layer("shared")
    assert len(shared._inbound_nodes) == 2
    assert len(model.weights) == 8  # shared (2) + proj (2) + two heads (2 each)
    assert sum(w is shared.kernel for w in model.weights) == 1


def test_inputs_by_name_and_errors(backend):
    model = two_tower(kerasish)
    by_position = np_(model([XA, XB]))
    by_name = np_(model({"a": XA, "b": XB}))
    np.testing.assert_allclose(by_position[0], by_name[0])
    with pytest.raises(ValueError, match=r"missing keys \['b'\]"):
        model({"a": XA})
    with pytest.raises(ValueError, match=r"expects 2 input\(s\), but it received 1"):
        model([XA])


def test_get_layer(backend):
    model = two_tower(kerasish)
    assert model.get_layer("proj").name == "proj"
    assert model.get_layer(index=-1) is model.layers[-1]
    assert {model.get_layer(index=0).name, model.get_layer(index=1).name} == {"a", "b"}
    with pytest.raises(ValueError, match=r"No such layer: nope. Existing layers are: \[.*'proj'"):
        model.get_layer("nope")
    with pytest.raises(ValueError, match="index 6 but model 'tower' only has 6 layers"):
        model.get_layer(index=6)


def test_feature_extraction_from_an_intermediate_layer(backend):
    inputs = kerasish.Input((4,))
    h1 = layers.Dense(3, activation="relu", name="conv1")(inputs)
    h2 = layers.Dense(3, activation="relu", name="conv2")(h1)
    model = kerasish.Model(inputs, layers.Dense(1)(h2))
    extractor = kerasish.Model(model.inputs, model.get_layer("conv2").output)
    features = np_(extractor(XA))
    expected = np.maximum(np.maximum(XA @ np_(model.get_layer("conv1").kernel) + np_(
        model.get_layer("conv1").bias), 0) @ np_(model.get_layer("conv2").kernel) + np_(
        model.get_layer("conv2").bias), 0)
    np.testing.assert_allclose(features, expected, rtol=1e-5, atol=1e-6)
    assert [layer.name for layer in extractor.layers][1:] == ["conv1", "conv2"]


def test_models_nest_as_layers(backend):
    inner_in = kerasish.Input((4,))
    inner = kerasish.Model(inner_in, layers.Dense(3, name="inner_dense")(inner_in), name="inner")
    seq = kerasish.Sequential([kerasish.Input((3,)), layers.Dense(2, name="seq_dense")], name="seq")
    outer_in = kerasish.Input((4,))
    outer = kerasish.Model(outer_in, seq(inner(outer_in)), name="outer")
    assert [layer.name for layer in outer.layers][1:] == ["inner", "seq"]
    assert len(outer.weights) == 4 and outer.count_params() == 4 * 3 + 3 + 3 * 2 + 2
    expected = np_(seq(inner(XA)))
    np.testing.assert_allclose(np_(outer(XA)), expected, rtol=1e-6)
    inner.trainable = False
    assert len(outer.trainable_weights) == 2


def test_config_round_trip_rebuilds_the_same_graph(backend):
    for io in ("list", "dict", "nested"):
        model = two_tower(kerasish, io)
        config = model.get_config()
        clone = kerasish.Model.from_config(config)
        assert clone.get_config() == config
        clone.set_weights(model.get_weights())
        inputs = [XA, XB] if io != "dict" else {"a": XA, "b": XB}
        for g, w in zip(kerasish.tree.flatten(np_(clone(inputs))), kerasish.tree.flatten(np_(model(inputs)))):
            np.testing.assert_allclose(g, w, rtol=1e-6)


def test_configs_load_in_keras_and_back(backend):
    ours = two_tower(kerasish)
    theirs = keras.Model.from_config(ours.get_config())
    theirs.set_weights(ours.get_weights())
    for g, w in zip(np_(ours([XA, XB])), theirs([XA, XB])):
        np.testing.assert_allclose(g, np.asarray(w), rtol=1e-5, atol=1e-6)
    back = kerasish.Model.from_config(two_tower(keras).get_config())
    assert [layer.name for layer in back.layers] == [layer.name for layer in ours.layers]


def test_disconnected_graph_is_refused(backend):
    a, b = kerasish.Input((4,), name="a"), kerasish.Input((4,), name="b")
    out = layers.Add()([layers.Dense(2)(a), layers.Dense(2)(b)]) if hasattr(layers, "Add") else \
        ops.add(layers.Dense(2)(a), layers.Dense(2)(b))
    with pytest.raises(ValueError, match=r"Graph disconnected: cannot find parent for tensor .*name=b"):
        kerasish.Model(a, out)


def test_bad_model_arguments(backend):
    inputs = kerasish.Input((4,))
    with pytest.raises(ValueError, match="must be symbolic tensors"):
        kerasish.Model(inputs, np.zeros(3))
    with pytest.raises(ValueError, match="must be symbolic tensors"):
        kerasish.Model(XA, layers.Dense(1)(inputs))


def test_functional_built_before_data_and_trains(backend):
    inputs = kerasish.Input((4,))
    model = kerasish.Model(inputs, layers.Dense(1)(layers.Dense(8, activation="relu")(inputs)))
    assert model.built and model.output_shape == (None, 1) and model.count_params() == 49
    y = XA.sum(axis=1, keepdims=True)
    trainable = [v.value for v in model.trainable_variables]

    def loss(t):
        out, _ = model.stateless_call(t, [], XA)
        return ops.mean((out - y) ** 2)

    first = float(loss(trainable))
    for _ in range(30):
        grads = ops.grad(loss)(trainable)
        trainable = [t - 0.1 * g for t, g in zip(trainable, grads)]
    assert float(loss(trainable)) < first * 0.5
