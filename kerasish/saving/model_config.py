"""A model as the config.json of a `.keras` archive (Keras 3's format: the serialized model plus
its `compile_config`), and the model rebuilt from one.

Every class and function in the config is resolved by name through kerasish's tables, the
classes the user registered and `custom_objects`; nothing is imported. Code entries are handled
by code_in_config according to `safe_mode` before anything is deserialized.
"""
from kerasish.saving import code_in_config
from kerasish.saving.errors import ConfigError, SavingError


def model_to_config(model):
    from kerasish.layers.serialization import serialize

    config = serialize(model)
    compile_config = model.get_compile_config() if getattr(model, "compiled", False) else None
    if compile_config is not None:
        config["compile_config"] = _compile_config_to_json(model, compile_config)
    return config


def _compile_config_to_json(model, config):
    from kerasish import losses, metrics, optimizers

    def loss(value):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict):
            return {k: loss(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [loss(v) for v in value]
        return losses.serialize(value)

    def metric(value):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict):
            return {k: metric(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [metric(v) for v in value]
        return metrics.serialize(value)

    out = dict(config)
    out["optimizer"] = optimizers.serialize(model.optimizer)
    out["loss"] = loss(config.get("loss"))
    out["metrics"] = metric(config.get("metrics"))
    out["weighted_metrics"] = metric(config.get("weighted_metrics"))
    if out.get("jit_compile") == "auto":
        out["jit_compile"] = True
    return out


def model_from_config(config, source, custom_objects=None, safe_mode=True, compile=True):
    """The model (compiled when the config says how and `compile`) from a config dict."""
    from kerasish.layers.serialization import deserialize

    if not isinstance(config, dict) or "class_name" not in config:
        raise ConfigError(f"The model config in {source} is not a serialized model "
                          f"(a dict with 'class_name').")
    if safe_mode:
        code_in_config.refuse_code(config, source)
    else:
        config = code_in_config.load_code(config)
    compile_config = config.get("compile_config")
    model_entry = {k: v for k, v in config.items() if k != "compile_config"}
    try:
        model = deserialize(model_entry, custom_objects=custom_objects)
    except SavingError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
        raise ConfigError(f"Could not rebuild the model from the config in {source}: "
                          f"{type(e).__name__}: {e}") from e
    if compile and compile_config:
        try:
            model.compile(**_compile_config_from_json(compile_config, custom_objects))
        except (ValueError, TypeError, KeyError) as e:
            raise ConfigError(f"Could not compile the model with the compile config in "
                              f"{source}: {type(e).__name__}: {e}") from e
        if model.built and not model.optimizer.built:
            model.optimizer.build(model.trainable_variables)  # its slots load from the file
    return model


_COMPILE_ARGS = ("optimizer", "loss", "loss_weights", "metrics", "weighted_metrics",
                 "run_eagerly", "steps_per_execution", "jit_compile")


def _compile_config_from_json(config, custom_objects):
    from kerasish import losses, metrics, optimizers

    def loss(value):
        if isinstance(value, dict) and "class_name" in value:
            return losses.deserialize(value, custom_objects)
        if isinstance(value, dict):
            return {k: loss(v) for k, v in value.items()}
        if isinstance(value, list):
            return [loss(v) for v in value]
        return value

    def metric(value):
        if isinstance(value, dict) and "class_name" in value:
            return metrics.deserialize(value, custom_objects)
        if isinstance(value, dict):
            return {k: metric(v) for k, v in value.items()}
        if isinstance(value, list):
            return [metric(v) for v in value]
        return value

    args = {k: config[k] for k in _COMPILE_ARGS if k in config}
    optimizer = args.get("optimizer", "rmsprop")
    if isinstance(optimizer, dict):
        args["optimizer"] = optimizers.deserialize(optimizer, custom_objects)
    args["loss"] = loss(args.get("loss"))
    args["metrics"] = metric(args.get("metrics"))
    args["weighted_metrics"] = metric(args.get("weighted_metrics"))
    return args
