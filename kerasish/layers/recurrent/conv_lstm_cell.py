"""ConvLSTMCell: an LSTM cell whose input and recurrent transforms are convolutions (as Keras's
ConvLSTMCell, used by ConvLSTM1D/2D/3D). Gates i, f, c, o; the recurrent convolution is always
stride 1, "same" padding, so the state keeps the input convolution's output shape."""
from kerasish import activations, ops, random
from kerasish.layers.convolutional import conv_args
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.recurrent import cell_utils as cu
from kerasish.layers.recurrent.dropout_rnn_cell import DropoutRNNCell


def conv_output_length(length, kernel, stride, dilation, padding):
    if padding == "same":
        return -(-length // stride)
    return (length - dilation * (kernel - 1) - 1) // stride + 1


class ConvLSTMCell(Layer, DropoutRNNCell):
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        owner = f"ConvLSTM{rank}D"
        if rank not in (1, 2, 3):
            raise ValueError(f"Rank {rank} convolutions are not implemented. Received: rank={rank}")
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed=seed)
        self.rank = rank
        self.filters = conv_args.positive_int(filters, "filters", owner)
        self.kernel_size = conv_args.standardize_tuple(kernel_size, rank, "kernel_size", owner)
        self.strides = conv_args.standardize_tuple(strides, rank, "strides", owner,
                                                   allow_zero=True)
        self.padding = conv_args.standardize_padding(padding, owner)
        self.data_format = conv_args.standardize_data_format(data_format, owner)
        self.dilation_rate = conv_args.standardize_tuple(dilation_rate, rank, "dilation_rate",
                                                         owner)
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise ValueError(
                f"{owner}: specifying `strides > 1` is not compatible with `dilation_rate > 1`. "
                f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        self.unit_forget_bias = unit_forget_bias
        cu.set_weight_arguments(
            self, (kernel_initializer, recurrent_initializer, bias_initializer),
            (kernel_regularizer, recurrent_regularizer, bias_regularizer),
            (kernel_constraint, recurrent_constraint, bias_constraint))
        self.dropout = cu.clip_rate(owner, dropout, "dropout")
        self.recurrent_dropout = cu.clip_rate(owner, recurrent_dropout, "recurrent_dropout")
        self.dropout_mask_count = 4
        self.input_spec = InputSpec(ndim=rank + 2)
        self.state_size = -1  # the states' shape depends on the input (see get_initial_state)

    def build(self, inputs_shape, states_shape=None):
        inputs_shape = tuple(inputs_shape)
        first = self.data_format == "channels_first"
        self.spatial_dims = inputs_shape[2:] if first else inputs_shape[1:-1]
        channels = inputs_shape[1] if first else inputs_shape[-1]
        if None in self.spatial_dims or channels is None:
            raise ValueError(
                f"ConvLSTM{self.rank}D: the spatial and channel dimensions of the inputs must be "
                f"known; received a step input shape of {inputs_shape}.")
        self.input_dim = channels
        self.kernel = cu.add_weight_of(self, "kernel", "kernel",
                                       self.kernel_size + (channels, self.filters * 4))
        self.recurrent_kernel = cu.add_weight_of(
            self, "recurrent", "recurrent_kernel",
            self.kernel_size + (self.filters, self.filters * 4))
        self.bias = None
        if self.use_bias:
            init = cu.forget_bias_initializer(self, self.filters) if self.unit_forget_bias else None
            self.bias = cu.add_weight_of(self, "bias", "bias", (self.filters * 4,), init)
        self.built = True

    def _conv(self, x, kernel, bias=None, recurrent=False):
        out = ops.conv(x, kernel, strides=1 if recurrent else self.strides,
                       padding="same" if recurrent else self.padding,
                       data_format=self.data_format,
                       dilation_rate=1 if recurrent else self.dilation_rate)
        if bias is not None:
            out = out + ops.reshape(bias, conv_args.bias_shape(self.rank, self.filters,
                                                              self.data_format))
        return out

    def call(self, inputs, states, training=False):
        h_tm1, c_tm1 = states[0], states[1]
        dp = self.get_dropout_mask(inputs) if training and 0 < self.dropout < 1 else None
        rec = self.get_recurrent_dropout_mask(h_tm1) \
            if training and 0 < self.recurrent_dropout < 1 else None
        kernels = ops.split(self.kernel, 4, axis=self.rank + 1)
        recurrent_kernels = ops.split(self.recurrent_kernel, 4, axis=self.rank + 1)
        biases = ops.split(self.bias, 4) if self.use_bias else [None] * 4
        z = [self._conv(inputs if dp is None else inputs * dp[g], kernels[g], biases[g]) +
             self._conv(h_tm1 if rec is None else h_tm1 * rec[g], recurrent_kernels[g],
                        recurrent=True) for g in range(4)]
        i = self.recurrent_activation(z[0])
        f = self.recurrent_activation(z[1])
        c = f * c_tm1 + i * self.activation(z[2])
        o = self.recurrent_activation(z[3])
        h = o * self.activation(c)
        return h, [h, c]

    def state_shape(self, batch_size):
        spatial = tuple(conv_output_length(n, k, s, d, self.padding) for n, k, s, d in zip(
            self.spatial_dims, self.kernel_size, self.strides, self.dilation_rate))
        if self.data_format == "channels_last":
            return (batch_size,) + spatial + (self.filters,)
        return (batch_size, self.filters) + spatial

    def get_initial_state(self, batch_size=None):
        shape = self.state_shape(batch_size)
        return [ops.zeros(shape, dtype=self.compute_dtype) for _ in range(2)]

    def get_config(self):
        return {**super().get_config(), "filters": self.filters, "kernel_size": self.kernel_size,
                "strides": self.strides, "padding": self.padding,
                "data_format": self.data_format, "dilation_rate": self.dilation_rate,
                **cu.activation_config(self, "activation", "recurrent_activation"),
                "use_bias": self.use_bias, **cu.weight_arguments_config(self),
                "unit_forget_bias": self.unit_forget_bias, "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout, "seed": self.seed}
