"""Dot: the dot product of two batched inputs along one axis of each (as keras.layers.Dot /
keras.layers.dot), optionally of their L2-normalized forms (cosine similarity)."""
import math

from kerasish import backend, ops
from kerasish.layers.merging.base_merge import Merge


def l2_normalize(x, axis):
    """x divided by its L2 norm along `axis`, the norm floored at `epsilon()`.

    The same numbers as Keras's `ops.normalize(x, order=2)` (`x * min(rsqrt(sum(x**2)),
    1 / epsilon)`), written as `x / sqrt(max(sum(x**2), epsilon**2))` so that a zero vector
    gets a zero gradient rather than NaN. kerasish.ops has no `normalize` op yet.
    """
    epsilon = backend.epsilon()
    square_sum = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return ops.divide(x, ops.sqrt(ops.maximum(square_sum, epsilon * epsilon)))


def batch_dot(x, y, axes):
    """Per-sample dot product of x and y (batch axis 0) over x's axis axes[0] and y's axis
    axes[1] (both positive, not 0). The output's shape is x's without axes[0], then y's without
    its batch axis and axes[1]; a (batch,) result becomes (batch, 1), as in Keras."""
    x_rest = [d for i, d in enumerate(x.shape) if i not in (0, axes[0])]
    y_rest = [d for i, d in enumerate(y.shape) if i not in (0, axes[1])]
    size = x.shape[axes[0]]
    # (batch, *x_rest, k) @ (batch, k, *y_rest), flattened to one batched matmul.
    x = ops.reshape(ops.moveaxis(x, axes[0], -1), (-1, math.prod(x_rest), size))
    y = ops.reshape(ops.moveaxis(y, axes[1], 1), (-1, size, math.prod(y_rest)))
    output = ops.matmul(x, y)
    return ops.reshape(output, (-1, *x_rest, *y_rest) if x_rest or y_rest else (-1, 1))


class Dot(Merge):
    def __init__(self, axes, normalize=False, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(axes, int):
            if not isinstance(axes, (list, tuple)):
                raise TypeError(
                    f"Invalid type for argument `axes`: it should be a list or an int. "
                    f"Received: axes={axes}")
            if len(axes) != 2:
                raise ValueError(
                    f"Invalid format for argument `axes`: it should contain two elements. "
                    f"Received: axes={axes}")
            if not all(isinstance(a, int) and not isinstance(a, bool) for a in axes):
                raise ValueError(
                    f"Invalid format for argument `axes`: list elements should be integers. "
                    f"Received: axes={axes}")
        self.axes = axes
        self.normalize = normalize
        self.supports_masking = True

    def _positive_axes(self, shape1, shape2):
        """`axes` as two positive axes, checked against the two ranks."""
        axes = [self.axes, self.axes] if isinstance(self.axes, int) else list(self.axes)
        result = []
        for axis, shape in zip(axes, (shape1, shape2)):
            rank = len(shape)
            if rank < 2:
                raise ValueError(
                    f"A `Dot` layer needs inputs of rank >= 2 (a batch axis and at least one "
                    f"more). Received inputs with shapes {tuple(shape1)} and {tuple(shape2)}.")
            if not -rank <= axis < rank:
                raise ValueError(
                    f"Dot: axis {axis} in `axes`={self.axes} is out of range for an input of "
                    f"shape {tuple(shape)}.")
            result.append(axis % rank)
        if 0 in result:
            raise ValueError(
                f"Cannot perform batch_dot over axis 0 (the batch axis). Received: "
                f"axes={self.axes}. If your inputs are not batched, add a batch axis with "
                f"keras.ops.expand_dims(x, 0).")
        return result

    def build(self, input_shape):
        # Only validates: two inputs whose dot axes have the same size.
        if (not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2
                or not all(isinstance(s, (list, tuple)) for s in input_shape)):
            raise ValueError(
                f"A `Dot` layer should be called on a list of 2 inputs. Received: "
                f"input_shape={input_shape}")
        shape1, shape2 = (tuple(s) for s in input_shape)
        a1, a2 = self._positive_axes(shape1, shape2)
        if shape1[0] is not None and shape2[0] is not None and shape1[0] != shape2[0]:
            raise ValueError(
                f"Cannot do batch_dot on inputs with different batch sizes. Received inputs "
                f"with shapes {shape1} and {shape2}.")
        if shape1[a1] != shape2[a2]:
            raise ValueError(
                f"Incompatible input shapes: axis values {shape1[a1]} (at axis {a1}) != "
                f"{shape2[a2]} (at axis {a2}). Full input shapes: {shape1}, {shape2}")
        self.built = True

    def call(self, inputs):
        # No rank broadcasting here (Merge.call's): each input keeps its own axes.
        self._check_inputs(inputs)
        return self._merge_function(list(inputs))

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError(
                f"A `Dot` layer should be called on exactly 2 inputs. Received {len(inputs)} "
                f"inputs.")
        x1, x2 = inputs
        axes = self._positive_axes(x1.shape, x2.shape)
        if self.normalize:
            x1 = l2_normalize(x1, axes[0])
            x2 = l2_normalize(x2, axes[1])
        return batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                f"A `Dot` layer should be called on a list of 2 inputs. Received: "
                f"input_shape={input_shape}")
        shape1, shape2 = (list(s) for s in input_shape)
        a1, a2 = self._positive_axes(shape1, shape2)
        output = [d for i, d in enumerate(shape1) if i != a1] + [
            d for i, d in enumerate(shape2) if i not in (0, a2)]
        return tuple(output + [1] if len(output) == 1 else output)

    def compute_mask(self, inputs, mask=None):
        return None  # the dot product mixes steps: no mask carries over

    def get_config(self):
        return {**super().get_config(), "axes": self.axes, "normalize": self.normalize}


def dot(inputs, axes=-1, **kwargs):
    """Functional form of `Dot`: `dot([a, b], axes)` is `Dot(axes)([a, b])` (pass
    `normalize=True` for cosine similarity)."""
    return Dot(axes=axes, **kwargs)(inputs)
