"""Turning objects into Keras-format config dicts and back, through explicit tables only.

A config names a class ("class_name"); it is looked up in the table the caller passes (the
kerasish classes of one family, plus classes the user registers later). Nothing is ever imported
or called by a name read from a config, so a config from a file cannot run arbitrary code.
"""
import re


def serialize_keras_object(obj, module):
    """Keras 3's dict form: {"module", "class_name", "config", "registered_name"}."""
    return {"module": module, "class_name": type(obj).__name__, "config": obj.get_config(),
            "registered_name": None}


def snake_case(name):
    """"GlorotUniform" -> "glorot_uniform" (Keras's alias form of class names)."""
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def deserialize_keras_object(config, table, kind):
    """An instance of the class `config["class_name"]` names in `table` ({name: class}), built by
    its `from_config` (or the constructor), or a ValueError naming the `kind` and the known names."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(f"Could not interpret {kind} config {config!r}: expected a dict with 'class_name'.")
    name = config["class_name"]
    cls = table.get(name) or table.get(snake_case(name))
    if cls is None:
        raise ValueError(
            f"Unknown {kind}: {name!r}. Known: {', '.join(sorted(table))}. A custom {kind} must be "
            f"passed as an object (or registered).")
    inner = config.get("config") or {}
    from_config = getattr(cls, "from_config", None)
    return from_config(inner) if from_config is not None else cls(**inner)


def get(identifier, table, kind, instantiate=True):
    """Resolves a Keras identifier: None -> None; a string alias or class name -> an instance from
    `table` (or the table's function when the entry is not a class); a config dict -> deserialized;
    a callable or instance -> returned as it is."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        return deserialize_keras_object(identifier, table, kind)
    if isinstance(identifier, str):
        entry = table.get(identifier) or table.get(snake_case(identifier))
        if entry is None:
            raise ValueError(
                f"Unknown {kind}: {identifier!r}. Expected one of: {', '.join(sorted(table))}.")
        return entry() if instantiate and isinstance(entry, type) else entry
    if isinstance(identifier, type):
        return identifier() if instantiate else identifier
    if callable(identifier) or hasattr(identifier, "get_config"):
        return identifier  # a function or an object the caller built
    raise ValueError(f"Could not interpret {kind} identifier: {identifier!r} (of type {type(identifier).__name__}).")
