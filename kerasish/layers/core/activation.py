"""Activation: applies an activation function (as keras.layers.Activation)."""
from kerasish import activations
from kerasish.layers.core.function_config import (
    deserialize_function, is_function_config, serialize_function,
)
from kerasish.layers.layer import Layer


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = activations.get(activation)
        self.supports_masking = True
        self.built = True  # no weights: built at creation, as in Keras

    def call(self, inputs):
        return self.activation(inputs)

    def get_config(self):
        try:
            activation = activations.serialize(self.activation)  # a kerasish activation's name
        except ValueError:
            # A custom function, written as Keras writes it.
            activation = serialize_function(self.activation)
        return {**super().get_config(), "activation": activation}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if is_function_config(config.get("activation")):
            owner = f"Activation layer {config.get('name', 'activation')!r}"
            config["activation"] = deserialize_function(
                config["activation"], owner, "activation", custom_objects)
        return super().from_config(config)
