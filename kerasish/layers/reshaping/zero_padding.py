"""ZeroPadding1D/2D/3D: zeros added before and after each spatial dimension (as
keras.layers.ZeroPaddingND). `padding` is an int, one int per spatial dimension (symmetric), or one
(before, after) pair per spatial dimension."""
from kerasish import ops
from kerasish.layers.convolutional.conv_args import standardize_data_format
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.reshaping.spatial_args import amounts_per_axis, spatial_axes


class _ZeroPadding(Layer):
    rank = None

    def __init__(self, padding, data_format=None, **kwargs):
        super().__init__(**kwargs)
        name = type(self).__name__
        self.data_format = standardize_data_format(data_format, name)
        padding = amounts_per_axis(padding, self.rank, "padding", name)
        self.padding = padding[0] if self.rank == 1 else padding
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def call(self, inputs):
        pairs = [(0, 0)] * (self.rank + 2)
        per_axis = (self.padding,) if self.rank == 1 else self.padding
        for axis, pair in zip(spatial_axes(self.rank, self.data_format), per_axis):
            pairs[axis] = pair
        return ops.pad(inputs, pairs)

    def get_config(self):
        return {**super().get_config(), "padding": self.padding, "data_format": self.data_format}


class ZeroPadding1D(_ZeroPadding):
    rank = 1

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)


class ZeroPadding2D(_ZeroPadding):
    rank = 2

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)


class ZeroPadding3D(_ZeroPadding):
    rank = 3

    def __init__(self, padding=((1, 1), (1, 1), (1, 1)), data_format=None, **kwargs):
        super().__init__(padding, data_format=data_format, **kwargs)
