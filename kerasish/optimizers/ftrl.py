"""FTRL-Proximal (as keras.optimizers.Ftrl)."""
from kerasish import initializers, ops
from kerasish.optimizers.base_optimizer import Optimizer


class Ftrl(Optimizer):
    """Follow The Regularized Leader (McMahan et al.), with L1, L2 and L2-shrinkage
    regularization and the `beta` term of the per-coordinate rate."""

    def __init__(self, learning_rate=0.001, learning_rate_power=-0.5,
                 initial_accumulator_value=0.1, l1_regularization_strength=0.0,
                 l2_regularization_strength=0.0, l2_shrinkage_regularization_strength=0.0,
                 beta=0.0, weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(
            learning_rate=learning_rate,
            weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
            global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if learning_rate_power > 0.0:
            raise ValueError(
                f"Ftrl: `learning_rate_power` needs to be negative or zero. Received: "
                f"learning_rate_power={learning_rate_power}.")
        for arg, value in (("initial_accumulator_value", initial_accumulator_value),
                           ("l1_regularization_strength", l1_regularization_strength),
                           ("l2_regularization_strength", l2_regularization_strength),
                           ("l2_shrinkage_regularization_strength",
                            l2_shrinkage_regularization_strength)):
            if value < 0.0:
                raise ValueError(
                    f"Ftrl: `{arg}` needs to be positive or zero. Received: {arg}={value}.")
        self.learning_rate_power = learning_rate_power
        self.initial_accumulator_value = initial_accumulator_value
        self.l1_regularization_strength = l1_regularization_strength
        self.l2_regularization_strength = l2_regularization_strength
        self.l2_shrinkage_regularization_strength = l2_shrinkage_regularization_strength
        self.beta = beta

    def build(self, var_list):
        if self.built:
            return
        super().build(var_list)
        self._accumulators, self._linears = self.add_optimizer_variables(
            var_list, ["accumulator", "linear"],
            initializer=[initializers.Constant(self.initial_accumulator_value), "zeros"])

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        index = self._get_variable_index(variable)
        accum, linear = self._accumulators[index], self._linears[index]
        lr_power = self.learning_rate_power
        l2_reg = ops.add(self.l2_regularization_strength,
                         ops.divide(self.beta, ops.multiply(2.0, lr)))
        grad_to_use = ops.add(gradient, ops.multiply(
            2 * self.l2_shrinkage_regularization_strength, variable))
        new_accum = ops.add(accum, ops.square(gradient))
        sigma = ops.divide(ops.subtract(ops.power(new_accum, -lr_power),
                                        ops.power(accum, -lr_power)), lr)
        self.assign_add(linear, ops.subtract(grad_to_use, ops.multiply(sigma, variable)))
        quadratic = ops.add(ops.divide(ops.power(new_accum, -lr_power), lr),
                            ops.multiply(2, l2_reg))
        l1 = self.l1_regularization_strength
        linear_clipped = ops.clip(linear, -l1, l1)
        self.assign(variable, ops.divide(ops.subtract(linear_clipped, linear), quadratic))
        self.assign(accum, new_accum)

    def get_config(self):
        config = super().get_config()
        config.update({
            "learning_rate_power": self.learning_rate_power,
            "initial_accumulator_value": self.initial_accumulator_value,
            "l1_regularization_strength": self.l1_regularization_strength,
            "l2_regularization_strength": self.l2_regularization_strength,
            "l2_shrinkage_regularization_strength": self.l2_shrinkage_regularization_strength,
            "beta": self.beta,
        })
        return config
