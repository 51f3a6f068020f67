"""Every entry of the loss table against Keras 3: the class for every reduction and sample
weighting, the function, and gradients w.r.t. y_pred (numpy backend, jax backend and Keras)."""
import functools

import numpy as np
import pytest

import kerasish
from kerasish import losses, ops
from tests.conftest import require_backends
from tests.losses.loss_cases import CASES, REDUCTIONS, weightings

keras = pytest.importorskip("keras")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _as_keras_takes(weights, values_shape):
    """Per-sample weights for (batch, timesteps) values: Keras 3 raises an error, kerasish
    broadcasts them over the timesteps (as Keras 2 did), which Keras computes from a column."""
    if weights is not None and weights.ndim < len(values_shape):
        return weights.reshape(weights.shape + (1,) * (len(values_shape) - weights.ndim))
    return weights


def _keras_call(case, make, y_true, y_pred, **call_kwargs):
    """`make(kwargs)(y_true, y_pred)` in Keras, through the case's oracle if it has one."""
    kwargs = dict(case.kwargs)
    if case.oracle is not None:
        y_true, y_pred, kwargs = case.oracle(y_true, y_pred, kwargs)
    return make(kwargs)(y_true, y_pred, **call_kwargs)


_FEW = {("unweighted", "sum_over_batch_size"), ("per_sample", "sum_over_batch_size"),
        ("column", None)}


@functools.lru_cache(maxsize=None)
def keras_results(case):
    """Keras's outputs for a case: the function's (or the error it raises), the shape of the
    unreduced values, and {(weighting, reduction): (weights, value)}."""
    y_true, y_pred = case.arrays()
    cls = getattr(keras.losses, case.cls)
    fn = getattr(keras.losses, case.fn)
    try:
        function_out = np.asarray(
            _keras_call(case, lambda kw: functools.partial(fn, **kw), y_true, y_pred))
    except ValueError as error:  # e.g. binary_crossentropy does not squeeze (batch, 1) as the class does
        function_out = error
    values_shape = tuple(_keras_call(case, lambda kw: cls(reduction=None, **kw), y_true, y_pred).shape)
    results = {}
    for weighting, weights in weightings(values_shape, len(y_pred)).items():
        keras_weights = _as_keras_takes(weights, values_shape)
        for reduction in REDUCTIONS:
            if not case.every_reduction and (weighting, reduction) not in _FEW:
                continue
            out = _keras_call(case, lambda kw: cls(reduction=reduction, **kw), y_true, y_pred,
                              sample_weight=keras_weights)
            results[weighting, reduction] = weights, np.asarray(out)
    return function_out, values_shape, results


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_class_and_function_match_keras(backend, case):
    function_out, _, results = keras_results(case)
    y_true, y_pred = case.arrays()
    kwargs = dict(case.kwargs)
    cls = getattr(losses, case.cls)
    for (weighting, reduction), (weights, expected) in results.items():
        got = _np(cls(reduction=reduction, **kwargs)(y_true, y_pred, sample_weight=weights))
        assert got.shape == expected.shape, (weighting, reduction)
        np.testing.assert_allclose(got, expected, rtol=2e-5, atol=1e-5,
                                   err_msg=f"{case.id}: {weighting}, reduction={reduction!r}")
    fn = getattr(losses, case.fn)
    if isinstance(function_out, Exception):
        with pytest.raises(ValueError, match="shape"):
            fn(y_true, y_pred, **kwargs)
    else:
        got = _np(fn(y_true, y_pred, **kwargs))
        np.testing.assert_allclose(got, function_out, rtol=2e-5, atol=1e-5, err_msg=case.fn)


def _kerasish_grad(backend_name, case, y_true, y_pred, weights):
    with kerasish.backend.use_backend(backend_name):
        loss = getattr(losses, case.cls)(**dict(case.kwargs))
        value, grad = ops.value_and_grad(lambda p: loss(y_true, p, sample_weight=weights))(
            ops.convert_to_tensor(y_pred))
        return _np(value), _np(grad)


@require_backends("numpy", "jax")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_gradients_match_between_backends_and_keras(case):
    import jax

    y_true, y_pred = case.arrays()
    _, values_shape, results = keras_results(case)
    weights, _ = results["per_sample", "sum_over_batch_size"]

    def keras_loss(p):
        return _keras_call(case, lambda kw: getattr(keras.losses, case.cls)(**kw), y_true, p,
                           sample_weight=_as_keras_takes(weights, values_shape))

    expected = np.asarray(jax.grad(keras_loss)(y_pred))
    _, grad_numpy = _kerasish_grad("numpy", case, y_true, y_pred, weights)
    _, grad_jax = _kerasish_grad("jax", case, y_true, y_pred, weights)
    assert np.all(np.isfinite(grad_numpy)), case.id
    np.testing.assert_allclose(grad_numpy, grad_jax, rtol=1e-4, atol=1e-6, err_msg="numpy vs jax")
    np.testing.assert_allclose(grad_jax, expected, rtol=1e-4, atol=1e-6, err_msg="jax vs Keras")
