"""`stateless_apply`: the same update as `apply_gradients`, as a pure function of values that
changes no variable, also under `ops.jit` and inside a `value_and_grad` training step."""
import numpy as np
import pytest

import kerasish
from kerasish import ops, optimizers
from tests.conftest import require_backends
from tests.optimizers.optimizer_cases import (
    GRADS, WEIGHTS, assert_same_values, kerasish_variables,
)

CASES = [
    ("SGD", {"momentum": 0.9, "nesterov": True}),
    ("Nadam", {"weight_decay": 0.01, "global_clipnorm": 1.0}),
    ("RMSprop", {"centered": True, "momentum": 0.5, "clipnorm": 0.5}),
    ("Adam", {"amsgrad": True, "gradient_accumulation_steps": 2, "use_ema": True,
              "ema_overwrite_frequency": 2}),
    ("Lamb", {"learning_rate": optimizers.schedules.CosineDecay(
        0.0, 3, warmup_target=0.1, warmup_steps=2)}),
]


def _values(variables):
    return [v.value for v in variables]


def _check_against_apply(name, kwargs, jit):
    stateful = getattr(optimizers, name)(**kwargs)
    stateful_vars = kerasish_variables()
    stateless = getattr(optimizers, name)(**kwargs)
    stateless_vars = kerasish_variables()
    stateless.build(stateless_vars)
    initial_state = [v.numpy() for v in stateless.variables]
    step = ops.jit(stateless.stateless_apply) if jit else stateless.stateless_apply
    weights, state = _values(stateless_vars), _values(stateless.variables)
    for i, g in enumerate(GRADS):
        weights, state = step(state, g, weights)
        stateful.apply_gradients(zip(g, stateful_vars))
        assert_same_values([ops.convert_to_numpy(w) for w in weights],
                           [v.numpy() for v in stateful_vars], f"weights after step {i + 1}")
        assert_same_values([ops.convert_to_numpy(s) for s in state],
                           [v.numpy() for v in stateful.variables], f"state after step {i + 1}")
    # Nothing was assigned: the variables keep their initial values.
    assert_same_values([v.numpy() for v in stateless_vars], WEIGHTS, "untouched weights")
    assert_same_values([v.numpy() for v in stateless.variables], initial_state, "untouched state")
    assert int(stateless.iterations) == 0


@pytest.mark.parametrize("name,kwargs", CASES, ids=[c[0] for c in CASES])
def test_stateless_apply_equals_apply_gradients(backend, name, kwargs):
    _check_against_apply(name, kwargs, jit=False)


@require_backends("jax")
@pytest.mark.parametrize("name,kwargs", CASES[2:], ids=[c[0] for c in CASES[2:]])
def test_stateless_apply_under_jit(name, kwargs):
    with kerasish.backend.use_backend("jax"):
        _check_against_apply(name, kwargs, jit=True)


def test_training_step_with_value_and_grad(backend):
    """A custom loop written once: value_and_grad of a loss of the weights, then stateless_apply,
    in one jitted function; equal to the eager apply_gradients loop."""
    x = np.linspace(-1, 1, 12, dtype="float32").reshape(4, 3)
    y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.0, 0.0]], dtype="float32")

    def loss_fn(weights):
        kernel, bias = weights
        return ops.mean(ops.square(ops.add(ops.matmul(x, kernel), bias) - y))

    optimizer = optimizers.Adam(learning_rate=0.1, gradient_accumulation_steps=2)
    variables = kerasish_variables()
    optimizer.build(variables)

    @ops.jit
    def train_step(weights, state):
        loss, grads = ops.value_and_grad(loss_fn)(weights)
        weights, state = optimizer.stateless_apply(state, grads, weights)
        return loss, weights, state

    reference = optimizers.Adam(learning_rate=0.1, gradient_accumulation_steps=2)
    reference_vars = kerasish_variables()
    weights, state = _values(variables), _values(optimizer.variables)
    losses = []
    for _ in range(4):
        loss, weights, state = train_step(weights, state)
        losses.append(float(ops.convert_to_numpy(loss)))
        _, grads = ops.value_and_grad(loss_fn)([v.value for v in reference_vars])
        reference.apply_gradients(zip(grads, reference_vars))
    assert_same_values([ops.convert_to_numpy(w) for w in weights],
                       [v.numpy() for v in reference_vars], "weights")
    assert losses[-1] < losses[0]


def test_differentiating_through_an_update(backend):
    """The update is differentiable (a meta-gradient through one SGD-momentum step)."""
    optimizer = optimizers.SGD(learning_rate=0.1, momentum=0.9)
    variables = kerasish_variables()
    optimizer.build(variables)
    state = _values(optimizer.variables)

    def after_one_step(scale):
        grads = [ops.multiply(scale, g) for g in GRADS[0]]
        weights, _ = optimizer.stateless_apply(state, grads, _values(variables))
        return ops.sum(weights[0])

    value, grad = ops.value_and_grad(after_one_step)(ops.convert_to_tensor(2.0))
    # sum(w - 0.1 * s * g) is linear in s with slope -0.1 * sum(g).
    np.testing.assert_allclose(ops.convert_to_numpy(grad), -0.1 * GRADS[0][0].sum(), rtol=1e-5)
    np.testing.assert_allclose(ops.convert_to_numpy(value),
                               (WEIGHTS[0] - 0.2 * GRADS[0][0]).sum(), rtol=1e-5)


def test_stateless_apply_errors(backend):
    optimizer = optimizers.Adam()
    variables = kerasish_variables()
    with pytest.raises(ValueError, match="must be built"):
        optimizer.stateless_apply([], GRADS[0], _values(variables))
    optimizer.build(variables)
    state = _values(optimizer.variables)
    with pytest.raises(ValueError, match="optimizer_variables.*expected 6 values, received 5"):
        optimizer.stateless_apply(state[:-1], GRADS[0], _values(variables))
    with pytest.raises(ValueError, match="trainable_variables.*expected 2 values, received 1"):
        optimizer.stateless_apply(state, GRADS[0], _values(variables)[:1])
    with pytest.raises(ValueError, match="received 1 gradients for 2 variables"):
        optimizer.stateless_apply(state, GRADS[0][:1], _values(variables))
