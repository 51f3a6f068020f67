"""SGD: gradient descent, optionally with (Nesterov) momentum (as keras.optimizers.SGD)."""
import numbers

from kerasish import ops
from kerasish.optimizers.base_optimizer import Optimizer


class SGD(Optimizer):
    """`w -= lr * g`; with momentum, `velocity = momentum * velocity - lr * g` and
    `w += velocity` (Nesterov: `w += momentum * velocity - lr * g`)."""

    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False,
                 weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None,
                 use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None,
                 loss_scale_factor=None, gradient_accumulation_steps=None, name=None, **kwargs):
        super().__init__(
            learning_rate=learning_rate,
            weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue,
            global_clipnorm=global_clipnorm, use_ema=use_ema, ema_momentum=ema_momentum,
            ema_overwrite_frequency=ema_overwrite_frequency, loss_scale_factor=loss_scale_factor,
            gradient_accumulation_steps=gradient_accumulation_steps, name=name, **kwargs)
        if (not isinstance(momentum, numbers.Real) or isinstance(momentum, bool)
                or not 0 <= momentum <= 1):
            raise ValueError(
                f"SGD: `momentum` must be a float between [0, 1]; received momentum={momentum!r}.")
        self.momentum = momentum
        self.nesterov = nesterov

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        # Slots only with momentum (Keras's variable list has none for plain SGD).
        self.momentums = (self.add_optimizer_variables(variables, "momentum")
                          if self.momentum != 0 else [])

    def update_step(self, gradient, variable, learning_rate):
        lr = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        step = ops.multiply(gradient, lr)
        if self.momentum == 0:
            self.assign_sub(variable, step)
            return
        m = self.momentums[self._get_variable_index(variable)]
        momentum = ops.cast(self.momentum, variable.dtype)
        self.assign(m, ops.subtract(ops.multiply(m, momentum), step))
        if self.nesterov:
            self.assign_add(variable, ops.subtract(ops.multiply(m, momentum), step))
        else:
            self.assign_add(variable, m)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum, "nesterov": self.nesterov})
        return config
