"""The two backends check each other on every case of the op table (tests/ops/op_table.py)."""
import numpy as np
import pytest

import kerasish
from kerasish import ops, tree
from kerasish.backend import interface
from tests.conftest import require_backends
from tests.ops.op_table import L, all_cases

CASES = all_cases()
FORWARD = [pytest.param(case, dtype, id=f"{case.name}-{dtype}") for case in CASES for dtype in case.dtypes]
GRADIENT = [pytest.param(case, id=case.name) for case in CASES if case.grad and case.differentiable_argnums()]

# Tested by their own tests (tests/ops/test_core.py, tests/random/...), not by the table.
NOT_IN_TABLE = {
    "name", "convert_to_tensor", "convert_to_numpy", "is_tensor", "shape", "cond", "scan",
    "fori_loop", "while_loop", "stop_gradient", "custom_gradient", "value_and_grad", "grad", "jit",
    "compute_output_spec",  # tested in tests/backend/test_symbolic.py
} | set(interface.RANDOM)


def run(backend_name, case, args, kwargs):
    with kerasish.backend.use_backend(backend_name):
        out = getattr(ops, case.op)(*args, **kwargs)
        return [np.asarray(ops.convert_to_numpy(leaf)) for leaf in tree.flatten(out)]


def test_every_op_has_cases():
    covered = {case.op for case in CASES}
    missing = [name for name in interface.REQUIRED if name not in NOT_IN_TABLE and name not in covered]
    assert not missing, f"ops with no case in tests/ops/specs: {missing}"


@require_backends("numpy", "jax")
@pytest.mark.parametrize("case,dtype", FORWARD)
def test_forward_agrees_between_backends(case, dtype):
    args, kwargs = case.make(dtype)
    expected = run("jax", case, args, kwargs)
    got = run("numpy", case, args, kwargs)
    assert len(got) == len(expected)
    rtol = case.rtol64 if dtype == "float64" else case.rtol
    atol = case.atol * 1e-3 if dtype == "float64" else case.atol
    for g, e in zip(got, expected):
        assert g.shape == e.shape, f"shape: numpy {g.shape} vs jax {e.shape}"
        assert g.dtype == e.dtype, f"dtype: numpy {g.dtype} vs jax {e.dtype}"
        if g.dtype.kind in "fc":
            np.testing.assert_allclose(g, e, rtol=rtol, atol=atol)
        else:
            np.testing.assert_array_equal(g, e)


def _scalar_objective(case, args, kwargs, argnums, weights):
    """A scalar that depends on every output entry: sum(output * fixed random weights)."""

    def objective(*diff_args):
        full = list(args)
        for i, value in zip(argnums, diff_args):
            full[i] = value
        out = getattr(ops, case.op)(*full, **kwargs)
        total = 0.0
        for leaf, w in zip(tree.flatten(out), weights):
            if w is not None:
                total = ops.add(total, ops.sum(ops.multiply(leaf, w)))
        return total

    return objective


def _setup_gradient(case):
    args, kwargs = case.make("float64", seed=1)
    argnums = case.differentiable_argnums()
    outputs = run("numpy", case, args, kwargs)
    rng = np.random.default_rng(2)
    weights = [rng.normal(size=o.shape) if o.dtype.kind == "f" else None for o in outputs]
    objective = _scalar_objective(case, args, kwargs, argnums, weights)
    diff_args = [args[i] for i in argnums]
    return objective, diff_args


def _grad(backend_name, objective, diff_args):
    with kerasish.backend.use_backend(backend_name):
        grads = ops.grad(objective, argnums=tuple(range(len(diff_args))))(*diff_args)
        return [np.asarray(ops.convert_to_numpy(g)) for g in tree.flatten(grads)]


@require_backends("numpy", "jax")
@pytest.mark.parametrize("case", GRADIENT)
def test_gradient_agrees_with_jax(case):
    objective, diff_args = _setup_gradient(case)
    got = _grad("numpy", objective, diff_args)
    expected = _grad("jax", objective, diff_args)
    for g, e in zip(got, expected):
        assert g.shape == e.shape
        np.testing.assert_allclose(g, e, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("case", GRADIENT)
def test_gradient_agrees_with_finite_differences(case):
    objective, diff_args = _setup_gradient(case)
    grads = _grad("numpy", objective, diff_args)
    rng = np.random.default_rng(3)
    eps = 1e-6
    with kerasish.backend.use_backend("numpy"):
        for _ in range(2):  # two random directions
            directions = [rng.normal(size=np.shape(leaf)) for leaf in tree.flatten(diff_args)]

            def shifted(sign):
                flat = [leaf + sign * eps * d for leaf, d in zip(tree.flatten(diff_args), directions)]
                return float(ops.convert_to_numpy(objective(*tree.pack_sequence_as(diff_args, flat))))

            numeric = (shifted(+1) - shifted(-1)) / (2 * eps)
            analytic = sum(float(np.sum(g * d)) for g, d in zip(grads, directions))
            scale = sum(float(np.sum(np.abs(g * d))) for g, d in zip(grads, directions)) + 1e-8
            assert abs(numeric - analytic) <= case.fd_rtol * scale + 1e-7, (numeric, analytic)


def test_list_arguments_are_described():
    # L(...) makes a list of arrays, so list-taking ops (concatenate, stack) are covered.
    rng = np.random.default_rng(0)
    from tests.ops.op_table import F
    made = L(F((2,)), F((3,))).make(rng, "float32")
    assert [a.shape for a in made] == [(2,), (3,)]
