"""Clear errors from kerasish.metrics: bad constructor arguments and inputs the metric cannot
take, each naming the metric and the argument."""
import warnings

import numpy as np
import pytest

from kerasish import metrics


# -- argument errors -----------------------------------------------------------------------------
BAD_ARGS = [
    ("Precision", {"thresholds": [0.5, 1.5]}, "Precision: threshold values must be .* in \\[0, 1\\]"),
    ("Recall", {"top_k": 0}, "Recall: argument `top_k` must be an integer >= 1"),
    ("TruePositives", {"thresholds": "high"}, "TruePositives: threshold values"),
    ("AUC", {"num_thresholds": 1}, "AUC: argument `num_thresholds` must be an integer > 1"),
    ("AUC", {"curve": "XY"}, "AUC: invalid `curve`"),
    ("AUC", {"summation_method": "trapezoid"}, "AUC: invalid `summation_method`"),
    ("AUC", {"num_labels": 3}, "`num_labels` is needed only when `multi_label` is True"),
    ("AUC", {"multi_label": True, "label_weights": [-1.0]}, "AUC: `label_weights` must be"),
    ("SensitivityAtSpecificity", {"specificity": 1.5}, "`specificity` must be in the range"),
    ("PrecisionAtRecall", {"recall": 0.5, "num_thresholds": 0}, "`num_thresholds` must be an"),
    ("RecallAtPrecision", {"precision": -0.1}, "`precision` must be in the range"),
    ("SpecificityAtSensitivity", {"sensitivity": "x"}, "`sensitivity` must be in the range"),
    ("FBetaScore", {"average": "median"}, "FBetaScore: invalid `average`"),
    ("FBetaScore", {"beta": 1}, "FBetaScore: invalid `beta`.*Python float"),
    ("F1Score", {"threshold": 1.5}, "F1Score: invalid `threshold`"),
    ("R2Score", {"class_aggregation": "sum"}, "R2Score: invalid value for argument"),
    ("R2Score", {"num_regressors": -1}, "`num_regressors`"),
    ("IoU", {"num_classes": 2, "target_class_ids": [2]}, "IoU: target class ids must be"),
    ("MeanIoU", {"num_classes": 0}, "MeanIoU: argument `num_classes` must be an integer >= 1"),
    ("TopKCategoricalAccuracy", {"k": 2.5}, "TopKCategoricalAccuracy: argument `k`"),
    ("BinaryAccuracy", {"threshold": "half"}, "BinaryAccuracy: argument `threshold`"),
    ("Mean", {"name": 3}, "Mean: `name` must be a string"),
]


@pytest.mark.parametrize("cls,kwargs,match", BAD_ARGS, ids=[f"{c}-{k}" for c, k, _ in BAD_ARGS])
def test_bad_arguments(cls, kwargs, match):
    with pytest.raises(ValueError, match=match):
        getattr(metrics, cls)(**kwargs)


def test_bad_inputs(backend):
    with pytest.raises(ValueError, match="R2Score expects 2D inputs"):
        metrics.R2Score().update_state(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="F1Score expects 2D inputs"):
        metrics.F1Score().update_state(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="AUC: `y_pred` must have rank 2"):
        metrics.AUC(multi_label=True).update_state(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="class_id is provided, y_pred must be a 2D"):
        metrics.Precision(class_id=1).update_state(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="has no result before its first `update_state`"):
        metrics.F1Score().result()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        metrics.MeanIoU(2).update_state([0, 1], [0, 1], sample_weight=np.array([1, 2]))
