"""ConvLSTM1D, ConvLSTM2D, ConvLSTM3D: RNNs of a ConvLSTMCell over sequences of 1-3D images
(as keras.layers.ConvLSTM1D/2D/3D)."""
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.recurrent import cell_utils as cu
from kerasish.layers.recurrent.conv_lstm_cell import ConvLSTMCell
from kerasish.layers.recurrent.rnn import RNN

_CELL_ARGUMENTS = (
    "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
    "activation", "recurrent_activation", "use_bias", "kernel_initializer",
    "recurrent_initializer", "bias_initializer", "unit_forget_bias", "kernel_regularizer",
    "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
    "bias_constraint", "dropout", "recurrent_dropout")


@cu.read_through(*_CELL_ARGUMENTS)
class ConvLSTM(RNN):
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        cell = ConvLSTMCell(
            rank=rank, filters=filters, kernel_size=kernel_size, strides=strides,
            padding=padding, data_format=data_format, dilation_rate=dilation_rate,
            activation=activation, recurrent_activation=recurrent_activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, unit_forget_bias=unit_forget_bias,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
            dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed,
            name="conv_lstm_cell", dtype=kwargs.get("dtype"))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=rank + 3)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        return super().call(sequences, initial_state=initial_state, mask=mask, training=training)

    def compute_mask(self, inputs, mask):
        mask = super().compute_mask(inputs, mask)
        return mask + [None] if self.return_state else mask  # two states (h, c)

    def get_config(self):
        return cu.cell_layer_config(self)

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _conv_lstm_class(rank):
    class ConvLSTMND(ConvLSTM):
        def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None,
                     dilation_rate=1, activation="tanh", recurrent_activation="sigmoid",
                     use_bias=True, kernel_initializer="glorot_uniform",
                     recurrent_initializer="orthogonal", bias_initializer="zeros",
                     unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                     bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                     recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                     recurrent_dropout=0.0, seed=None, return_sequences=False,
                     return_state=False, go_backwards=False, stateful=False, **kwargs):
            super().__init__(
                rank, filters, kernel_size, strides=strides, padding=padding,
                data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                recurrent_activation=recurrent_activation, use_bias=use_bias,
                kernel_initializer=kernel_initializer,
                recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
                unit_forget_bias=unit_forget_bias, kernel_regularizer=kernel_regularizer,
                recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
                activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
                dropout=dropout, recurrent_dropout=recurrent_dropout, seed=seed,
                return_sequences=return_sequences, return_state=return_state,
                go_backwards=go_backwards, stateful=stateful, **kwargs)

    name = f"ConvLSTM{rank}D"
    ConvLSTMND.__name__ = ConvLSTMND.__qualname__ = name
    ConvLSTMND.__doc__ = f"{name}: a convolutional LSTM over sequences of {rank}D inputs."
    return ConvLSTMND


ConvLSTM1D = _conv_lstm_class(1)
ConvLSTM2D = _conv_lstm_class(2)
ConvLSTM3D = _conv_lstm_class(3)
