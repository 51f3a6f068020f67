"""LSTMCell and LSTM (as keras.layers.LSTMCell / LSTM). Gates in Keras's order i, f, c, o:
`c_t = f * c_{t-1} + i * activation(z_c)`, `h_t = o * activation(c_t)`."""
from kerasish import activations, ops, random
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.recurrent import cell_utils as cu
from kerasish.layers.recurrent.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.recurrent.rnn import RNN


def gate_inputs(x, kernel, mask, gates):
    """`x @ kernel`; with one dropout mask per gate (Keras's implementation 1), each gate's
    columns see their own masked copy of `x`."""
    if mask is None:
        return ops.matmul(x, kernel)
    if not isinstance(mask, (list, tuple)):
        return ops.matmul(x * mask, kernel)
    parts = ops.split(kernel, gates, axis=1)
    return ops.concatenate([ops.matmul(x * m, k) for m, k in zip(mask, parts)], axis=1)


class LSTMCell(Layer, DropoutRNNCell):
    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, **kwargs):
        units = cu.check_units("LSTMCell", units)
        implementation = kwargs.pop("implementation", 2)
        super().__init__(**kwargs)
        self.units = units
        self.activation = activations.get(activation)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.use_bias = use_bias
        cu.set_weight_arguments(
            self, (kernel_initializer, recurrent_initializer, bias_initializer),
            (kernel_regularizer, recurrent_regularizer, bias_regularizer),
            (kernel_constraint, recurrent_constraint, bias_constraint))
        self.dropout = cu.clip_rate("LSTMCell", dropout, "dropout")
        self.recurrent_dropout = cu.clip_rate("LSTMCell", recurrent_dropout, "recurrent_dropout")
        # Keras's implementation 1 (forced by recurrent dropout) draws one mask per gate.
        self.implementation = 1 if self.recurrent_dropout != 0.0 else implementation
        if self.implementation == 1:
            self.dropout_mask_count = 4
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed=seed)
        self.unit_forget_bias = unit_forget_bias
        self.state_size = [units, units]
        self.output_size = units

    def build(self, input_shape):
        self.kernel = cu.add_weight_of(self, "kernel", "kernel", (input_shape[-1], self.units * 4))
        self.recurrent_kernel = cu.add_weight_of(self, "recurrent", "recurrent_kernel",
                                                 (self.units, self.units * 4))
        self.bias = None
        if self.use_bias:
            init = cu.forget_bias_initializer(self, self.units) if self.unit_forget_bias else None
            self.bias = cu.add_weight_of(self, "bias", "bias", (self.units * 4,), init)
        self.built = True

    def call(self, inputs, states, training=False):
        h_tm1, c_tm1 = states[0], states[1]
        dp_mask = self.get_dropout_mask(inputs) \
            if training and 0.0 < self.dropout < 1.0 else None
        rec_mask = self.get_recurrent_dropout_mask(h_tm1) \
            if training and 0.0 < self.recurrent_dropout < 1.0 else None
        z = gate_inputs(inputs, self.kernel, dp_mask, 4) + \
            gate_inputs(h_tm1, self.recurrent_kernel, rec_mask, 4)
        if self.use_bias:
            z = ops.add(z, self.bias)
        z_i, z_f, z_c, z_o = ops.split(z, 4, axis=1)
        i = self.recurrent_activation(z_i)
        f = self.recurrent_activation(z_f)
        c = f * c_tm1 + i * self.activation(z_c)
        o = self.recurrent_activation(z_o)
        h = o * self.activation(c)
        return h, [h, c]

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, d), dtype=self.compute_dtype) for d in self.state_size]

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                **cu.activation_config(self, "activation", "recurrent_activation"),
                "use_bias": self.use_bias, "unit_forget_bias": self.unit_forget_bias,
                **cu.weight_arguments_config(self), "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout, "seed": self.seed}


def check_use_cudnn(use_cudnn):
    if use_cudnn not in ("auto", True, False):
        raise ValueError(
            f"Invalid value received for argument `use_cudnn`. Expected one of "
            f"{{'auto', True, False}}. Received: use_cudnn={use_cudnn!r}")
    return use_cudnn


@cu.read_through(*cu.CELL_ATTRIBUTES, "recurrent_activation", "unit_forget_bias")
class LSTM(RNN):
    """`use_cudnn` is accepted for compatibility and has no effect (the loop is ops.scan on
    every backend)."""

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", unit_forget_bias=True, kernel_regularizer=None,
                 recurrent_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0.0, recurrent_dropout=0.0, seed=None, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, unroll=False,
                 use_cudnn="auto", **kwargs):
        cell = LSTMCell(
            units, activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            unit_forget_bias=unit_forget_bias, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout, recurrent_dropout=recurrent_dropout,
            seed=seed, name="lstm_cell", implementation=kwargs.pop("implementation", 2),
            **cu.cell_kwargs(kwargs))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)
        self.use_cudnn = check_use_cudnn(use_cudnn)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        return super().call(sequences, initial_state=initial_state, mask=mask, training=training)

    def get_config(self):
        return cu.cell_layer_config(self)

    @classmethod
    def from_config(cls, config):
        return cls(**config)
