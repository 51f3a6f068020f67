"""BaseGlobalPooling: a reduction over all spatial dims (as Keras's BaseGlobalPooling);
keepdims=True keeps them as size-1 dims."""
from kerasish.layers.convolutional import conv_args
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class BaseGlobalPooling(Layer):
    def __init__(self, pool_dimensions, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = conv_args.standardize_data_format(data_format, type(self).__name__)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def spatial_axes(self, inputs):
        ndim = len(inputs.shape)
        return tuple(range(1, ndim - 1)) if self.data_format == "channels_last" \
            else tuple(range(2, ndim))

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format, "keepdims": self.keepdims}
