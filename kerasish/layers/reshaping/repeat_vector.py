"""RepeatVector: (batch, features) -> (batch, n, features), each sample repeated n times (as
keras.layers.RepeatVector)."""
import numpy as np

from kerasish import ops
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class RepeatVector(Layer):
    def __init__(self, n, **kwargs):
        super().__init__(**kwargs)
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise TypeError(f"RepeatVector: Expected an integer value for `n`, got {type(n)}.")
        if n <= 0:
            raise ValueError(
                f"RepeatVector: Argument `n` should be a positive integer. Received: n={n}")
        self.n = int(n)
        self.input_spec = InputSpec(ndim=2)

    def call(self, inputs):
        return ops.repeat(ops.expand_dims(inputs, 1), self.n, axis=1)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def compute_output_spec(self, inputs):
        return KerasTensor(self.compute_output_shape(inputs.shape), inputs.dtype,
                           record_history=False)

    def get_config(self):
        return {**super().get_config(), "n": self.n}
