"""`model.summary()`: a table of a model's layers, their output shapes and parameter counts, and
the parameter totals with their memory size, in the same text as Keras 3 prints."""
import math
import re
import shutil
import sys

import numpy as np

from kerasish import tree
from kerasish.models.summary_table import (
    cell_len, console_width, render_table, set_cell_size, wrap)

# Bits per parameter, as Keras counts them for the memory sizes.
_DTYPE_BITS = {**{f"float{i}": i for i in (16, 32, 64)}, **{f"int{i}": i for i in (8, 16, 32, 64)},
               **{f"uint{i}": i for i in (8, 16, 32, 64)}, "bfloat16": 16, "bool": 1}


def print_summary(model, line_length=None, positions=None, print_fn=None, expand_nested=False,
                  show_trainable=False, layer_range=None):
    """Prints a summary of `model` (see `Model.summary`).

    Args:
        line_length: total width of the table (default: 88, or 108 with the "Connected to"
            column, at most the terminal width minus 4).
        positions: where each column ends, as fractions of `line_length`.
        print_fn: called once with the whole summary text (which ends with a newline);
            default: written to stdout.
        expand_nested: also list the layers of nested models, indented.
        show_trainable: add a column saying whether each layer is trainable.
        layer_range: two names (or regexes), the first and last layer to list.
    """
    layers, sequential_like, relevant_nodes = _layers_and_layout(model)
    if sequential_like:
        default_line_length = 88
        positions = positions or [0.45, 0.80, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #"]
        justify = ["left", "left", "right"]
    else:
        default_line_length = 108
        positions = positions or [0.3, 0.56, 0.74, 1.0]
        header = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        justify = ["left", "left", "right", "left"]
    if show_trainable:
        default_line_length += 12
        positions = [p * 0.90 for p in positions] + [1.0]
        header.append("Trainable")
        justify.append("center")

    default_line_length = min(default_line_length, shutil.get_terminal_size().columns - 4)
    line_length = line_length or default_line_length
    widths, current = [], 0
    for position in positions:
        width = int(position * line_length) - current
        if width < 4:
            raise ValueError("Insufficient console width to print summary.")
        widths.append(width)
        current += width

    def fields(layer, prefix):
        if not hasattr(layer, "built"):  # an op applied to symbolic tensors
            params = "0"
        elif not layer.built:
            params = "0 (unbuilt)"
        else:
            params = f"{layer.count_params():,}"
        row = [f"{prefix}{layer.name} ({_class_name(layer)})", _format_layer_shape(layer), params]
        if not sequential_like:
            row.append(_connections(layer, relevant_nodes))
        if show_trainable:
            if getattr(layer, "weights", None):
                row.append("Y" if layer.trainable else "N")
            else:
                row.append("-")
        return row

    def layer_rows(layer, level=0):
        rows = [fields(layer, "   " * level + "└ " if level else "")]
        nested = getattr(layer, "layers", None) if expand_nested else None
        for sublayer in nested or ():
            rows.extend(layer_rows(sublayer, level + 1))
        return rows

    start, stop = _layer_index_bounds(layers, layer_range)
    rows = [row for layer in layers[start:stop] for row in layer_rows(layer)]

    trainable, non_trainable = model.trainable_weights, model.non_trainable_weights
    totals = [("Trainable params", _count(trainable), _memory(trainable)),
              ("Non-trainable params", _count(non_trainable), _memory(non_trainable))]
    optimizer = getattr(model, "optimizer", None)
    if (getattr(model, "compiled", False) and optimizer is not None
            and getattr(optimizer, "built", False)):
        variables = optimizer.variables
        totals.append(("Optimizer params", _count(variables), _memory(variables)))
    total_count = sum(count for _, count, _ in totals)
    total_memory = sum(memory for _, _, memory in totals)
    totals.insert(0, ("Total params", total_count, total_memory))

    # Lines wider than the console are wrapped (text) or cut (the table), as rich prints them.
    console = console_width()
    lines = wrap(f'Model: "{model.name}"', console)
    lines += render_table(header, rows, widths, justify, line_length)
    for label, count, memory in totals:
        lines += wrap(f" {label}: {count:,} ({_readable_size(memory)})", console)
    text = "".join(_crop(line, console) + "\n" for line in lines)
    if print_fn is not None:
        print_fn(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _crop(line, width):
    return line if cell_len(line) <= width else set_cell_size(line, width)


def _layers_and_layout(model):
    """The layers to list, whether the model reads as a plain stack (no "Connected to" column),
    and the nodes of its graph. As Keras decides: a Functional model is a stack unless some
    depth of its graph has several nodes, a node takes several tensors, or a layer is shared."""
    from kerasish.models.functional import Functional
    from kerasish.models.sequential import Sequential

    if isinstance(model, Sequential) or not isinstance(model, Functional):
        return model.layers, True, []
    nodes = []
    for depth_nodes in model._nodes_by_depth.values():
        if len(depth_nodes) > 1 or (len(depth_nodes) == 1
                                    and len(depth_nodes[0].input_tensors) > 1):
            break
        nodes += depth_nodes
    else:
        node_ids = set(map(id, nodes))
        if all(sum(id(n) in node_ids for n in layer._inbound_nodes) <= 1 for layer in model.layers):
            return model._operations, True, []
    relevant = [n for depth_nodes in model._nodes_by_depth.values() for n in depth_nodes]
    return model._operations, False, relevant


def _class_name(layer):
    """The class name Keras shows: an op applied to symbolic tensors shows as Keras's class for
    that op (`add` -> `Add`)."""
    op_name = getattr(layer, "op_name", None)
    if op_name is None or hasattr(layer, "built"):
        return type(layer).__name__
    special = {"getitem": "GetItem", "batch_normalization": "BatchNorm", "swish": "Silu",
               "hard_swish": "HardSilu"}
    return special.get(op_name) or "".join(p[:1].upper() + p[1:] for p in op_name.split("_"))


def _format_shape(shape):
    return f"({', '.join(str(d) for d in shape)})"


def _format_layer_shape(layer):
    """The output shape(s) of the layer's last call on symbolic tensors; else, for a layer built
    on data, the shape it computes from its build shapes; else "?"."""
    if not layer._inbound_nodes and not getattr(layer, "_build_shapes_dict", None):
        return "?"
    if layer._inbound_nodes:
        formatted = [_format_shape(x.shape) for x in layer._inbound_nodes[-1].outputs]
    else:
        try:
            return _format_shape(layer.output_shape)  # models built on data know theirs
        except AttributeError:
            pass
        try:
            computed = layer.compute_output_shape(**layer._build_shapes_dict)
        except Exception:  # the shape cannot be inferred without data: say so
            return "?"
        formatted = _map_shapes(_format_shape, computed)
    flat = tree.flatten(formatted)
    if len(flat) == 1:
        return flat[0]
    return str(formatted).replace("'", "")


def _map_shapes(fn, structure):
    """fn applied to each shape (a tuple or list of dims) in a nested structure."""
    if _is_shape(structure):
        return fn(structure)
    if isinstance(structure, dict):
        return {k: _map_shapes(fn, v) for k, v in structure.items()}
    return type(structure)(_map_shapes(fn, v) for v in structure)


def _is_shape(x):
    return isinstance(x, (tuple, list)) and all(
        d is None or isinstance(d, (int, np.integer)) for d in x)


def _connections(layer, relevant_nodes):
    relevant = set(map(id, relevant_nodes))
    parts = []
    for node in layer._inbound_nodes:
        if relevant and id(node) not in relevant:
            continue  # a call outside this model
        for x in node.input_tensors:
            operation, node_index, tensor_index = x._keras_history
            parts.append(f"{operation.name}[{node_index}][{tensor_index}]")
    return ", ".join(parts) or "-"


def _layer_index_bounds(layers, layer_range):
    """[first, last + 1] of the layers whose names match layer_range's two patterns."""
    if layer_range is None:
        return 0, len(layers)
    if len(layer_range) != 2:
        raise ValueError(
            f"layer_range must be a list or tuple of length 2. Received: layer_range = "
            f"{layer_range} of length {len(layer_range)}")
    if not isinstance(layer_range[0], str) or not isinstance(layer_range[1], str):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    lower = [i for i, layer in enumerate(layers) if re.match(layer_range[0], layer.name)]
    upper = [i for i, layer in enumerate(layers) if re.match(layer_range[1], layer.name)]
    if not lower or not upper:
        raise ValueError(
            f"Passed layer_names do not match the layer names in the model. Received: "
            f"{layer_range}")
    if min(lower) > max(upper):
        return min(upper), max(lower) + 1
    return min(lower), max(upper) + 1


def _count(weights):
    return int(sum(math.prod(v.shape) for v in weights))


def _memory(weights):
    """Bytes the weights take (each counted once)."""
    bits = 0
    for v in {id(w): w for w in weights}.values():
        dtype = str(v.dtype)
        size = _DTYPE_BITS.get(dtype)
        if size is None:
            size = np.dtype(dtype).itemsize * 8
        bits += math.prod(v.shape) * size
    return bits / 8


def _readable_size(size):
    for unit in ["B", "KB", "MB", "GB", "TB", "PB"]:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} PB"
