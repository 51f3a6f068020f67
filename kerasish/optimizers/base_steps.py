"""The step of `Optimizer`: `apply` and what it runs (gradient filtering, unscaling, clipping,
weight decay, the subclass's `update_step`, gradient accumulation, EMA, constraints).

Everything here reads and assigns kerasish Variables, so the same code is the eager update (on
the variables) and the stateless one (inside the `StatelessScope` of `stateless_apply`). Decisions
that depend on the step count are `ops.where` selections, so a jitted step is one program.
"""
import warnings

from kerasish import ops
from kerasish.backend.name_scope import name_scope
from kerasish.backend.variable import Variable


class OptimizerSteps:
    """Mixin of `Optimizer` holding the update logic (see the module docstring)."""

    def apply_gradients(self, grads_and_vars):
        """Applies `(gradient, variable)` pairs; returns the iteration counter."""
        pairs = list(grads_and_vars)
        for pair in pairs:
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise ValueError(
                    f"{type(self).__name__}.apply_gradients: expected (gradient, variable) pairs; "
                    f"received {pair!r}.")
        if pairs:
            grads, variables = zip(*pairs)
            self.apply(grads, variables)
        return self._iterations

    def apply(self, grads, trainable_variables=None):
        """Updates `trainable_variables` (or, when None, the variables the optimizer was built
        with) from `grads`, one gradient per variable; builds the optimizer on first use."""
        self._check_super_called()
        kind = type(self).__name__
        grads = list(grads)
        if not grads:
            return
        if trainable_variables is None:
            if not self.built:
                raise ValueError(
                    "When passing `grads` without `variables`, the optimizer must already be "
                    "built on a list of variables. Call `optimizer.build(trainable_variables)` "
                    "first.")
            trainable_variables = self._trainable_variables
        else:
            trainable_variables = list(trainable_variables)
        if len(grads) != len(trainable_variables):
            raise ValueError(
                f"{kind}: received {len(grads)} gradients for {len(trainable_variables)} "
                f"variables; pass exactly one gradient (or None) per variable.")
        if not self.built:
            with name_scope(self.name):
                self.build(trainable_variables)
            self.built = True
        self._check_variables_are_known(trainable_variables)
        for g, v in zip(grads, trainable_variables):
            if g is not None and tuple(ops.shape(g)) != tuple(v.shape):
                raise ValueError(
                    f"{kind}: the gradient for variable {v.path!r} has shape "
                    f"{tuple(ops.shape(g))}, but the variable has shape {tuple(v.shape)}.")
        with name_scope(self.name):
            grads, trainable_variables = self._filter_empty_gradients(grads, trainable_variables)
            grads, trainable_variables = self._overwrite_variables_directly_with_gradients(
                grads, trainable_variables)
            if grads:
                if self.loss_scale_factor is not None:
                    grads = [ops.divide(g, self.loss_scale_factor) for g in grads]
                self._backend_apply_gradients(grads, trainable_variables)
                for variable in trainable_variables:
                    if variable.constraint is not None:
                        variable.assign(variable.constraint(variable))
        self._iterations.assign_add(1)

    def _check_variables_are_known(self, variables):
        for v in variables:
            if not isinstance(v, Variable) or self._var_key(v) not in \
                    self._trainable_variables_indices:
                raise ValueError(
                    f"Unknown variable: {v!r}. This optimizer can only be called for the "
                    f"variables it was originally built with. When working with a new set of "
                    f"variables, you should recreate a new optimizer instance.")

    def _filter_empty_gradients(self, grads, variables):
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        if not kept:
            raise ValueError("No gradients provided for any variable.")
        missing = [v.path for g, v in zip(grads, variables) if g is None]
        if missing:
            warnings.warn(
                f"Gradients do not exist for variables {missing} when minimizing the loss. If "
                f"using `model.compile()`, did you forget to provide a `loss` argument?")
        return [g for g, _ in kept], [v for _, v in kept]

    def _overwrite_variables_directly_with_gradients(self, grads, variables):
        """Variables with `overwrite_with_gradient` take their gradient as their new value (with
        accumulation: the maximum over the accumulated steps); the rest go on to the update."""
        rest_g, rest_v = [], []
        for g, v in zip(grads, variables):
            if not getattr(v, "overwrite_with_gradient", False):
                rest_g.append(g)
                rest_v.append(v)
            elif self.gradient_accumulation_steps:
                update = self._is_accumulation_update_step()
                acc = self._accumulated_gradients[self._get_variable_index(v)]
                largest = ops.maximum(g, acc)
                v.assign(ops.where(update, largest, v.value))
                acc.assign(ops.where(update, ops.zeros_like(largest), largest))
            else:
                v.assign(g)
        return rest_g, rest_v

    def _is_accumulation_update_step(self):
        """True on the step that completes `gradient_accumulation_steps` raw steps."""
        steps = self.gradient_accumulation_steps
        return ops.equal(ops.mod(ops.add(self._iterations, 1), steps), 0)

    def _backend_apply_gradients(self, grads, trainable_variables):
        if self.gradient_accumulation_steps:
            self._accumulate_then_update(grads, trainable_variables)
        else:
            self._clip_decay_and_update(grads, trainable_variables)
        if self.use_ema:
            self._update_model_variables_moving_average(self._trainable_variables)
            if self.ema_overwrite_frequency:
                overwrite = ops.equal(
                    ops.mod(ops.add(self.iterations, 1), self.ema_overwrite_frequency), 0)
                for var, average in zip(self._trainable_variables,
                                        self._model_variables_moving_average):
                    if average is not None:
                        var.assign(ops.where(overwrite, average.value, var.value))

    def _clip_decay_and_update(self, grads, trainable_variables):
        grads = self._clip_gradients(grads)
        self._apply_weight_decay(trainable_variables)
        self._backend_update_step(grads, trainable_variables, self.learning_rate)

    def _accumulate_then_update(self, grads, trainable_variables):
        """Sums gradients over `gradient_accumulation_steps` raw steps; on the last one, runs
        the update with their mean and clears the sums. The update is computed at every step
        and kept only on update steps (a selection, not a branch, so the step jits)."""
        steps = self.gradient_accumulation_steps
        update = self._is_accumulation_update_step()
        accumulators = [self._accumulated_gradients[self._get_variable_index(v)]
                        for v in trainable_variables]
        sums = [ops.add(g, acc.value) for g, acc in zip(grads, accumulators)]
        new_sums = [ops.where(update, ops.zeros_like(s), s) for s in sums]
        grads = [ops.where(update, ops.divide(s, steps), g) for s, g in zip(sums, grads)]
        changing = list(trainable_variables) + [v for v in self._variables
                                                if v is not self._iterations]
        before = [v.value for v in changing]
        self._clip_decay_and_update(grads, trainable_variables)
        for variable, old in zip(changing, before):
            variable.assign(ops.where(update, variable.value, old))
        for acc, value in zip(accumulators, new_sums):
            acc.assign(value)

    def _backend_update_step(self, grads, trainable_variables, learning_rate):
        """Runs `update_step` for each variable (Nadam overrides it to update shared state
        once per step first)."""
        for grad, variable in zip(grads, trainable_variables):
            self.update_step(grad, variable, learning_rate)

    def _apply_weight_decay(self, variables):
        if self.weight_decay is None:
            return
        for variable in variables:
            if self._use_weight_decay(variable):
                lr = ops.cast(self.learning_rate, variable.dtype)
                wd = ops.cast(self.weight_decay, variable.dtype)
                variable.assign(ops.subtract(variable, ops.multiply(ops.multiply(variable, wd),
                                                                    lr)))

    def _update_model_variables_moving_average(self, trainable_variables):
        """average = m * average + (1 - m) * variable, with m = 0 at the first update (the
        average starts at the variable) and `ema_momentum` afterwards."""
        not_first_step = ops.not_equal(self.iterations, 0)
        for var, average in zip(trainable_variables, self._model_variables_moving_average):
            if average is None:
                continue
            momentum = ops.multiply(ops.cast(not_first_step, var.dtype), self.ema_momentum)
            average.assign(ops.add(ops.multiply(momentum, average),
                                   ops.multiply(ops.subtract(1, momentum), var)))

    def _overwrite_model_variables_with_average_value(self, trainable_variables):
        averages = self._model_variables_moving_average
        if len(trainable_variables) != len(averages):
            raise ValueError(
                f"The length of model variables ({len(trainable_variables)}) to override does not "
                f"match the length of model variables stored in the optimizer ({len(averages)}). "
                f"Please check if the optimizer was called on your model.")
        for var, average in zip(trainable_variables, averages):
            if average is not None:
                var.assign(average)

    def finalize_variable_values(self, var_list):
        """At the end of training: with `use_ema`, the model variables take their averages."""
        if self.use_ema:
            self._overwrite_model_variables_with_average_value(var_list)
