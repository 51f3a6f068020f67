"""Layer: the base of every layer and model (as keras.Layer).

A layer creates its weights in `build(input_shape)` (called on first use, from the shape of what it
is called on) and computes in `call(...)`. `__call__` adds what every layer shares: converting and
casting inputs, checking `input_spec`, building, resolving `training` from the outer call, passing
and computing masks, activity regularization, and, on symbolic inputs, computing the output's
shape and dtype without data and recording a graph node.
"""
import numpy as np

from kerasish import tree
from kerasish.backend import get_backend, standardize_dtype
from kerasish.backend.keras_tensor import KerasTensor, any_symbolic, compute_output_spec
from kerasish.backend.masking import get_keras_mask, set_keras_mask
from kerasish.backend.name_scope import name_scope, to_snake_case, unique_name
from kerasish.backend.stateless_scope import StatelessScope, get_stateless_scope
from kerasish.backend.symbolic_scope import unprobed_shape
from kerasish.backend.variable import Variable
from kerasish.layers import dtype_policy as dtype_policies
from kerasish.layers.auto_config import capture_init_arguments
from kerasish.layers.call_context import enter_call_context, exit_call_context
from kerasish.layers.call_signature import build_argument_names, call_signature
from kerasish.layers.input_spec import assert_input_compatibility

_NOT_SUBLAYERS = frozenset({"_inbound_nodes", "_outbound_nodes", "_keras_history"})


class Layer:
    _convert_input_args = True  # cast floating inputs to the compute dtype (autocast)
    def __new__(cls, *args, **kwargs):
        layer = super().__new__(cls)
        # Tracking works even for attributes set before super().__init__().
        object.__setattr__(layer, "_trainable_variables", [])
        object.__setattr__(layer, "_non_trainable_variables", [])
        object.__setattr__(layer, "_auto_config", capture_init_arguments(cls, args, kwargs))
        return layer

    def __init__(self, *, activity_regularizer=None, trainable=True, dtype=None, autocast=True,
                 name=None, **kwargs):
        from kerasish import regularizers

        input_dim = kwargs.pop("input_dim", None)
        input_shape = (input_dim,) if input_dim is not None else kwargs.pop("input_shape", None)
        batch_size = kwargs.pop("batch_size", None)
        if input_shape is not None:
            self._input_shape_arg = (batch_size,) + tuple(input_shape)
        if kwargs:
            raise ValueError(
                f"Unrecognized keyword arguments passed to {type(self).__name__}: {kwargs}")
        if name is None:
            name = unique_name(to_snake_case(type(self).__name__))
        elif not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"{type(self).__name__}: `name` must be a string without '/'; received "
                f"name={name!r}.")
        self.name = name
        self._dtype_policy = dtype_policies.get(dtype)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.autocast = autocast
        self.built = False
        self._trainable = bool(trainable)
        self._input_spec = None
        self._supports_masking = type(self).compute_mask is not Layer.compute_mask
        self._losses = []
        self._loss_ids = set()
        self._inbound_nodes = []
        self._outbound_nodes = []
        self._build_shapes_dict = None
        self._backend = get_backend()
        self._initialized = True

    # -- tracking ---------------------------------------------------------------------------
    def __setattr__(self, name, value):
        if not name.startswith("__"):
            for v in _variables_in(value):
                self._track_variable(v)
        object.__setattr__(self, name, value)

    def _track_variable(self, variable):
        if any(v is variable for v in self._trainable_variables + self._non_trainable_variables):
            return
        (self._trainable_variables if variable.trainable else self._non_trainable_variables).append(variable)

    @property
    def _layers(self):
        """Direct sublayers, in the order their attributes were first assigned."""
        found, seen = [], {id(self)}
        for key, value in vars(self).items():
            if key in _NOT_SUBLAYERS or key in getattr(self, "_untracked_attributes", ()):
                continue
            for layer in _layers_in(value):
                if id(layer) not in seen:
                    seen.add(id(layer))
                    found.append(layer)
        return found

    def _flatten_layers(self, include_self=True, recursive=True):
        result, seen = [], set()

        def visit(layer, depth):
            if id(layer) in seen:
                return
            seen.add(id(layer))
            if depth > 0 or include_self:
                result.append(layer)
            if recursive or depth == 0:
                for sub in layer._layers:
                    visit(sub, depth + 1)
        visit(self, 0)
        return result

    def _seed_generators(self):
        from kerasish.random.seed_generator import SeedGenerator
        return [v for v in vars(self).values() if isinstance(v, SeedGenerator)]

    # -- weights ----------------------------------------------------------------------------
    def add_weight(self, shape=None, initializer=None, dtype=None, trainable=True, autocast=True,
                   regularizer=None, constraint=None, aggregation="none",
                   overwrite_with_gradient=False, name=None):
        """Creates a Variable owned by this layer (as keras.Layer.add_weight)."""
        from kerasish import constraints, regularizers

        self._check_super_called()
        shape = () if shape is None else tuple(shape)
        dtype = standardize_dtype(dtype) if dtype is not None else self.variable_dtype
        if initializer is None:
            initializer = "glorot_uniform" if "float" in dtype else "zeros"
        with name_scope(self.name), _backend_of(self):
            variable = Variable(initializer, shape=shape, dtype=dtype, trainable=trainable,
                                autocast=autocast, aggregation=aggregation, name=name)
        variable.regularizer = regularizers.get(regularizer)
        variable.constraint = constraints.get(constraint)
        variable.overwrite_with_gradient = overwrite_with_gradient
        self._track_variable(variable)
        return variable

    def _own_weights(self):
        return list(self._trainable_variables) + list(self._non_trainable_variables)

    def _collect(self, own):
        result, seen = [], set()
        for layer in self._flatten_layers():
            for v in own(layer):
                if id(v) not in seen:
                    seen.add(id(v))
                    result.append(v)
        return result

    @property
    def weights(self):
        """Own weights (trainable, then non-trainable), then those of sublayers."""
        return self._collect(Layer._own_weights)

    @property
    def trainable_weights(self):
        return [v for v in self.weights if v.trainable] if self.trainable else []

    @property
    def non_trainable_weights(self):
        return [v for v in self.weights if not v.trainable] if self.trainable else self.weights

    @property
    def variables(self):
        """All state: weights plus seed-generator states."""
        return self._collect(lambda layer: layer._own_weights() +
                             [g.state for g in layer._seed_generators()])

    @property
    def trainable_variables(self):
        return [v for v in self.variables if v.trainable] if self.trainable else []

    @property
    def non_trainable_variables(self):
        return [v for v in self.variables if not v.trainable] if self.trainable else self.variables

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        value = bool(value)
        self._trainable = value
        for v in self._trainable_variables:
            v.trainable = value
        for layer in self._layers:
            layer.trainable = value

    def get_weights(self):
        return [np.array(v.numpy()) for v in self.weights]

    def set_weights(self, weights):
        """Sets the weights from a list of arrays, in the order of `weights`."""
        layer_weights = self.weights
        weights = list(weights)
        if len(weights) != len(layer_weights):
            names = ", ".join(v.path for v in layer_weights) or "none"
            raise ValueError(
                f"Layer {self.name!r} ({type(self).__name__}) expects {len(layer_weights)} "
                f"weights ({names}), but set_weights received {len(weights)}.")
        for variable, value in zip(layer_weights, weights):
            shape = tuple(np.shape(value))
            if shape != variable.shape:
                raise ValueError(
                    f"Layer {self.name!r} ({type(self).__name__}): weight {variable.path!r} has "
                    f"shape {variable.shape}, but set_weights received a value of shape {shape}.")
        for variable, value in zip(layer_weights, weights):
            variable.assign(value)

    def count_params(self):
        if not self.built:
            raise ValueError(
                f"You tried to call `count_params` on layer {self.name!r}, but the layer isn't "
                f"built. You can build it manually via: `layer.build(input_shape)`.")
        return int(sum(int(np.prod(v.shape)) for v in self.weights))

    # -- dtype ------------------------------------------------------------------------------
    @property
    def dtype_policy(self):
        return self._dtype_policy

    @dtype_policy.setter
    def dtype_policy(self, value):
        self._dtype_policy = dtype_policies.get(value)

    @property
    def dtype(self):
        return self._dtype_policy.variable_dtype

    @property
    def compute_dtype(self):
        return self._dtype_policy.compute_dtype

    @property
    def variable_dtype(self):
        return self._dtype_policy.variable_dtype

    @property
    def input_dtype(self):
        return self._dtype_policy.compute_dtype

    # -- input spec and masking -------------------------------------------------------------
    @property
    def input_spec(self):
        return self._input_spec

    @input_spec.setter
    def input_spec(self, value):
        self._input_spec = value

    @property
    def supports_masking(self):
        return self._supports_masking

    @supports_masking.setter
    def supports_masking(self, value):
        self._supports_masking = bool(value)

    def compute_mask(self, inputs, previous_mask):
        return previous_mask

    # -- building ---------------------------------------------------------------------------
    def build(self, input_shape=None):
        self.built = True

    def _maybe_build(self, signature, args, kwargs):
        if self.built:
            return
        bound = signature.bind(args, kwargs)
        shapes = {f"{k}_shape": _shapes_of(v) for k, v in bound.items()
                  if k not in ("mask", "training") and _has_tensor(v)}
        first = signature.first_arg(args, kwargs)
        first_shape = _shapes_of(first) if first is not None else None
        if _has_default_build(type(self)):
            # Nothing to create up front: sublayers build themselves as `call` runs.
            self._build_shapes_dict = {"input_shape": _recorded(first_shape)}
            self.built = True
            return
        names = build_argument_names(type(self))
        given = {n: shapes[n] for n in names if n in shapes}
        with name_scope(self.name), _backend_of(self):
            if len(names) > 1 and given:
                # build(query_shape, value_shape, key_shape=None): the shapes by name, as Keras.
                self.build(**given)
                self._build_shapes_dict = {n: _recorded(v) for n, v in given.items()}
            else:
                self.build(first_shape)
                self._build_shapes_dict = {"input_shape": _recorded(first_shape)}
        self.built = True

    def get_build_config(self):
        """Keras 3's form: {"input_shape": shape}, or {"shapes_dict": {...}} for a build with
        several shape arguments."""
        if self._build_shapes_dict is None:
            return None
        if len(self._build_shapes_dict) == 1:
            return {"input_shape": next(iter(self._build_shapes_dict.values()))}
        return {"shapes_dict": dict(self._build_shapes_dict)}

    def build_from_config(self, config):
        if config and not self.built:
            if "input_shape" in config:
                self.build(config["input_shape"])
                self._build_shapes_dict = {"input_shape": config["input_shape"]}
            elif "shapes_dict" in config:
                self.build(**config["shapes_dict"])
                self._build_shapes_dict = dict(config["shapes_dict"])
            self.built = True

    # -- calling ----------------------------------------------------------------------------
    def call(self, *args, **kwargs):
        raise NotImplementedError(f"Layer {type(self).__name__} does not have a `call()` method.")

    def __call__(self, *args, **kwargs):
        self._check_super_called()
        original_args, original_kwargs = args, dict(kwargs)
        symbolic = any_symbolic((args, kwargs))
        args, kwargs = self._convert_inputs(args, kwargs, symbolic)
        signature = call_signature(type(self))
        first = signature.first_arg(args, kwargs)
        assert_input_compatibility(self.input_spec, first, self.name)
        if not self.built:
            self._maybe_build(signature, args, kwargs)
            assert_input_compatibility(self.input_spec, first, self.name)

        context, is_new = enter_call_context(self)
        previous_training = context.training
        try:
            if is_new and not symbolic:
                self._clear_losses()
            if "training" in kwargs and kwargs["training"] is not None:
                training = kwargs["training"]
            elif context.training is not None:
                training = context.training
            else:
                training = signature.training_default
            context.training = training
            if signature.has_training:
                if training is not None:
                    kwargs["training"] = training
            else:
                kwargs.pop("training", None)

            if signature.has_mask and kwargs.get("mask") is None:
                mask = tree.map_structure(get_keras_mask, first) if first is not None else None
                if any(m is not None for m in tree.flatten(mask)):
                    kwargs["mask"] = mask
            previous_mask = kwargs.get("mask")
            if previous_mask is None and first is not None:
                previous_mask = tree.map_structure(get_keras_mask, first)

            with name_scope(self.name), _backend_of(self):
                if symbolic:
                    outputs = self.compute_output_spec(*args, **kwargs)
                else:
                    outputs = self.call(*args, **kwargs)
                    self._add_activity_regularization(outputs)
            if self.supports_masking:
                self._set_mask_metadata(first, outputs, previous_mask, symbolic)
        finally:
            exit_call_context(context, is_new, previous_training)

        if symbolic:
            from kerasish.ops.node import Node
            Node(self, original_args, original_kwargs, outputs)
        return outputs

    def _convert_inputs(self, args, kwargs, symbolic):
        """Arrays become tensors; floating inputs are cast to the compute dtype (autocast)."""
        backend = get_backend()
        compute_dtype = self.compute_dtype

        def convert(x):
            if isinstance(x, KerasTensor):
                if self.autocast and "float" in x.dtype and x.dtype != compute_dtype:
                    cast = KerasTensor(x.shape, compute_dtype, record_history=False)
                    cast._keras_mask = x._keras_mask
                    return cast
                return x
            if isinstance(x, Variable):
                x = x.value
            if isinstance(x, np.ndarray) or backend.is_tensor(x) or _is_traced(x):
                dtype = standardize_dtype(x.dtype)
                if self.autocast and "float" in dtype and dtype != compute_dtype:
                    mask = get_keras_mask(x)
                    x = backend.cast(x, compute_dtype)
                    if mask is not None:
                        set_keras_mask(x, mask)
                elif isinstance(x, np.ndarray):
                    x = backend.convert_to_tensor(x)
            return x

        if not self._convert_input_args or (symbolic and not self.autocast):
            return args, kwargs
        return tree.map_structure(convert, list(args)), tree.map_structure(convert, kwargs)

    def compute_output_spec(self, *args, **kwargs):
        """KerasTensors for the outputs: from `compute_output_shape` if the layer defines it,
        else by abstract evaluation of `call`."""
        if type(self).compute_output_shape is not Layer.compute_output_shape:
            first = args[0] if args else next(iter(kwargs.values()))
            shapes = self.compute_output_shape(_shapes_of(first))
            return _specs_from_shapes(shapes, self.compute_dtype)
        return compute_output_spec(self.call, *args, **kwargs)

    def compute_output_shape(self, input_shape):
        """The output shape for an input shape, found by abstract evaluation of `call`."""
        inputs = _specs_from_shapes(input_shape, self.compute_dtype)
        with name_scope(self.name):
            if not self.built:
                self.build(input_shape)
                self.built = True
            outputs = compute_output_spec(self.call, inputs)
        return tree.map_structure(lambda t: t.shape, outputs)

    def _set_mask_metadata(self, inputs, outputs, previous_mask, symbolic):
        flat_outputs = tree.flatten(outputs)
        if flat_outputs and all(get_keras_mask(x) is not None for x in flat_outputs):
            return
        if symbolic:
            masks = compute_output_spec(self.compute_mask, inputs, previous_mask)
        else:
            masks = self.compute_mask(inputs, previous_mask)
        if masks is None:
            return
        if isinstance(masks, (list, tuple)):
            # One mask per output, None included ([sequence_mask, None, None] for an RNN
            # returning its states); tree.flatten would drop the Nones.
            flat_masks = list(masks)
        else:
            # A single mask applies to every output.
            flat_masks = [masks] * len(flat_outputs)
        for output, mask in zip(flat_outputs, flat_masks):
            if get_keras_mask(output) is None:
                set_keras_mask(output, mask)

    # -- losses -----------------------------------------------------------------------------
    def add_loss(self, loss):
        """Adds scalar loss tensor(s), collected into `losses` and the training loss."""
        scope = get_stateless_scope()
        for value in tree.flatten(loss):
            if isinstance(value, KerasTensor):
                continue  # symbolic: real values come when the model runs on data
            if scope is not None:
                if scope.collect_losses:
                    scope.add_loss(value)
                    self._loss_ids.add(id(value))
            else:
                self._losses.append(value)

    def _add_activity_regularization(self, outputs):
        if self.activity_regularizer is None:
            return
        from kerasish import ops
        for output in tree.flatten(outputs):
            if not hasattr(output, "shape"):
                continue
            loss = self.activity_regularizer(output)
            if len(output.shape) > 0:
                batch = ops.shape(output)[0]  # Keras 3 averages over the batch (0: no-op)
                loss = ops.divide(loss, float(batch or 1))
            self.add_loss(loss)

    def _own_losses(self):
        scope = get_stateless_scope()
        if scope is not None:
            return [x for x in scope.losses if id(x) in self._loss_ids]
        return list(self._losses)

    @property
    def losses(self):
        """Losses from add_loss and activity regularizers of the last call, and weight
        regularization penalties, of this layer and its sublayers."""
        losses = []
        for layer in self._flatten_layers():
            losses.extend(layer._own_losses())
        for variable in self.trainable_weights:
            if variable.regularizer is not None:
                losses.append(variable.regularizer(variable))
        return losses

    def _clear_losses(self):
        for layer in self._flatten_layers():
            layer._losses = []
            layer._loss_ids = set()

    # -- functional state -------------------------------------------------------------------
    def stateless_call(self, trainable_variables, non_trainable_variables, *args,
                       return_losses=False, **kwargs):
        """Calls the layer with the given variable values, without changing its variables.

        Returns `(outputs, non_trainable_variables)`, the second being the values the
        non-trainable variables would have after the call (moving statistics, seed states), and
        `losses` third when return_losses=True.
        """
        if not self.built:
            raise ValueError(
                f"To call stateless_call, layer {self.name!r} must be built (i.e. its variables "
                f"must have been already created). You can build it by calling it on some data.")
        trainable = self.trainable_variables
        non_trainable = self.non_trainable_variables
        for kind, expected, given in (("trainable_variables", trainable, trainable_variables),
                                      ("non_trainable_variables", non_trainable,
                                       non_trainable_variables)):
            if len(expected) != len(given):
                raise ValueError(
                    f"stateless_call of layer {self.name!r}: argument `{kind}` must be a list of "
                    f"{len(expected)} values, one for each of `layer.{kind}`; received "
                    f"{len(given)} values.")
        mapping = list(zip(trainable, trainable_variables)) + list(
            zip(non_trainable, non_trainable_variables))
        with StatelessScope(mapping, collect_losses=return_losses) as scope:
            outputs = self(*args, **kwargs)
            losses = self.losses if return_losses else None
        new_values = [scope.get_current_value(v) for v in non_trainable]
        if return_losses:
            return outputs, new_values, losses
        return outputs, new_values

    # -- config -----------------------------------------------------------------------------
    def get_config(self):
        from kerasish import regularizers
        config = {"name": self.name, "trainable": self.trainable,
                  "dtype": dtype_policies.serialize(self.dtype_policy)}
        if self.activity_regularizer is not None:
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        if type(self).get_config is not Layer.get_config:
            return config  # a subclass that writes its own config extends this one
        if self._auto_config is None:
            raise NotImplementedError(
                f"Layer {type(self).__name__} has constructor arguments that are not plain data, "
                f"so its config cannot be written automatically: override get_config().")
        return {**self._auto_config, **config}

    @classmethod
    def from_config(cls, config):
        try:
            return cls(**config)
        except Exception as error:
            raise TypeError(
                f"Error when deserializing class {cls.__name__!r} using config={config}.\n\n"
                f"Exception encountered: {error}") from error

    # -- graph ------------------------------------------------------------------------------
    @property
    def input(self):
        return self._node_attribute("input")

    @property
    def output(self):
        return self._node_attribute("output")

    def _node_attribute(self, which):
        if not self._inbound_nodes:
            raise AttributeError(
                f"Layer {self.name!r} has never been called and thus has no defined {which}.")
        node = self._inbound_nodes[0]
        if which == "output":
            return node.output_structure
        tensors = node.input_tensors
        return tensors[0] if len(tensors) == 1 else tensors

    @property
    def path(self):
        return self.name

    def _check_super_called(self):
        if not getattr(self, "_initialized", False):
            raise RuntimeError(
                f"In layer {type(self).__name__!r}, you forgot to call `super().__init__()` as the "
                f"first statement in the `__init__()` method.")

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}, built={self.built}>"


def _has_default_build(cls):
    from kerasish.models.model import Model
    return cls.build is Layer.build or cls.build is Model.build


def _variables_in(value, depth=0):
    if isinstance(value, Variable):
        return [value]
    if depth < 3 and type(value) in (list, tuple):
        return [v for item in value for v in _variables_in(item, depth + 1)]
    if depth < 3 and type(value) is dict:
        return [v for item in value.values() for v in _variables_in(item, depth + 1)]
    return []


def _layers_in(value, depth=0):
    if isinstance(value, Layer):
        return [value]
    if depth < 4 and isinstance(value, (list, tuple)):
        return [x for item in value for x in _layers_in(item, depth + 1)]
    if depth < 4 and isinstance(value, dict):
        return [x for item in value.values() for x in _layers_in(item, depth + 1)]
    return []


def _has_tensor(x):
    return any(hasattr(v, "shape") for v in tree.flatten(x))


def _shapes_of(x):
    if x is None:
        return None
    if tree.is_nested(x):
        return tree.map_structure(lambda v: tuple(v.shape) if hasattr(v, "shape") else None, x)
    return tuple(x.shape)


def _recorded(shapes):
    """Build shapes as recorded for build_config: a dimension standing in for an unknown one
    while shapes are probed (see keras_tensor.compute_output_spec) is recorded as None."""
    if shapes is None:
        return None
    if tree.is_nested(shapes) and not all(isinstance(d, int) or d is None for d in shapes):
        return type(shapes)(_recorded(s) for s in shapes) if not isinstance(shapes, dict) else {
            k: _recorded(v) for k, v in shapes.items()}
    return unprobed_shape(tuple(shapes))


def _is_shape(x):
    return isinstance(x, (list, tuple)) and all(d is None or isinstance(d, (int, np.integer)) for d in x)


def _specs_from_shapes(shapes, dtype):
    if _is_shape(shapes):
        return KerasTensor(tuple(shapes), dtype, record_history=False)
    if isinstance(shapes, dict):
        return {k: _specs_from_shapes(v, dtype) for k, v in shapes.items()}
    return type(shapes)(_specs_from_shapes(s, dtype) for s in shapes)


def _is_traced(x):
    return any(c.__name__.endswith("Tracer") for c in type(x).__mro__) or type(x).__name__ == "Box"


class _backend_of:
    """Runs a layer's build and call under the backend it was created with."""

    def __init__(self, layer):
        self.backend = getattr(layer, "_backend", None)

    def __enter__(self):
        from kerasish.backend import active
        self.previous = active._current
        if self.backend is not None:
            active._current = self.backend

    def __exit__(self, *exc):
        from kerasish.backend import active
        active._current = self.previous
