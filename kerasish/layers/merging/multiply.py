"""Multiply: the elementwise product of a list of inputs (as keras.layers.Multiply /
keras.layers.multiply)."""
from kerasish import ops
from kerasish.backend.masking import set_keras_mask
from kerasish.layers.merging.base_merge import Merge, _feature_mask


class Multiply(Merge):
    def _merge_function(self, inputs):
        masks = [_feature_mask(x) for x in inputs]
        all_masked = all(m is not None for m in masks)
        output = output_mask = None
        for x, mask in zip(inputs, masks):
            if mask is not None:
                # A masked-out value counts as 1, the product's neutral element.
                x = ops.where(mask, x, ops.cast(1, x.dtype))
                if all_masked:
                    output_mask = mask if output_mask is None else ops.logical_or(output_mask, mask)
            output = x if output is None else ops.multiply(output, x)
        if all_masked:
            # Where every input was masked out the product is 0, as masked values are.
            output = ops.where(output_mask, output, ops.cast(0, output.dtype))
            set_keras_mask(output, ops.any(output_mask, axis=-1))
        return output


def multiply(inputs, **kwargs):
    """Functional form of `Multiply`: `multiply([a, b])` is `Multiply()([a, b])`."""
    return Multiply(**kwargs)(inputs)
