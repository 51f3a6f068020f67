"""Permute: reorders the non-batch axes of each sample (as keras.layers.Permute).

`dims` numbers axes from 1 (the batch axis, 0, stays first): Permute((2, 1)) swaps the two axes
of a (batch, steps, features) input.
"""
import numpy as np

from kerasish import ops
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class Permute(Layer):
    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        try:
            dims = tuple(dims)
        except TypeError:
            dims = (dims,)
        if not all(isinstance(d, (int, np.integer)) and not isinstance(d, bool) for d in dims) \
                or sorted(dims) != list(range(1, len(dims) + 1)):
            raise ValueError(
                f"Invalid permutation argument `dims` for Permute Layer. The set of indices in "
                f"`dims` must be consecutive and start from 1. Received dims={dims}")
        self.dims = tuple(int(d) for d in dims)
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def call(self, inputs):
        return ops.transpose(inputs, (0,) + self.dims)

    def compute_output_shape(self, input_shape):
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def compute_output_spec(self, inputs):
        return KerasTensor(self.compute_output_shape(inputs.shape), inputs.dtype,
                           record_history=False)

    def get_config(self):
        return {**super().get_config(), "dims": self.dims}
