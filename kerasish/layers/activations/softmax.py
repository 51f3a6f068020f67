"""Softmax: exp(x) / sum(exp(x)) along one or more axes, with an optional mask (as
keras.layers.Softmax)."""
from kerasish import activations, ops
from kerasish.layers.layer import Layer


def _large_negative(dtype):
    # Masked logits get a value whose exp is 0 but that stays finite in the dtype.
    return -3e4 if str(dtype) == "float16" else -1e9


class Softmax(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis
        self.supports_masking = True
        self.built = True

    def call(self, inputs, mask=None):
        if mask is not None:
            mask = self._standardize_mask(inputs, mask)
            inputs = ops.where(mask, inputs, _large_negative(inputs.dtype))
        axis = self.axis
        if isinstance(axis, (tuple, list)) and len(axis) > 1:
            outputs = ops.exp(inputs - ops.logsumexp(inputs, axis=tuple(axis), keepdims=True))
        else:
            if isinstance(axis, (tuple, list)):
                axis = axis[0]
            outputs = activations.softmax(inputs, axis=axis)
        if mask is not None:
            # A fully masked row would otherwise come out uniform; it comes out as zeros.
            outputs = ops.where(mask, outputs, 0.0)
        return outputs

    def _standardize_mask(self, inputs, mask):
        mask = ops.convert_to_tensor(mask)
        if len(mask.shape) > len(inputs.shape) or any(
                m is not None and i is not None and m not in (1, i)
                for m, i in zip(mask.shape[::-1], inputs.shape[::-1])):
            raise ValueError(
                f"Softmax layer {self.name!r}: the `mask` must be broadcastable to `inputs` "
                f"(each mask dimension 1 or equal to the input's, and no more dimensions). "
                f"Received: inputs.shape={tuple(inputs.shape)}, mask.shape={tuple(mask.shape)}")
        if str(mask.dtype) != "bool":
            mask = ops.greater(mask, ops.cast(0.5, mask.dtype))
        return mask

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
