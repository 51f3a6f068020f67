"""SimpleRNNCell and SimpleRNN: `h_t = activation(x_t @ kernel + h_{t-1} @ recurrent_kernel +
bias)` (as keras.layers.SimpleRNNCell / SimpleRNN)."""
from kerasish import activations, ops, random
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.recurrent import cell_utils as cu
from kerasish.layers.recurrent.dropout_rnn_cell import DropoutRNNCell
from kerasish.layers.recurrent.rnn import RNN


class SimpleRNNCell(Layer, DropoutRNNCell):
    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0.0, recurrent_dropout=0.0, seed=None, **kwargs):
        units = cu.check_units("SimpleRNNCell", units)
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = random.SeedGenerator(seed)
        self.units = units
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        cu.set_weight_arguments(
            self, (kernel_initializer, recurrent_initializer, bias_initializer),
            (kernel_regularizer, recurrent_regularizer, bias_regularizer),
            (kernel_constraint, recurrent_constraint, bias_constraint))
        self.dropout = cu.clip_rate("SimpleRNNCell", dropout, "dropout")
        self.recurrent_dropout = cu.clip_rate("SimpleRNNCell", recurrent_dropout,
                                              "recurrent_dropout")
        self.state_size = units
        self.output_size = units

    def build(self, input_shape):
        self.kernel = cu.add_weight_of(self, "kernel", "kernel", (input_shape[-1], self.units))
        self.recurrent_kernel = cu.add_weight_of(self, "recurrent", "recurrent_kernel",
                                                 (self.units, self.units))
        self.bias = cu.add_weight_of(self, "bias", "bias", (self.units,)) \
            if self.use_bias else None
        self.built = True

    def call(self, sequence, states, training=False):
        previous = states[0] if isinstance(states, (list, tuple)) else states
        if training and 0.0 < self.dropout < 1.0:
            sequence = sequence * self.get_dropout_mask(sequence)
        h = ops.matmul(sequence, self.kernel)
        if self.bias is not None:
            h = ops.add(h, self.bias)
        if training and 0.0 < self.recurrent_dropout < 1.0:
            previous = previous * self.get_recurrent_dropout_mask(previous)
        output = h + ops.matmul(previous, self.recurrent_kernel)
        if self.activation is not None:
            output = self.activation(output)
        return output, [output] if isinstance(states, (list, tuple)) else output

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.state_size), dtype=self.compute_dtype)]

    def get_config(self):
        return {**super().get_config(), "units": self.units,
                **cu.activation_config(self, "activation"), "use_bias": self.use_bias,
                **cu.weight_arguments_config(self), "dropout": self.dropout,
                "recurrent_dropout": self.recurrent_dropout, "seed": self.seed}


@cu.read_through(*cu.CELL_ATTRIBUTES)
class SimpleRNN(RNN):
    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.0,
                 recurrent_dropout=0.0, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, seed=None, **kwargs):
        cell = SimpleRNNCell(
            units, activation=activation, use_bias=use_bias,
            kernel_initializer=kernel_initializer, recurrent_initializer=recurrent_initializer,
            bias_initializer=bias_initializer, kernel_regularizer=kernel_regularizer,
            recurrent_regularizer=recurrent_regularizer, bias_regularizer=bias_regularizer,
            kernel_constraint=kernel_constraint, recurrent_constraint=recurrent_constraint,
            bias_constraint=bias_constraint, dropout=dropout, recurrent_dropout=recurrent_dropout,
            seed=seed, name="simple_rnn_cell", **cu.cell_kwargs(kwargs))
        super().__init__(cell, return_sequences=return_sequences, return_state=return_state,
                         go_backwards=go_backwards, stateful=stateful, unroll=unroll,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        return super().call(sequences, initial_state=initial_state, mask=mask, training=training)

    def get_config(self):
        config = cu.cell_layer_config(self)
        if config["seed"] is None:
            del config["seed"]  # Keras's SimpleRNN config has no seed (kept here when set)
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)
