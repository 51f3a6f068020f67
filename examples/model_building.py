"""Three ways to define a model, one training step for all of them, on every backend.

    python examples/model_building.py                  # both backends
    python examples/model_building.py --backend numpy

1. Sequential: a stack of layers (an MLP classifier).
2. Functional: two inputs, two outputs, one layer shared between the inputs.
3. Subclassing: a Model whose `call` uses a custom layer with its own weights.

Each is trained by the same step: `model.stateless_call` runs the model on explicit weight values,
`ops.value_and_grad` differentiates it, and `ops.jit` compiles the whole step (on JAX; on NumPy it
runs eagerly on the tape). model.fit builds on exactly these pieces.
"""
import argparse

import numpy as np

import kerasish as keras
from kerasish import layers, ops


def sequential_mlp():
    return keras.Sequential([
        keras.Input((2,)),
        layers.Dense(32, activation="tanh"),
        layers.Dense(32, activation="tanh"),
        layers.Dense(2),
    ], name="mlp")


def functional_two_towers():
    """Encodes `a` and `b` with one shared Dense; predicts a·b and |a|+|b| from the codes."""
    a, b = keras.Input((3,), name="a"), keras.Input((3,), name="b")
    encoder = layers.Dense(16, activation="tanh", name="shared_encoder")
    code_a, code_b = encoder(a), encoder(b)
    joined = layers.Concatenate()([code_a, code_b])
    hidden = layers.Dense(32, activation="tanh")(joined)
    dot = layers.Dense(1, name="dot")(hidden)
    norms = layers.Dense(1, name="norms")(layers.Add()([code_a, code_b]))
    return keras.Model({"a": a, "b": b}, {"dot": dot, "norms": norms}, name="two_towers")


class RadialBasis(layers.Layer):
    """exp(-|x - center|^2 / width^2) for `units` learned centers and widths."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.centers = self.add_weight(shape=(self.units, input_shape[-1]), initializer="random_uniform",
                                       name="centers")
        self.widths = self.add_weight(shape=(self.units,), initializer="ones", name="widths")

    def call(self, x):
        distances = ops.sum(ops.square(ops.expand_dims(x, 1) - self.centers), axis=-1)
        return ops.exp(-distances / ops.square(self.widths))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class RadialNet(keras.Model):
    def __init__(self, units=16, **kwargs):
        super().__init__(**kwargs)
        self.basis = RadialBasis(units)
        self.out = layers.Dense(1)

    def call(self, x):
        return self.out(self.basis(x))


def make_data(seed=0, n=256):
    rng = np.random.default_rng(seed)
    t = rng.uniform(0.5, 3 * np.pi, n)
    labels = rng.integers(0, 2, n)
    spirals = np.stack([t * np.cos(t + np.pi * labels), t * np.sin(t + np.pi * labels)], 1) / 10
    a, b = rng.normal(size=(n, 3)).astype("float32"), rng.normal(size=(n, 3)).astype("float32")
    towers = ({"a": a, "b": b}, {"dot": (a * b).sum(1, keepdims=True),
                                "norms": np.abs(a).sum(1, keepdims=True) + np.abs(b).sum(1, keepdims=True)})
    x = rng.uniform(-1, 1, (n, 2)).astype("float32")
    bumps = np.sin(3 * x[:, :1]) * np.cos(2 * x[:, 1:])
    return (spirals.astype("float32"), labels.astype("int32")), towers, (x, bumps.astype("float32"))


def cross_entropy(y, logits):
    return ops.mean(ops.sparse_categorical_crossentropy(y, logits, from_logits=True))


def mean_squared_error(y, predictions):
    pairs = zip(keras.tree.flatten(y), keras.tree.flatten(predictions))
    return sum(ops.mean(ops.square(p - t)) for t, p in pairs)


def train(model, x, y, loss_fn, steps, learning_rate=0.01):
    """Adam on the model's weights; returns the first and last loss."""
    trainable = [v.value for v in model.trainable_variables]
    non_trainable = [v.value for v in model.non_trainable_variables]
    moments = [(ops.zeros_like(t), ops.zeros_like(t)) for t in trainable]

    @ops.jit
    def step(trainable, non_trainable, moments, count, x, y):
        def loss(weights):
            outputs, new_non_trainable = model.stateless_call(weights, non_trainable, x, training=True)
            return loss_fn(y, outputs), new_non_trainable

        (value, non_trainable), grads = ops.value_and_grad(loss, has_aux=True)(trainable)
        new_trainable, new_moments = [], []
        for w, g, (m, v) in zip(trainable, grads, moments):
            m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * ops.square(g)
            m_hat, v_hat = m / (1 - 0.9 ** count), v / (1 - 0.999 ** count)
            new_trainable.append(w - learning_rate * m_hat / (ops.sqrt(v_hat) + 1e-7))
            new_moments.append((m, v))
        return new_trainable, non_trainable, new_moments, value

    losses = []
    for i in range(1, steps + 1):
        count = ops.convert_to_tensor(float(i))
        trainable, non_trainable, moments, value = step(trainable, non_trainable, moments, count, x, y)
        losses.append(float(value))
    for variable, value in zip(model.trainable_variables + model.non_trainable_variables,
                               trainable + non_trainable):
        variable.assign(value)  # the trained values back into the model
    return losses[0], losses[-1]


def run(backend_name, steps):
    with keras.backend.use_backend(backend_name):
        keras.utils.set_random_seed(0)
        (spiral_x, spiral_y), (tower_x, tower_y), (bump_x, bump_y) = make_data()

        mlp = sequential_mlp()
        first, last = train(mlp, spiral_x, spiral_y, cross_entropy, steps)
        accuracy = float(np.mean(np.argmax(ops.convert_to_numpy(mlp(spiral_x)), 1) == spiral_y))
        print(f"[{backend_name}] sequential  loss {first:.3f} -> {last:.3f}, accuracy {accuracy:.3f}")

        towers = functional_two_towers()
        first, last = train(towers, tower_x, tower_y, mean_squared_error, steps)
        print(f"[{backend_name}] functional  loss {first:.3f} -> {last:.3f}")

        radial = RadialNet()
        radial.build((None, 2))
        first, last = train(radial, bump_x, bump_y, mean_squared_error, steps, learning_rate=0.05)
        print(f"[{backend_name}] subclassed  loss {first:.3f} -> {last:.3f}")
        return mlp, towers, radial


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["numpy", "jax", "both"], default="both")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--summary", action="store_true", help="print each model's summary")
    args = parser.parse_args()
    for name in (["numpy", "jax"] if args.backend == "both" else [args.backend]):
        models = run(name, args.steps)
        if args.summary:
            for model in models:
                model.summary()


if __name__ == "__main__":
    main()
