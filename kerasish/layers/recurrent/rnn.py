"""RNN: runs a cell over the time axis of a sequence (as keras.layers.RNN).

A cell is any object with `state_size` (an int, or one int per state) and
`call(inputs, states) -> (output, new_states)`, usually a Layer; a list of cells is stacked
(StackedRNNCells). The time loop is `ops.scan` (see rnn_loop.py), so a layer jits as one loop.

Stateful layers keep their last states in non-trainable variables named "rnn_state". As in
Keras they are not weights (`get_weights` leaves them out, so Keras weights load unchanged), but
they are listed in `variables`/`non_trainable_variables` (like seed-generator states), which is
how the trainer carries them from batch to batch as functional state under jit.
"""
from kerasish import ops, tree
from kerasish.backend.name_scope import name_scope
from kerasish.backend.variable import Variable
from kerasish.layers.layer import Layer
from kerasish.layers.recurrent.dropout_rnn_cell import clear_dropout_masks, prepare_dropout_masks
from kerasish.layers.recurrent.rnn_loop import run_rnn
from kerasish.layers.recurrent.stacked_rnn_cells import StackedRNNCells, check_cell, has_arg


class _StateHolder:
    """Makes a state variable look like a seed generator's state to Layer.variables."""

    def __init__(self, variable):
        self.state = variable


class RNN(Layer):
    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, zero_output_for_mask=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        check_cell(cell, "RNN", "cell")
        super().__init__(**kwargs)
        self.zero_output_for_mask = zero_output_for_mask
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self.unroll = unroll
        self.supports_masking = True
        self.input_spec = None
        object.__setattr__(self, "states", None)  # untracked: not weights (see module doc)
        self._expected_batch_size = None
        state_size = cell.state_size
        self.single_state = isinstance(state_size, int)
        self.state_size = [state_size] if self.single_state else list(state_size)

    # -- building ---------------------------------------------------------------------------
    def build(self, sequences_shape, initial_state_shape=None):
        sequences_shape = tuple(sequences_shape)
        if len(sequences_shape) < 3:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects sequences of rank >= 3, "
                f"(batch, timesteps, features...); received input shape {sequences_shape}.")
        if self.unroll and sequences_shape[1] is None:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: cannot unroll an RNN whose time "
                f"dimension is undefined (input shape {sequences_shape}). Give the time "
                f"dimension in `Input(shape=...)`, or pass unroll=False.")
        step_shape = (sequences_shape[0],) + sequences_shape[2:]
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_shape)
            self.cell.built = True
            self.cell._build_shapes_dict = {"input_shape": step_shape}
        if self.stateful:
            if self.states is not None:
                self.reset_state()
            else:
                if sequences_shape[0] is None:
                    raise ValueError(
                        f"{type(self).__name__} layer {self.name!r}: with `stateful=True` the "
                        f"batch size must be static; received input shape {sequences_shape}. "
                        f"Pass `batch_size` to Input() (or `batch_shape`).")
                self._create_state_variables(sequences_shape[0])
        self.built = True

    def _create_state_variables(self, batch_size):
        def variable(value):
            with name_scope(self.name):
                return Variable(value, dtype=self.variable_dtype, trainable=False,
                                name="rnn_state")
        object.__setattr__(self, "states", tree.map_structure(
            variable, self.get_initial_state(batch_size)))
        self._expected_batch_size = batch_size

    def _seed_generators(self):
        holders = [_StateHolder(v) for v in tree.flatten(self.states)] if self.states else []
        return super()._seed_generators() + holders

    def get_initial_state(self, batch_size):
        get_initial = getattr(self.cell, "get_initial_state", None)
        if get_initial is None:
            return [ops.zeros((batch_size, d), dtype=self.cell.compute_dtype)
                    for d in self.state_size]
        states = get_initial(batch_size=batch_size)
        return list(states) if tree.is_nested(states) else [states]

    def reset_states(self):
        self.reset_state()

    def reset_state(self):
        """Sets the states of a stateful layer back to zeros."""
        for v in tree.flatten(self.states) if self.states is not None else []:
            v.assign(ops.zeros_like(v.value))

    # -- calling ----------------------------------------------------------------------------
    def _initial_state(self, sequences, initial_state):
        if initial_state is None:
            if self.stateful:
                return tree.map_structure(lambda v: v.value, self.states)
            return self.get_initial_state(ops.shape(sequences)[0])
        states = list(initial_state) if tree.is_nested(initial_state) else [initial_state]
        expected = len(tree.flatten(self.get_initial_state(1)))
        if len(tree.flatten(states)) != expected:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} expects {expected} initial state "
                f"tensor(s) (state_size={self.cell.state_size}); received "
                f"{len(tree.flatten(states))}.")
        return states

    def _check_stateful_batch(self, sequences):
        batch = sequences.shape[0]
        if self._expected_batch_size is not None and batch is not None and \
                batch != self._expected_batch_size:
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r} is stateful, so the batch size of "
                f"its inputs must stay {self._expected_batch_size} (the batch size of its "
                f"states); received a batch of {batch}.")

    def inner_loop(self, sequences, initial_state, mask, training=False):
        cell_kwargs = {"training": training} if has_arg(self.cell, "training") else {}
        cell_call = self.cell if isinstance(self.cell, Layer) else self.cell.call

        def step(inputs, states):
            return cell_call(inputs, states, **cell_kwargs)

        return run_rnn(step, sequences, initial_state, mask=mask, go_backwards=self.go_backwards,
                       zero_output_for_mask=self.zero_output_for_mask, unroll=self.unroll)

    def call(self, sequences, initial_state=None, mask=None, training=False):
        if tree.is_nested(mask):
            mask = mask[0]
        if self.stateful:
            self._check_stateful_batch(sequences)
        states = self._initial_state(sequences, initial_state)
        dtype = getattr(self.cell, "compute_dtype", self.compute_dtype)
        states = tree.map_structure(lambda s: ops.cast(ops.convert_to_tensor(s), dtype), states)
        if training:
            prepare_dropout_masks(self.cell, sequences[:, 0], states)
        try:
            last_output, outputs, states = self.inner_loop(sequences, states, mask, training)
        finally:
            clear_dropout_masks(self.cell)
        cast = lambda x: ops.cast(x, self.compute_dtype)  # noqa: E731
        states = tree.map_structure(cast, states)
        if self.stateful:
            for variable, value in zip(tree.flatten(self.states), tree.flatten(states)):
                variable.assign(value)
        output = cast(outputs if self.return_sequences else last_output)
        if self.return_state:
            return (output, *states)
        return output

    def compute_mask(self, inputs, mask):
        mask = tree.flatten(mask)[0] if mask is not None and tree.flatten(mask) else None
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(self.state_size)
        return output_mask

    # -- config -----------------------------------------------------------------------------
    def get_config(self):
        from kerasish.layers.serialization import serialize
        return {**super().get_config(), "return_sequences": self.return_sequences,
                "return_state": self.return_state, "go_backwards": self.go_backwards,
                "stateful": self.stateful, "unroll": self.unroll,
                "zero_output_for_mask": self.zero_output_for_mask,
                "cell": serialize(self.cell)}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasish.layers.serialization import deserialize
        config = dict(config)
        cell = deserialize(config.pop("cell"), custom_objects=custom_objects)
        return cls(cell, **config)
