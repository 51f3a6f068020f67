"""Running code with variables bound to given values, without touching the variables.

Inside `StatelessScope(state_mapping)`, reading `variable.value` gives the value mapped to it (a
JAX tracer, a NumPy-backend Box, any tensor), and `variable.assign(...)` records the new value in
the scope instead of changing the variable. This is what lets `value_and_grad` and `jit` see a
model's weights as function arguments: `Layer.stateless_call` and the trainer are built on it.

    with StatelessScope([(v, new_value)]) as scope:
        y = model(x)                        # reads new_value for v
    updated = scope.get_current_value(v)    # the value v was assigned in the scope, if any
"""
import threading

_state = threading.local()


def _stack():
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack


class StatelessScope:
    """A scope in which variables read mapped values and assignments are recorded, not applied.

    state_mapping: (variable, value) pairs. collect_losses: whether `add_loss` calls inside the
    scope are gathered in `scope.losses` (the layer's own loss list is left alone).
    """

    def __init__(self, state_mapping=None, collect_losses=False, initialize_variables=True):
        from kerasish.backend.variable import Variable

        self.collect_losses = collect_losses
        self.initialize_variables = initialize_variables
        self.losses = []
        self._values = {}
        for entry in state_mapping or ():
            if not (isinstance(entry, (tuple, list)) and len(entry) == 2):
                raise ValueError(
                    f"StatelessScope: `state_mapping` must hold (variable, value) pairs; received "
                    f"{entry!r}.")
            variable, value = entry
            if not isinstance(variable, Variable):
                raise ValueError(
                    f"StatelessScope: the first item of each pair must be a kerasish Variable; "
                    f"received {variable!r} (of type {type(variable).__name__}).")
            self._values[id(variable)] = (variable, variable._convert(value))

    def __enter__(self):
        _stack().append(self)
        return self

    def __exit__(self, *exc):
        _stack().pop()

    def add_update(self, variable, value):
        self._values[id(variable)] = (variable, value)

    def get_current_value(self, variable):
        """The value `variable` has in this scope (mapped or assigned), or None."""
        entry = self._values.get(id(variable))
        return None if entry is None else entry[1]

    def add_loss(self, loss):
        self.losses.append(loss)


def current_value(variable):
    """The value `variable` has in the innermost scope that maps or assigned it, or None: an
    inner scope (a stateless_call inside value_and_grad, say) sees the outer scopes' values of
    the variables it does not map itself."""
    for scope in reversed(_stack()):
        value = scope._values.get(id(variable))
        if value is not None:
            return value[1]
    return None


def get_stateless_scope():
    """The innermost active StatelessScope, or None."""
    stack = _stack()
    return stack[-1] if stack else None


def in_stateless_scope():
    return bool(_stack())
