"""DropoutRNNCell: the dropout masks of an RNN cell (as Keras's mixin of the same name).

A cell drops the same units at every time step of a sequence, so its masks are drawn once per
call of the RNN layer and reused by every step. The RNN layer draws them before its time loop
(`prepare_dropout_masks`) and clears them after, so no random op (and no seed-state update) runs
inside the scan: the loop stays a pure function that jits. Cells mixing this in have `dropout`,
`recurrent_dropout` and `seed_generator`; a cell with `dropout_mask_count` gets that many
independent masks (one per gate).
"""
from kerasish import ops, random


class DropoutRNNCell:
    def _create_dropout_mask(self, step_input, rate):
        ones = ops.ones_like(step_input)
        count = getattr(self, "dropout_mask_count", None)
        if count is None:
            return random.dropout(ones, rate=rate, seed=self.seed_generator)
        return [random.dropout(ones, rate=rate, seed=self.seed_generator) for _ in range(count)]

    def get_dropout_mask(self, step_input):
        if getattr(self, "_dropout_mask", None) is None and self.dropout > 0:
            self._dropout_mask = self._create_dropout_mask(step_input, self.dropout)
        return getattr(self, "_dropout_mask", None)

    def get_recurrent_dropout_mask(self, step_input):
        if getattr(self, "_recurrent_dropout_mask", None) is None and self.recurrent_dropout > 0:
            self._recurrent_dropout_mask = self._create_dropout_mask(
                step_input, self.recurrent_dropout)
        return getattr(self, "_recurrent_dropout_mask", None)

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None


def _uses_dropout(cell):
    return isinstance(cell, DropoutRNNCell) and (cell.dropout > 0 or cell.recurrent_dropout > 0)


def prepare_dropout_masks(cell, step_input, states):
    """Draws the masks of `cell` (and of the cells it stacks) for one call, outside the loop."""
    from kerasish.layers.recurrent.stacked_rnn_cells import StackedRNNCells

    if isinstance(cell, DropoutRNNCell):
        cell.get_dropout_mask(step_input)
        first_state = states[0] if isinstance(states, (list, tuple)) else states
        cell.get_recurrent_dropout_mask(first_state)
    elif isinstance(cell, StackedRNNCells) and any(_uses_dropout(c) for c in cell.cells):
        for inner, inner_states in zip(cell.cells, states):
            prepare_dropout_masks(inner, step_input, inner_states)
            # The next cell's step input is this cell's output (found by running step 0).
            as_list = list(inner_states) if isinstance(inner_states, (list, tuple)) \
                else [inner_states]
            kwargs = {"training": True} if _has_training(inner) else {}
            step_input, _ = inner(step_input, as_list, **kwargs)


def clear_dropout_masks(cell):
    from kerasish.layers.recurrent.stacked_rnn_cells import StackedRNNCells

    if isinstance(cell, DropoutRNNCell):
        cell.reset_dropout_mask()
        cell.reset_recurrent_dropout_mask()
    elif isinstance(cell, StackedRNNCells):
        for inner in cell.cells:
            clear_dropout_masks(inner)


def _has_training(cell):
    import inspect
    return "training" in inspect.signature(cell.call).parameters
