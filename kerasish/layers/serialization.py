"""Layers and models to and from Keras 3 config dicts, through the table of kerasish layer
classes plus classes the user registered or passes (never by importing a name from a config)."""
import inspect

from kerasish.saving.object_registration import (
    custom_object_scope, get_registered_name, get_registered_object,
)


def layer_table():
    from kerasish import layers, models
    table = {name: obj for name, obj in vars(layers).items()
             if isinstance(obj, type) and issubclass(obj, layers.Layer)}
    table.update({"Functional": models.Functional, "Sequential": models.Sequential,
                  "Model": models.Model})
    return table


def _module_of(obj):
    from kerasish import layers
    cls = type(obj)
    if get_registered_name(cls):
        return cls.__module__
    if cls.__name__ == "Functional":
        return "keras.src.models.functional"
    if cls.__name__ == "Sequential":
        return "keras"
    if layer_table().get(cls.__name__) is cls and isinstance(obj, layers.Layer):
        return "keras.layers"
    return cls.__module__


def serialize(layer):
    """Keras 3's dict form of a layer: module, class_name, config, registered_name and, when
    built, build_config."""
    # A class may be written under Keras's name where ours differs (GroupQueryAttention).
    class_name = getattr(type(layer), "_keras_class_name", type(layer).__name__)
    entry = {"module": _module_of(layer), "class_name": class_name,
             "config": layer.get_config(), "registered_name": get_registered_name(layer)}
    if layer.built:
        build_config = layer.get_build_config()
        if build_config is not None:
            entry["build_config"] = build_config
    return entry


def deserialize(config, custom_objects=None):
    """A layer or model from its serialized dict (see `serialize`)."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"Could not deserialize a layer from {config!r}: expected a dict with 'class_name' "
            f"and 'config'.")
    name = config["class_name"]
    cls = None
    if config.get("registered_name"):
        cls = get_registered_object(config["registered_name"], custom_objects)
    cls = cls or get_registered_object(name, custom_objects) or layer_table().get(name)
    if cls is None:
        raise ValueError(
            f"Unknown layer: {name!r}. It is not a kerasish layer, and no class of that name was "
            f"passed in `custom_objects` or registered with "
            f"@kerasish.saving.register_keras_serializable().")
    inner = config.get("config", {})
    with custom_object_scope(custom_objects):  # nested layers may be custom too
        if "custom_objects" in inspect.signature(cls.from_config).parameters:
            layer = cls.from_config(inner, custom_objects=custom_objects)
        else:
            layer = cls.from_config(inner)
    build_config = config.get("build_config")
    if build_config and not layer.built:
        layer.build_from_config(build_config)
    return layer
