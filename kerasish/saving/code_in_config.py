"""Python code inside a model config, and what safe mode does with it.

Keras 3 writes a Python lambda (a Lambda layer's function, a lambda activation...) as
`{"class_name": "__lambda__", "config": {"value": [base64 marshal bytecode, defaults, closure]}}`;
Keras 2 wrote a Lambda's `function` as `[bytecode, defaults, closure]` with
`"function_type": "lambda"`. Loading either means running code from the file, so safe mode (the
default) refuses the file with UnsafeCodeError saying where the code is and how to opt in.
With `safe_mode=False` the bytecode is turned into functions (this Python version must match
the writer's), which replace the entries before the config is deserialized. Nothing else in a
config is ever code: classes and functions are looked up by name in kerasish's tables and the
user's registrations, never imported.
"""
import base64
import builtins
import marshal
import types

from kerasish.saving.errors import ConfigError, UnsafeCodeError


def code_locations(config, where="config"):
    """JSON-like paths of every piece of Python code in `config`."""
    found = []
    if isinstance(config, dict):
        if _is_lambda_entry(config):
            return [where]
        if config.get("function_type") == "lambda" and isinstance(config.get("function"), (list, tuple)):
            found.append(f"{where}.function")
        for key, value in config.items():
            found += code_locations(value, f"{where}.{key}")
    elif isinstance(config, (list, tuple)):
        for i, value in enumerate(config):
            found += code_locations(value, f"{where}[{i}]")
    return found


def refuse_code(config, source):
    locations = code_locations(config)
    if locations:
        raise UnsafeCodeError(
            f"{source} holds Python code (bytecode of a lambda) at {', '.join(locations[:5])}. "
            f"Loading it would run code from the file, which safe mode refuses. If you trust "
            f"the file's origin, load it with safe_mode=False (e.g. "
            f"kerasish.saving.load_model(path, safe_mode=False)).")


def load_code(config):
    """A copy of `config` where every code entry is replaced by the function it holds."""
    if isinstance(config, dict):
        if _is_lambda_entry(config):
            value = (config.get("config") or {}).get("value") or (config.get("config") or {}).get("code")
            return _function(value)
        out = {k: load_code(v) for k, v in config.items()}
        if config.get("function_type") == "lambda" and isinstance(config.get("function"), (list, tuple)):
            out["function"] = _function(config["function"])
            out.pop("function_type", None)
        return out
    if isinstance(config, list):
        return [load_code(v) for v in config]
    return config


def _is_lambda_entry(value):
    inner = value.get("config")
    return (value.get("class_name") == "__lambda__" and isinstance(inner, dict)
            and (inner.get("value") is not None or inner.get("code") is not None))


def _function(dump):
    import numpy
    import kerasish
    from kerasish import ops

    if isinstance(dump, str):
        code, defaults, closure = dump, None, None
    elif isinstance(dump, (list, tuple)) and len(dump) == 3:
        code, defaults, closure = dump
    else:
        raise ConfigError(f"Could not read a lambda's code: unexpected form {type(dump).__name__}.")
    try:
        code_object = marshal.loads(base64.b64decode(code))
    except Exception as e:
        raise ConfigError(
            f"Could not load a lambda's bytecode ({e}); it was probably written by another Python "
            f"version. Rebuild the Lambda with a named, registered function.") from None
    if not isinstance(code_object, types.CodeType):
        raise ConfigError("A lambda's code entry does not hold a code object.")
    # Names a Keras lambda commonly uses resolve to their kerasish counterparts.
    globs = {"__builtins__": builtins, "keras": kerasish, "ops": ops, "np": numpy}
    cells = None
    if closure:
        cells = tuple(_cell(v) for v in closure)
    return types.FunctionType(code_object, globs, code_object.co_name,
                              tuple(defaults) if defaults else None, cells)


def _cell(value):
    return (lambda: value).__closure__[0]
