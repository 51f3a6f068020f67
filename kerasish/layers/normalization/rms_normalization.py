"""RMSNormalization (as keras.layers.RMSNormalization): `x / sqrt(mean(x**2) + epsilon) * scale`
over `axis` (an int or a list), with a trainable `scale` shaped like those axes."""
from kerasish import ops
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import (check_axes_in_range, check_axis_argument,
                                                float_compute_dtype)


class RMSNormalization(Layer):
    def __init__(self, axis=-1, epsilon=1e-6, **kwargs):
        super().__init__(**kwargs)
        self.axis = check_axis_argument("RMSNormalization", axis)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.axis = sorted(self.axis) if isinstance(self.axis, list) else [self.axis]
        check_axes_in_range(self, self.axis, input_shape)
        self.scale = self.add_weight(
            name="scale", shape=tuple(input_shape[a] for a in self.axis), initializer="ones")
        self.built = True

    def call(self, x):
        original = x.dtype
        x = ops.cast(x, float_compute_dtype(x.dtype))
        layout = [1] * len(x.shape)
        for a in self.axis:
            layout[a] = x.shape[a]
        inv_rms = ops.rsqrt(ops.mean(ops.square(x), axis=self.axis, keepdims=True) + self.epsilon)
        scale = ops.reshape(ops.cast(self.scale, x.dtype), layout)
        return ops.cast(x * inv_rms * scale, original)

    def compute_output_shape(self, input_shape):
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        check_axes_in_range(self, axes, input_shape, need_size=False)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "epsilon": self.epsilon}
