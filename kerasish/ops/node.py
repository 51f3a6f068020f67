"""Node: one call of a layer (or an op) on symbolic tensors, an edge set of the Functional graph.

A node records the call's arguments (holding KerasTensors where tensors went in) and its output
KerasTensors; each output's `_keras_history` points back to (operation, node_index,
tensor_index). `Model(inputs, outputs)` walks these backwards from its outputs.
"""
from kerasish import tree
from kerasish.backend.keras_tensor import KerasTensor


class Node:
    def __init__(self, operation, call_args=(), call_kwargs=None, outputs=()):
        self.operation = operation
        self.call_args = tuple(call_args)
        self.call_kwargs = dict(call_kwargs or {})
        self.input_tensors = [x for x in tree.flatten((self.call_args, self.call_kwargs))
                              if isinstance(x, KerasTensor)]
        self.outputs = tree.flatten(outputs)
        self.output_structure = outputs
        self.is_input = not self.input_tensors
        operation._inbound_nodes.append(self)
        node_index = len(operation._inbound_nodes) - 1
        for parent in self.parent_nodes:
            parent.operation._outbound_nodes.append(self)
        for i, tensor in enumerate(self.outputs):
            if isinstance(tensor, KerasTensor):
                tensor._keras_history = (operation, node_index, i)

    @property
    def parent_nodes(self):
        parents = []
        for x in self.input_tensors:
            if x._keras_history is not None:
                op, index, _ = x._keras_history
                parents.append(op._inbound_nodes[index])
        return parents

    def __repr__(self):
        return f"<Node of {self.operation.name!r}, {len(self.input_tensors)} inputs>"
