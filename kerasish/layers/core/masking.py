"""Masking: masks the timesteps (axis 1 onward, all but the last axis) whose features all equal
`mask_value` (as keras.layers.Masking).

The output is the input with masked timesteps set to 0, and carries the mask
(`any(inputs != mask_value, axis=-1)`), which later layers that accept `mask` receive.
"""
import numpy as np

from kerasish import ops
from kerasish.backend.masking import set_keras_mask
from kerasish.layers.layer import Layer


_ARRAY_FORMS = ("__numpy__", "__tensor__")


class Masking(Layer):
    def __init__(self, mask_value=0.0, **kwargs):
        super().__init__(**kwargs)
        if isinstance(mask_value, dict) and mask_value.get("class_name") in _ARRAY_FORMS:
            inner = mask_value.get("config") or {}  # a tensor value, as Keras writes one
            mask_value = np.asarray(inner.get("value"), dtype=inner.get("dtype"))
        if isinstance(mask_value, str) or mask_value is None:
            raise ValueError(
                f"Masking: `mask_value` must be a number (or an array of them); received "
                f"mask_value={mask_value!r}.")
        self.mask_value = mask_value
        self.supports_masking = True
        self.built = True  # no weights: built at creation, as in Keras

    def compute_mask(self, inputs, mask=None):
        return ops.any(ops.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = ops.any(ops.not_equal(inputs, self.mask_value), axis=-1, keepdims=True)
        outputs = ops.where(keep, inputs, ops.zeros((), dtype=inputs.dtype))
        # The mask is computed here together with the outputs, so it is attached directly.
        set_keras_mask(outputs, ops.squeeze(keep, axis=-1))
        return outputs

    def get_config(self):
        mask_value = self.mask_value
        if isinstance(mask_value, np.generic):
            mask_value = mask_value.item()
        return {**super().get_config(), "mask_value": mask_value}
