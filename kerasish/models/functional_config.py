"""A Functional model's config in Keras 3's format (layers with their inbound nodes, input and
output layers as [name, node_index, tensor_index]) and the model rebuilt from it."""
import numpy as np

from kerasish import tree
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers import dtype_policy
from kerasish.layers.layer import Layer


def functional_config(model):
    from kerasish.layers.serialization import serialize

    for op in model._operations:
        if not isinstance(op, Layer):
            raise NotImplementedError(
                f"Model {model.name!r} applies the op {op.op_name!r} directly to symbolic tensors; "
                f"its config cannot be written. Wrap the computation in a layer (a Layer "
                f"subclass, or kerasish.layers.Lambda) to make the model serializable.")
    in_model = {id(n) for nodes in model._nodes_by_depth.values() for n in nodes}
    # Node indices in the config count only the nodes that belong to this model.
    new_index = {}
    for layer in model._operations:
        kept = [n for n in layer._inbound_nodes if id(n) in in_model]
        for i, node in enumerate(kept):
            new_index[id(node)] = i

    def history(x):
        layer, index, tensor_index = x._keras_history
        return [layer.name, new_index[id(layer._inbound_nodes[index])], tensor_index]

    def arg(x):
        if isinstance(x, KerasTensor):
            return {"class_name": "__keras_tensor__",
                    "config": {"shape": x.shape, "dtype": x.dtype, "keras_history": history(x)}}
        if isinstance(x, (np.ndarray, np.generic)):
            return x.tolist()
        if x is None or isinstance(x, (bool, int, float, str)):
            return x
        raise NotImplementedError(
            f"Model {model.name!r}: a layer call argument {x!r} (of type {type(x).__name__}) "
            f"cannot be written to a config.")

    layers = []
    for layer in model._operations:
        entry = serialize(layer)
        entry["name"] = layer.name
        entry["inbound_nodes"] = [
            {"args": _map(arg, list(node.call_args)), "kwargs": _map(arg, dict(node.call_kwargs))}
            for node in layer._inbound_nodes if id(node) in in_model and not node.is_input]
        layers.append(entry)
    return {"name": model.name, "trainable": model.trainable, "layers": layers,
            "input_layers": _map(history, model._inputs_struct),
            "output_layers": _map(history, model._outputs_struct)}


def functional_from_config(cls, config, custom_objects=None):
    from kerasish.layers.serialization import deserialize

    created = {}
    pending = []  # (layer, its node configs)
    for entry in config["layers"]:
        layer = deserialize(entry, custom_objects=custom_objects)
        name = entry.get("name", layer.name)
        created[name] = layer
        pending.append((layer, list(entry.get("inbound_nodes", []))))
    # Replay calls whose inputs exist, until every node is made (a layer's nodes in order).
    made = {name: 0 for name in created}
    progress = True
    while progress and any(nodes for _, nodes in pending):
        progress = False
        for layer, nodes in pending:
            while nodes:
                try:
                    args = _map_config(lambda x: _tensor(x, created), nodes[0]["args"])
                    kwargs = _map_config(lambda x: _tensor(x, created), nodes[0]["kwargs"])
                except _NotYet:
                    break
                layer(*args, **kwargs)
                nodes.pop(0)
                progress = True
    stuck = [layer.name for layer, nodes in pending if nodes]
    if stuck:
        raise ValueError(
            f"Could not rebuild the model {config.get('name')!r} from its config: the inputs of "
            f"layers {stuck} are never produced.")

    def endpoint(triple):
        name, node_index, tensor_index = triple
        if name not in created:
            raise ValueError(f"The model config names an unknown layer {name!r} in its inputs or outputs.")
        node = created[name]._inbound_nodes[node_index]
        return node.outputs[tensor_index]

    inputs = _map_triples(endpoint, config["input_layers"])
    outputs = _map_triples(endpoint, config["output_layers"])
    model = cls(inputs, outputs, name=config.get("name"), trainable=config.get("trainable", True))
    if "dtype" in config:
        model.dtype_policy = dtype_policy.get(config["dtype"])
    return model


class _NotYet(Exception):
    pass


def _tensor(x, created):
    if isinstance(x, dict) and x.get("class_name") == "__keras_tensor__":
        name, node_index, tensor_index = x["config"]["keras_history"]
        layer = created.get(name)
        if layer is None:
            raise ValueError(f"The model config refers to an unknown layer {name!r}.")
        if node_index >= len(layer._inbound_nodes):
            raise _NotYet()
        return layer._inbound_nodes[node_index].outputs[tensor_index]
    return x


def _map(fn, structure):
    """map over a config structure whose leaves are KerasTensors and plain values."""
    if isinstance(structure, dict):
        return {k: _map(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return [_map(fn, v) for v in structure]
    return fn(structure)


def _map_config(fn, structure):
    if isinstance(structure, dict) and structure.get("class_name") == "__keras_tensor__":
        return fn(structure)
    if isinstance(structure, dict):
        return {k: _map_config(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return [_map_config(fn, v) for v in structure]
    return structure


def _is_triple(x):
    return (isinstance(x, (list, tuple)) and len(x) == 3 and isinstance(x[0], str)
            and isinstance(x[1], int) and isinstance(x[2], int))


def _map_triples(fn, structure):
    if _is_triple(structure):
        return fn(structure)
    if isinstance(structure, dict):
        return {k: _map_triples(fn, v) for k, v in structure.items()}
    return [_map_triples(fn, v) for v in structure]
