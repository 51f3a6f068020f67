"""Functional: a model defined by a graph of layer calls from Inputs to outputs.

    inputs = kerasish.Input(shape=(8,))
    x = kerasish.layers.Dense(16, activation="relu")(inputs)
    model = kerasish.Model(inputs, kerasish.layers.Dense(1)(x))

Inputs and outputs may be single tensors, lists or dicts (nested). Calling the model replays the
recorded layer calls on real tensors, depth by depth.
"""
from kerasish import ops, tree
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.backend.masking import set_keras_mask
from kerasish.backend.name_scope import unique_name
from kerasish.layers.call_signature import call_signature
from kerasish.layers.layer import Layer
from kerasish.models.graph import map_graph
from kerasish.models.model import Model


class Functional(Model):
    _convert_input_args = False  # inputs are converted to each Input's own dtype instead
    _untracked_attributes = ("_inputs_struct", "_outputs_struct")

    def __init__(self, inputs, outputs, name=None, **kwargs):
        trainable = kwargs.pop("trainable", True)
        if kwargs:
            raise ValueError(f"Unrecognized keyword arguments passed to Model: {sorted(kwargs)}")
        flat_inputs, flat_outputs = tree.flatten(inputs), tree.flatten(outputs)
        for kind, tensors, struct in (("inputs", flat_inputs, inputs),
                                      ("outputs", flat_outputs, outputs)):
            if not tensors:
                raise ValueError(f"Model: `{kind}` must hold at least one tensor; received {struct!r}.")
            for x in tensors:
                if not isinstance(x, KerasTensor):
                    raise ValueError(
                        f"Model: all `{kind}` must be symbolic tensors (from kerasish.Input and "
                        f"layers called on it); received {x!r} (of type {type(x).__name__}).")
        Model.__init__(self, name=name or unique_name("functional"), trainable=trainable)
        self._inputs_struct = inputs
        self._outputs_struct = outputs
        self._inputs = flat_inputs
        self._outputs = flat_outputs
        self._nodes_by_depth, self._operations = map_graph(flat_inputs, flat_outputs)
        self._build_shapes_dict = {"input_shape": tree.map_structure(lambda x: x.shape, inputs)}
        self.built = True

    # -- structure --------------------------------------------------------------------------
    @property
    def layers(self):
        return [op for op in self._operations if isinstance(op, Layer)]

    @property
    def _layers(self):
        return self.layers

    @property
    def inputs(self):
        return list(self._inputs)

    @property
    def outputs(self):
        return list(self._outputs)

    @property
    def input(self):
        return self._inputs_struct

    @property
    def output(self):
        return self._outputs_struct

    @property
    def input_shape(self):
        return tree.map_structure(lambda x: x.shape, self._inputs_struct)

    @property
    def output_shape(self):
        return tree.map_structure(lambda x: x.shape, self._outputs_struct)

    # -- running ----------------------------------------------------------------------------
    def call(self, inputs, training=None, mask=None):
        flat = self._standardize_inputs(inputs)
        if mask is not None:
            for x, m in zip(flat, tree.flatten(mask)):
                if m is not None:
                    set_keras_mask(x, m)
        values = {id(ref): x for ref, x in zip(self._inputs, flat)}
        for depth in sorted(self._nodes_by_depth, reverse=True):
            for node in self._nodes_by_depth[depth]:
                if node.is_input or any(id(x) not in values for x in node.input_tensors):
                    continue
                args, kwargs = _fill_in(node, values)
                operation = node.operation
                if (isinstance(operation, Layer) and training is not None
                        and call_signature(type(operation)).has_training):
                    kwargs["training"] = training
                outputs = operation(*args, **kwargs)
                for ref, value in zip(node.outputs, tree.flatten(outputs)):
                    values[id(ref)] = value
        return tree.pack_sequence_as(self._outputs_struct, [values[id(x)] for x in self._outputs])

    def _standardize_inputs(self, inputs):
        """The model's inputs as a flat list matching `self.inputs`, each converted to its
        Input's dtype (and its rank adjusted by a trailing 1, as Keras does)."""
        if isinstance(inputs, dict) and not isinstance(self._inputs_struct, dict):
            names = [x.name for x in self._inputs]
            missing = [n for n in names if n not in inputs]
            if missing:
                raise ValueError(
                    f"Model {self.name!r}: the input dict is missing keys {missing}; expected keys "
                    f"{names} (the names of the model's Inputs), received {sorted(inputs)}.")
            flat = [inputs[n] for n in names]
        elif isinstance(inputs, dict):
            missing = sorted(set(self._inputs_struct) - set(inputs))
            if missing:
                raise ValueError(
                    f"Model {self.name!r}: the input dict is missing keys {missing}; expected "
                    f"keys {sorted(self._inputs_struct)}, received {sorted(inputs)}.")
            flat = tree.flatten({k: inputs[k] for k in self._inputs_struct})
        else:
            flat = tree.flatten(inputs)
        if len(flat) != len(self._inputs):
            raise ValueError(
                f"Model {self.name!r} expects {len(self._inputs)} input(s), but it received "
                f"{len(flat)} input tensors. Expected inputs: "
                f"{[(x.name, x.shape) for x in self._inputs]}")
        converted = []
        for x, ref in zip(flat, self._inputs):
            if x is None:
                converted.append(None)
                continue
            if isinstance(x, KerasTensor):
                converted.append(x)
                continue
            x = ops.convert_to_tensor(x)
            if ops.dtype(x) != ref.dtype:
                x = ops.cast(x, ref.dtype)
            ndim, ref_ndim = len(x.shape), len(ref.shape)
            if ndim == ref_ndim - 1 and ref.shape[-1] == 1:
                x = ops.expand_dims(x, -1)
            elif ndim == ref_ndim + 1 and x.shape[-1] == 1:
                x = ops.squeeze(x, -1)
            converted.append(x)
        return converted

    def get_config(self):
        from kerasish.models.functional_config import functional_config
        return functional_config(self)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from kerasish.models.functional_config import functional_from_config
        return functional_from_config(cls, config, custom_objects)


def _fill_in(node, values):
    def fill(x):
        return values[id(x)] if isinstance(x, KerasTensor) else x
    args = tree.map_structure(fill, list(node.call_args))
    kwargs = tree.map_structure(fill, dict(node.call_kwargs))
    return args, kwargs
