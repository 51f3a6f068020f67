"""Identity: returns its inputs unchanged, masks included (as keras.layers.Identity)."""
from kerasish.layers.layer import Layer


class Identity(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.built = True  # no weights: built at creation, as in Keras

    def call(self, inputs):
        return inputs

    def get_config(self):
        return super().get_config()  # only the base arguments (name, trainable, dtype)
