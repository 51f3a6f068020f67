"""Similarity and overlap losses: cosine similarity, Dice, Tversky (segmentation) and Circle
(metric learning on embeddings)."""
from kerasish import ops
from kerasish.backend import epsilon, set_keras_mask
from kerasish.losses.loss import FunctionLoss, prepare

_DEFAULT = "sum_over_batch_size"


def l2_normalize(x, axis=-1):
    """x / max(||x||, epsilon) along `axis`, as x * min(rsqrt(sum(x**2)), 1 / epsilon) (Keras's
    ops.normalize for order 2)."""
    square_sum = ops.sum(ops.square(x), axis=axis, keepdims=True)
    return x * ops.minimum(ops.rsqrt(square_sum), 1.0 / epsilon())


def cosine_similarity(y_true, y_pred, axis=-1):
    """-sum(l2_normalize(y_true) * l2_normalize(y_pred), axis): -1 for vectors pointing the same
    way, 0 for orthogonal ones (a loss to minimize)."""
    y_true, y_pred = prepare("cosine_similarity", y_true, y_pred, squeeze=True)
    return -ops.sum(l2_normalize(y_true, axis) * l2_normalize(y_pred, axis), axis=axis)


def dice(y_true, y_pred, axis=None):
    """1 - 2 * sum(y_true * y_pred) / (sum(y_true) + sum(y_pred)), sums over `axis` (all axes
    when None, giving one value for the whole batch)."""
    y_true, y_pred = prepare("dice", y_true, y_pred)
    intersection = ops.sum(y_true * y_pred, axis=axis)
    union = ops.sum(y_true, axis=axis) + ops.sum(y_pred, axis=axis) + epsilon()
    return 1 - 2.0 * intersection / union


def tversky(y_true, y_pred, alpha=0.5, beta=0.5, axis=None):
    """1 - TP / (TP + alpha * FP + beta * FN) with soft counts summed over `axis` (Dice when
    alpha = beta = 0.5). As in Keras, FP counts (1 - y_pred) * y_true and FN y_pred * (1 - y_true):
    `alpha` weighs missed positives and `beta` false alarms."""
    y_true, y_pred = prepare("tversky", y_true, y_pred)
    intersection = ops.sum(y_true * y_pred, axis=axis)
    fp = ops.sum((1 - y_pred) * y_true, axis=axis)
    fn = ops.sum(y_pred * (1 - y_true), axis=axis)
    return 1 - intersection / (intersection + fp * alpha + fn * beta + epsilon())


def build_pos_neg_masks(query_labels, key_labels, remove_diagonal=True):
    """Boolean (queries, keys) masks of same-label and different-label pairs; the diagonal (an
    embedding with itself) is not a positive pair when `remove_diagonal`."""
    query_labels = ops.reshape(query_labels, (-1, 1))
    key_labels = ops.reshape(key_labels, (-1, 1))
    positive = ops.equal(query_labels, ops.transpose(key_labels))
    negative = ops.logical_not(positive)
    if remove_diagonal:
        eye = ops.eye(query_labels.shape[0], key_labels.shape[0], dtype="bool")
        positive = ops.logical_and(positive, ops.logical_not(eye))
    return positive, negative


def circle(y_true, y_pred, ref_labels=None, ref_embeddings=None, remove_diagonal=True, gamma=80,
           margin=0.4):
    """Circle loss (Sun et al., 2020) on L2-normalized embeddings `y_pred` with integer labels
    `y_true`, against `ref_embeddings`/`ref_labels` (the batch itself by default). Rows with a
    zero loss are masked out of the reduction."""
    y_pred = ops.convert_to_tensor(y_pred)
    y_true = ops.cast(y_true, "int32")
    ref_embeddings = y_pred if ref_embeddings is None else ops.convert_to_tensor(ref_embeddings)
    ref_labels = y_true if ref_labels is None else ops.cast(ref_labels, "int32")
    distances = ops.maximum(1 - ops.matmul(y_pred, ops.transpose(ref_embeddings)), 0.0)
    positive, negative = build_pos_neg_masks(y_true, ref_labels, remove_diagonal)
    dtype = ops.dtype(distances)
    # Pairs farther from their optimum get larger weights (self-paced weighting).
    pos_weights = ops.maximum((margin + distances) * ops.cast(positive, dtype), 0.0)
    neg_weights = ops.maximum((1 + margin - distances) * ops.cast(negative, dtype), 0.0)
    pos_wdists = -1 * gamma * pos_weights * (margin - distances)
    neg_wdists = gamma * neg_weights * ((1 - margin) - distances)
    p_loss = ops.logsumexp(ops.where(positive, pos_wdists, float("-inf")), axis=1)
    n_loss = ops.logsumexp(ops.where(negative, neg_wdists, float("-inf")), axis=1)
    loss = ops.softplus(p_loss + n_loss)
    set_keras_mask(loss, loss > 0)
    return loss


class CosineSimilarity(FunctionLoss):
    """Negative cosine similarity between labels and predictions along `axis`. (Keras's config
    omits `axis`; kerasish writes it when it is not -1, so it round-trips.)"""

    def __init__(self, axis=-1, reduction=_DEFAULT, name="cosine_similarity", dtype=None):
        super().__init__(cosine_similarity, reduction, name, dtype, axis=axis)

    def get_config(self):
        config = super().get_config()
        if self.axis != -1:
            config["axis"] = self.axis
        return config


class Dice(FunctionLoss):
    """Dice loss (1 - Dice coefficient) for segmentation; sums over `axis` (None: everything)."""

    config_keys = ("axis",)

    def __init__(self, reduction=_DEFAULT, name="dice", axis=None, dtype=None):
        super().__init__(dice, reduction, name, dtype, axis=axis)


class Tversky(FunctionLoss):
    """Tversky loss, a Dice loss with separate weights for false positives and negatives."""

    config_keys = ("alpha", "beta", "axis")

    def __init__(self, alpha=0.5, beta=0.5, reduction=_DEFAULT, name="tversky", axis=None,
                 dtype=None):
        super().__init__(tversky, reduction, name, dtype, alpha=alpha, beta=beta, axis=axis)


class Circle(FunctionLoss):
    """Circle loss for metric learning: integer labels, L2-normalized embeddings."""

    config_keys = ("gamma", "margin", "remove_diagonal")

    def __init__(self, gamma=80.0, margin=0.4, remove_diagonal=True, reduction=_DEFAULT,
                 name="circle", dtype=None):
        super().__init__(circle, reduction, name, dtype, gamma=gamma, margin=margin,
                         remove_diagonal=remove_diagonal)
