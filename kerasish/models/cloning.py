"""`clone_model`: the same architecture with new layers (new, freshly initialized weights), as
keras.models.clone_model."""
import inspect

from kerasish import tree
from kerasish.backend.keras_tensor import KerasTensor
from kerasish.layers.core.input_layer import Input, InputLayer
from kerasish.layers.layer import Layer
from kerasish.models.functional import Functional, _fill_in
from kerasish.models.sequential import Sequential


def clone_model(model, input_tensors=None, clone_function=None, call_function=None,
                recursive=False, **kwargs):
    """A copy of a Sequential or Functional model with new layers (weights are not copied).

    Args:
        model: a Sequential or Functional model (another Model subclass is rebuilt as
            `cls.from_config(model.get_config())`).
        input_tensors: KerasTensors to build the copy on (the structure of `model.input`; one
            tensor for a Sequential model); default: new Inputs like the model's.
        clone_function: `fn(layer) -> layer` making each layer of the copy (not the Inputs);
            default: `layer.__class__.from_config(layer.get_config())`.
        call_function: `fn(layer, *args, **kwargs) -> outputs` calling each layer of a
            Functional copy on its inputs (to add layers around a call, say).
        recursive: clone nested Sequential and Functional models with `clone_model` itself
            (the same arguments) instead of with `clone_function`.
    """
    cache = kwargs.pop("cache", None)  # layers already cloned, shared by recursive calls
    if kwargs:
        raise ValueError(f"Unexpected keyword argument(s): {tuple(kwargs.keys())}")
    for arg_name, fn in (("clone_function", clone_function), ("call_function", call_function)):
        if fn is not None and not callable(fn):
            raise ValueError(f"Expected `{arg_name}` argument to be a callable. Received: "
                             f"{arg_name}={fn!r}")
    if not isinstance(model, Layer):
        raise ValueError(
            f"clone_model expects a kerasish Model (Sequential, Functional or a subclass of "
            f"Model); received {model!r} (of type {type(model).__name__}).")

    if isinstance(model, Sequential):
        if call_function is not None:
            raise ValueError(
                f"`call_function` argument is not supported with Sequential models. In a "
                f"Sequential model, layers aren't called at model-construction time (they're "
                f"merely listed). Use `call_function` with Functional models only. Received "
                f"model of type '{type(model).__name__}', with call_function={call_function}")
        clone = _wrap_clone_function(clone_function, None, recursive, cache)
        return _clone_sequential(model, clone, input_tensors)
    if isinstance(model, Functional):
        clone = _wrap_clone_function(clone_function, call_function, recursive, cache)
        return _clone_functional(model, clone, input_tensors, call_function)

    # Another Model subclass: its layers are made by its own code; rebuild it from its config.
    if clone_function is not None or input_tensors is not None:
        raise ValueError(
            f"Arguments `clone_function` and `input_tensors` are only supported for Sequential "
            f"models or Functional models. Received model of type '{type(model).__name__}', "
            f"with clone_function={clone_function} and input_tensors={input_tensors}")
    if call_function is not None:
        raise ValueError(
            f"Argument `call_function` is only supported for Functional models. Received "
            f"model of type '{type(model).__name__}', with call_function={call_function}")
    from kerasish.layers.serialization import deserialize, serialize
    cls = type(model)
    return deserialize(serialize(model), custom_objects={cls.__name__: cls})


def _default_clone(layer):
    return layer.__class__.from_config(layer.get_config())


def _wrap_clone_function(clone_function, call_function, recursive, cache):
    """clone_function made to clone each layer once (a shared layer stays shared in the copy)
    and, with `recursive`, to clone nested models with clone_model."""
    clone_function = clone_function or _default_clone
    cache = {} if cache is None else cache

    def wrapped(layer):
        if id(layer) in cache:
            return cache[id(layer)]
        if recursive and isinstance(layer, Sequential):
            clone = clone_model(layer, clone_function=clone_function, recursive=True, cache=cache)
        elif recursive and isinstance(layer, Functional):
            clone = clone_model(layer, clone_function=clone_function, call_function=call_function,
                                recursive=True, cache=cache)
        else:
            clone = clone_function(layer)
        cache[id(layer)] = clone
        return clone

    return wrapped


def _clone_sequential(model, clone, input_tensors):
    new_layers = [clone(layer) for layer in model.layers]
    first = model._stack[0] if model._stack else None
    if isinstance(first, InputLayer):
        name, batch_shape = first.name, first.batch_shape
        dtype, optional = first.dtype, first.optional
    else:
        name, batch_shape, dtype, optional = None, None, None, False
    if input_tensors is not None:
        if isinstance(input_tensors, (list, tuple)):
            if len(input_tensors) != 1:
                raise ValueError("Argument `input_tensors` must contain a single tensor.")
            input_tensors = input_tensors[0]
        if not isinstance(input_tensors, KerasTensor):
            raise ValueError(
                f"Argument `input_tensors` must be a KerasTensor. Received invalid value: "
                f"input_tensors={input_tensors}")
        new_layers.insert(0, Input(tensor=input_tensors, name=name, optional=optional))
    elif batch_shape is not None:
        new_layers.insert(0, Input(batch_shape=batch_shape, dtype=dtype, name=name,
                                   optional=optional))
    cloned = Sequential(new_layers, name=model.name, trainable=model.trainable)
    _copy_compile(model, cloned)
    return cloned


def _clone_functional(model, clone, input_tensors, call_function):
    if input_tensors is not None:
        if (not isinstance(model.input, (list, tuple, dict))
                and isinstance(input_tensors, (list, tuple)) and len(input_tensors) == 1):
            input_tensors = input_tensors[0]  # [x] for a model with one input, as in Keras 2
        flat = tree.flatten(input_tensors)
        bad = [x for x in flat if not isinstance(x, KerasTensor)]
        if bad or not flat:
            raise ValueError(
                f"All entries in `input_tensors` must be KerasTensors. Received invalid values: "
                f"inputs_tensors={input_tensors}")
        if not _same_structure(input_tensors, model.input):
            raise ValueError(
                f"`input_tensors` must have the same structure as model.input\nReference "
                f"structure: {model.input}\nReceived structure: {input_tensors}")
    else:
        input_tensors = tree.map_structure(
            lambda x: Input(batch_shape=x.shape, dtype=x.dtype, name=x.name), model.input)

    outputs = _run_through_graph(model, input_tensors, clone, call_function)
    cls = type(model)
    if _functional_like_constructor(cls):
        cloned = cls(input_tensors, outputs, name=model.name)
    else:  # a subclass with another constructor: a plain Functional model, as Keras does
        cloned = Functional(input_tensors, outputs, name=model.name)
    _copy_compile(model, cloned)
    return cloned


def _run_through_graph(model, inputs, clone, call_function):
    """Replays the model's layer calls on `inputs`, each with its clone (ops are reused: they
    hold no state) and through call_function when given."""
    values = {id(ref): x for ref, x in zip(model._inputs, tree.flatten(inputs))}
    for depth in sorted(model._nodes_by_depth, reverse=True):
        for node in model._nodes_by_depth[depth]:
            if node.is_input or any(id(x) not in values for x in node.input_tensors):
                continue
            args, kwargs = _fill_in(node, values)
            operation = node.operation
            if isinstance(operation, Layer):
                operation = clone(operation)
            if call_function is not None:
                outputs = call_function(operation, *args, **kwargs)
            else:
                outputs = operation(*args, **kwargs)
            for ref, value in zip(node.outputs, tree.flatten(outputs)):
                values[id(ref)] = value
    missing = [x for x in model._outputs if id(x) not in values]
    if missing:
        raise ValueError(f"Model {model.name!r}: outputs {missing} are not connected to `inputs`.")
    return tree.pack_sequence_as(model._outputs_struct, [values[id(x)] for x in model._outputs])


def _same_structure(a, b):
    if isinstance(a, dict) or isinstance(b, dict):
        return (isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b)
                and all(_same_structure(a[k], b[k]) for k in a))
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and len(a) == len(b)
                and all(_same_structure(x, y) for x, y in zip(a, b)))
    return True


def _functional_like_constructor(cls):
    """Whether `cls(inputs, outputs, name=...)` builds the class (as Keras decides)."""
    spec = inspect.getfullargspec(cls.__init__)
    if spec.args[1:] == inspect.getfullargspec(Functional.__init__).args[1:]:
        return True
    return spec.varargs is not None and spec.varkw is not None


def _copy_compile(model, cloned):
    if getattr(model, "compiled", False) and hasattr(model, "get_compile_config"):
        cloned.compile_from_config(model.get_compile_config())
