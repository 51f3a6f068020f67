"""Subtract: `inputs[0] - inputs[1]` for exactly two inputs (as keras.layers.Subtract /
keras.layers.subtract)."""
from kerasish import ops
from kerasish.layers.merging.base_merge import Merge


class Subtract(Merge):
    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise ValueError(
                f"A `Subtract` layer should be called on exactly 2 inputs. Received: "
                f"input_shape={list(input_shape)}")

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(
                f"A `Subtract` layer should be called on exactly 2 inputs. Received "
                f"{len(inputs)} inputs.")
        return ops.subtract(inputs[0], inputs[1])


def subtract(inputs, **kwargs):
    """Functional form of `Subtract`: `subtract([a, b])` is `Subtract()([a, b])`."""
    return Subtract(**kwargs)(inputs)
