"""Minimum: the elementwise minimum of a list of inputs (as keras.layers.Minimum /
keras.layers.minimum). Masked-out values never win (see Merge._apply_merge_op_and_or_mask)."""
from kerasish import ops
from kerasish.layers.merging.base_merge import Merge


class Minimum(Merge):
    def _merge_function(self, inputs):
        return self._apply_merge_op_and_or_mask(ops.minimum, inputs)


def minimum(inputs, **kwargs):
    """Functional form of `Minimum`: `minimum([a, b])` is `Minimum()([a, b])`."""
    return Minimum(**kwargs)(inputs)
