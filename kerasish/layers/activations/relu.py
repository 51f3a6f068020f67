"""ReLU: rectified linear unit with optional ceiling, slope and threshold (as keras.layers.ReLU)."""
from kerasish import activations
from kerasish.layers.layer import Layer


def _check_non_negative(layer, name, value, allow_none):
    if value is None and allow_none:
        return
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) \
            or value < 0.0:
        raise ValueError(
            f"{layer}: `{name}` must be a number >= 0{' or None' if allow_none else ''}. "
            f"Received: {name}={value!r}")


class ReLU(Layer):
    def __init__(self, max_value=None, negative_slope=0.0, threshold=0.0, **kwargs):
        super().__init__(**kwargs)
        _check_non_negative("ReLU", "max_value", max_value, allow_none=True)
        _check_non_negative("ReLU", "negative_slope", negative_slope, allow_none=False)
        _check_non_negative("ReLU", "threshold", threshold, allow_none=False)
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold
        self.supports_masking = True
        self.built = True  # no weights: built at creation, as in Keras

    def call(self, inputs):
        return activations.relu(inputs, negative_slope=self.negative_slope,
                                max_value=self.max_value, threshold=self.threshold)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "max_value": self.max_value,
                "negative_slope": self.negative_slope, "threshold": self.threshold}
