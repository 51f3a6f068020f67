"""StackedRNNCells: several RNN cells run as one, each cell's output the next one's input
(as keras.layers.StackedRNNCells). Its states are the list of the cells' states."""
import inspect

from kerasish import ops, tree
from kerasish.layers.layer import Layer


def check_cell(cell, owner, argument):
    """A cell needs `call` and `state_size` (an int or a list of ints, one per state)."""
    if not callable(getattr(cell, "call", None)):
        raise ValueError(
            f"{owner}: argument `{argument}` should have a `call` method; received "
            f"{argument}={cell!r}.")
    state_size = getattr(cell, "state_size", None)
    if state_size is None:
        raise ValueError(
            f"{owner}: the RNN cell should have a `state_size` attribute (a single integer or a "
            f"list of integers, one per RNN state); received {argument}={cell!r}.")
    if not isinstance(state_size, (int, list, tuple)):
        raise ValueError(
            f"{owner}: the cell's `state_size` must be an integer, or a list/tuple of integers "
            f"(one for each state tensor); received state_size={state_size!r}.")


def has_arg(cell, name):
    return name in inspect.signature(cell.call).parameters


def _output_size(cell):
    if getattr(cell, "output_size", None) is not None:
        return cell.output_size
    if isinstance(cell.state_size, (list, tuple)):
        return cell.state_size[0]
    return cell.state_size


class StackedRNNCells(Layer):
    def __init__(self, cells, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(cells, (list, tuple)) or not cells:
            raise ValueError(
                f"StackedRNNCells: argument `cells` must be a non-empty list of RNN cells; "
                f"received cells={cells!r}.")
        for cell in cells:
            check_cell(cell, "StackedRNNCells", "cells")
        self.cells = list(cells)

    @property
    def state_size(self):
        return [c.state_size for c in self.cells]

    @property
    def output_size(self):
        return _output_size(self.cells[-1])

    def get_initial_state(self, batch_size=None):
        states = []
        for cell in self.cells:
            get_initial = getattr(cell, "get_initial_state", None)
            if get_initial is not None:
                states.append(get_initial(batch_size=batch_size))
            elif isinstance(cell.state_size, int):
                states.append(ops.zeros((batch_size, cell.state_size), dtype=self.compute_dtype))
            else:
                states.append([ops.zeros((batch_size, d), dtype=self.compute_dtype)
                               for d in cell.state_size])
        return states

    def build(self, input_shape):
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(input_shape)
                cell.built = True
                cell._build_shapes_dict = {"input_shape": tuple(input_shape)}
            input_shape = (tuple(input_shape)[0], _output_size(cell))
        self.built = True

    def call(self, inputs, states, training=False):
        new_states = []
        for cell, cell_states in zip(self.cells, states):
            was_list = tree.is_nested(cell_states)
            cell_states = list(cell_states) if was_list else [cell_states]
            kwargs = {"training": training} if has_arg(cell, "training") else {}
            call = cell if isinstance(cell, Layer) else cell.call
            inputs, cell_states = call(inputs, cell_states, **kwargs)
            if not tree.is_nested(cell_states):
                cell_states = [cell_states]
            if len(cell_states) == 1 and not was_list:
                cell_states = cell_states[0]
            new_states.append(cell_states)
        if len(new_states) == 1:
            new_states = new_states[0]
        return inputs, new_states

    def get_config(self):
        from kerasish.layers.serialization import serialize
        return {**super().get_config(), "cells": [serialize(c) for c in self.cells]}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasish.layers.serialization import deserialize
        config = dict(config)
        cells = [deserialize(c, custom_objects=custom_objects) for c in config.pop("cells")]
        return cls(cells, **config)
