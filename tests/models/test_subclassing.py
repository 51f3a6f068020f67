"""Subclassed models and custom layers with their own weights: training, weights, configs."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")
X = np.linspace(-1, 1, 12, dtype="float32").reshape(3, 4)


def np_(x):
    return np.asarray(ops.convert_to_numpy(x))


def define(lib):
    class Scale(lib.layers.Layer):
        """A custom layer with its own weight."""

        def __init__(self, init=1.0, **kwargs):
            super().__init__(**kwargs)
            self.init = init

        def build(self, input_shape):
            self.gamma = self.add_weight(shape=(input_shape[-1],), initializer=lib.initializers.Constant(self.init),
                                         name="gamma")

        def call(self, x):
            return x * self.gamma

        def get_config(self):
            return {**super().get_config(), "init": self.init}

    class Net(lib.Model):
        def __init__(self, hidden=6, **kwargs):
            super().__init__(**kwargs)
            self.hidden = hidden
            self.dense = lib.layers.Dense(hidden, activation="relu")
            self.scale = Scale(0.5)
            self.head = lib.layers.Dense(2)

        def call(self, x, training=False):
            return self.head(self.scale(self.dense(x)))

        def get_config(self):
            return {**super().get_config(), "hidden": self.hidden}

    return Scale, Net


def test_subclassed_model_matches_keras(backend):
    _, ours_cls = define(kerasish)
    _, theirs_cls = define(keras)
    ours, theirs = ours_cls(), theirs_cls()
    ours(X), theirs(X)
    assert [w.name for w in ours.weights] == [w.name for w in theirs.weights]
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(np_(ours(X)), np.asarray(theirs(X)), rtol=1e-5, atol=1e-6)
    assert [layer.name.split("_")[0] for layer in ours.layers] == ["dense", "scale", "dense"]


def test_subclassed_model_trains_through_stateless_call(backend):
    _, net_cls = define(kerasish)
    model = net_cls()
    model(X)
    y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], "float32")
    params = [v.value for v in model.trainable_variables]

    def loss(p):
        out, _ = model.stateless_call(p, [], X)
        return ops.mean((out - y) ** 2)

    before = float(loss(params))
    for _ in range(40):
        params = [p - 0.2 * g for p, g in zip(params, ops.grad(loss)(params))]
    assert float(loss(params)) < before * 0.5
    for variable, value in zip(model.trainable_variables, params):
        variable.assign(value)
    np.testing.assert_allclose(float(ops.mean((model(X) - y) ** 2)), float(loss(params)), rtol=1e-5)


def test_config_and_weights_round_trip(backend):
    scale_cls, net_cls = define(kerasish)
    model = net_cls(hidden=5, name="net")
    model(X)
    config = model.get_config()
    assert config["hidden"] == 5 and config["name"] == "net"
    clone = net_cls.from_config(config)
    clone(X)
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(np_(clone(X)), np_(model(X)), rtol=1e-6)
    layer = scale_cls(init=2.0, name="s")
    restored = kerasish.layers.deserialize(kerasish.layers.serialize(layer), custom_objects={"Scale": scale_cls})
    assert restored.get_config() == layer.get_config()
    with pytest.raises(ValueError, match="Unknown layer: 'Scale'"):
        kerasish.layers.deserialize(kerasish.layers.serialize(layer))


def test_registered_custom_layer_in_a_functional_config(backend):
    @kerasish.saving.register_keras_serializable(package="tests")
    class Shift(layers.Layer):
        def __init__(self, by=1.0, **kwargs):
            super().__init__(**kwargs)
            self.by = by

        def call(self, x):
            return x + self.by

    inputs = kerasish.Input((4,))
    model = kerasish.Model(inputs, Shift(by=3.0)(layers.Dense(2)(inputs)))
    config = model.get_config()
    assert config["layers"][-1]["registered_name"] == "tests>Shift"
    clone = kerasish.models.Functional.from_config(config)
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(np_(clone(X)), np_(model(X)), rtol=1e-6)


def test_build_by_tracing_and_summary_counts(backend):
    _, net_cls = define(kerasish)
    model = net_cls()
    model.build((None, 4))
    assert model.built and model.count_params() == 4 * 6 + 6 + 6 + 6 * 2 + 2


def test_functional_inputs_to_a_model_subclass_are_refused(backend):
    class Wrapper(kerasish.Model):
        def __init__(self):
            inputs = kerasish.Input((2,))
            super().__init__(inputs, inputs)

    with pytest.raises(TypeError, match="cannot pass `inputs` and `outputs`"):
        Wrapper()
