"""Classes the user makes known to deserialization (keras.saving.register_keras_serializable,
custom_object_scope, custom_objects=). Configs resolve only to kerasish classes and these."""
import contextlib
import threading

_registered = {}  # "package>Name" -> class
_scope = threading.local()


def register_keras_serializable(package="Custom", name=None):
    """Class decorator registering a custom layer, model or object under "package>name"."""
    def decorator(cls):
        registered_name = f"{package}>{name or cls.__name__}"
        _registered[registered_name] = cls
        cls._registered_name = registered_name
        return cls
    return decorator


def get_registered_name(obj):
    """"package>Name" for a registered class (or an instance of one) or function, else None."""
    if callable(obj) and not isinstance(obj, type) and "_registered_name" in getattr(obj, "__dict__", {}):
        return obj.__dict__["_registered_name"]  # a registered function
    cls = obj if isinstance(obj, type) else type(obj)
    return vars(cls).get("_registered_name")


def get_registered_object(name, custom_objects=None):
    """The class registered or passed under `name` ("package>Name" or "Name"), or None."""
    for table in (custom_objects or {}), *reversed(getattr(_scope, "stack", [])):
        if name in table:
            return table[name]
    if name in _registered:
        return _registered[name]
    return None


@contextlib.contextmanager
def custom_object_scope(custom_objects):
    """Makes `custom_objects` ({name: class}) known to deserialization inside a `with` block."""
    if not hasattr(_scope, "stack"):
        _scope.stack = []
    _scope.stack.append(dict(custom_objects or {}))
    try:
        yield
    finally:
        _scope.stack.pop()


CustomObjectScope = custom_object_scope
