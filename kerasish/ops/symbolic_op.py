"""An op called on KerasTensors (`x = inputs * 2`, `ops.concatenate([a, b])`) becomes a node of
the Functional graph, as in Keras 3, so a model can mix layers and plain ops."""
from kerasish import tree
from kerasish.backend.keras_tensor import KerasTensor, compute_output_spec
from kerasish.backend.name_scope import unique_name
from kerasish.backend.symbolic_scope import in_symbolic_scope


class OpCall:
    """The operation of a graph node made by an op: calling it runs the op on real tensors."""

    def __init__(self, op_name):
        self.op_name = op_name
        self.name = unique_name(op_name)
        self._inbound_nodes = []
        self._outbound_nodes = []

    def __call__(self, *args, **kwargs):
        from kerasish.ops.dispatch import dispatch
        return dispatch(self.op_name, *args, **kwargs)

    def __repr__(self):
        return f"<Op {self.op_name} name={self.name}>"


def symbolic_call(name, fn, args, kwargs):
    from kerasish.ops.node import Node

    outputs = compute_output_spec(fn, *args, **kwargs)
    recorded = any(isinstance(x, KerasTensor) and x._keras_history is not None
                   for x in tree.flatten((args, kwargs)))
    if recorded and not in_symbolic_scope():
        Node(OpCall(name), args, kwargs, outputs)
    return outputs
