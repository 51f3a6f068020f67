"""Finding backends by name through the `kerasish.backends` entry-point group.

A backend is any object (usually a module) that provides the names in `interface.REQUIRED`. Only
the core names are required to load; an op a backend lacks fails when called, naming the op.
The two built-in backends register in this repository's pyproject.toml; a third party registers
its own in its package metadata, and kerasish finds it without any change here.
"""
import importlib.util
from importlib.metadata import entry_points

from kerasish.backend import config, interface

ENTRY_POINT_GROUP = "kerasish.backends"

_loaded = {}


def _entry_points():
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_backends():
    """Names of every registered backend, installed or not, sorted."""
    return sorted(_entry_points())


def load_backend(name):
    """The backend object registered under `name` (loaded once, then cached)."""
    if name in _loaded:
        return _loaded[name]
    registered = _entry_points()
    if name not in registered:
        known = ", ".join(sorted(registered)) or "none (is kerasish installed? run `pip install -e .`)"
        raise ValueError(
            f"Unknown backend {name!r}. Known backends: {known}. A third-party backend registers "
            f"itself under the entry-point group {ENTRY_POINT_GROUP!r}.")
    try:
        backend = registered[name].load()
    except ImportError as e:
        raise ImportError(f"The {name!r} backend could not be imported: {e}") from e
    missing = interface.missing_names(backend, interface.CORE)
    if missing:
        raise TypeError(
            f"Backend {name!r} ({registered[name].value}) does not implement the backend interface; "
            f"missing: {', '.join(missing)}. See docs/adding-a-backend.md.")
    _loaded[name] = backend
    return backend


def default_backend_name():
    """KERASISH_BACKEND, else the config file's "backend", else jax when importable, else numpy."""
    import os

    name = os.environ.get("KERASISH_BACKEND")
    if name:
        return name
    name = config.read_config_file().get("backend")
    if name:
        return name
    return "jax" if importlib.util.find_spec("jax") is not None else "numpy"
