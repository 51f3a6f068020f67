"""How model.compile turns a metric identifier into a Metric (Keras's trainers/compile_utils
get_metric), kept next to the metrics so the trainer and the tests share one resolution.

"accuracy" and "acc" pick the accuracy that fits the data: BinaryAccuracy when y_pred has one
column, SparseCategoricalAccuracy when the labels are class ids, CategoricalAccuracy otherwise.
A string keeps its own spelling as the metric's name (so History has "acc" or "mse" keys), and a
plain function is wrapped in a MeanMetricWrapper named after it.
"""
from kerasish import metrics as metrics_module
from kerasish.backend.name_scope import to_snake_case


def is_binary_or_sparse_categorical(y_true, y_pred):
    """(binary, sparse): from the shapes of the labels and predictions."""
    t_rank, p_rank = len(y_true.shape), len(y_pred.shape)
    t_last, p_last = y_true.shape[-1], y_pred.shape[-1]
    is_binary = p_last == 1
    is_sparse = t_rank < p_rank or (t_last == 1 and p_last > 1)
    return is_binary, is_sparse


def get_compile_metric(identifier, y_true, y_pred):
    """The Metric `compile(metrics=[identifier])` uses for an output with these y_true/y_pred
    (anything with `.shape`: arrays, KerasTensors)."""
    if identifier is None:
        raise ValueError("Expected metric, received `None`.")
    if str(identifier).lower() in ("accuracy", "acc"):
        is_binary, is_sparse = is_binary_or_sparse_categorical(y_true, y_pred)
        if is_binary:
            metric = metrics_module.BinaryAccuracy(name=str(identifier))
        elif is_sparse:
            metric = metrics_module.SparseCategoricalAccuracy(name=str(identifier))
        else:
            metric = metrics_module.CategoricalAccuracy(name=str(identifier))
    else:
        metric = metrics_module.get(identifier)
    if isinstance(identifier, str):
        name = identifier
    else:
        name = _object_name(metric)
    if not isinstance(metric, metrics_module.Metric):
        metric = metrics_module.MeanMetricWrapper(metric)
    metric.name = name
    return metric


def _object_name(obj):
    if hasattr(obj, "name"):
        return obj.name
    if hasattr(obj, "__name__"):
        return to_snake_case(obj.__name__)
    return to_snake_case(type(obj).__name__)
