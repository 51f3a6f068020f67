"""Python functions and values inside layer configs (Lambda's function, output_shape, mask and
arguments; Activation's activation), written in Keras 3's format and read back safely.

A named function is written by name, as Keras 3 does:
`{"module": "builtins", "class_name": "function", "config": "name", "registered_name": "function"}`,
where the name is the registered one ("package>name") for a function registered with
`kerasish.saving.register_keras_serializable()`. Reading resolves the name only through
`custom_objects`, registered objects and kerasish's activations.

Keras writes a Python lambda as its bytecode. kerasish never writes or runs code from a config:
a lambda (or another callable without a usable name) is written as a `"__lambda__"` entry
without code, which reading refuses with an error that says what to do instead.
"""
import types

import numpy as np

from kerasish import ops
from kerasish.backend import standardize_dtype
from kerasish.saving.object_registration import get_registered_object

def is_function_config(value):
    return isinstance(value, dict) and value.get("class_name") in ("function", "__lambda__")


def serialize_function(fn):
    """Keras 3's dict form of a named function, or the code-free `"__lambda__"` form."""
    if isinstance(fn, types.FunctionType) and fn.__name__ != "<lambda>":
        # kerasish's register_keras_serializable sets `_registered_name` on the function itself.
        name = fn.__dict__.get("_registered_name") or fn.__name__
        return {"module": "builtins", "class_name": "function", "config": name,
                "registered_name": "function"}
    return {"class_name": "__lambda__", "config": {"code": None, "defaults": None, "closure": None}}


def deserialize_function(config, owner, argument, custom_objects=None):
    """The function a config entry names; a ValueError for code (a lambda) or an unknown name."""
    if callable(config):
        return config
    if isinstance(config, dict) and config.get("class_name") == "__lambda__":
        raise ValueError(
            f"{owner}: the config's `{argument}` is a Python lambda. kerasish does not load Python "
            f"code from a config (Keras stores the lambda's bytecode; kerasish neither writes nor "
            f"runs it). Define it as a named function decorated with "
            f"@kerasish.saving.register_keras_serializable() (or pass it in `custom_objects`), or "
            f"write a Layer subclass, then rebuild the layer.")
    if isinstance(config, dict) and config.get("class_name") == "function":
        name = config.get("config")
    else:
        name = config  # older configs store a function as its bare name
    if not isinstance(name, str):
        raise ValueError(
            f"{owner}: could not interpret the config's `{argument}`: expected a function name or "
            f"a {{'class_name': 'function', 'config': name}} dict; received {config!r}.")
    fn = get_registered_object(name, custom_objects)
    if fn is None:
        from kerasish import activations
        fn = activations.ALL_OBJECTS_DICT.get(name)
    if fn is None:
        raise ValueError(
            f"{owner}: unknown function {name!r} in the config's `{argument}`. Functions are "
            f"loaded by name only: from kerasish.activations, from functions registered with "
            f"@kerasish.saving.register_keras_serializable(), or from `custom_objects`.")
    return fn


def serialize_value(value):
    """Plain data as it is; arrays and tensors as Keras's `__numpy__` / `__tensor__` dicts;
    functions as `serialize_function`."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return type(value)(serialize_value(v) for v in value)
    if isinstance(value, dict):
        return {k: serialize_value(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray) or ops.is_tensor(value):
        kind = "__numpy__" if isinstance(value, np.ndarray) else "__tensor__"
        array = np.asarray(ops.convert_to_numpy(value))
        return {"class_name": kind,
                "config": {"value": array.tolist(), "dtype": standardize_dtype(array.dtype)}}
    if callable(value):
        return serialize_function(value)
    raise ValueError(
        f"Cannot write {value!r} (of type {type(value).__name__}) into a layer config: expected "
        f"plain data, an array or a named function.")


def deserialize_value(value, owner, argument, custom_objects=None):
    """The inverse of `serialize_value`."""
    if isinstance(value, dict):
        kind = value.get("class_name")
        if kind in ("__numpy__", "__tensor__"):
            inner = value.get("config") or {}
            array = np.asarray(inner.get("value"), dtype=inner.get("dtype"))
            return array if kind == "__numpy__" else ops.convert_to_tensor(array)
        if is_function_config(value):
            return deserialize_function(value, owner, argument, custom_objects)
        return {k: deserialize_value(v, owner, argument, custom_objects) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(deserialize_value(v, owner, argument, custom_objects) for v in value)
    return value
