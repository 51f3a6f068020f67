"""LeakyReLU: x for x >= 0, negative_slope * x otherwise (as keras.layers.LeakyReLU)."""
import warnings

from kerasish import activations
from kerasish.layers.activations.relu import _check_non_negative
from kerasish.layers.layer import Layer


class LeakyReLU(Layer):
    def __init__(self, negative_slope=0.3, **kwargs):
        if "alpha" in kwargs:  # the Keras 2 name, still accepted by Keras 3 with a warning
            negative_slope = kwargs.pop("alpha")
            warnings.warn("Argument `alpha` is deprecated. Use `negative_slope` instead.")
        super().__init__(**kwargs)
        _check_non_negative("LeakyReLU", "negative_slope", negative_slope, allow_none=False)
        self.negative_slope = negative_slope
        self.supports_masking = True
        self.built = True

    def call(self, inputs):
        return activations.leaky_relu(inputs, negative_slope=self.negative_slope)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "negative_slope": self.negative_slope}
