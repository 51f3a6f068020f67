"""The Layer base: weights, tracking, trainable, losses, training, masks, input_spec, config."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops


class Counter(layers.Layer):
    """One trainable and one non-trainable weight, created in build; counts calls in training."""

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones", name="scale")
        self.count = self.add_weight(shape=(), initializer="zeros", trainable=False, name="count")

    def call(self, inputs, training=False):
        if training:
            self.count.assign_add(1.0)
        return inputs * self.scale


class Block(layers.Layer):
    """Sublayers held in an attribute, a list and a dict."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.first = layers.Dense(3, name="first")
        self.stack = [layers.Dense(3, name="stack_0"), layers.Dense(3, name="stack_1")]
        self.heads = {"b": Counter(name="head_b"), "a": layers.Dense(2, name="head_a")}

    def call(self, x, training=None):
        x = self.first(x)
        for layer in self.stack:
            x = layer(x)
        return self.heads["a"](self.heads["b"](x, training=training))


X = np.arange(8, dtype="float32").reshape(2, 4) / 8


def names(variables):
    return [v.path.split("/", 1)[-1] if "/" in v.path else v.path for v in variables]


def test_weights_order_and_tracking(backend):
    block = Block()
    block(X)
    assert [layer.name for layer in block._layers] == ["first", "stack_0", "stack_1", "head_b", "head_a"]
    assert [v.name for v in block.weights] == [
        "kernel", "bias", "kernel", "bias", "kernel", "bias", "scale", "count", "kernel", "bias"]
    assert len(block.trainable_weights) == 9 and [v.name for v in block.non_trainable_weights] == ["count"]
    assert block.count_params() == 4 * 3 + 3 + 2 * (3 * 3 + 3) + 3 + 1 + 3 * 2 + 2


def test_sublayers_appended_to_a_list_later_are_tracked(backend):
    block = Block()
    block.stack.append(layers.Dense(3, name="late"))
    block(X)
    assert "late" in [layer.name for layer in block._layers]


def test_trainable_propagates_to_sublayers(backend):
    block = Block()
    block(X)
    block.trainable = False
    assert block.trainable_weights == [] and len(block.non_trainable_weights) == 10
    assert all(not layer.trainable for layer in block._layers)
    block.trainable = True
    block.stack[0].trainable = False
    assert len(block.trainable_weights) == 7


def test_get_and_set_weights(backend):
    layer = layers.Dense(2)
    layer(X)
    values = [np.full(w.shape, i + 1.0, "float32") for i, w in enumerate(layer.get_weights())]
    layer.set_weights(values)
    for got, want in zip(layer.get_weights(), values):
        np.testing.assert_array_equal(got, want)
    with pytest.raises(ValueError, match=r"expects 2 weights \(.*kernel.*bias\), but set_weights received 1"):
        layer.set_weights(values[:1])
    with pytest.raises(ValueError, match=r"weight '.*kernel' has shape \(4, 2\), but set_weights received a value of shape \(2, 4\)"):
        layer.set_weights([np.zeros((2, 4)), np.zeros(2)])
    with pytest.raises(ValueError, match=layer.name):
        layer.set_weights([np.zeros((2, 4)), np.zeros(2)])


def test_training_argument_reaches_nested_layers(backend):
    block = Block()
    block(X)
    counter = block.heads["b"]
    block(X, training=True)
    block(X)  # the default (None, then Counter's own default False): no count
    block(X, training=False)
    assert float(counter.count.numpy()) == 1.0
    model = kerasish.Sequential([block])
    model(X, training=True)
    assert float(counter.count.numpy()) == 2.0


class ActivityLoss(layers.Layer):
    def call(self, x):
        self.add_loss(ops.sum(x) * 0.0 + 3.0)
        return x


def test_losses_from_add_loss_activity_and_weight_regularizers(backend):
    inputs = kerasish.Input((4,))
    hidden = layers.Dense(2, kernel_regularizer=kerasish.regularizers.L2(0.1),
                          activity_regularizer=kerasish.regularizers.L1(0.5))
    model = kerasish.Model(inputs, ActivityLoss()(hidden(inputs)))
    out = ops.convert_to_numpy(model(X))
    losses = [float(ops.convert_to_numpy(loss)) for loss in model.losses]
    kernel = hidden.kernel.numpy()
    expected_activity = 0.5 * np.abs(out).sum() / X.shape[0]
    assert len(losses) == 3
    np.testing.assert_allclose(sorted(losses), sorted([expected_activity, 3.0, 0.1 * (kernel ** 2).sum()]), rtol=1e-5)
    model(X)
    assert len(model.losses) == 3  # losses of the last call only, not accumulated


def test_stateless_call_returns_losses_and_updated_state(backend):
    layer = Counter()
    layer(X)
    trainable = [np.full(4, 2.0, "float32")]
    out, non_trainable, losses = layer.stateless_call(trainable, [np.float32(5.0)], X, training=True,
                                                      return_losses=True)
    np.testing.assert_allclose(ops.convert_to_numpy(out), X * 2)
    assert float(ops.convert_to_numpy(non_trainable[0])) == 6.0
    assert float(layer.count.numpy()) == 0.0 and losses == []
    with pytest.raises(ValueError, match="must be a list of 1 values"):
        layer.stateless_call([], [np.float32(0)], X)
    with pytest.raises(ValueError, match="must be built"):
        Counter().stateless_call([], [], X)


def test_stateless_call_under_jit(backend):
    inputs = kerasish.Input((4,))
    model = kerasish.Model(inputs, layers.Dense(1)(Counter()(inputs, training=True)))
    trainable = [v.value for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]

    @ops.jit
    def step(trainable, non_trainable, x):
        def loss(t):
            y, nt = model.stateless_call(t, non_trainable, x)
            return ops.mean(y ** 2), nt
        (value, nt), grads = ops.value_and_grad(loss, has_aux=True)(trainable)
        return value, grads, nt

    value, grads, nt = step(trainable, non_trainable, ops.convert_to_tensor(X))
    assert [tuple(g.shape) for g in grads] == [tuple(v.shape) for v in model.trainable_variables]
    assert float(ops.convert_to_numpy(nt[0])) == 1.0
    assert float(model.non_trainable_variables[0].numpy()) == 0.0


class Doubler(layers.Layer):
    """Marks the first feature as masked; consumes the incoming mask in call."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        self.seen_mask = mask
        return inputs * 2

    def compute_mask(self, inputs, previous_mask):
        return ops.not_equal(inputs, 0.0)


def test_masks_flow_between_layers(backend):
    first, second = Doubler(), Doubler()
    x = np.array([[0.0, 1.0], [2.0, 0.0]], "float32")
    second(first(x))
    np.testing.assert_array_equal(ops.convert_to_numpy(second.seen_mask), x != 0)
    inputs = kerasish.Input((2,))
    a, b = Doubler(), Doubler()
    out = b(a(inputs))
    assert isinstance(out._keras_mask, kerasish.KerasTensor) and out._keras_mask.dtype == "bool"
    model = kerasish.Model(inputs, out)
    model(x)
    np.testing.assert_array_equal(ops.convert_to_numpy(b.seen_mask), x != 0)


def test_input_spec_errors_name_the_layer_and_shapes(backend):
    dense = layers.Dense(2, name="probe")
    dense(X)
    with pytest.raises(ValueError, match=r'Input 0 of layer "probe" is incompatible with the layer: '
                                         r'expected axis -1 of input shape to have value 4, but received '
                                         r'input with shape \(2, 3\)'):
        dense(np.zeros((2, 3), "float32"))
    with pytest.raises(ValueError, match=r'layer "probe".*expected min_ndim=2, found ndim=1'):
        dense(np.zeros(4, "float32"))
    with pytest.raises(ValueError, match=r"expected axis -1 of input shape to have value 4"):
        dense(kerasish.Input((5,)))


def test_automatic_names(backend):
    kerasish.backend.clear_session()
    assert [layers.Dense(1).name for _ in range(3)] == ["dense", "dense_1", "dense_2"]
    assert Counter().name == "counter" and Counter().name == "counter_1"
    assert layers.SpatialDropout2D(0.1).name == "spatial_dropout2d"  # digits stay attached, as Keras
    assert kerasish.Sequential().name == "sequential"
    with pytest.raises(ValueError, match="without '/'"):
        layers.Dense(1, name="a/b")


class Scaled(layers.Layer):
    def __init__(self, factor=2.0, units=3, **kwargs):
        super().__init__(**kwargs)
        self.factor, self.units = factor, units

    def call(self, x):
        return x * self.factor


def test_automatic_config_of_custom_layers(backend):
    layer = Scaled(factor=3.0, name="s", trainable=False)
    config = layer.get_config()
    # As Keras: the arguments passed (defaults left out), when they are plain data.
    assert config["factor"] == 3.0 and "units" not in config and config["name"] == "s"
    assert config["trainable"] is False and config["dtype"]["config"]["name"] == "float32"
    clone = Scaled.from_config(config)
    assert clone.get_config() == config


def test_errors_for_misuse(backend):
    class Forgot(layers.Layer):
        def __init__(self):
            pass

        def call(self, x):
            return x

    with pytest.raises(RuntimeError, match=r"forgot to call `super\(\).__init__\(\)`"):
        Forgot()(X)
    with pytest.raises(ValueError, match="Unrecognized keyword arguments passed to Dense"):
        layers.Dense(2, bogus=1)
    with pytest.raises(ValueError, match="isn't built"):
        layers.Dense(2).count_params()
    with pytest.raises(ValueError, match="expected a positive integer"):
        layers.Dense(0)


def test_inputs_are_cast_to_the_layer_dtype(backend):
    layer = layers.Dense(2)
    out = layer(X.astype("float64"))
    assert ops.dtype(out) == "float32"
    layer64 = layers.Dense(2, dtype="float64")
    out64 = layer64(X)
    assert ops.dtype(out64) == "float64" and layer64.kernel.dtype == "float64"
    assert layer64.get_config()["dtype"]["config"]["name"] == "float64"


class Composite(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.a, self.b = layers.Dense(5), layers.Dense(2)

    def call(self, x):
        return self.b(self.a(x))


def test_layers_built_inside_jit_or_symbolically_hold_real_values(backend):
    dense = layers.Dense(3)
    out = ops.jit(lambda x: dense(x))(X)
    assert tuple(out.shape) == (2, 3)
    np.testing.assert_allclose(np.asarray(ops.convert_to_numpy(dense(X))), np.asarray(ops.convert_to_numpy(out)), rtol=1e-6)
    composite = Composite()
    inputs = kerasish.Input((4,))
    assert composite(inputs).shape == (None, 2)
    assert len(composite.weights) == 4
    for v in composite.weights:
        assert np.all(np.isfinite(v.numpy()))  # concrete values, not tracers
    model = kerasish.Model(inputs, composite(inputs))
    assert np.asarray(ops.convert_to_numpy(model(X))).shape == (2, 2)
