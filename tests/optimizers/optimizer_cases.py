"""Shared helpers for the optimizer tests: tiny variables, a fixed gradient sequence, and running
the same steps in kerasish and in Keras 3 (the test-only oracle, on JAX)."""
import numpy as np
import pytest

import kerasish

RNG = np.random.default_rng(0)
WEIGHTS = [RNG.normal(size=(3, 2)).astype("float32"), RNG.normal(size=(2,)).astype("float32")]
STEPS = 5
GRADS = [[RNG.normal(size=w.shape).astype("float32") for w in WEIGHTS] for _ in range(STEPS)]
RTOL, ATOL = 1e-5, 1e-6


def keras():
    return pytest.importorskip("keras")


def kerasish_variables():
    return [kerasish.Variable(w, name=f"v{i}") for i, w in enumerate(WEIGHTS)]


def keras_variables():
    return [keras().Variable(w, name=f"v{i}") for i, w in enumerate(WEIGHTS)]


def ids(cases):
    return [f"{name}-{kwargs}" for name, kwargs in cases]


def assert_same_values(ours, theirs, what):
    assert len(ours) == len(theirs), what
    for i, (a, b) in enumerate(zip(ours, theirs)):
        a, b = np.asarray(a), np.asarray(b)
        assert a.shape == b.shape, (what, i)
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=ATOL, err_msg=f"{what} [{i}]")


_KERAS_RUNS = {}  # Keras's results, shared by the numpy and jax runs of a case (same process)


def keras_run(key, make_theirs, configure=None, grads=GRADS):
    """Keras's trajectory for `grads`: the variables after each step, and the optimizer."""
    if key not in _KERAS_RUNS:
        theirs, variables = make_theirs(), keras_variables()
        if configure is not None:
            configure(theirs, variables)
        trajectory = []
        for g in grads:
            theirs.apply_gradients(zip(g, variables))
            trajectory.append([np.asarray(v) for v in variables])
        _KERAS_RUNS[key] = (theirs, variables, trajectory)
    return _KERAS_RUNS[key]


def run_side_by_side(key, make_ours, make_theirs, configure=None, grads=GRADS):
    """Applies `grads` step by step with kerasish's optimizer, checking the variables after
    every step against Keras's on the same gradients (Keras's run is cached under `key`);
    returns (ours, theirs, our variables, their variables). `configure(optimizer, variables)`
    runs on each before the first step."""
    theirs, their_vars, trajectory = keras_run(key, make_theirs, configure, grads)
    ours, our_vars = make_ours(), kerasish_variables()
    if configure is not None:
        configure(ours, our_vars)
    for step, (g, expected) in enumerate(zip(grads, trajectory)):
        ours.apply_gradients(zip(g, our_vars))
        assert_same_values([v.numpy() for v in our_vars], expected,
                           f"variables after step {step + 1}")
    return ours, theirs, our_vars, their_vars
