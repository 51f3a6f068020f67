"""ELU: x for x > 0, alpha * (exp(x) - 1) otherwise (as keras.layers.ELU)."""
from kerasish import activations
from kerasish.layers.layer import Layer


class ELU(Layer):
    def __init__(self, alpha=1.0, **kwargs):
        super().__init__(**kwargs)
        self.alpha = alpha
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return activations.elu(inputs, alpha=self.alpha)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        # Keras 3 writes no get_config for ELU; its automatic config records alpha.
        return {**super().get_config(), "alpha": self.alpha}
