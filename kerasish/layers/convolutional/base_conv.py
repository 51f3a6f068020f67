"""BaseConv: the N-D convolution shared by Conv1D, Conv2D and Conv3D (as Keras's BaseConv):
`activation(conv(inputs, kernel) + bias)`, kernel (*kernel_size, in_channels // groups, filters)."""
from kerasish import activations, constraints, initializers, ops, regularizers
from kerasish.layers.convolutional import conv_args
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class BaseConv(Layer):
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, lora_rank=None, lora_alpha=None,
                 **kwargs):
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        where = type(self).__name__
        if lora_rank is not None:
            raise NotImplementedError(
                f"{where}: LoRA (lora_rank) is not supported by kerasish yet.")
        self.rank = rank
        self.filters = conv_args.positive_int(filters, "filters", where)
        self.groups = conv_args.positive_int(groups, "groups", where)
        if self.filters % self.groups:
            raise ValueError(
                f"{where}: the number of filters must be evenly divisible by the number of "
                f"groups. Received: groups={groups}, filters={filters}.")
        self.kernel_size = conv_args.standardize_tuple(kernel_size, rank, "kernel_size", where)
        self.strides = conv_args.standardize_tuple(strides, rank, "strides", where)
        self.dilation_rate = conv_args.standardize_tuple(
            dilation_rate, rank, "dilation_rate", where)
        self.padding = conv_args.standardize_padding(padding, where, allow_causal=rank == 1)
        self.data_format = conv_args.standardize_data_format(data_format, where)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{where}: `strides > 1` not supported in conjunction with `dilation_rate > 1`. "
                f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        # Keras asks for min_ndim; the exact rank gives a clear error instead of one from the op.
        self.input_spec = InputSpec(ndim=rank + 2)

    def build(self, input_shape):
        channels = conv_args.input_channels(self, input_shape)
        if channels % self.groups:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: the number of input channels must be "
                f"evenly divisible by the number of groups. Received groups={self.groups}, but the "
                f"input has {channels} channels (full input shape is {tuple(input_shape)}).")
        conv_args.check_output_size(self, input_shape, self.kernel_size, self.dilation_rate)
        self.input_spec = InputSpec(
            ndim=self.rank + 2, axes={conv_args.channel_axis(self.data_format): channels})
        self.kernel = self.add_weight(
            name="kernel", shape=self.kernel_size + (channels // self.groups, self.filters),
            initializer=self.kernel_initializer, regularizer=self.kernel_regularizer,
            constraint=self.kernel_constraint)
        self.bias = self.add_weight(
            name="bias", shape=(self.filters,), initializer=self.bias_initializer,
            regularizer=self.bias_regularizer, constraint=self.bias_constraint,
        ) if self.use_bias else None
        self.built = True

    def convolution_op(self, inputs, kernel):
        return ops.conv(inputs, kernel, strides=self.strides, padding=self.padding,
                        dilation_rate=self.dilation_rate, data_format=self.data_format)

    def call(self, inputs):
        outputs = self.convolution_op(inputs, self.kernel)
        if self.bias is not None:
            shape = conv_args.bias_shape(self.rank, self.filters, self.data_format)
            outputs = ops.add(outputs, ops.reshape(self.bias, shape))
        return self.activation(outputs) if self.activation is not None else outputs

    def compute_output_shape(self, input_shape):
        return conv_args.conv_output_shape(self, input_shape, self.filters)

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                "groups": self.groups, "activation": activations.serialize(self.activation),
                "use_bias": self.use_bias,
                "kernel_initializer": initializers.serialize(self.kernel_initializer),
                "bias_initializer": initializers.serialize(self.bias_initializer),
                "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
                "bias_regularizer": regularizers.serialize(self.bias_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "kernel_constraint": constraints.serialize(self.kernel_constraint),
                "bias_constraint": constraints.serialize(self.bias_constraint)}
