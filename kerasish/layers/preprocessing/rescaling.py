"""Rescaling: `inputs * scale + offset` (as keras.layers.Rescaling)."""
import numpy as np

from kerasish import backend, ops
from kerasish.layers.layer import Layer


def _serialize(value):
    # Keras writes NumPy arrays in configs as {"class_name": "__numpy__", ...}.
    if isinstance(value, np.ndarray):
        return {"class_name": "__numpy__", "config": {"value": value.tolist(),
                                                      "dtype": str(value.dtype)}}
    return value


def _deserialize(value):
    if isinstance(value, dict) and value.get("class_name") == "__numpy__":
        return np.array(value["config"]["value"], dtype=value["config"]["dtype"])
    return value


class Rescaling(Layer):
    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale
        self.offset = offset
        self.supports_masking = True

    def call(self, inputs):
        dtype = self.compute_dtype
        scale = ops.cast(ops.convert_to_tensor(self.scale), dtype)
        offset = ops.cast(ops.convert_to_tensor(self.offset), dtype)
        if len(scale.shape) > 0 and backend.image_data_format() == "channels_first":
            # A per-channel scale of shape (C,) broadcasts over (C, H, W).
            scale = ops.reshape(scale, tuple(scale.shape) + (1,) * (3 - len(scale.shape)))
        return ops.cast(inputs, dtype) * scale + offset

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "scale": _serialize(self.scale),
                "offset": _serialize(self.offset)}

    @classmethod
    def from_config(cls, config):
        config = dict(config)
        config["scale"] = _deserialize(config["scale"])
        config["offset"] = _deserialize(config["offset"])
        return cls(**config)
