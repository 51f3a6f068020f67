"""Lambda: wraps a function of the inputs as a layer (as keras.layers.Lambda).

Its config names the function (see function_config.py). Keras saves a Python lambda as bytecode
and runs it when loading with safe_mode=False; kerasish never saves or loads code: a lambda's
config entry has no code, and `from_config` refuses it with an error that says what to do.
"""
import inspect

from kerasish.backend.keras_tensor import compute_output_spec
from kerasish.layers.core.function_config import (
    deserialize_function, deserialize_value, is_function_config, serialize_function,
    serialize_value,
)
from kerasish.layers.layer import Layer


def _is_shape(x):
    return isinstance(x, (list, tuple)) and all(
        d is None or (isinstance(d, int) and not isinstance(d, bool)) for d in x)


def _standardize_output_shape(output_shape):
    """None, a function, a shape without the batch dimension (a tuple), or a list/dict of shapes
    (one per output)."""
    if output_shape is None or callable(output_shape):
        return output_shape
    if _is_shape(output_shape):
        return tuple(output_shape)
    if isinstance(output_shape, (list, tuple)) and output_shape and all(
            _is_shape(s) for s in output_shape):
        return type(output_shape)(tuple(s) for s in output_shape)
    if isinstance(output_shape, dict) and all(_is_shape(s) for s in output_shape.values()):
        return {k: tuple(s) for k, s in output_shape.items()}
    raise ValueError(
        f"Lambda: `output_shape` must be None, a function, a shape tuple (without the batch "
        f"dimension) or a list or dict of them; received output_shape={output_shape!r}.")


def _batch_size(input_shape):
    """The first input's batch dimension (from a shape or a list/dict of shapes)."""
    while not _is_shape(input_shape):
        shapes = input_shape.values() if isinstance(input_shape, dict) else input_shape
        input_shape = next(iter(shapes))
    return input_shape[0] if input_shape else None


def _parameter_names(function):
    try:
        return set(inspect.signature(function).parameters)
    except (TypeError, ValueError):  # a callable without an inspectable signature
        return set()


class Lambda(Layer):
    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        if not callable(function):
            raise ValueError(
                f"Lambda: `function` must be callable; received function={function!r} (of type "
                f"{type(function).__name__}).")
        if arguments is not None and not isinstance(arguments, dict):
            raise ValueError(
                f"Lambda: `arguments` must be a dict of keyword arguments for the function; "
                f"received arguments={arguments!r}.")
        self.function = function
        self.arguments = dict(arguments or {})
        self.mask = mask
        self.supports_masking = mask is not None
        self._output_shape = _standardize_output_shape(output_shape)
        names = _parameter_names(function)
        self._fn_expects_mask_arg = "mask" in names
        self._fn_expects_training_arg = "training" in names

    def call(self, inputs, mask=None, training=None):
        kwargs = dict(self.arguments)
        if self._fn_expects_mask_arg:
            kwargs["mask"] = mask
        if self._fn_expects_training_arg:
            kwargs["training"] = training
        return self.function(inputs, **kwargs)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask  # None, or a fixed mask tensor

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            try:
                return super().compute_output_shape(input_shape)  # by tracing the function
            except Exception as error:
                raise self._inference_error(error) from error
        if callable(self._output_shape):
            return self._output_shape(input_shape)
        batch_size = _batch_size(input_shape)
        if _is_shape(self._output_shape):
            return (batch_size,) + self._output_shape
        if isinstance(self._output_shape, dict):
            return {k: (batch_size,) + s for k, s in self._output_shape.items()}
        return type(self._output_shape)((batch_size,) + s for s in self._output_shape)

    def compute_output_spec(self, *args, **kwargs):
        if self._output_shape is not None:
            return super().compute_output_spec(*args, **kwargs)  # from compute_output_shape
        try:
            return compute_output_spec(self.call, *args, **kwargs)  # keeps the output's dtype
        except Exception as error:
            raise self._inference_error(error) from error

    def _inference_error(self, error):
        return NotImplementedError(
            f"Lambda layer {self.name!r}: could not infer the output of its function on symbolic "
            f"inputs ({type(error).__name__}: {error}). If the function is correct, pass the "
            f"`output_shape` argument to this Lambda layer.")

    def get_config(self):
        config = {"function": serialize_function(self.function)}
        if self._output_shape is not None:
            config["output_shape"] = (serialize_function(self._output_shape)
                                      if callable(self._output_shape) else self._output_shape)
        if self.mask is not None:
            config["mask"] = (serialize_function(self.mask) if callable(self.mask)
                              else serialize_value(self.mask))
        config["arguments"] = serialize_value(self.arguments)
        return {**super().get_config(), **config}

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """A Lambda from its config. Functions are found by name only (see function_config.py);
        `safe_mode` is accepted for Keras compatibility, but no value of it makes kerasish load
        a lambda's code."""
        config = dict(config)
        owner = f"Lambda layer {config.get('name', 'lambda')!r}"
        config["function"] = deserialize_function(
            config.get("function"), owner, "function", custom_objects)
        for key in ("output_shape", "mask"):
            if is_function_config(config.get(key)):
                config[key] = deserialize_function(config[key], owner, key, custom_objects)
        if "mask" in config and not callable(config["mask"]):
            config["mask"] = deserialize_value(config["mask"], owner, "mask", custom_objects)
        if "arguments" in config:
            config["arguments"] = deserialize_value(
                config["arguments"], owner, "arguments", custom_objects)
        return super().from_config(config)
