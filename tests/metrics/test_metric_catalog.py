"""Every entry of the metric table (metric_cases.py) against Keras 3: values over three batches
(one weighted), reset_state, variable names and shapes, the stateless API (and ops.jit on JAX),
default names and configs."""
import numpy as np
import pytest

import kerasish
from kerasish import ops
from tests.conftest import require_backends
from tests.metrics.metric_cases import CASES, batch

keras = pytest.importorskip("keras")
IDS = [case.id for case in CASES]
BATCHES = 3


def _np(x):
    return np.asarray(ops.convert_to_numpy(x) if not isinstance(x, np.ndarray) else x)


def _update(metric, case, index):
    y_true, y_pred, weight = batch(case, index)
    if case.data == "values":
        metric.update_state(y_true, sample_weight=weight)
    else:
        metric.update_state(y_true, y_pred, sample_weight=weight)


def _args(case, index):
    y_true, y_pred, weight = batch(case, index)
    return ((y_true,) if case.data == "values" else (y_true, y_pred)), {"sample_weight": weight}


def _close(actual, expected, case, what):
    np.testing.assert_allclose(_np(actual), np.asarray(expected), rtol=case.rtol,
                               atol=case.atol, err_msg=f"{case.id}: {what}")


def _plain(value):
    """A config value with arrays and NumPy scalars turned into Python lists and numbers."""
    if isinstance(value, dict) and value.get("class_name") == "__tensor__":
        return _plain(value["config"]["value"])  # Keras's serialized array: its values
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    return value


_KERAS_RUNS = {}


def _keras_run(case):
    """Keras's results after each batch and after reset_state, and its variables' names and
    shapes (computed once per case: they do not depend on the kerasish backend)."""
    if case.id not in _KERAS_RUNS:
        theirs = getattr(keras.metrics, case.metric)(**case.kwargs)
        results = []
        for index in range(BATCHES):
            with np.errstate(all="ignore"):
                _update(theirs, case, index)
            results.append(np.asarray(theirs.result()))
        variables = [(v.name, tuple(v.shape)) for v in theirs.variables]
        theirs.reset_state()
        _KERAS_RUNS[case.id] = results, variables, np.asarray(theirs.result())
    return _KERAS_RUNS[case.id]


def test_case_ids_are_unique():
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_matches_keras(backend, case):
    results, variables, after_reset = _keras_run(case)
    ours = getattr(kerasish.metrics, case.metric)(**case.kwargs)
    for index in range(BATCHES):
        _update(ours, case, index)
        _close(ours.result(), results[index], case, f"result after batch {index}")
    assert [(v.name, tuple(v.shape)) for v in ours.variables] == variables, case.id
    assert [v.path for v in ours.variables] == [f"{ours.name}/{name}" for name, _ in variables]
    assert all(not v.trainable for v in ours.variables)
    ours.reset_state()
    for v in ours.variables:
        assert not np.any(v.numpy()), f"{case.id}: {v.path} not zeroed by reset_state"
    _close(ours.result(), after_reset, case, "result after reset_state")


def _built(case):
    """A metric whose state exists (some build it on their first update): built, then reset."""
    metric = getattr(kerasish.metrics, case.metric)(**case.kwargs)
    if getattr(metric, "_built", True) is False:
        _update(metric, case, 0)
        metric.reset_state()
    return metric


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_stateless_matches_stateful(backend, case):
    stateful, stateless = _built(case), _built(case)
    values = stateless.stateless_reset_state()
    for index in range(BATCHES):
        args, kwargs = _args(case, index)
        stateful.update_state(*args, **kwargs)
        values = stateless.stateless_update_state(values, *args, **kwargs)
        _close(stateless.stateless_result(values), _np(stateful.result()), case,
               f"stateless result after batch {index}")
    for v in stateless.variables:
        assert not np.any(v.numpy()), f"{case.id}: stateless update changed {v.path}"
    for value, v in zip(stateless.stateless_reset_state(), stateful.variables):
        assert _np(value).shape == v.shape and not np.any(_np(value))


@require_backends("jax")
@pytest.mark.parametrize("case", [c for c in CASES if c.jit], ids=[c.id for c in CASES if c.jit])
def test_stateless_under_jit(case):
    with kerasish.backend.use_backend("jax"):
        stateful, stateless = _built(case), _built(case)

        @ops.jit
        def step(values, args, kwargs):
            values = stateless.stateless_update_state(values, *args, **kwargs)
            return values, stateless.stateless_result(values)

        values = stateless.stateless_reset_state()
        for index in range(BATCHES):
            args, kwargs = _args(case, index)
            if kwargs["sample_weight"] is None:
                kwargs = {}  # None is not a jit argument
            stateful.update_state(*args, **kwargs)
            values, result = step(values, args, kwargs)
            _close(result, _np(stateful.result()), case, f"jitted result after batch {index}")
        for v in stateless.variables:
            assert not np.any(v.numpy())


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_name_and_config_match_keras(case):
    kerasish.backend.clear_session()
    keras.backend.clear_session()
    ours = getattr(kerasish.metrics, case.metric)(**case.kwargs)
    theirs = getattr(keras.metrics, case.metric)(**case.kwargs)
    assert ours.name == theirs.name
    assert ours.dtype == theirs.dtype
    assert ours.get_config() == _plain(theirs.get_config()), case.id
    # Round trips: from_config, serialize/deserialize, and Keras's own config read by kerasish.
    cls = type(ours)
    assert cls.from_config(ours.get_config()).get_config() == ours.get_config()
    again = kerasish.metrics.deserialize(kerasish.metrics.serialize(ours))
    assert type(again) is cls and again.get_config() == ours.get_config()
    serialized = _plain(keras.metrics.serialize(theirs))
    assert kerasish.metrics.serialize(ours) == serialized
    assert kerasish.metrics.deserialize(serialized).get_config() == ours.get_config()
