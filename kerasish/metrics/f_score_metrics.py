"""FBetaScore and F1Score (as keras.metrics): the weighted harmonic mean of precision and recall,
per class or averaged ("micro", "macro", "weighted")."""
from kerasish import ops
from kerasish.backend.config import epsilon
from kerasish.metrics._utils import check_shape_rank
from kerasish.metrics.metric import Metric


class FBetaScore(Metric):
    """(1 + beta^2) * precision * recall / (beta^2 * precision + recall), from 2D one-hot (or
    multi-label) y_true and scores y_pred. Without `threshold`, each row's highest score is the
    positive prediction; with it, every score > threshold is."""

    def __init__(self, average=None, beta=1.0, threshold=None, name="fbeta_score", dtype=None):
        cls = type(self).__name__
        if average not in (None, "micro", "macro", "weighted"):
            raise ValueError(
                f"{cls}: invalid `average` argument value. Expected one of: {{None, 'micro', "
                f"'macro', 'weighted'}}. Received: average={average!r}")
        if not isinstance(beta, float):
            raise ValueError(
                f"{cls}: invalid `beta` argument value. It should be a Python float. Received: "
                f"beta={beta!r} of type {type(beta).__name__!r}")
        if beta <= 0.0:
            raise ValueError(f"{cls}: invalid `beta` argument value. It should be > 0. "
                             f"Received: beta={beta}")
        if threshold is not None:
            if not isinstance(threshold, float):
                raise ValueError(
                    f"{cls}: invalid `threshold` argument value. It should be a Python float. "
                    f"Received: threshold={threshold!r} of type {type(threshold).__name__!r}")
            if threshold > 1.0 or threshold <= 0.0:
                raise ValueError(
                    f"{cls}: invalid `threshold` argument value. It should verify "
                    f"0 < threshold <= 1. Received: threshold={threshold}")
        super().__init__(name=name, dtype=dtype)
        self._direction = "up"
        self.average = average
        self.beta = beta
        self.threshold = threshold
        # Counts are summed over the batch axis (per class), or over everything for "micro".
        self.axis = None if average == "micro" else 0
        self._built = False

    def _build(self, y_true_shape, y_pred_shape):
        num_classes = y_pred_shape[-1]
        if num_classes is None or y_true_shape[-1] is None:
            raise ValueError(
                f"{type(self).__name__} expects 2D inputs with shape (batch_size, output_dim), "
                f"with output_dim fully defined (not None). Received input shapes: "
                f"y_pred.shape={y_pred_shape} and y_true.shape={y_true_shape}.")
        shape = () if self.average == "micro" else (num_classes,)
        for name in ("true_positives", "false_positives", "false_negatives",
                     "intermediate_weights"):
            setattr(self, name, self.add_variable(shape, "zeros", dtype=self.dtype, name=name))
        self._built = True

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = ops.convert_to_tensor(y_true, dtype=self.dtype)
        y_pred = ops.convert_to_tensor(y_pred, dtype=self.dtype)
        if not self._built:
            check_shape_rank(type(self).__name__, y_true, y_pred)
            self._build(tuple(y_true.shape), tuple(y_pred.shape))
        if self.threshold is None:
            # The row's maximum is the prediction (ties all count; an all-zero row predicts none).
            row_max = ops.max(y_pred, axis=-1, keepdims=True)
            y_pred = ops.logical_and(y_pred >= row_max, ops.abs(y_pred) > 1e-9)
        else:
            y_pred = y_pred > self.threshold
        y_pred = ops.cast(y_pred, self.dtype)
        if sample_weight is not None:
            sample_weight = ops.expand_dims(
                ops.convert_to_tensor(sample_weight, dtype=self.dtype), 1)

        def weighted_sum(values):
            if sample_weight is not None:
                values = values * sample_weight
            return ops.sum(values, axis=self.axis)

        self.true_positives.assign(self.true_positives + weighted_sum(y_pred * y_true))
        self.false_positives.assign(self.false_positives + weighted_sum(y_pred * (1 - y_true)))
        self.false_negatives.assign(self.false_negatives + weighted_sum((1 - y_pred) * y_true))
        self.intermediate_weights.assign(self.intermediate_weights + weighted_sum(y_true))

    def result(self):
        if not self._built:
            raise ValueError(
                f"{type(self).__name__} has no result before its first `update_state` (its "
                f"state is shaped by the number of classes).")
        eps = epsilon()
        tp = self.true_positives.value
        precision = tp / (tp + self.false_positives + eps)
        recall = tp / (tp + self.false_negatives + eps)
        beta2 = self.beta ** 2
        f_score = (precision * recall) / (beta2 * precision + recall + eps) * (1 + beta2)
        if self.average == "weighted":
            weights = self.intermediate_weights / (ops.sum(self.intermediate_weights) + eps)
            return ops.sum(f_score * weights)
        if self.average is not None:  # "macro", and "micro" (a scalar already)
            return ops.mean(f_score)
        return f_score

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "average": self.average,
                "beta": self.beta, "threshold": self.threshold}


class F1Score(FBetaScore):
    """FBetaScore with beta = 1: the harmonic mean of precision and recall."""

    def __init__(self, average=None, threshold=None, name="f1_score", dtype=None):
        super().__init__(average=average, beta=1.0, threshold=threshold, name=name, dtype=dtype)

    def get_config(self):
        config = super().get_config()
        del config["beta"]
        return config
