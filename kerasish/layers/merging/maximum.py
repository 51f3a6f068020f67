"""Maximum: the elementwise maximum of a list of inputs (as keras.layers.Maximum /
keras.layers.maximum). Masked-out values never win (see Merge._apply_merge_op_and_or_mask)."""
from kerasish import ops
from kerasish.layers.merging.base_merge import Merge


class Maximum(Merge):
    def _merge_function(self, inputs):
        return self._apply_merge_op_and_or_mask(ops.maximum, inputs)


def maximum(inputs, **kwargs):
    """Functional form of `Maximum`: `maximum([a, b])` is `Maximum()([a, b])`."""
    return Maximum(**kwargs)(inputs)
