"""Average: the elementwise mean of a list of inputs (as keras.layers.Average /
keras.layers.average)."""
from kerasish import ops
from kerasish.layers.merging.base_merge import Merge


class Average(Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = ops.add(output, x)
        # Divided by a Python number, as Keras does (integer inputs give floats).
        return ops.true_divide(output, len(inputs))


def average(inputs, **kwargs):
    """Functional form of `Average`: `average([a, b])` is `Average()([a, b])`."""
    return Average(**kwargs)(inputs)
