"""Every entry of the layer catalog against Keras 3, symbolically, through its config, and its
gradients between the two backends."""
import numpy as np
import pytest

from tests.conftest import require_backends
from tests.layers import layer_check
from tests.layers.layer_catalog import CASES

pytest.importorskip("keras")
IDS = [case.id for case in CASES]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_matches_keras(backend, case):
    layer_check.check_against_keras(case)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_symbolic_shapes(backend, case):
    layer_check.check_symbolic(case)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_config_round_trip(backend, case):
    layer_check.check_config_round_trip(case)


@require_backends("numpy", "jax")
@pytest.mark.parametrize("case", [c for c in CASES if c.check_grads], ids=[c.id for c in CASES if c.check_grads])
def test_gradients_agree_between_backends(case):
    g_numpy = layer_check.gradients(case, "numpy")
    g_jax = layer_check.gradients(case, "jax")
    import kerasish
    flat_numpy, flat_jax = kerasish.tree.flatten(g_numpy), kerasish.tree.flatten(g_jax)
    assert len(flat_numpy) == len(flat_jax) > 0
    for a, b in zip(flat_numpy, flat_jax):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-4, err_msg=case.id)
