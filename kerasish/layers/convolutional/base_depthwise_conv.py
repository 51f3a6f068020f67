"""BaseDepthwiseConv: each input channel convolved with its own `depth_multiplier` filters
(as Keras's BaseDepthwiseConv); kernel (*kernel_size, in_channels, depth_multiplier), named "kernel"
as in Keras 3, and outputs in_channels * depth_multiplier channels."""
from kerasish import activations, constraints, initializers, ops, regularizers
from kerasish.layers.convolutional import conv_args
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class BaseDepthwiseConv(Layer):
    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid",
                 data_format=None, dilation_rate=1, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        where = type(self).__name__
        self.rank = rank
        self.depth_multiplier = conv_args.positive_int(depth_multiplier, "depth_multiplier", where)
        self.kernel_size = conv_args.standardize_tuple(kernel_size, rank, "kernel_size", where)
        self.strides = conv_args.standardize_tuple(strides, rank, "strides", where)
        self.dilation_rate = conv_args.standardize_tuple(
            dilation_rate, rank, "dilation_rate", where)
        self.padding = conv_args.standardize_padding(padding, where)
        self.data_format = conv_args.standardize_data_format(data_format, where)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(ndim=rank + 2)

    def build(self, input_shape):
        channels = conv_args.input_channels(self, input_shape)
        conv_args.check_output_size(self, input_shape, self.kernel_size, self.dilation_rate)
        self.input_spec = InputSpec(
            ndim=self.rank + 2, axes={conv_args.channel_axis(self.data_format): channels})
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels, self.depth_multiplier),
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(channels * self.depth_multiplier,),
            initializer=self.bias_initializer, regularizer=self.bias_regularizer,
            constraint=self.bias_constraint,
        ) if self.use_bias else None
        self.built = True

    def call(self, inputs):
        outputs = ops.depthwise_conv(inputs, self.kernel, strides=self.strides,
                                     padding=self.padding, dilation_rate=self.dilation_rate,
                                     data_format=self.data_format)
        if self.bias is not None:
            shape = conv_args.bias_shape(self.rank, self.bias.shape[0], self.data_format)
            outputs = ops.add(outputs, ops.reshape(self.bias, shape))
        return self.activation(outputs) if self.activation is not None else outputs

    def compute_output_shape(self, input_shape):
        _, channels = conv_args.spatial_and_channels(self, input_shape)
        channels = None if channels is None else channels * self.depth_multiplier
        return conv_args.conv_output_shape(self, input_shape, channels)

    def get_config(self):
        return {**super().get_config(), "depth_multiplier": self.depth_multiplier,
                "kernel_size": self.kernel_size, "strides": self.strides,
                "padding": self.padding, "data_format": self.data_format,
                "dilation_rate": self.dilation_rate,
                "activation": activations.serialize(self.activation), "use_bias": self.use_bias,
                "depthwise_initializer": initializers.serialize(self.depthwise_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "depthwise_regularizer": regularizers.serialize(self.depthwise_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "depthwise_constraint": constraints.serialize(self.depthwise_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint)}
