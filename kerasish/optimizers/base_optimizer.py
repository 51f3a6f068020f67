"""The `Optimizer` base class (as keras.optimizers.Optimizer).

An optimizer owns variables (its iteration counter, a learning-rate variable when the rate is a
number, then per-weight slots created by `build`) and updates model variables from gradients.
The update math is written once, with kerasish.ops on Variables (`assign`, `assign_add`,
`assign_sub`). `apply` runs it on the variables themselves; `stateless_apply` runs the same code
inside a `StatelessScope` that binds every variable to a given value, so it changes nothing and
returns the new values: a pure function that `ops.jit` and `ops.value_and_grad` can take on every
backend. Conditional behaviour (gradient accumulation, EMA overwrites) is computed with
`ops.where` on the iteration counter, never with a Python `if` on a tensor.

Subclasses implement `build(var_list)` (calling `super().build(var_list)` first and creating their
slots with `add_optimizer_variables`), `update_step(gradient, variable, learning_rate)` and
`get_config()`, exactly as in Keras.
"""
import numbers
import re
import warnings

from kerasish import ops
from kerasish.backend.config import floatx
from kerasish.backend.name_scope import name_scope, to_snake_case, unique_name
from kerasish.backend.stateless_scope import StatelessScope
from kerasish.backend.variable import Variable
from kerasish.optimizers import clipping
from kerasish.optimizers.base_steps import OptimizerSteps
from kerasish.optimizers.base_variables import OptimizerVariables
from kerasish.optimizers.schedules import learning_rate_schedule as lr_schedules


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class Optimizer(OptimizerVariables, OptimizerSteps):
    """Base class of the optimizers. See the module docstring; arguments as in Keras 3."""

    def __new__(cls, *args, **kwargs):
        optimizer = super().__new__(cls)
        # Tracking works even for attributes set before super().__init__().
        object.__setattr__(optimizer, "_variables", [])
        object.__setattr__(optimizer, "_variable_ids", set())
        return optimizer

    def __init__(self, learning_rate, weight_decay=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, name=None, **kwargs):
        kind = type(self).__name__
        if kwargs.pop("decay", None) is not None:
            warnings.warn("Argument `decay` is no longer supported and will be ignored.")
        if kwargs:
            raise ValueError(f"{kind}: argument(s) not recognized: {kwargs}")
        if name is None:
            name = unique_name(to_snake_case(kind))
        elif not isinstance(name, str) or "/" in name:
            raise ValueError(
                f"{kind}: `name` must be a string without '/'; received name={name!r}.")
        for arg, value in (("weight_decay", weight_decay), ("clipnorm", clipnorm),
                           ("clipvalue", clipvalue), ("global_clipnorm", global_clipnorm)):
            if value is not None and not (_is_number(value) and value >= 0):
                raise ValueError(
                    f"{kind}: `{arg}` must be a non-negative number or None; received "
                    f"{arg}={value!r}.")
        if sum(a is not None for a in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(
                f"{kind}: only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                f"Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                f"global_clipnorm={global_clipnorm}")
        if loss_scale_factor is not None and not (_is_number(loss_scale_factor)
                                                  and loss_scale_factor > 0):
            raise ValueError(
                f"{kind}: `loss_scale_factor` must be a positive number or None; received "
                f"loss_scale_factor={loss_scale_factor!r}.")
        if gradient_accumulation_steps and not (
                isinstance(gradient_accumulation_steps, int)
                and not isinstance(gradient_accumulation_steps, bool)
                and gradient_accumulation_steps >= 2):
            raise ValueError(
                f"{kind}: `gradient_accumulation_steps` must be an integer >= 2. Received: "
                f"gradient_accumulation_steps={gradient_accumulation_steps}")
        if use_ema:
            if not _is_number(ema_momentum) or not 0 <= ema_momentum <= 1:
                raise ValueError(
                    f"{kind}: `ema_momentum` must be in the range [0, 1]. Received: "
                    f"ema_momentum={ema_momentum}")
            if ema_overwrite_frequency and (not isinstance(ema_overwrite_frequency, int)
                                            or ema_overwrite_frequency < 1):
                raise ValueError(
                    f"{kind}: `ema_overwrite_frequency` must be an integer >= 1 or None. "
                    f"Received: ema_overwrite_frequency={ema_overwrite_frequency}")
        self.name = name
        self.weight_decay = weight_decay
        self.clipnorm = clipnorm
        self.global_clipnorm = global_clipnorm
        self.clipvalue = clipvalue
        self.use_ema = use_ema
        self.ema_momentum = ema_momentum
        self.ema_overwrite_frequency = ema_overwrite_frequency
        self.loss_scale_factor = loss_scale_factor
        self.gradient_accumulation_steps = gradient_accumulation_steps
        self.built = False
        self._trainable_variables = []
        self._trainable_variables_indices = {}
        # Variables in Keras's order (what .keras files store): iteration, learning_rate (when
        # the rate is a number), then what build creates.
        with name_scope(self.name):
            self._iterations = Variable(0, name="iteration", dtype="int32", trainable=False,
                                        aggregation="only_first_replica")
        self._learning_rate = self._checked_learning_rate(learning_rate)
        if _is_number(learning_rate):
            with name_scope(self.name):
                self._learning_rate = Variable(float(learning_rate), name="learning_rate",
                                               dtype=floatx(), trainable=False,
                                               aggregation="only_first_replica")

    def _checked_learning_rate(self, learning_rate):
        if (isinstance(learning_rate, lr_schedules.LearningRateSchedule)
                or _is_number(learning_rate)
                or (callable(learning_rate) and not isinstance(learning_rate, Variable))):
            return learning_rate
        raise ValueError(
            f"{type(self).__name__}: argument `learning_rate` should be a float, an instance of "
            f"LearningRateSchedule, or a callable (that takes no arguments and returns the "
            f"learning rate value). Received instead: learning_rate={learning_rate!r}")

    # -- building ---------------------------------------------------------------------------
    @property
    def iterations(self):
        """The number of optimizer steps taken (with gradient accumulation, the number of actual
        updates: the raw step count divided by `gradient_accumulation_steps`)."""
        if self.gradient_accumulation_steps:
            return ops.floor_divide(self._iterations, self.gradient_accumulation_steps)
        return self._iterations

    def _check_super_called(self):
        if not hasattr(self, "_iterations"):
            raise RuntimeError(
                f"In optimizer '{type(self).__name__}', you forgot to call `super().__init__()` as "
                f"the first statement in the `__init__()` method.")

    def build(self, var_list):
        """Creates the optimizer's variables for the model variables `var_list`. Subclasses
        call `super().build(var_list)` first, then create their slots."""
        self._check_super_called()
        var_list = list(var_list)
        for v in var_list:
            if not isinstance(v, Variable):
                raise ValueError(
                    f"{type(self).__name__}.build: expected a list of kerasish Variables; received "
                    f"{v!r} (of type {type(v).__name__}).")
            if v._backend is not self._iterations._backend:
                raise ValueError(
                    f"{type(self).__name__}.build: variable {v.path!r} belongs to another backend "
                    f"than this optimizer (created under "
                    f"{getattr(self._iterations._backend, 'name', self._iterations._backend)!r}); "
                    f"create the optimizer under the backend its model was built with.")
        if self.use_ema:
            self._model_variables_moving_average = self.add_optimizer_variables(var_list,
                                                                                "average")
        if self.gradient_accumulation_steps:
            self._accumulated_gradients = [
                self.add_variable_from_reference(v, name="gradient_accumulator") for v in var_list]
        self._trainable_variables_indices = {self._var_key(v): i for i, v in enumerate(var_list)}
        self._trainable_variables = var_list[:]
        self.built = True

    def _var_key(self, variable):
        return id(variable)

    def _get_variable_index(self, variable):
        return self._trainable_variables_indices[self._var_key(variable)]

    # -- learning rate ----------------------------------------------------------------------
    @property
    def learning_rate(self):
        """The current rate: the learning-rate Variable, or the schedule's value at the current
        step, or the callable's value."""
        rate = self._learning_rate
        if isinstance(rate, lr_schedules.LearningRateSchedule):
            return rate(self._iterations)
        if isinstance(rate, Variable) or not callable(rate):
            return rate
        return rate()

    @learning_rate.setter
    def learning_rate(self, learning_rate):
        previous = self._learning_rate
        replaces = isinstance(learning_rate, lr_schedules.LearningRateSchedule) or (
            callable(learning_rate) and not isinstance(learning_rate, Variable))
        if replaces:
            self._learning_rate = learning_rate
            if isinstance(previous, Variable):
                self._untrack_variable(previous)
        elif isinstance(previous, Variable):
            scalar = _is_number(learning_rate) or (
                hasattr(learning_rate, "shape") and tuple(learning_rate.shape) == ())
            if not scalar:
                raise ValueError(
                    f"{type(self).__name__}: the learning rate must be set to a float, a "
                    f"LearningRateSchedule or a callable; received {learning_rate!r}.")
            previous.assign(learning_rate)
        else:
            raise TypeError(
                f"This optimizer was created with a {type(previous).__name__} as its "
                f"`learning_rate` constructor argument, hence its learning rate is not settable "
                f"to a number. If you need the learning rate to be settable, instantiate the "
                f"optimizer with a float `learning_rate` argument.")

    # -- weight decay -----------------------------------------------------------------------
    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Excludes the variables `var_list`, and those whose name contains any of the strings
        `var_names`, from weight decay."""
        self._exclude_from_weight_decay = {self._var_key(v) for v in var_list or ()}
        self._exclude_from_weight_decay_pattern = (
            re.compile("|".join(sorted(set(var_names))))  # regular expressions, as in Keras
            if var_names else None)

    def _use_weight_decay(self, variable):
        if self._var_key(variable) in getattr(self, "_exclude_from_weight_decay", ()):
            return False
        pattern = getattr(self, "_exclude_from_weight_decay_pattern", None)
        return pattern is None or pattern.search(variable.name) is None

    # -- applying gradients -----------------------------------------------------------------
    def assign(self, variable, value):
        variable.assign(value)

    def assign_add(self, variable, value):
        variable.assign_add(value)

    def assign_sub(self, variable, value):
        variable.assign_sub(value)

    def update_step(self, gradient, variable, learning_rate):
        raise NotImplementedError(
            f"Optimizer '{type(self).__name__}' must implement "
            f"`update_step(gradient, variable, learning_rate)`.")

    def scale_loss(self, loss):
        """The loss times `loss_scale_factor` (gradients are divided by it in `apply`)."""
        return loss if self.loss_scale_factor is None else ops.multiply(loss,
                                                                       self.loss_scale_factor)

    def _clip_gradients(self, grads):
        if self.clipnorm and self.clipnorm > 0:
            return [None if g is None else clipping.clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm and self.global_clipnorm > 0:
            return clipping.clip_by_global_norm(grads, self.global_clipnorm)
        if self.clipvalue and self.clipvalue > 0:
            v = self.clipvalue
            return [None if g is None else ops.clip(g, -v, v) for g in grads]
        return grads

    def finalize_variable_values(self, var_list):
        """Called by `fit` when training ends: with `use_ema`, the model's variables take
        their moving averages (as Keras)."""
        if not (self.use_ema and self.built):
            return
        var_list = list(var_list)
        averages = self._model_variables_moving_average
        if len(var_list) != len(averages):
            raise ValueError(
                f"{type(self).__name__}.finalize_variable_values: received {len(var_list)} "
                f"variables, but the optimizer averages {len(averages)}. Expected the variables "
                f"the optimizer was built with.")
        for variable, average in zip(var_list, averages):
            if average is not None:
                variable.assign(average)

    def stateless_apply(self, optimizer_variables, grads, trainable_variables):
        """`apply` as a pure function of values: returns `(new trainable values, new optimizer
        values)` for the given current values, leaving every Variable unchanged."""
        self._check_super_called()
        kind = type(self).__name__
        if not self.built:
            raise ValueError(
                f"To call `stateless_apply`, {kind} must be built (i.e. its variables must have "
                f"been created). You can build it via `optimizer.build(trainable_variables)`.")
        for arg, given, expected, meaning in (
                ("optimizer_variables", optimizer_variables, self._variables,
                 "optimizer variable (optimizer.variables)"),
                ("trainable_variables", trainable_variables, self._trainable_variables,
                 "variable the optimizer was built with")):
            if len(given) != len(expected):
                raise ValueError(
                    f"{kind}.stateless_apply: argument `{arg}` must hold one value per {meaning}: "
                    f"expected {len(expected)} values, received {len(given)}.")
        mapping = (list(zip(self._trainable_variables, trainable_variables))
                   + list(zip(self._variables, optimizer_variables)))
        with StatelessScope(mapping) as scope:
            self.apply(grads)
        return ([scope.get_current_value(v) for v in self._trainable_variables],
                [scope.get_current_value(v) for v in self._variables])

    # -- config -----------------------------------------------------------------------------
    def get_config(self):
        rate = self._learning_rate
        if isinstance(rate, lr_schedules.LearningRateSchedule):
            from kerasish.optimizers import schedules
            learning_rate = schedules.serialize(rate)
        elif isinstance(rate, Variable):
            learning_rate = float(rate.numpy())  # the float32 value, as Keras writes it
        else:
            from kerasish.layers.core.function_config import serialize_function
            learning_rate = serialize_function(rate)
        return {"name": self.name, "learning_rate": learning_rate,
                "weight_decay": self.weight_decay, "clipnorm": self.clipnorm,
                "global_clipnorm": self.global_clipnorm, "clipvalue": self.clipvalue,
                "use_ema": self.use_ema, "ema_momentum": self.ema_momentum,
                "ema_overwrite_frequency": self.ema_overwrite_frequency,
                "loss_scale_factor": self.loss_scale_factor,
                "gradient_accumulation_steps": self.gradient_accumulation_steps}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        rate = config.get("learning_rate")
        if isinstance(rate, dict):
            from kerasish.layers.core.function_config import (
                deserialize_function, is_function_config,
            )
            if is_function_config(rate):
                config["learning_rate"] = deserialize_function(rate, cls.__name__, "learning_rate",
                                                               custom_objects)
            else:
                from kerasish.optimizers import schedules
                config["learning_rate"] = schedules.deserialize(rate, custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} name={self.name}>"
