"""Small models shared by the saving tests (Dense/Embedding/Dropout only), each with a Keras 3
twin built the same way so files can move between the two."""
import numpy as np

import kerasish


def sequential(k=kerasish):
    return k.Sequential([k.Input((3,)), k.layers.Dense(4, activation="relu"),
                         k.layers.Dropout(0.5, seed=1), k.layers.Dense(2)])


def functional(k=kerasish):
    inputs = k.Input((3,))
    inner = k.Sequential([k.Input((4,)), k.layers.Dense(3, activation="tanh")])
    x = k.layers.Dense(4, name="d1")(inputs)
    y = k.layers.Dense(2)(inner(x))
    return k.Model(inputs, y)


def embedding(k=kerasish):
    inputs = k.Input((4,), dtype="int32")
    x = k.layers.Embedding(10, 3)(inputs)
    return k.Model(inputs, k.layers.Dense(2)(x))


def subclassed_class(k=kerasish, package="kerasish_test_saving"):
    @k.saving.register_keras_serializable(package=package)
    class Block(k.Model):
        def __init__(self, units=3, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.first = k.layers.Dense(units, activation="relu")
            self.heads = [k.layers.Dense(2), k.layers.Dense(2)]

        def call(self, x):
            h = self.first(x)
            return self.heads[0](h) + self.heads[1](h)

        def get_config(self):
            return {**super().get_config(), "units": self.units}
    return Block


def x_for(model, n=5, seed=0):
    rng = np.random.default_rng(seed)
    if "int" in str(model.inputs[0].dtype if getattr(model, "inputs", None) else "float"):
        return rng.integers(0, 10, (n, 4)).astype("int32")
    return rng.normal(size=(n, 3)).astype("float32")


def copy_weights(src, dst):
    dst.set_weights([np.asarray(w) for w in src.get_weights()])
