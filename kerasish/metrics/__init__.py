"""kerasish.metrics (as keras.metrics): stateful metrics, the per-sample metric functions, and
get / serialize / deserialize."""
import inspect

from kerasish.backend.name_scope import to_snake_case
from kerasish.metrics._functions import (
    binary_crossentropy, binary_focal_crossentropy, categorical_crossentropy,
    categorical_focal_crossentropy, categorical_hinge, hinge, huber, kl_divergence, log_cosh,
    mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
    mean_squared_logarithmic_error, poisson, sparse_categorical_crossentropy, squared_hinge,
)
from kerasish.metrics.accuracy_metrics import (
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, binary_accuracy,
    categorical_accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy,
    top_k_categorical_accuracy,
)
from kerasish.metrics.auc_metrics import AUC
from kerasish.metrics.confusion_metrics import (
    FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall, RecallAtPrecision,
    SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives, TruePositives,
)
from kerasish.metrics.correlation_metrics import (
    ConcordanceCorrelation, PearsonCorrelation, concordance_correlation, pearson_correlation,
)
from kerasish.metrics.f_score_metrics import F1Score, FBetaScore
from kerasish.metrics.hinge_metrics import CategoricalHinge, Hinge, SquaredHinge
from kerasish.metrics.iou_metrics import BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU
from kerasish.metrics.metric import Metric
from kerasish.metrics.probabilistic_metrics import (
    BinaryCrossentropy, CategoricalCrossentropy, KLDivergence, Poisson,
    SparseCategoricalCrossentropy,
)
from kerasish.metrics.reduction_metrics import Mean, MeanMetricWrapper, Sum
from kerasish.metrics.regression_metrics import (
    CosineSimilarity, LogCoshError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredError, MeanSquaredLogarithmicError, R2Score, RootMeanSquaredError,
)
from kerasish.saving.object_registration import get_registered_name, get_registered_object

ALL_OBJECTS = (
    Metric, Mean, Sum, MeanMetricWrapper,
    MeanSquaredError, RootMeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
    MeanSquaredLogarithmicError, CosineSimilarity, LogCoshError, R2Score,
    AUC, FalseNegatives, FalsePositives, Precision, PrecisionAtRecall, Recall,
    RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity, TrueNegatives,
    TruePositives,
    ConcordanceCorrelation, PearsonCorrelation,
    Hinge, SquaredHinge, CategoricalHinge,
    KLDivergence, Poisson, BinaryCrossentropy, CategoricalCrossentropy,
    SparseCategoricalCrossentropy,
    Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
    TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy,
    F1Score, FBetaScore,
    IoU, BinaryIoU, MeanIoU, OneHotIoU, OneHotMeanIoU,
)
# As Keras: class names, their snake_case forms ("mean_squared_error", "binary_accuracy",
# "auc", "precision", ...) and the short aliases; a string always gives a Metric instance.
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({to_snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({
    "bce": BinaryCrossentropy, "BCE": BinaryCrossentropy,
    "mse": MeanSquaredError, "MSE": MeanSquaredError,
    "mae": MeanAbsoluteError, "MAE": MeanAbsoluteError,
    "mape": MeanAbsolutePercentageError, "MAPE": MeanAbsolutePercentageError,
    "msle": MeanSquaredLogarithmicError, "MSLE": MeanSquaredLogarithmicError,
})

# The per-sample functions keras.metrics exports (what a MeanMetricWrapper config may name).
FUNCTIONS = {fn.__name__: fn for fn in (
    binary_accuracy, binary_crossentropy, binary_focal_crossentropy, categorical_accuracy,
    categorical_crossentropy, categorical_focal_crossentropy, categorical_hinge,
    concordance_correlation, hinge, huber, kl_divergence, log_cosh, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_error, mean_squared_logarithmic_error,
    pearson_correlation, poisson, sparse_categorical_accuracy, sparse_categorical_crossentropy,
    sparse_top_k_categorical_accuracy, squared_hinge, top_k_categorical_accuracy,
)}
_MODULE = "keras.metrics"


def serialize_function(fn):
    """Keras 3's dict for a metric function: its name (or registered name), never its code."""
    if get_registered_name(fn) is not None:
        name = get_registered_name(fn)
    elif inspect.isfunction(fn) and fn.__name__ != "<lambda>":
        name = fn.__name__
    elif hasattr(fn, "get_config"):
        return serialize(fn)
    else:
        raise ValueError(
            f"Cannot serialize the metric function {fn!r}: only named functions (kerasish.metrics "
            f"functions, or ones registered with register_keras_serializable) can be saved.")
    return {"module": "builtins", "class_name": "function", "config": name,
            "registered_name": "function"}


def deserialize_function(config, custom_objects=None):
    """The function a `serialize_function` dict (or a bare name) refers to."""
    if isinstance(config, dict) and config.get("class_name") != "function":
        return deserialize(config, custom_objects)
    name = config.get("config") if isinstance(config, dict) else config
    fn = get_registered_object(name, custom_objects) or FUNCTIONS.get(name)
    if fn is None:
        raise ValueError(
            f"Unknown metric function: {name!r}. It is not a kerasish.metrics function, and no "
            f"function of that name was passed in `custom_objects` or registered with "
            f"@kerasish.saving.register_keras_serializable().")
    return fn


def serialize(metric):
    """Keras 3's dict form of a metric (or of a metric function)."""
    if metric is None:
        return None
    if not isinstance(metric, Metric):
        return serialize_function(metric)
    registered = get_registered_name(metric)
    module = type(metric).__module__ if registered else _MODULE
    return {"module": module, "class_name": type(metric).__name__,
            "config": metric.get_config(), "registered_name": registered}


def deserialize(config, custom_objects=None):
    """A metric (or metric function) from its serialized dict, or from a name."""
    if isinstance(config, str):
        return _from_name(config, custom_objects)
    if not isinstance(config, dict) or "class_name" not in config:
        raise ValueError(
            f"Could not interpret metric config {config!r}: expected a name or a dict with "
            f"'class_name' and 'config'.")
    if config["class_name"] == "function":
        return deserialize_function(config, custom_objects)
    name = config.get("registered_name") or config["class_name"]
    cls = (get_registered_object(name, custom_objects)
           or get_registered_object(config["class_name"], custom_objects)
           or ALL_OBJECTS_DICT.get(config["class_name"]))
    if cls is None:
        raise ValueError(
            f"Unknown metric: {config['class_name']!r}. It is not a kerasish metric, and no class "
            f"of that name was passed in `custom_objects` or registered with "
            f"@kerasish.saving.register_keras_serializable().")
    return cls.from_config(config.get("config") or {})


def _from_name(name, custom_objects=None):
    entry = ALL_OBJECTS_DICT.get(name) or get_registered_object(name, custom_objects)
    if entry is None:
        hint = (" ('accuracy'/'acc' picks Binary-, Categorical- or SparseCategoricalAccuracy "
                "from the data only in model.compile)" if name.lower() == "acc" else "")
        raise ValueError(
            f"Could not interpret metric identifier: {name!r}{hint}. Expected a Metric, a "
            f"function, a config dict or one of: {', '.join(sorted(ALL_OBJECTS_DICT))}.")
    return entry() if inspect.isclass(entry) else entry


def get(identifier):
    """A metric from None, a name ("mse", "auc", "precision", "MeanSquaredError", ...), a config
    dict, a Metric class (instantiated), a Metric instance or a function (returned as is)."""
    if identifier is None:
        return None
    if isinstance(identifier, str):
        return _from_name(identifier)
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    else:
        obj = identifier
    if inspect.isclass(obj):
        return obj()
    if callable(obj):
        return obj
    raise ValueError(f"Could not interpret metric identifier: {identifier!r}.")


__all__ = sorted(
    [cls.__name__ for cls in ALL_OBJECTS] + list(FUNCTIONS) + ["get", "serialize", "deserialize"])
