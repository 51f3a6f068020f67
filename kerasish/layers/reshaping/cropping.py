"""Cropping1D/2D/3D: removes entries before and after each spatial dimension (as
keras.layers.CroppingND). `cropping` is an int, one int per spatial dimension (symmetric), or one
(before, after) pair per spatial dimension. Cropping1D has no data_format (steps are axis 1)."""
from kerasish import ops
from kerasish.layers.convolutional.conv_args import standardize_data_format
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.reshaping.spatial_args import amounts_per_axis, spatial_axes


class _Cropping(Layer):
    rank = None

    def __init__(self, cropping, data_format=None, **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        self.data_format = standardize_data_format(data_format, name)
        cropping = amounts_per_axis(cropping, self.rank, "cropping", name)
        self.cropping = cropping[0] if self.rank == 1 else cropping
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs):
        shape = tuple(inputs.shape)
        key = [slice(None)] * len(shape)
        per_axis = (self.cropping,) if self.rank == 1 else self.cropping
        for axis, (before, after) in zip(spatial_axes(self.rank, self.data_format), per_axis):
            if shape[axis] is not None and before + after >= shape[axis]:
                raise ValueError(
                    f"{type(self).__name__} layer {self.name!r}: values in `cropping` should be "
                    f"smaller than the corresponding spatial dimension of the input. Received: "
                    f"inputs.shape={shape}, cropping={self.cropping}")
            key[axis] = slice(before, -after if after else None)
        return ops.getitem(inputs, tuple(key))

    def get_config(self):
        return {**super().get_config(), "cropping": self.cropping, "data_format": self.data_format}


class Cropping1D(_Cropping):
    rank = 1

    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(cropping, data_format="channels_last", **kwargs)

    def get_config(self):
        config = super().get_config()
        del config["data_format"]
        return config


class Cropping2D(_Cropping):
    rank = 2

    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)


class Cropping3D(_Cropping):
    rank = 3

    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(cropping, data_format=data_format, **kwargs)
