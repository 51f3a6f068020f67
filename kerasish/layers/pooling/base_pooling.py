"""BasePooling: max or average pooling over 1, 2 or 3 spatial dims (as Keras's BasePooling)."""
from kerasish import ops
from kerasish.layers.convolutional import conv_args
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class BasePooling(Layer):
    def __init__(self, pool_size, strides, pool_dimensions, pool_mode="max", padding="valid",
                 data_format=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        where = type(self).__name__
        self.pool_size = conv_args.standardize_tuple(pool_size, pool_dimensions, "pool_size", where)
        strides = pool_size if strides is None else strides
        self.strides = conv_args.standardize_tuple(strides, pool_dimensions, "strides", where)
        conv_args.standardize_padding(padding, where)
        self.padding = padding  # kept as given, as Keras writes it to the config
        self.pool_mode = pool_mode
        self.data_format = conv_args.standardize_data_format(data_format, where)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def build(self, input_shape):
        conv_args.check_output_size(self, input_shape, self.pool_size)
        self.built = True

    def call(self, inputs):
        pool = ops.max_pool if self.pool_mode == "max" else ops.average_pool
        return pool(inputs, pool_size=self.pool_size, strides=self.strides, padding=self.padding,
                    data_format=self.data_format)

    def get_config(self):
        return {**super().get_config(), "pool_size": self.pool_size, "padding": self.padding,
                "strides": self.strides, "data_format": self.data_format}
