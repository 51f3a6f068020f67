"""UnitNormalization (as keras.layers.UnitNormalization): each example scaled to unit L2 norm
over `axis` (an int or a list); an all-zero slice stays zero."""
from kerasish import ops
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import check_axes_in_range, check_axis_argument

_EPSILON = 1e-12  # the norm is floored here (as Keras), so zero slices do not divide by zero


class UnitNormalization(Layer):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_axis_argument("UnitNormalization", axis)
        self.supports_masking = True
        self.built = True  # no weights to make

    def call(self, inputs):
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        check_axes_in_range(self, axes, inputs.shape, need_size=False)
        square_sum = ops.sum(ops.square(inputs), axis=self.axis, keepdims=True)
        return inputs * ops.minimum(ops.rsqrt(square_sum), 1.0 / _EPSILON)

    def compute_output_shape(self, input_shape):
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        check_axes_in_range(self, axes, input_shape, need_size=False)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}
