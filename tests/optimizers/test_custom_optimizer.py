"""A custom optimizer written as Keras documents it (build + update_step + get_config) works with
apply_gradients and stateless_apply, with its slots tracked in Keras's order."""
import numpy as np

from kerasish import ops, optimizers
from tests.optimizers.optimizer_cases import GRADS, assert_same_values, kerasish_variables


class MomentumSGD(optimizers.Optimizer):
    def __init__(self, learning_rate=0.1, momentum=0.9, **kwargs):
        super().__init__(learning_rate=learning_rate, **kwargs)
        self.momentum = momentum

    def build(self, variables):
        if self.built:
            return
        super().build(variables)
        self.momentums = []
        for variable in variables:
            self.momentums.append(
                self.add_variable_from_reference(reference_variable=variable, name="momentum"))
        self.step_count = self.add_variable((), initializer="zeros", name="steps")

    def update_step(self, gradient, variable, learning_rate):
        learning_rate = ops.cast(learning_rate, variable.dtype)
        gradient = ops.cast(gradient, variable.dtype)
        m = self.momentums[self._get_variable_index(variable)]
        self.assign(m, ops.subtract(ops.multiply(m, ops.cast(self.momentum, variable.dtype)),
                                    ops.multiply(gradient, learning_rate)))
        self.assign_add(variable, m)
        self.assign_add(self.step_count, 1.0)

    def get_config(self):
        config = super().get_config()
        config.update({"momentum": self.momentum})
        return config


def test_custom_optimizer(backend):
    ours = MomentumSGD(name="custom")
    variables = kerasish_variables()
    for g in GRADS:
        ours.apply_gradients(zip(g, variables))
    assert [v.path for v in ours.variables] == [
        "custom/iteration", "custom/learning_rate", "custom/v0_momentum", "custom/v1_momentum",
        "custom/steps"]
    assert float(ours.step_count) == 2 * len(GRADS)
    # The same as SGD with momentum.
    sgd = optimizers.SGD(learning_rate=0.1, momentum=0.9)
    sgd_variables = kerasish_variables()
    for g in GRADS:
        sgd.apply_gradients(zip(g, sgd_variables))
    assert_same_values([v.numpy() for v in variables], [v.numpy() for v in sgd_variables],
                       "variables")
    # Stateless, from the initial state.
    fresh = MomentumSGD()
    fresh_vars = kerasish_variables()
    fresh.build(fresh_vars)
    weights, state = [v.value for v in fresh_vars], [v.value for v in fresh.variables]
    for g in GRADS:
        weights, state = fresh.stateless_apply(state, g, weights)
    assert_same_values([ops.convert_to_numpy(w) for w in weights],
                       [v.numpy() for v in variables], "stateless weights")
    assert float(np.asarray(ops.convert_to_numpy(state[-1]))) == 2 * len(GRADS)
    again = MomentumSGD.from_config(ours.get_config())
    assert again.get_config() == ours.get_config()
