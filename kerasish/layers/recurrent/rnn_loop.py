"""The time loop of every RNN layer: `ops.scan` over the time axis (lax.scan on JAX, the NumPy
backend's differentiable scan), with masks applied per step by `ops.where`, as Keras's
`backend.rnn` does for the non-unrolled case:

- a masked step keeps the previous states, and its output is the previous output (the first
  state of the last cell, as Keras's JAX loop) or zeros with `zero_output_for_mask`;
- `go_backwards` walks the sequence from the end, and the outputs come in that walking order;
- the last output is the output of the last step walked.
"""
from kerasish import ops, tree


def _time_major(x):
    return ops.swapaxes(x, 0, 1)


def _previous_output(states):
    """The output a masked step repeats, as Keras: the first state, or, when the states are
    nested (stacked cells with several states each), the first state of the last cell."""
    first = states[0]
    if tree.is_nested(first):
        first = tree.flatten(states[-1])[0]
    return first


def _keep_where(step_mask, new, old):
    mask = ops.reshape(step_mask, tuple(step_mask.shape) + (1,) * (len(new.shape) - 1))
    return ops.where(mask, new, old)


def run_rnn(step, sequences, initial_states, mask=None, go_backwards=False,
            zero_output_for_mask=False, unroll=False):
    """Runs `step(x_t, states) -> (output_t, new_states)` over axis 1 of `sequences`.

    Returns `(last_output, outputs, final_states)`, outputs batch-major (batch, time, ...).
    """
    xs = _time_major(sequences)
    if go_backwards:
        xs = ops.flip(xs, axis=0)

    def call_step(x, states):
        output, new_states = step(x, states)
        # The carry must keep its structure and dtypes from step to step (a cell may return a
        # tuple for a list, or a bare tensor for a one-element list).
        flat_new, flat_old = tree.flatten(new_states), tree.flatten(states)
        flat_new = [ops.cast(n, o.dtype) for n, o in zip(flat_new, flat_old)]
        return output, tree.pack_sequence_as(states, flat_new)

    if mask is None:
        def body(states, x):
            output, new_states = call_step(x, states)
            return new_states, output
        scanned = xs
    else:
        mask = ops.cast(mask, "bool")
        if len(mask.shape) > 2:  # a step counts when any of its entries is unmasked
            mask = ops.any(mask, axis=tuple(range(2, len(mask.shape))))
        step_masks = _time_major(mask)
        if go_backwards:
            step_masks = ops.flip(step_masks, axis=0)

        def body(states, inputs):
            x, step_mask = inputs
            output, new_states = call_step(x, states)
            previous = ops.zeros_like(output) if zero_output_for_mask else \
                ops.cast(_previous_output(states), output.dtype)
            output = _keep_where(step_mask, output, previous)
            new_states = tree.map_structure(
                lambda n, o: _keep_where(step_mask, n, o), new_states, states)
            return new_states, output
        scanned = (xs, step_masks)

    final_states, outputs = ops.scan(body, initial_states, scanned, unroll=True if unroll else 1)
    last_output = outputs[-1]
    return last_output, _time_major(outputs), final_states
