"""kerasish.activations (as keras.activations): activation functions by name.

`get("relu")` returns the function, `serialize(fn)` its name, `deserialize(name)` the function.
"""
from kerasish.activations.activations import *  # noqa: F401,F403
from kerasish.activations import activations as _activations
from kerasish.saving import serialization as _serialization

# Every activation by its Keras name; "swish" and "hard_swish" are aliases that serialize to the
# function's own name ("silu", "hard_silu"), as in Keras.
ALL_OBJECTS_DICT = {name: getattr(_activations, name) for name in _activations.__all__}
_NAME_OF = {fn: name for name, fn in ALL_OBJECTS_DICT.items() if fn.__name__ == name}


def serialize(activation):
    """The name of a kerasish activation ("relu"), or the config dict of an activation object
    (one with `get_config`)."""
    name = _NAME_OF.get(activation)
    if name is not None:
        return name
    if hasattr(activation, "get_config"):
        return _serialization.serialize_keras_object(activation, "keras.activations")
    if callable(activation):  # a custom function: by (registered) name, as Keras writes it
        from kerasish.layers.core.function_config import serialize_function
        return serialize_function(activation)
    raise ValueError(
        f"Activation {activation!r} cannot be serialized: it is neither one of kerasish.activations "
        f"({', '.join(sorted(ALL_OBJECTS_DICT))}) nor a function.")


def deserialize(config, custom_objects=None):
    """The activation a name (or a {"class_name": ..., "config": ...} dict) refers to; names in
    `custom_objects` ({name: function}) are looked up too."""
    table = dict(ALL_OBJECTS_DICT, **(custom_objects or {}))
    if isinstance(config, dict):
        name = config.get("class_name")
        inner = config.get("config")
        # Keras writes builtin functions as {"class_name": "function", "config": "relu"}.
        if name == "__lambda__":  # refused, with an explanation
            from kerasish.layers.core.function_config import deserialize_function
            return deserialize_function(config, "activation", "activation", custom_objects)
        if name == "function" and isinstance(inner, str):
            if inner in table:
                return table[inner]
            from kerasish.layers.core.function_config import deserialize_function
            return deserialize_function(config, "activation", "activation", custom_objects)
        if name in table and not isinstance(table[name], type):
            return table[name]
        return _serialization.deserialize_keras_object(config, table, "activation")
    if isinstance(config, str):
        return get(config, table)
    raise ValueError(f"Could not interpret activation config {config!r}: expected a name or a dict.")


def get(identifier, _table=None):
    """None -> `linear`; a name -> the function; a dict -> deserialized; a callable -> itself."""
    if identifier is None:
        return _activations.linear
    if isinstance(identifier, str):
        table = _table or ALL_OBJECTS_DICT
        fn = table.get(identifier)
        if fn is None:
            raise ValueError(
                f"Unknown activation function: {identifier!r}. Expected one of: "
                f"{', '.join(sorted(table))}.")
        return fn
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError(
        f"Could not interpret activation function identifier: {identifier!r} "
        f"(of type {type(identifier).__name__}).")
