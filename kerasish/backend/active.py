"""Which backend is active. The backend is an object held here, not an import-time global, so
one process can switch between backends (a model belongs to the backend it was built under)."""
import contextlib
import threading

from kerasish.backend import registry

_lock = threading.Lock()
_current = None  # the active backend object, chosen lazily on first use


def get_backend():
    """The active backend object."""
    global _current
    if _current is None:
        with _lock:
            if _current is None:
                _current = registry.load_backend(registry.default_backend_name())
    return _current


def backend():
    """The active backend's name, e.g. "jax" or "numpy" (as keras.backend.backend())."""
    return get_backend().name


def set_backend(name):
    """Makes the backend registered as `name` the active one for the rest of the process."""
    global _current
    _current = registry.load_backend(name)
    return _current


@contextlib.contextmanager
def use_backend(name):
    """Activates a backend inside a `with` block, then restores the previous one.

        with kerasish.backend.use_backend("numpy"):
            y = kerasish.ops.add(x, 1)
    """
    global _current
    previous = _current
    new = registry.load_backend(name)
    _current = new
    try:
        yield new
    finally:
        _current = previous
