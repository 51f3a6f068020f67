"""The context of the outermost layer call: carries `training` down to nested layers."""
import threading

_state = threading.local()


class CallContext:
    def __init__(self, entry_layer):
        self.entry_layer = entry_layer
        self.training = None


def get_call_context():
    return getattr(_state, "context", None)


def enter_call_context(layer):
    """Returns (context, is_new): a new context if `layer` is the outermost call."""
    context = get_call_context()
    if context is not None:
        return context, False
    context = CallContext(layer)
    _state.context = context
    return context, True


def exit_call_context(context, is_new, previous_training):
    if is_new:
        _state.context = None
    else:
        context.training = previous_training
