"""Reshape: gives each sample a new shape, the batch axis unchanged (as keras.layers.Reshape).

One dimension of `target_shape` may be -1 (or None): it is inferred from the sample's size.
"""
import math

import numpy as np

from kerasish import ops
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.layer import Layer


class Reshape(Layer):
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = _check_target_shape(target_shape)
        self.built = True  # no weights

    def _resolve(self, sample_shape, input_shape):
        """`target_shape` with its -1 worked out from `sample_shape` (the input without its batch
        axis); left None where an unknown input dimension makes it unknown."""
        target = tuple(-1 if d is None else d for d in self.target_shape)
        unknown = target.count(-1)
        if None in sample_shape:
            return tuple(None if d == -1 else d for d in target)
        size = math.prod(sample_shape)
        known = math.prod(d for d in target if d != -1)
        if unknown == 0 and known == size:
            return target
        if unknown == 1 and known != 0 and size % known == 0:
            return tuple(size // known if d == -1 else d for d in target)
        if unknown == 1 and known == 0 and size == 0:
            raise ValueError(
                f"Reshape layer {self.name!r}: the -1 in target_shape={self.target_shape} is "
                f"ambiguous, as the other dimensions hold 0 values; input shape {input_shape}.")
        what = (f"is not a multiple of the {known} values of its known dimensions" if unknown
                else f"differs from the {known} values it holds")
        raise ValueError(
            f"Reshape layer {self.name!r}: cannot reshape an input of shape {input_shape} to "
            f"target_shape={self.target_shape}. The total size of the tensor must be unchanged: "
            f"each sample has shape {tuple(sample_shape)} ({size} values), which {what}.")

    def call(self, inputs):
        shape = ops.shape(inputs)
        return ops.reshape(inputs, (shape[0],) + self._resolve(shape[1:], shape))

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        return (input_shape[0],) + self._resolve(input_shape[1:], input_shape)

    def compute_output_spec(self, inputs):
        return KerasTensor(self.compute_output_shape(inputs.shape), inputs.dtype,
                           record_history=False)

    def get_config(self):
        return {**super().get_config(), "target_shape": self.target_shape}


def _check_target_shape(target_shape):
    """`target_shape` as a tuple of ints >= 0, with at most one -1 (or None): the unknown one."""
    if isinstance(target_shape, (int, np.integer)) and not isinstance(target_shape, bool):
        target_shape = (target_shape,)
    try:
        dims = tuple(target_shape)
    except TypeError:
        raise ValueError(
            f"Reshape: `target_shape` must be a tuple of ints; received "
            f"target_shape={target_shape!r}.") from None
    checked = []
    for d in dims:
        if d is not None and (isinstance(d, bool) or not isinstance(d, (int, np.integer))
                              or d < -1):
            raise ValueError(
                f"Reshape: each dimension in `target_shape` must be a non-negative integer, or "
                f"`-1` for a single unknown dimension. Received: target_shape={dims}.")
        checked.append(None if d is None else int(d))
    if sum(d is None or d == -1 for d in checked) > 1:
        raise ValueError(
            f"Reshape: there must be at most one unknown dimension (-1) in `target_shape`. "
            f"Received: target_shape={dims}.")
    return tuple(checked)
