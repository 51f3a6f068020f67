"""Add: the elementwise sum of a list of inputs (as keras.layers.Add / keras.layers.add)."""
from kerasish import ops
from kerasish.layers.merging.base_merge import Merge


class Add(Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        return output


def add(inputs, **kwargs):
    """Functional form of `Add`: `add([a, b])` is `Add()([a, b])`."""
    return Add(**kwargs)(inputs)
