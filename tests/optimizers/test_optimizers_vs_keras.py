"""Every optimizer and its main options against Keras 3: the same variables after each of 5
steps on the same gradients, and the same optimizer variables (values, names, order)."""
import numpy as np
import pytest

import kerasish
from kerasish import optimizers
from tests.optimizers.optimizer_cases import (
    GRADS, assert_same_values, ids, keras, run_side_by_side,
)

FTRL_REG = {"l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02,
            "l2_shrinkage_regularization_strength": 0.01, "beta": 0.1}
CASES = [
    ("SGD", {}), ("SGD", {"momentum": 0.9}), ("SGD", {"momentum": 0.9, "nesterov": True}),
    ("Adam", {}), ("Adam", {"amsgrad": True}), ("AdamW", {}), ("AdamW", {"amsgrad": True}),
    ("Adamax", {}), ("Nadam", {}),
    ("RMSprop", {}), ("RMSprop", {"centered": True}), ("RMSprop", {"momentum": 0.5}),
    ("RMSprop", {"centered": True, "momentum": 0.5}),
    ("Adagrad", {}), ("Adagrad", {"initial_accumulator_value": 0.5}),
    ("Adadelta", {"learning_rate": 1.0}),
    ("Ftrl", {}), ("Ftrl", FTRL_REG), ("Ftrl", {"learning_rate_power": -0.3}),
    ("Lion", {}), ("Lamb", {}),
    # The base options, each on an optimizer with state.
    ("Adam", {"weight_decay": 0.1}), ("SGD", {"momentum": 0.5, "weight_decay": 0.05}),
    ("Adam", {"clipnorm": 0.5}), ("Adam", {"global_clipnorm": 0.5}), ("Adam", {"clipvalue": 0.3}),
    ("RMSprop", {"clipnorm": 0.5}), ("Lamb", {"global_clipnorm": 1.0}),
    ("Adam", {"use_ema": True}), ("Adam", {"use_ema": True, "ema_momentum": 0.5}),
    ("SGD", {"use_ema": True, "ema_overwrite_frequency": 2}),
    ("Adam", {"gradient_accumulation_steps": 2}), ("Nadam", {"gradient_accumulation_steps": 2}),
    ("AdamW", {"gradient_accumulation_steps": 3, "clipnorm": 0.5}),
    ("Adam", {"gradient_accumulation_steps": 2, "use_ema": True, "ema_overwrite_frequency": 1}),
    ("SGD", {"learning_rate": 0.1, "loss_scale_factor": 4.0}),
]


def _our_name(path):
    # Nadam's momentum-product variable: Keras leaves it unnamed ("variable", "variable_3", ...).
    return "variable" if path.endswith("/u_product") else path


def _their_name(path):
    return "variable" if path.split("/")[-1].startswith("variable") else path


@pytest.mark.parametrize("name,kwargs", CASES, ids=ids(CASES))
def test_steps_match_keras(backend, name, kwargs):
    k = keras()
    ours, theirs, _, _ = run_side_by_side(
        ("steps", name, repr(kwargs)), lambda: getattr(optimizers, name)(name="opt", **kwargs),
        lambda: getattr(k.optimizers, name)(name="opt", **kwargs))
    assert [_our_name(v.path) for v in ours.variables] == [
        _their_name(v.path) for v in theirs.variables]
    assert [v.dtype for v in ours.variables] == [v.dtype for v in theirs.variables]
    assert_same_values([v.numpy() for v in ours.variables],
                       [np.asarray(v) for v in theirs.variables], "optimizer variables")
    assert int(ours.iterations) == int(theirs.iterations)


SCHEDULES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 3, "warmup_target": 0.1,
                     "warmup_steps": 2}),
    ("PiecewiseConstantDecay", {"boundaries": [1, 3], "values": [0.1, 0.05, 0.01]}),
]


SCHEDULE_CASES = [(schedule, kwargs, name, extra) for schedule, kwargs in SCHEDULES
                  for name, extra in (("Adam", {}), ("SGD", {"momentum": 0.9}))]
SCHEDULE_CASES.append(SCHEDULES[1] + ("AdamW", {"gradient_accumulation_steps": 2}))


@pytest.mark.parametrize("schedule,kwargs,name,extra", SCHEDULE_CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in SCHEDULE_CASES])
def test_schedule_as_learning_rate_matches_keras(backend, schedule, kwargs, name, extra):
    k = keras()
    ours, theirs, _, _ = run_side_by_side(
        ("schedule", schedule, name, repr(extra)), lambda: getattr(optimizers, name)(
            learning_rate=getattr(optimizers.schedules, schedule)(**kwargs), **extra),
        lambda: getattr(k.optimizers, name)(
            learning_rate=getattr(k.optimizers.schedules, schedule)(**kwargs), **extra))
    # A schedule adds no learning-rate variable.
    assert not any(v.name == "learning_rate" for v in ours.variables)
    assert len(ours.variables) == len(theirs.variables)
    np.testing.assert_allclose(np.asarray(ours.learning_rate), np.asarray(theirs.learning_rate),
                               rtol=1e-6)


def test_callable_learning_rate_matches_keras(backend):
    k = keras()
    run_side_by_side("callable", lambda: optimizers.Adam(learning_rate=lambda: 0.05),
                     lambda: k.optimizers.Adam(learning_rate=lambda: 0.05))


@pytest.mark.parametrize("exclude", [{"var_names": ["v1"]}, {"var_list": 0},
                                     {"var_names": ["v"]}, {}])
def test_exclude_from_weight_decay_matches_keras(backend, exclude):
    k = keras()

    def configure(optimizer, variables):
        kwargs = dict(exclude)
        if "var_list" in kwargs:
            kwargs["var_list"] = [variables[kwargs["var_list"]]]
        optimizer.exclude_from_weight_decay(**kwargs)

    run_side_by_side(("exclude", repr(exclude)), lambda: optimizers.AdamW(weight_decay=0.2),
                     lambda: k.optimizers.AdamW(weight_decay=0.2), configure=configure)


def test_learning_rate_setter_matches_keras(backend):
    k = keras()
    ours, theirs = optimizers.SGD(momentum=0.5), k.optimizers.SGD(momentum=0.5)
    our_vars = [kerasish.Variable(w) for w in GRADS[0]]
    their_vars = [k.Variable(w) for w in GRADS[0]]
    for step, g in enumerate(GRADS):
        if step == 2:
            ours.learning_rate = 0.5
            theirs.learning_rate = 0.5
        ours.apply_gradients(zip(g, our_vars))
        theirs.apply_gradients(zip(g, their_vars))
    assert_same_values([v.numpy() for v in our_vars], [np.asarray(v) for v in their_vars],
                       "variables")
    assert float(ours.learning_rate) == float(theirs.learning_rate) == 0.5


def test_constraint_and_overwrite_with_gradient_match_keras(backend):
    k = keras()

    def configure(optimizer, variables):
        is_ours = isinstance(variables[0], kerasish.Variable)
        variables[0].constraint = (kerasish.constraints if is_ours else k.constraints).NonNeg()
        variables[1].overwrite_with_gradient = True

    for kwargs in ({}, {"gradient_accumulation_steps": 2, "use_ema": True}):
        ours, theirs, _, _ = run_side_by_side(("constraint", repr(kwargs)),
                                              lambda: optimizers.Adam(**kwargs),
                                              lambda: k.optimizers.Adam(**kwargs),
                                              configure=configure)
        assert len(ours.variables) == len(theirs.variables)


def test_missing_gradient_is_skipped_with_a_warning(backend):
    k = keras()
    grads = [[None, g[1]] for g in GRADS]
    with pytest.warns(UserWarning, match="Gradients do not exist"):
        run_side_by_side("missing", lambda: optimizers.Adam(), lambda: k.optimizers.Adam(),
                         grads=grads)


def test_finalize_variable_values_and_iterations_with_accumulation(backend):
    k = keras()
    ours, theirs, our_vars, their_vars = run_side_by_side(
        "finalize", lambda: optimizers.Adam(use_ema=True, gradient_accumulation_steps=2),
        lambda: k.optimizers.Adam(use_ema=True, gradient_accumulation_steps=2))
    assert int(ours.iterations) == int(theirs.iterations) == 2  # 5 raw steps, 2 updates
    ours.finalize_variable_values(our_vars)
    assert_same_values([v.numpy() for v in our_vars],
                       [np.asarray(v) for v in theirs._model_variables_moving_average],
                       "EMA-finalized variables")


def test_continues_from_keras_optimizer_state(backend):
    """Keras's optimizer state (what a .keras file stores, in `variables` order) loads into
    kerasish's by set_weights / load_own_variables and the two continue identically."""
    k = keras()
    ours, theirs = optimizers.Nadam(use_ema=True), k.optimizers.Nadam(use_ema=True)
    our_vars = [kerasish.Variable(w) for w in GRADS[0]]
    their_vars = [k.Variable(w) for w in GRADS[0]]
    for g in GRADS[:2]:
        theirs.apply_gradients(zip(g, their_vars))
    ours.build(our_vars)
    store = {str(i): np.asarray(v) for i, v in enumerate(theirs.variables)}
    ours.load_own_variables(store)
    for ov, tv in zip(our_vars, their_vars):
        ov.assign(np.asarray(tv))
    for g in GRADS[2:]:
        ours.apply_gradients(zip(g, our_vars))
        theirs.apply_gradients(zip(g, their_vars))
    assert_same_values([v.numpy() for v in our_vars], [np.asarray(v) for v in their_vars],
                       "variables")
    saved = {}
    ours.save_own_variables(saved)
    assert_same_values([saved[str(i)] for i in range(len(saved))],
                       [np.asarray(v) for v in theirs.variables], "saved state")
