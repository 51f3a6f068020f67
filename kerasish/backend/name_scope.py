"""Name scopes: the path of the layer whose weights are being created ("sequential/dense")."""
import contextlib
import re
import threading

_state = threading.local()


def _stack():
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack


@contextlib.contextmanager
def name_scope(name):
    stack = _stack()
    # A layer calling itself again (or a scope re-entered by its own layer) does not repeat.
    repeated = bool(stack) and stack[-1] == name
    if not repeated:
        stack.append(name)
    try:
        yield
    finally:
        if not repeated:
            stack.pop()


def current_path():
    return "/".join(_stack())


_uids = {}


def get_uid(prefix):
    """0 for the first call with `prefix`, then 1, 2, ... (reset by clear_session)."""
    count = _uids.get(prefix, -1) + 1
    _uids[prefix] = count
    return count


def unique_name(prefix):
    """Keras's automatic names: "dense", then "dense_1", "dense_2", ..."""
    uid = get_uid(prefix)
    return prefix if uid == 0 else f"{prefix}_{uid}"


def reset_uids():
    _uids.clear()


def to_snake_case(class_name):
    """Keras's default layer name for a class: "Conv2D" -> "conv2d", "InputLayer" ->
    "input_layer" (digits stay attached, unlike the alias form of kerasish.saving)."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()
