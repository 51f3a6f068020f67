"""Optimizers and learning-rate schedules to and from Keras 3 config dicts, through explicit
tables of kerasish classes plus classes the user registers or passes (never by importing a
name read from a config)."""
import inspect

from kerasish.saving.object_registration import (
    custom_object_scope, get_registered_name, get_registered_object,
)


def serialize(obj, table, module):
    """Keras 3's dict form. kerasish's own classes are written under Keras's module name (so
    Keras reads the file); other classes under their own module and registered name."""
    cls = type(obj)
    registered = get_registered_name(cls)
    own = not registered and table.get(cls.__name__) is cls
    return {"module": module if own else cls.__module__, "class_name": cls.__name__,
            "config": obj.get_config(), "registered_name": None if own else
            (registered or cls.__name__)}


def deserialize(config, table, kind, custom_objects=None, case_insensitive=False):
    """An instance of the class `config` names: a registered or passed custom class first,
    then `table`; a ValueError naming `kind` and the known names otherwise."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"Could not interpret {kind} config {config!r}: expected a dict with 'class_name' "
            f"and 'config'.")
    name = config["class_name"]
    cls = None
    if config.get("registered_name"):
        cls = get_registered_object(config["registered_name"], custom_objects)
    cls = cls or get_registered_object(name, custom_objects) or table.get(name)
    if cls is None and case_insensitive and isinstance(name, str):
        cls = {key.lower(): value for key, value in table.items()}.get(name.lower())
    if cls is None:
        raise ValueError(
            f"Unknown {kind}: {name!r}. Known: {', '.join(sorted(table))}. A custom {kind} must be "
            f"registered with @kerasish.saving.register_keras_serializable() or passed in "
            f"`custom_objects`.")
    inner = dict(config.get("config") or {})
    with custom_object_scope(custom_objects):
        if "custom_objects" in inspect.signature(cls.from_config).parameters:
            return cls.from_config(inner, custom_objects=custom_objects)
        return cls.from_config(inner)
