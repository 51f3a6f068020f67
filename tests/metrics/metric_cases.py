"""The metric table: every kerasish metric (with its notable options) and the data it is fed.
test_metric_catalog.py runs each entry against Keras 3, through the stateless API and through
its config. Adding a row is how a metric is tested against Keras."""
from dataclasses import dataclass, field

import numpy as np


@dataclass
class MetricCase:
    metric: str                      # class name in kerasish.metrics and keras.metrics
    kwargs: dict = field(default_factory=dict)
    data: str = "binary"             # a key of DATA
    weights: str = "float"           # "float" or "int" sample weights (IoU counts are ints)
    jit: bool = False                # also checked under ops.jit on JAX
    rtol: float = 1e-5
    atol: float = 1e-5

    @property
    def id(self):
        args = ",".join(f"{k}={v}" for k, v in self.kwargs.items())
        return f"{self.metric}({args})-{self.data}"


N = 8  # samples per batch


def _probs(rng, shape):
    p = rng.random(shape).astype("float32")
    return p / p.sum(-1, keepdims=True)


def _binary(rng):
    y_pred = rng.random((N, 1)).astype("float32")
    y_pred[:4, 0] = [0.0, 1.0, 0.5, 0.25]  # on thresholds: the bucket boundaries must agree
    return rng.integers(0, 2, (N, 1)).astype("float32"), y_pred


def _multilabel(rng):
    y_pred = rng.random((N, 3)).astype("float32")
    y_pred[0] = [0.0, 0.5, 1.0]
    return rng.integers(0, 2, (N, 3)).astype("float32"), y_pred


def _onehot(rng):
    return np.eye(4, dtype="float32")[rng.integers(0, 4, N)], _probs(rng, (N, 4))


def _sorted_ids(rng):
    ids = np.argsort(-rng.random((N, 4)), axis=-1).astype("int32")
    return rng.integers(0, 4, (N,)).astype("int32"), ids


# name -> function(rng) -> (y_true, y_pred); "values" feeds Mean/Sum with one array.
DATA = {
    "binary": _binary,
    "binary_logits": lambda rng: (rng.integers(0, 2, (N, 1)).astype("float32"),
                                  rng.normal(size=(N, 1)).astype("float32") * 3),
    "binary_flat": lambda rng: (rng.integers(0, 2, (N,)).astype("int32"),
                                rng.random((N,)).astype("float32")),
    "multilabel": _multilabel,
    "onehot": _onehot,
    "onehot_logits": lambda rng: (np.eye(4, dtype="float32")[rng.integers(0, 4, N)],
                                  rng.normal(size=(N, 4)).astype("float32")),
    "sparse": lambda rng: (rng.integers(0, 4, (N, 1)).astype("int32"), _probs(rng, (N, 4))),
    "sparse_flat": lambda rng: (rng.integers(0, 4, (N,)).astype("int32"), _probs(rng, (N, 4))),
    "sparse_seq": lambda rng: (rng.integers(0, 4, (N, 3)).astype("int32"),
                               _probs(rng, (N, 3, 4))),
    "onehot_seq": lambda rng: (np.eye(4, dtype="float32")[rng.integers(0, 4, (N, 3))],
                               _probs(rng, (N, 3, 4))),
    "sorted_ids": _sorted_ids,
    "classes": lambda rng: (rng.integers(0, 3, (N, 1)).astype("int32"),
                            rng.integers(0, 3, (N, 1)).astype("int32")),
    "iou": lambda rng: (rng.integers(0, 3, (N,)).astype("int32"),
                        rng.integers(0, 3, (N,)).astype("int32")),
    "regression": lambda rng: (rng.random((N, 3)).astype("float32") * 2 + 0.1,
                               rng.random((N, 3)).astype("float32") * 2 + 0.1),
    "values": lambda rng: (rng.normal(size=(N, 3)).astype("float32"), None),
}


def batch(case, index):
    """(y_true, y_pred, sample_weight) of batch `index`; batch 1 is weighted, 0 and 2 are not."""
    rng = np.random.default_rng(1000 + 17 * index)
    y_true, y_pred = DATA[case.data](rng)
    weight = None
    if index == 1:
        weight = (rng.integers(0, 3, (N,)).astype("int32") if case.weights == "int"
                  else rng.random((N,)).astype("float32"))
    return y_true, y_pred, weight


def C(metric, data="binary", jit=False, weights="float", **kwargs):
    return MetricCase(metric, kwargs, data, weights=weights, jit=jit)


CASES = [
    # reductions
    C("Mean", "values", jit=True), C("Sum", "values"),
    # accuracy
    C("Accuracy", "classes", jit=True), C("BinaryAccuracy"), C("BinaryAccuracy", threshold=0.7),
    C("BinaryAccuracy", "binary_flat"),
    C("CategoricalAccuracy", "onehot", jit=True), C("CategoricalAccuracy", "onehot_seq"),
    C("SparseCategoricalAccuracy", "sparse", jit=True),
    C("SparseCategoricalAccuracy", "sparse_flat"), C("SparseCategoricalAccuracy", "sparse_seq"),
    C("TopKCategoricalAccuracy", "onehot", k=2), C("TopKCategoricalAccuracy", "onehot_seq", k=2),
    C("SparseTopKCategoricalAccuracy", "sparse", jit=True, k=2),
    C("SparseTopKCategoricalAccuracy", "sparse_seq", k=3),
    C("SparseTopKCategoricalAccuracy", "sorted_ids", k=2, from_sorted_ids=True),
    # confusion counts, precision, recall
    C("TruePositives"), C("FalsePositives"), C("TrueNegatives"), C("FalseNegatives"),
    C("TruePositives", thresholds=[0.0, 0.5, 1.0]),
    C("FalseNegatives", "multilabel", thresholds=[0.15, 0.5, 0.85]),
    C("TrueNegatives", thresholds=0.3),
    C("Precision", jit=True), C("Precision", thresholds=[0.0, 0.25, 0.5, 0.75, 1.0]),
    C("Precision", "multilabel", top_k=2), C("Precision", "multilabel", class_id=1),
    C("Precision", "multilabel", top_k=1, class_id=2, thresholds=0.3),
    C("Recall", jit=True), C("Recall", "multilabel", top_k=2),
    C("Recall", "multilabel", class_id=0, thresholds=[0.3, 0.6]),
    C("SensitivityAtSpecificity", specificity=0.5),
    C("SensitivityAtSpecificity", "multilabel", specificity=0.4, class_id=1, num_thresholds=1),
    C("SpecificityAtSensitivity", sensitivity=0.5, num_thresholds=20),
    C("PrecisionAtRecall", jit=True, recall=0.5),
    C("PrecisionAtRecall", "multilabel", recall=0.7, class_id=2),
    C("RecallAtPrecision", precision=0.6), C("RecallAtPrecision", precision=0.3, num_thresholds=7),
    # AUC
    C("AUC", jit=True), C("AUC", curve="PR"), C("AUC", curve="PRGAIN"),
    C("AUC", summation_method="minoring"), C("AUC", curve="PR", summation_method="majoring"),
    C("AUC", num_thresholds=7), C("AUC", thresholds=[0.1, 0.35, 0.9]),
    C("AUC", thresholds=[0.75, 0.25, 0.5]), C("AUC", "binary_logits", from_logits=True),
    C("AUC", "multilabel", jit=True, multi_label=True),
    C("AUC", "multilabel", multi_label=True, curve="PR"),
    C("AUC", "multilabel", multi_label=True, num_labels=3, label_weights=[1.0, 2.0, 0.5]),
    C("AUC", "multilabel", multi_label=True, thresholds=[0.2, 0.7]),
    C("AUC", "multilabel", label_weights=[1.0, 2.0, 0.5]),
    # regression
    C("MeanSquaredError", "regression", jit=True), C("MeanAbsoluteError", "regression"),
    C("MeanAbsolutePercentageError", "regression"),
    C("MeanSquaredLogarithmicError", "regression"), C("RootMeanSquaredError", "regression"),
    C("CosineSimilarity", "regression"), C("LogCoshError", "regression"),
    C("R2Score", "regression", jit=True),
    C("R2Score", "regression", class_aggregation=None),
    C("R2Score", "regression", class_aggregation="variance_weighted_average"),
    C("R2Score", "regression", jit=True, num_regressors=2),
    C("PearsonCorrelation", "regression"), C("ConcordanceCorrelation", "regression"),
    # probabilistic
    C("BinaryCrossentropy", jit=True),
    C("BinaryCrossentropy", "binary_logits", from_logits=True, label_smoothing=0.1),
    C("CategoricalCrossentropy", "onehot"),
    C("CategoricalCrossentropy", "onehot_logits", from_logits=True, label_smoothing=0.2),
    C("SparseCategoricalCrossentropy", "sparse", jit=True),
    C("SparseCategoricalCrossentropy", "sparse_flat", from_logits=True),
    C("SparseCategoricalCrossentropy", "sparse", ignore_class=0),
    C("KLDivergence", "onehot"), C("Poisson", "regression"),
    # hinge
    C("Hinge"), C("SquaredHinge"), C("CategoricalHinge", "onehot"),
    # F-scores
    C("F1Score", "onehot", jit=True), C("F1Score", "multilabel", average="micro"),
    C("F1Score", "multilabel", average="macro", threshold=0.5),
    C("F1Score", "onehot", average="weighted"), C("FBetaScore", "multilabel", beta=2.0),
    C("FBetaScore", "multilabel", beta=0.5, average="micro", threshold=0.4),
    # IoU
    C("IoU", "iou", weights="int", num_classes=3, target_class_ids=[0, 2]),
    C("MeanIoU", "iou", jit=True, weights="int", num_classes=3),
    C("MeanIoU", "iou", weights="int", num_classes=3, ignore_class=0),
    C("MeanIoU", "sparse", weights="int", num_classes=4, sparse_y_pred=False),
    C("BinaryIoU", "binary_flat", weights="int"),
    C("BinaryIoU", "binary_flat", weights="int", target_class_ids=[1], threshold=0.3),
    C("OneHotIoU", "onehot", weights="int", num_classes=4, target_class_ids=[0, 1]),
    C("OneHotMeanIoU", "onehot", weights="int", num_classes=4),
    C("MeanIoU", "iou", num_classes=3, dtype="float32"),
]
