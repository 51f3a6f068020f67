"""GRUCell and GRU (as keras.layers.GRUCell / GRU). Gates in Keras's order z, r, h:
`h_t = z * h_{t-1} + (1 - z) * hh`. With `reset_after` (the default, cuDNN's variant) the reset
gate multiplies the recurrent projection after the matmul and the bias has two rows (input,
recurrent); without it, it multiplies h_{t-1} before the matmul and there is one bias row."""
from kerasish import activations, ops, random
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.recurrent import cell_utils as cu
from kerasish.layers.recurrent.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.recurrent.lstm import check_use_cudnn, gate_inputs
from kerasish.layers.recurrent.rnn import RNN


def _masked(x, mask, gate):
    if mask is None:
        return x
    return x * (mask[gate] if isinstance(mask, (list, tuple)) else mask)


class GRUCell(Layer, DropoutRNNCell):
    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, reset_after=True,
                 seed=None, **kwargs):
        units = cu.check_units("GRUCell", units)
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
        self.dropout = cu.clip_rate("GRUCell", dropout, "dropout")
        self.recurrent_dropout = cu.clip_rate("GRUCell", recurrent_dropout, "recurrent_dropout")
        self.implementation = 1 if self.recurrent_dropout != 0.0 else implementation
        if self.implementation == 1:
            self.dropout_mask_count = 3
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed=seed)
        self.reset_after = reset_after
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        units = self.units
        self.kernel = cu.add_weight_of(self, "kernel", "kernel", (input_shape[-1], units * 3))
        self.recurrent_kernel = cu.add_weight_of(self, "recurrent", "recurrent_kernel",
                                                 (units, units * 3))
        self.bias = None
        if self.use_bias:
            shape = (2, 3 * units) if self.reset_after else (3 * units,)
            self.bias = cu.add_weight_of(self, "bias", "bias", shape)
        self.built = True

    def call(self, inputs, states, training=False):
        h_tm1 = states[0] if isinstance(states, (list, tuple)) else states
        units = self.units
        input_bias = recurrent_bias = None
        if self.use_bias:
            input_bias, recurrent_bias = (self.bias[0], self.bias[1]) if self.reset_after \
                else (self.bias, None)
        dp_mask = self.get_dropout_mask(inputs) \
            if training and 0.0 < self.dropout < 1.0 else None
        rec_mask = self.get_recurrent_dropout_mask(h_tm1) \
            if training and 0.0 < self.recurrent_dropout < 1.0 else None

        x = gate_inputs(inputs, self.kernel, dp_mask, 3)
        if input_bias is not None:
            x = x + input_bias
        x_z, x_r, x_h = x[:, :units], x[:, units:2 * units], x[:, 2 * units:]
        # z and r see h_{t-1} (masked per gate); so does h's projection with reset_after.
        columns = 3 if self.reset_after else 2
        inner = gate_inputs(h_tm1, self.recurrent_kernel[:, :columns * units],
                            rec_mask[:columns] if isinstance(rec_mask, list) else rec_mask,
                            columns)
        if self.reset_after and recurrent_bias is not None:
            inner = inner + recurrent_bias
        z = self.recurrent_activation(x_z + inner[:, :units])
        r = self.recurrent_activation(x_r + inner[:, units:2 * units])
        if self.reset_after:
            recurrent_h = r * inner[:, 2 * units:]
        else:
            recurrent_h = ops.matmul(r * _masked(h_tm1, rec_mask, 2),
                                     self.recurrent_kernel[:, 2 * units:])
        hh = self.activation(x_h + recurrent_h)
        h = z * h_tm1 + (1 - z) * hh
        return h, [h] if isinstance(states, (list, tuple)) else h

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.state_size), dtype=self.compute_dtype)]

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                **cu.activation_config(self, "activation", "recurrent_activation"),
                "use_bias": self.use_bias, **cu.weight_arguments_config(self),
                "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout,
                "reset_after": self.reset_after, "seed": self.seed}


@cu.read_through(*cu.CELL_ATTRIBUTES, "recurrent_activation", "reset_after")
class GRU(RNN):
    """`use_cudnn` is accepted for compatibility and has no effect."""

    def __init__(self, units, activation="tanh", recurrent_activation="sigmoid", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, seed=None, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, reset_after=True,
                 use_cudnn="auto", **kwargs):
        cell = GRUCell(
            units, activation=activation, recurrent_activation=recurrent_activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            recurrent_initializer=recurrent_initializer, bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer, recurrent_regularizer=recurrent_regularizer,
            bias_regularizer=bias_regularizer, kernel_constraint=kernel_constraint,
            recurrent_constraint=recurrent_constraint, bias_constraint=bias_constraint,
            dropout=dropout, recurrent_dropout=recurrent_dropout, reset_after=reset_after,
            seed=seed, name="gru_cell", implementation=kwargs.pop("implementation", 2),
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
