"""Loss behaviour the table cannot show, on every backend: masks carried by y_pred, dtypes, names,
subclassing, nested structures, jit, and clear errors for bad arguments."""
import numpy as np
import pytest

import kerasish
from kerasish import losses, ops
from kerasish.backend import set_keras_mask
from tests.losses.loss_cases import REDUCTIONS

keras = pytest.importorskip("keras")

RNG = np.random.default_rng(3)
Y_TRUE = RNG.normal(size=(3, 4, 2)).astype("float32")
Y_PRED = RNG.normal(size=(3, 4, 2)).astype("float32")
MASK = np.array([[1, 1, 0, 0], [1, 1, 1, 1], [1, 0, 0, 0]], bool)
STEP_WEIGHTS = RNG.uniform(0, 2, (3, 4)).astype("float32")


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def _keras_masked(loss, y_true, y_pred, mask, **kwargs):
    y_pred = keras.ops.convert_to_tensor(y_pred)
    keras.src.backend.set_keras_mask(y_pred, keras.ops.convert_to_tensor(mask))
    return np.asarray(loss(y_true, y_pred, **kwargs))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weights", [None, STEP_WEIGHTS, STEP_WEIGHTS[:, 0]], ids=["none", "step", "sample"])
def test_mask_on_y_pred_matches_keras(backend, reduction, weights):
    y_pred = ops.convert_to_tensor(Y_PRED.copy())  # a mask set on Y_PRED itself would stay on it
    set_keras_mask(y_pred, ops.convert_to_tensor(MASK))
    got = _np(losses.MeanSquaredError(reduction=reduction)(Y_TRUE, y_pred, sample_weight=weights))
    keras_weights = weights if weights is None or weights.ndim == 2 else weights[:, None]
    expected = _keras_masked(keras.losses.MeanSquaredError(reduction=reduction), Y_TRUE, Y_PRED,
                             MASK, sample_weight=keras_weights)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def test_mask_and_ignore_class_combine_as_keras(backend):
    labels = np.array([[0, 3, 9, 1], [9, 1, 2, 2], [1, 1, 9, 0]], "int32")
    logits = RNG.normal(size=(3, 4, 5)).astype("float32")
    y_pred = ops.convert_to_tensor(logits.copy())
    set_keras_mask(y_pred, ops.convert_to_tensor(MASK))
    for reduction in REDUCTIONS:
        kwargs = dict(from_logits=True, ignore_class=9, reduction=reduction)
        got = _np(losses.SparseCategoricalCrossentropy(**kwargs)(labels, y_pred))
        expected = _keras_masked(keras.losses.SparseCategoricalCrossentropy(**kwargs), labels, logits, MASK)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6, err_msg=str(reduction))


def test_everything_masked_gives_zero(backend):
    y_pred = ops.convert_to_tensor(Y_PRED.copy())  # a mask set on Y_PRED itself would stay on it
    set_keras_mask(y_pred, ops.convert_to_tensor(np.zeros_like(MASK)))
    assert float(_np(losses.MeanAbsoluteError()(Y_TRUE, y_pred))) == 0.0
    loss = losses.MeanAbsoluteError(reduction="mean_with_sample_weight")
    assert float(_np(loss(Y_TRUE, Y_PRED, sample_weight=np.zeros((3,), "float32")))) == 0.0


def test_ignore_class_mask_survives_jit(backend):
    labels = np.array([0, 3, -1, 2, -1], "int32")
    logits = RNG.normal(size=(5, 4)).astype("float32")
    loss = losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)
    eager = _np(loss(labels, logits))
    jitted = _np(ops.jit(lambda t, p: loss(t, p))(labels, logits))
    expected = keras.losses.SparseCategoricalCrossentropy(from_logits=True, ignore_class=-1)(labels, logits)
    np.testing.assert_allclose(eager, expected, rtol=1e-6)
    np.testing.assert_allclose(jitted, expected, rtol=1e-6)


def test_dtype_and_names(backend):
    loss = losses.MeanSquaredError(dtype="float16")
    assert loss.dtype == "float16"
    out = loss(Y_TRUE, Y_PRED)
    assert ops.dtype(out) == "float16"
    expected = keras.losses.MeanSquaredError(dtype="float16")(Y_TRUE, Y_PRED)
    np.testing.assert_allclose(_np(out), np.asarray(expected), rtol=1e-3)
    assert losses.MeanSquaredError().dtype == kerasish.backend.floatx()
    assert losses.Huber().name == "huber_loss"
    assert losses.LossFunctionWrapper(losses.hinge).name.startswith("loss_function_wrapper")


def test_subclass_with_call_matches_keras(backend):
    def define(base, ops_module):
        class MeanCubedError(base):
            def call(self, y_true, y_pred):
                return ops_module.mean(ops_module.abs(y_pred - y_true) ** 3, axis=-1)
        return MeanCubedError

    ours, theirs = define(losses.Loss, ops), define(keras.losses.Loss, keras.ops)
    assert ours().name.startswith("mean_cubed_error")
    for reduction in REDUCTIONS:
        got = _np(ours(reduction=reduction)(Y_TRUE, Y_PRED, sample_weight=STEP_WEIGHTS))
        expected = theirs(reduction=reduction)(Y_TRUE, Y_PRED, sample_weight=STEP_WEIGHTS)
        np.testing.assert_allclose(got, np.asarray(expected), rtol=1e-5, err_msg=str(reduction))
    with pytest.raises(NotImplementedError, match="call"):
        losses.Loss()(Y_TRUE, Y_PRED)


def test_nested_structures_in_a_wrapper(backend):
    def pair_mse(fns):
        return lambda t, p: fns.mean_squared_error(t["a"], p["a"]) + fns.mean_squared_error(t["b"], p["b"])

    y_true = {"a": Y_TRUE[:, 0, 0], "b": Y_TRUE[:, 1]}
    y_pred = {"a": Y_PRED[:, :1, 0], "b": Y_PRED[:, 1]}  # (3,) against (3, 1): squeezed per leaf
    got = _np(losses.LossFunctionWrapper(pair_mse(losses))(y_true, y_pred))
    expected = keras.src.losses.LossFunctionWrapper(pair_mse(keras.losses))(y_true, y_pred)
    np.testing.assert_allclose(got, np.asarray(expected), rtol=1e-6)


def test_single_class_categorical_warns_as_keras(backend):
    with pytest.warns(SyntaxWarning, match="binary_crossentropy"):
        losses.categorical_crossentropy(np.ones((4, 1), "float32"), np.ones((4, 1), "float32"))


@pytest.mark.parametrize("make, match", [
    (lambda: losses.MeanSquaredError(reduction="average"), r"`reduction`.*'average'"),
    (lambda: losses.Loss(reduction="SUM"), r"`reduction`"),
    (lambda: losses.BinaryCrossentropy(label_smoothing=1.5), "label_smoothing"),
    (lambda: losses.CategoricalFocalCrossentropy(label_smoothing=-0.1), "label_smoothing"),
    (lambda: losses.CategoricalGeneralizedCrossEntropy(q=1.0), r"`q` must be in the interval"),
])
def test_bad_constructor_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize("call, match", [
    (lambda: losses.mean_squared_error(np.ones((2, 3)), np.ones((2, 4))), "mean_squared_error.*shape"),
    (lambda: losses.Huber()(np.ones((2, 3)), np.ones((2, 4))), r"huber.*\(2, 3\).*\(2, 4\)"),
    (lambda: losses.KLDivergence()(np.ones((2, 3)), np.ones((3, 3))), "kl_divergence"),
    (lambda: losses.BinaryCrossentropy()(np.ones((2, 3)), np.ones((2, 4))), "same shape"),
    (lambda: losses.CategoricalCrossentropy()(np.ones((2, 3)), np.ones((2, 4))), "same shape"),
    (lambda: losses.SparseCategoricalCrossentropy()(np.ones((3,)), np.ones((2, 4))), "shape"),
    (lambda: losses.categorical_crossentropy(np.ones((2, 3)), np.ones((2, 3)), axis=True), "`axis` must be of type `int`"),
    (lambda: losses.ctc(np.ones((2, 3, 1)), np.ones((2, 5, 4))), r"y_true.shape=\(2, 3, 1\)"),
    (lambda: losses.ctc(np.ones((2, 3)), np.ones((2, 5))), r"y_pred.shape=\(2, 5\)"),
    (lambda: losses.MeanSquaredError()(np.ones((4, 3)), np.ones((4, 3)), sample_weight=np.ones((3,))),
     r"sample_weight.*\(3,\).*\(4,\)"),
    (lambda: losses.MeanSquaredError()(Y_TRUE, Y_PRED, sample_weight=np.ones((3, 2))), "sample_weight"),
])
def test_bad_inputs_are_clear_errors(backend, call, match):
    with pytest.raises(ValueError, match=match):
        call()
