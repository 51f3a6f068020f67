"""Walking a Functional graph: which nodes and operations lie between its inputs and outputs, in
Keras's order (operations by decreasing depth from the outputs, ties in depth-first order), so
`model.layers` and therefore `model.weights` come out in the same order as in Keras."""
import collections


def map_graph(inputs, outputs):
    """Returns (nodes_by_depth, operations): {depth: [node]} and operations inputs-first."""
    ordered_nodes, operation_indices = _topological_nodes(inputs, outputs)
    in_graph = set(map(id, ordered_nodes))
    node_depths = {}
    operation_depths = {}
    for node in reversed(ordered_nodes):
        depth = node_depths.setdefault(id(node), 0)
        depth = max(depth, operation_depths.get(id(node.operation), 0))
        operation_depths[id(node.operation)] = depth
        node_depths[id(node)] = depth
        for parent in node.parent_nodes:
            if id(parent) in in_graph:
                node_depths[id(parent)] = max(depth + 1, node_depths.get(id(parent), 0))
    nodes = {id(n): n for n in ordered_nodes}
    operations = {id(n.operation): n.operation for n in ordered_nodes}
    for x in inputs:
        operation, index, _ = x._keras_history
        if id(operation) not in operation_depths:
            node = operation._inbound_nodes[index]
            if node.is_input:
                operation_depths[id(operation)] = 0
                operation_indices[id(operation)] = -1
                node_depths[id(node)] = 0
                nodes[id(node)] = node
                operations[id(operation)] = operation

    nodes_by_depth = collections.defaultdict(list)
    for key, depth in node_depths.items():
        nodes_by_depth[depth].append(nodes[key])
    by_depth = collections.defaultdict(list)
    for key, depth in operation_depths.items():
        by_depth[depth].append(operations[key])
    ordered_operations = []
    for depth in sorted(by_depth, reverse=True):
        ordered_operations.extend(sorted(by_depth[depth], key=lambda op: operation_indices[id(op)]))

    _check_connected(inputs, nodes_by_depth)
    names = [op.name for op in ordered_operations]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(
                f'The name "{name}" is used {names.count(name)} times in the model. All layer '
                f'names should be unique.')
    return dict(nodes_by_depth), ordered_operations


def _topological_nodes(inputs, outputs):
    finished, in_progress, ordered, operation_indices = set(), set(), [], {}
    input_ids = set(map(id, inputs))

    def visit(tensor):
        history = tensor._keras_history
        if history is None:
            raise ValueError(
                f"Model output {tensor} was not produced by a kerasish layer or op called on the "
                f"model's inputs (it has no graph history). Outputs must come from calling layers "
                f"on kerasish.Input tensors.")
        operation, node_index, _ = history
        node = operation._inbound_nodes[node_index]
        if id(node) in finished:
            return
        if not node.is_input and id(tensor) in input_ids:
            finished.add(id(node))
            return
        if id(node) in in_progress:
            raise ValueError(f"Tensor {tensor} from layer {operation.name!r} is part of a cycle.")
        operation_indices.setdefault(id(operation), len(operation_indices))
        in_progress.add(id(node))
        if not node.is_input:
            for x in node.input_tensors:
                visit(x)
        finished.add(id(node))
        in_progress.discard(id(node))
        ordered.append(node)

    for output in outputs:
        visit(output)
    return ordered, operation_indices


def _check_connected(inputs, nodes_by_depth):
    computable = set(map(id, inputs))
    reached = []
    for depth in sorted(nodes_by_depth, reverse=True):
        for node in nodes_by_depth[depth]:
            for x in node.input_tensors:
                if id(x) not in computable:
                    raise ValueError(
                        f"Graph disconnected: cannot find parent for tensor {x} at layer "
                        f"{node.operation.name!r}. The model's inputs do not lead to it: pass the "
                        f"kerasish.Input it was computed from in `inputs`. The following previous "
                        f"layers were accessed without issue: {reached}")
            if node.is_input:
                continue  # an Input's tensor is computable only if it is one of the model's inputs
            reached.append(node.operation.name)
            computable.update(id(x) for x in node.outputs)
