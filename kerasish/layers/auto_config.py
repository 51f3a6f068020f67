"""Automatic get_config for layers that do not write one: the arguments their constructor got,
when those are plain data (as Keras 3 does)."""
import inspect


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def capture_init_arguments(cls, args, kwargs):
    """{name: value} of the constructor arguments, or None if some are not plain data."""
    try:
        bound = inspect.signature(cls.__init__).bind(None, *args, **kwargs)
    except TypeError:
        return None
    config = {}
    for name, value in list(bound.arguments.items())[1:]:
        param = inspect.signature(cls.__init__).parameters[name]
        if param.kind == param.VAR_KEYWORD:
            config.update(value)
        elif param.kind == param.VAR_POSITIONAL:
            if value:
                return None
        else:
            config[name] = value
    return config if _plain(config) else None
