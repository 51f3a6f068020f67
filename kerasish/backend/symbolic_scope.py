"""Marks code that runs only to learn output shapes and dtypes (building a Functional graph).

Inside it, variables are not assigned and seed generators do not advance, so tracing a layer on
symbolic inputs leaves no trace in its state.
"""
import contextlib
import threading

_state = threading.local()


def in_symbolic_scope():
    return getattr(_state, "depth", 0) > 0


@contextlib.contextmanager
def symbolic_scope(probe_size=None):
    """probe_size: the size standing in for unknown dimensions in this evaluation, so a layer
    built inside it records those dimensions as None."""
    _state.depth = getattr(_state, "depth", 0) + 1
    sizes = getattr(_state, "probe_sizes", [])
    _state.probe_sizes = sizes + [probe_size]
    try:
        yield
    finally:
        _state.depth -= 1
        _state.probe_sizes = sizes


def unprobed_shape(shape):
    """`shape` with the current probe size turned back into None (outside probing: as is)."""
    sizes = getattr(_state, "probe_sizes", [])
    size = sizes[-1] if sizes else None
    if size is None or shape is None:
        return shape
    return tuple(None if d == size else d for d in shape)
