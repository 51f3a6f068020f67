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
def symbolic_scope():
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        yield
    finally:
        _state.depth -= 1
