"""The `Metric` base class (as keras.Metric): state held in non-trainable Variables.

A metric accumulates statistics in variables (`update_state`), reads a value from them (`result`)
and zeroes them (`reset_state`). Because the state lives in kerasish Variables, the same metric
also runs functionally: `stateless_update_state(values, ...)` binds the given values to the
variables in a `StatelessScope` and returns the values they would be assigned, so a jitted
training step can carry metric state as plain arrays on every backend.
"""
from kerasish.backend import dtypes
from kerasish.backend.name_scope import name_scope, to_snake_case, unique_name
from kerasish.backend.stateless_scope import StatelessScope
from kerasish.backend.variable import Variable


def standardize_metric_dtype(dtype):
    """A metric's compute dtype from None (floatx), a dtype, or a dtype policy (object or dict)."""
    if dtype is None:
        return dtypes.standardize_dtype(None)
    if isinstance(dtype, dict) or hasattr(dtype, "compute_dtype"):
        from kerasish.layers import dtype_policy
        return dtype_policy.get(dtype).compute_dtype
    return dtypes.standardize_dtype(dtype)


class Metric:
    """As keras.metrics.Metric. Subclasses create their state with `add_variable` in `__init__`
    (or on the first `update_state`), and implement `update_state` and `result`."""

    def __init__(self, dtype=None, name=None):
        if name is not None and not isinstance(name, str):
            raise ValueError(
                f"{type(self).__name__}: `name` must be a string or None; received name={name!r} "
                f"(of type {type(name).__name__}).")
        self._variables = []
        self._metrics = []
        self.name = name or unique_name(to_snake_case(type(self).__name__))
        self._dtype = standardize_metric_dtype(dtype)

    # -- tracking: Variables and sub-metrics assigned as attributes join `variables` ----------
    def __setattr__(self, attr, value):
        if "_variables" in self.__dict__ and attr not in ("_variables", "_metrics"):
            if isinstance(value, Variable):
                if not any(value is v for v in self._variables):
                    self._variables.append(value)
            elif isinstance(value, Metric):
                self._metrics.append(value)
            elif type(value) in (list, tuple) and value and all(
                    isinstance(m, Metric) for m in value):
                self._metrics.extend(value)
        super().__setattr__(attr, value)

    def _check_super_called(self):
        if "_variables" not in self.__dict__:
            raise RuntimeError(
                f"In metric {type(self).__name__!r}, you forgot to call `super().__init__()` in "
                f"the `__init__()` method.")

    # -- state --------------------------------------------------------------------------------
    def add_variable(self, shape, initializer, dtype=None, aggregation="sum", name=None):
        """A non-trainable Variable of this metric, named "<metric name>/<name>"."""
        self._check_super_called()
        with name_scope(self.name.replace("/", ">")):
            variable = Variable(
                initializer=initializer if initializer is not None else "zeros",
                shape=tuple(shape), dtype=dtype, trainable=False, aggregation=aggregation,
                synchronization="on_read", name=name)
        self._variables.append(variable)
        return variable

    def add_weight(self, shape=(), initializer=None, dtype=None, name=None):
        """Alias of add_variable (Keras keeps it for backwards compatibility)."""
        return self.add_variable(shape=shape, initializer=initializer, dtype=dtype, name=name)

    @property
    def variables(self):
        variables = list(self._variables)
        for metric in self._metrics:
            variables.extend(metric.variables)
        return variables

    @property
    def dtype(self):
        return self._dtype

    def update_state(self, *args, **kwargs):
        """Accumulates statistics for the metric."""
        raise NotImplementedError(f"{type(self).__name__} must implement `update_state`.")

    def result(self):
        """The current value: a scalar tensor, a tensor, or a dict of them."""
        raise NotImplementedError(f"{type(self).__name__} must implement `result`.")

    def reset_state(self):
        """Zeroes every state variable (called between epochs)."""
        from kerasish import ops
        for v in self.variables:
            v.assign(ops.zeros(v.shape, dtype=v.dtype))

    def __call__(self, *args, **kwargs):
        self._check_super_called()
        self.update_state(*args, **kwargs)
        return self.result()

    # -- the functional API -------------------------------------------------------------------
    def _mapping(self, metric_variables, method):
        variables = self.variables
        if metric_variables is None or len(metric_variables) != len(variables):
            got = "None" if metric_variables is None else f"{len(metric_variables)} values"
            raise ValueError(
                f"{type(self).__name__}.{method}: argument `metric_variables` must be a list of "
                f"tensors corresponding 1:1 to {type(self).__name__}().variables "
                f"({len(variables)} variables); received {got}.")
        return variables, list(zip(variables, metric_variables))

    def stateless_update_state(self, metric_variables, *args, **kwargs):
        """The values `metric_variables` (one per `self.variables`) take after
        `update_state(*args, **kwargs)`; the metric's own variables are left unchanged."""
        variables, mapping = self._mapping(metric_variables, "stateless_update_state")
        with StatelessScope(mapping) as scope:
            self.update_state(*args, **kwargs)
        # A variable the update did not assign keeps the value it was given (not the Variable
        # object, so the result can leave a jitted function).
        return [scope.get_current_value(v) for v in variables]

    def stateless_result(self, metric_variables):
        """`result()` computed from the given variable values."""
        _, mapping = self._mapping(metric_variables, "stateless_result")
        with StatelessScope(mapping):
            return self.result()

    def stateless_reset_state(self):
        """The variable values after `reset_state()`, without changing the variables."""
        with StatelessScope() as scope:
            self.reset_state()
        return [_current(scope, v) for v in self.variables]

    # -- config -------------------------------------------------------------------------------
    def get_config(self):
        return {"name": self.name, "dtype": self.dtype}

    @classmethod
    def from_config(cls, config):
        try:
            return cls(**config)
        except TypeError as error:
            raise TypeError(
                f"Error when deserializing metric {cls.__name__!r} using config={config}: "
                f"{error}") from error

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"

    __str__ = __repr__


def _current(scope, variable):
    value = scope.get_current_value(variable)
    return variable.value if value is None else value
