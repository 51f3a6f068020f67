"""kerasish.metrics beyond the metric table: the exported functions, get / serialize /
deserialize and aliases, compile's "accuracy" resolution, MeanMetricWrapper, masks, custom
Metric subclasses and the stateless API's checks (argument errors: test_metric_errors.py)."""
import numpy as np
import pytest

import kerasish
from kerasish import metrics, ops
from kerasish.metrics.compile_helpers import get_compile_metric
from tests.metrics.metric_cases import DATA

keras = pytest.importorskip("keras")


def _data(kind, seed=0):
    return DATA[kind](np.random.default_rng(seed))


FUNCTION_CASES = [
    ("binary_accuracy", "binary", {}), ("binary_accuracy", "binary", {"threshold": 0.3}),
    ("categorical_accuracy", "onehot", {}), ("sparse_categorical_accuracy", "sparse", {}),
    ("top_k_categorical_accuracy", "onehot", {"k": 2}),
    ("sparse_top_k_categorical_accuracy", "sparse_flat", {"k": 2}),
    ("binary_crossentropy", "binary", {}),
    ("binary_crossentropy", "binary_logits", {"from_logits": True, "label_smoothing": 0.2}),
    ("binary_focal_crossentropy", "binary", {"apply_class_balancing": True, "gamma": 1.5}),
    ("binary_focal_crossentropy", "binary_logits", {"from_logits": True}),
    ("categorical_crossentropy", "onehot", {"label_smoothing": 0.1}),
    ("categorical_focal_crossentropy", "onehot_logits", {"from_logits": True}),
    ("sparse_categorical_crossentropy", "sparse", {}),
    ("hinge", "binary", {}), ("squared_hinge", "binary", {}), ("categorical_hinge", "onehot", {}),
    ("huber", "regression", {"delta": 0.5}), ("kl_divergence", "onehot", {}),
    ("log_cosh", "regression", {}), ("mean_absolute_error", "regression", {}),
    ("mean_absolute_percentage_error", "regression", {}),
    ("mean_squared_error", "regression", {}), ("mean_squared_logarithmic_error", "regression", {}),
    ("poisson", "regression", {}), ("pearson_correlation", "regression", {}),
    ("concordance_correlation", "regression", {}),
]


def test_every_keras_metric_function_is_covered():
    assert sorted({name for name, _, _ in FUNCTION_CASES}) == sorted(metrics.FUNCTIONS)
    public = {n for n in dir(keras.metrics) if not n.startswith("_")}
    assert public <= set(dir(metrics))


@pytest.mark.parametrize("name,kind,kwargs", FUNCTION_CASES,
                         ids=[f"{n}-{k}-{kw}" for n, k, kw in FUNCTION_CASES])
def test_functions_match_keras(backend, name, kind, kwargs):
    y_true, y_pred = _data(kind)
    ours = getattr(metrics, name)(y_true, y_pred, **kwargs)
    theirs = getattr(keras.metrics, name)(y_true, y_pred, **kwargs)
    np.testing.assert_allclose(ops.convert_to_numpy(ours), np.asarray(theirs), rtol=1e-5,
                               atol=1e-6)


# -- get, aliases, serialization ---------------------------------------------------------------
def test_string_identifiers_resolve_as_keras():
    keras_table = keras.src.metrics.ALL_OBJECTS_DICT
    assert sorted(metrics.ALL_OBJECTS_DICT) == sorted(keras_table)
    for name, cls in keras_table.items():
        assert metrics.ALL_OBJECTS_DICT[name].__name__ == cls.__name__, name
    for name in ("mse", "MAE", "mape", "msle", "bce", "auc", "precision", "recall",
                 "accuracy", "binary_accuracy", "categorical_accuracy",
                 "sparse_categorical_accuracy", "top_k_categorical_accuracy", "Precision"):
        assert type(metrics.get(name)).__name__ == type(keras.metrics.get(name)).__name__


def test_get_other_identifiers():
    assert metrics.get(None) is None
    m = metrics.Recall()
    assert metrics.get(m) is m
    assert isinstance(metrics.get(metrics.AUC), metrics.AUC)
    assert metrics.get(metrics.binary_accuracy) is metrics.binary_accuracy
    got = metrics.get({"class_name": "Precision", "config": {"thresholds": [0.2, 0.4]}})
    assert isinstance(got, metrics.Precision) and got.thresholds == [0.2, 0.4]


def test_get_bad_identifiers():
    with pytest.raises(ValueError, match="Could not interpret metric identifier: 'acc'.*compile"):
        metrics.get("acc")
    with pytest.raises(ValueError, match="Could not interpret metric identifier: 'nope'"):
        metrics.get("nope")
    with pytest.raises(ValueError, match="Could not interpret metric identifier"):
        metrics.get(42)
    with pytest.raises(ValueError, match="Unknown metric: 'Nope'"):
        metrics.deserialize({"class_name": "Nope", "config": {}})


def test_registered_custom_metric_round_trip():
    @kerasish.saving.register_keras_serializable("test_metrics")
    class Doubled(metrics.Mean):
        def update_state(self, values, sample_weight=None):
            super().update_state(ops.multiply(values, 2.0), sample_weight)

    entry = metrics.serialize(Doubled(name="d"))
    assert entry["registered_name"] == "test_metrics>Doubled"
    again = metrics.deserialize(entry)
    assert type(again) is Doubled and again.name == "d"


def test_mean_metric_wrapper_config_and_round_trip(backend):
    m = metrics.MeanMetricWrapper(fn=metrics.binary_accuracy, threshold=0.3)
    k = keras.metrics.MeanMetricWrapper(fn=keras.metrics.binary_accuracy, threshold=0.3)
    assert m.name == "mean_metric_wrapper" or m.name.startswith("mean_metric_wrapper_")
    config = m.get_config()
    assert {**config, "name": "x"} == {**k.get_config(), "name": "x"}
    again = metrics.MeanMetricWrapper.from_config(config)
    assert again._fn is metrics.binary_accuracy and again._fn_kwargs == {"threshold": 0.3}
    # Keras's own config loads into kerasish.
    from_keras = metrics.MeanMetricWrapper.from_config(k.get_config())
    y_true, y_pred = _data("binary")
    from_keras.update_state(y_true, y_pred)
    k.update_state(y_true, y_pred)
    np.testing.assert_allclose(ops.convert_to_numpy(from_keras.result()), k.result(), rtol=1e-6)


def test_mean_metric_wrapper_errors():
    with pytest.raises(ValueError, match="MeanMetricWrapper: argument `fn` must be a callable"):
        metrics.MeanMetricWrapper(fn="mse")
    with pytest.raises(ValueError, match="Cannot serialize the metric function"):
        metrics.MeanMetricWrapper(fn=lambda t, p: t - p).get_config()
    with pytest.raises(ValueError, match="Unknown metric function: 'mystery'"):
        metrics.MeanMetricWrapper.from_config(
            {"fn": {"class_name": "function", "config": "mystery"}})


def test_direction():
    assert metrics.MeanMetricWrapper(metrics.mean_squared_error)._direction == "down"
    assert metrics.AUC()._direction == "up" and metrics.MeanSquaredError()._direction == "down"


# -- compile's resolution ------------------------------------------------------------------------
@pytest.mark.parametrize("identifier", ["accuracy", "acc", "ACC"])
def test_compile_accuracy_picks_by_shapes(identifier):
    cases = [((4, 1), (4, 1), metrics.BinaryAccuracy),
             ((4,), (4, 3), metrics.SparseCategoricalAccuracy),
             ((4, 1), (4, 3), metrics.SparseCategoricalAccuracy),
             ((4, 3), (4, 3), metrics.CategoricalAccuracy)]
    for t_shape, p_shape, cls in cases:
        m = get_compile_metric(identifier, np.zeros(t_shape), np.zeros(p_shape))
        assert type(m) is cls and m.name == identifier


def test_compile_metric_names():
    y = np.zeros((4, 1))
    assert get_compile_metric("mse", y, y).name == "mse"
    assert isinstance(get_compile_metric("mse", y, y), metrics.MeanSquaredError)
    wrapped = get_compile_metric(metrics.mean_absolute_error, y, y)
    assert isinstance(wrapped, metrics.MeanMetricWrapper)
    assert wrapped.name == "mean_absolute_error"
    assert get_compile_metric(metrics.AUC(name="my_auc"), y, y).name == "my_auc"
    with pytest.raises(ValueError, match="received `None`"):
        get_compile_metric(None, y, y)


# -- masks, weights ------------------------------------------------------------------------------
def test_mask_on_y_pred_is_applied_as_keras(backend):
    from keras.src.backend import set_keras_mask as keras_set_mask
    y_true, y_pred = _data("regression")
    mask = np.array([True, False, True, True, False, True, True, False])
    weight = np.linspace(0.5, 2.0, 8).astype("float32")
    ours_pred = ops.convert_to_tensor(y_pred)
    kerasish.backend.set_keras_mask(ours_pred, ops.convert_to_tensor(mask))
    import jax.numpy as jnp
    theirs_pred = jnp.asarray(y_pred)
    keras_set_mask(theirs_pred, jnp.asarray(mask))
    for sample_weight in (None, weight):
        ours, theirs = metrics.MeanAbsoluteError(), keras.metrics.MeanAbsoluteError()
        ours.update_state(y_true, ours_pred, sample_weight=sample_weight)
        theirs.update_state(y_true, theirs_pred, sample_weight=sample_weight)
        np.testing.assert_allclose(ops.convert_to_numpy(ours.result()), theirs.result(),
                                   rtol=1e-6)


def test_per_timestep_weights_and_mask_broadcast(backend):
    # Keras fails to broadcast 1-D sample weights against a per-timestep mask (ignore_class on
    # sequences); kerasish weighs each valid timestep by its sample's weight.
    y_true = np.array([[0, 1, 2], [2, 2, 0]], "int32")
    y_pred = np.full((2, 3, 3), 1 / 3, "float32")
    m = metrics.SparseCategoricalCrossentropy(ignore_class=0)
    m.update_state(y_true, y_pred, sample_weight=np.array([1.0, 3.0], "float32"))
    np.testing.assert_allclose(ops.convert_to_numpy(m.result()), np.log(3), rtol=1e-5)


# -- the Metric base -----------------------------------------------------------------------------
class BinaryTruePositives(metrics.Metric):
    """The example subclass of Keras's Metric docstring."""

    def __init__(self, name="binary_true_positives", **kwargs):
        super().__init__(name=name, **kwargs)
        self.true_positives = self.add_variable(shape=(), initializer="zeros",
                                                name="true_positives")
        self.inner = metrics.Sum(name="inner_sum")  # a sub-metric: its variables are tracked

    def update_state(self, y_true, y_pred, sample_weight=None):
        values = ops.logical_and(ops.cast(y_true, "bool"), ops.cast(y_pred, "bool"))
        values = ops.cast(values, self.dtype)
        self.true_positives.assign(self.true_positives + ops.sum(values))
        self.inner.update_state(values)

    def result(self):
        return self.true_positives.value


def test_custom_metric_subclass(backend):
    m = BinaryTruePositives()
    assert [v.path for v in m.variables] == ["binary_true_positives/true_positives",
                                             "inner_sum/total"]
    assert float(m([1, 1, 0, 1], [1, 0, 0, 1])) == 2.0  # __call__: update, then result
    assert float(m.inner.result()) == 2.0
    values = m.stateless_update_state([v.value for v in m.variables], [1, 1], [1, 1])
    assert [float(v) for v in values] == [4.0, 4.0] and float(m.result()) == 2.0
    assert [float(v) for v in m.stateless_reset_state()] == [0.0, 0.0]
    m.reset_state()
    assert float(m.result()) == 0.0 and float(m.inner.result()) == 0.0
    assert m.get_config() == {"name": "binary_true_positives", "dtype": "float32"}
    assert repr(m) == "<BinaryTruePositives name=binary_true_positives>"


def test_forgotten_super_init():
    class Broken(metrics.Metric):
        def __init__(self):
            pass

    with pytest.raises(RuntimeError, match="forgot to call `super\\(\\).__init__\\(\\)`"):
        Broken().add_variable((), "zeros", name="v")


def test_stateless_checks_the_number_of_variables(backend):
    m = metrics.Mean()
    with pytest.raises(ValueError, match="Mean.stateless_update_state: .*2 variables.*1 values"):
        m.stateless_update_state([0.0], [1.0])
    with pytest.raises(ValueError, match="Mean.stateless_result: .*2 variables.*3 values"):
        m.stateless_result([0.0, 0.0, 0.0])


def test_default_names_are_unique_as_keras():
    kerasish.backend.clear_session()
    assert [metrics.Precision().name for _ in range(3)] == ["precision", "precision_1",
                                                           "precision_2"]
    assert metrics.AUC().name == "auc" and metrics.MeanIoU(2).name == "mean_io_u"
    assert metrics.Mean(name="given").name == "given"


def test_dtype_arguments():
    assert metrics.Mean(dtype="float16").dtype == "float16"
    from kerasish.layers import dtype_policy
    assert metrics.Mean(dtype=dtype_policy.DTypePolicy("bfloat16")).dtype == "bfloat16"
    assert metrics.MeanIoU(3).dtype == "int32" and metrics.MeanIoU(3).variables[0].dtype == "int32"


def test_lazy_state_is_built_by_an_update_in_a_stateless_scope(backend):
    # How a trainer can create a metric's state before jitting: update once on example data
    # inside a StatelessScope, which records the assignments instead of applying them.
    for m in (metrics.F1Score(), metrics.R2Score(), metrics.AUC(multi_label=True)):
        with kerasish.StatelessScope():
            m.update_state(np.ones((2, 3), "float32"), np.full((2, 3), 0.5, "float32"))
        assert len(m.variables) >= 4
        assert not any(np.any(v.numpy()) for v in m.variables)


def test_r2_adjusted_warns_as_keras():
    m = metrics.R2Score(num_regressors=5)
    m.update_state(np.array([[1.0], [2.0], [4.0]]), np.array([[1.5], [2.0], [3.0]]))
    with pytest.warns(UserWarning, match="More independent predictors than datapoints"):
        m.result()


def test_deserialize_names_and_function_dicts():
    assert isinstance(metrics.deserialize("mse"), metrics.MeanSquaredError)
    entry = metrics.serialize(metrics.mean_squared_error)
    assert entry == {"module": "builtins", "class_name": "function",
                     "config": "mean_squared_error", "registered_name": "function"}
    assert metrics.deserialize(entry) is metrics.mean_squared_error


def test_configs_that_keras_cannot_round_trip():
    cosine = metrics.CosineSimilarity(axis=0)
    assert metrics.CosineSimilarity.from_config(cosine.get_config()).axis == 0
    keras_entry = keras.metrics.serialize(keras.metrics.AUC(label_weights=[1.0, 2.0]))
    auc = metrics.deserialize(keras_entry)
    assert auc.get_config()["label_weights"] == [1.0, 2.0]
