"""The variables of `Optimizer`: tracking (Variables assigned as attributes become optimizer
variables, as in Keras), slot creation (`add_variable`, `add_variable_from_reference`,
`add_optimizer_variables`) and the saved state (`set_weights`, `save_own_variables`,
`load_own_variables`, in `variables` order, which is what .keras files store)."""
import warnings

from kerasish import initializers, ops
from kerasish.backend.name_scope import name_scope
from kerasish.backend.variable import Variable


class OptimizerVariables:
    """Mixin of `Optimizer` (see the module docstring)."""

    def __setattr__(self, name, value):
        # Variables (or lists of them) assigned as attributes become optimizer variables, as in
        # Keras; the model's variables, which `build` keeps a list of, do not.
        if name != "_trainable_variables":
            for v in (value if isinstance(value, (list, tuple)) else [value]):
                if isinstance(v, Variable):
                    self._track_variable(v)
        object.__setattr__(self, name, value)

    def _track_variable(self, variable):
        if id(variable) not in self._variable_ids:
            self._variable_ids.add(id(variable))
            self._variables.append(variable)

    def _untrack_variable(self, variable):
        self._variable_ids.discard(id(variable))
        self._variables[:] = [v for v in self._variables if v is not variable]

    @property
    def variables(self):
        """The optimizer's variables, in Keras's order (its saved state)."""
        return self._variables[:]

    def add_variable(self, shape, initializer="zeros", dtype=None, aggregation="none",
                     layout=None, name=None):
        """Creates and tracks an optimizer variable (non-trainable, floatx by default)."""
        self._check_super_called()
        with name_scope(self.name):
            variable = Variable(initializer=initializers.get(initializer), shape=shape,
                                dtype=dtype, trainable=False, aggregation=aggregation, name=name)
        self._track_variable(variable)
        return variable

    def add_variable_from_reference(self, reference_variable, name=None, initializer="zeros"):
        """An optimizer variable shaped like `reference_variable`, named
        "<its path with '/' as '_'>_<name>" (e.g. "dense_kernel_momentum")."""
        prefix = getattr(reference_variable, "path", None) or str(reference_variable.name)
        prefix = prefix.replace("/", "_").replace(":", "_")
        return self.add_variable(shape=reference_variable.shape, initializer=initializer,
                                 dtype=reference_variable.dtype, name=f"{prefix}_{name or 'var'}")

    def add_optimizer_variables(self, trainable_variables, name, initializer="zeros"):
        """One slot per model variable for `name` (a string), or one list per name (a list of
        strings, created interleaved per variable as Keras does). Variables with
        `overwrite_with_gradient` get None."""
        names = [name] if isinstance(name, str) else list(name)
        inits = (initializer if isinstance(initializer, (list, tuple))
                 else [initializer] * len(names))
        if len(names) != len(inits):
            raise ValueError(
                f"The number of provided names must match the number of provided initializers. "
                f"Received name={name!r}, initializer={initializer!r}")
        slots = tuple([] for _ in names)
        for variable in trainable_variables:
            skip = getattr(variable, "overwrite_with_gradient", False)
            for i, (slot_name, init) in enumerate(zip(names, inits)):
                slots[i].append(None if skip else self.add_variable_from_reference(
                    variable, name=slot_name, initializer=init))
        return slots[0] if isinstance(name, str) else slots

    def set_weights(self, weights):
        """Sets the optimizer's variables from a list of arrays (in `variables` order)."""
        if not self.built:
            raise ValueError(
                "You are calling `set_weights()` on an optimizer that has not yet been built. "
                "Call `optimizer.build(trainable_variables)` first.")
        if len(weights) != len(self._variables):
            raise ValueError(
                f"{type(self).__name__}.set_weights: expected {len(self._variables)} arrays (one "
                f"per optimizer variable), received {len(weights)}.")
        for variable, weight in zip(self._variables, weights):
            if tuple(variable.shape) != tuple(ops.shape(weight)):
                raise ValueError(
                    f"Optimizer variable {variable.path!r} has shape {variable.shape}, not "
                    f"compatible with provided weight shape {tuple(ops.shape(weight))}.")
            variable.assign(weight)

    def save_own_variables(self, store):
        for i, variable in enumerate(self.variables):
            store[str(i)] = variable.numpy()

    def load_own_variables(self, store):
        if len(store.keys()) != len(self.variables):
            msg = (f"Skipping variable loading for optimizer '{self.name}', because it has "
                   f"{len(self.variables)} variables whereas the saved optimizer has "
                   f"{len(store.keys())} variables. ")
            if not self.built:
                msg += "This is likely because the optimizer has not been called/built yet."
            warnings.warn(msg, stacklevel=2)
            return
        for i, variable in enumerate(self.variables):
            variable.assign(store[str(i)])
