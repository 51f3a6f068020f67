"""UpSampling1D/2D/3D: each step/pixel/voxel repeated `size` times along its spatial dimension
(as keras.layers.UpSamplingND). UpSampling2D may instead interpolate (bilinear, bicubic, ...)
through kerasish.ops.image.resize."""
from kerasish import ops
from kerasish.layers.convolutional.conv_args import is_int, standardize_data_format, \
    standardize_tuple
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.reshaping.spatial_args import spatial_axes
from kerasish.ops.image import RESIZE_INTERPOLATIONS


class UpSampling1D(Layer):
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        if not is_int(size):
            raise TypeError(f"UpSampling1D: expected an integer value for `size`, got "
                            f"{type(size).__name__} ({size!r}).")
        if size <= 0:
            raise ValueError(f"UpSampling1D: argument `size` should be a positive integer. "
                             f"Received: size={size}")
        self.size = int(size)
        self.input_spec = InputSpec(ndim=3)

    def call(self, inputs):
        return ops.repeat(inputs, self.size, axis=1)

    def get_config(self):
        return {**super().get_config(), "size": self.size}


class UpSampling2D(Layer):
    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format, "UpSampling2D")
        self.size = standardize_tuple(size, 2, "size", "UpSampling2D")
        lowered = interpolation.lower() if isinstance(interpolation, str) else interpolation
        if lowered not in RESIZE_INTERPOLATIONS:
            raise ValueError(f"UpSampling2D: `interpolation` must be one of "
                             f"{RESIZE_INTERPOLATIONS}. Received: interpolation={interpolation!r}")
        self.interpolation = lowered
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        axes = spatial_axes(2, self.data_format)
        if self.interpolation == "nearest":
            for axis, factor in zip(axes, self.size):
                inputs = ops.repeat(inputs, factor, axis=axis)
            return inputs
        shape = inputs.shape
        size = tuple(shape[a] * f for a, f in zip(axes, self.size))
        return ops.image.resize(inputs, size, interpolation=self.interpolation,
                                data_format=self.data_format)

    def get_config(self):
        return {**super().get_config(), "size": self.size, "data_format": self.data_format,
                "interpolation": self.interpolation}


class UpSampling3D(Layer):
    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format, "UpSampling3D")
        self.size = standardize_tuple(size, 3, "size", "UpSampling3D")
        self.input_spec = InputSpec(ndim=5)

    def call(self, inputs):
        for axis, factor in zip(spatial_axes(3, self.data_format), self.size):
            inputs = ops.repeat(inputs, factor, axis=axis)
        return inputs

    def get_config(self):
        return {**super().get_config(), "size": self.size, "data_format": self.data_format}
