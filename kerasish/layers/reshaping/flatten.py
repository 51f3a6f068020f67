"""Flatten: each sample becomes a vector, the batch axis unchanged (as keras.layers.Flatten).

With data_format="channels_first" the channels axis is first moved last, so the order of the
flattened features is the same as for the equivalent channels_last input (weights of a following
Dense layer then transfer between the two layouts).
"""
import math

from kerasish import ops
from kerasish.backend import standardize_data_format
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class Flatten(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def call(self, inputs):
        shape = ops.shape(inputs)
        rank = len(shape)
        if self.data_format == "channels_first" and rank > 2:
            inputs = ops.transpose(inputs, (0, *range(2, rank), 1))
        return ops.reshape(inputs, (shape[0], math.prod(shape[1:])))

    def compute_output_shape(self, input_shape):
        features = tuple(input_shape)[1:]
        size = None if None in features else math.prod(features)  # prod(()) = 1: (batch,) -> (batch, 1)
        return (input_shape[0], size)

    def compute_output_spec(self, inputs):
        return KerasTensor(self.compute_output_shape(inputs.shape), inputs.dtype,
                           record_history=False)

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
