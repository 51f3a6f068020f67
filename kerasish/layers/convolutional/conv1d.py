"""Conv1D: 1-D convolution over (batch, steps, channels); padding="causal" only looks back."""
from kerasish import ops
from kerasish.layers.convolutional.base_conv import BaseConv


class Conv1D(BaseConv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, groups=1, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(1, filters, kernel_size, strides, padding, data_format, dilation_rate,
                         groups, activation, use_bias, kernel_initializer, bias_initializer,
                         kernel_regularizer, bias_regularizer, activity_regularizer,
                         kernel_constraint, bias_constraint, **kwargs)

    def convolution_op(self, inputs, kernel):
        if self.padding != "causal":
            return super().convolution_op(inputs, kernel)
        # Causal: pad the start of the time axis so that output t sees inputs <= t only.
        left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
        time = [(0, 0), (left, 0), (0, 0)] if self.data_format == "channels_last" \
            else [(0, 0), (0, 0), (left, 0)]
        return ops.conv(ops.pad(inputs, time), kernel, strides=self.strides, padding="valid",
                        dilation_rate=self.dilation_rate, data_format=self.data_format)


Convolution1D = Conv1D
