"""The declarative table of loss checks: (loss class, constructor kwargs, data) and the function
each class wraps. Every case is compared with Keras 3 for every reduction and sample weighting."""
import dataclasses
import zlib

import numpy as np


def _rng(key):
    return np.random.default_rng(zlib.crc32(key.encode()))


def _f32(x):
    return np.asarray(x, dtype="float32")


def _probs(rng, shape, lo=0.05, hi=0.95):
    return _f32(rng.uniform(lo, hi, shape))


def _softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return _f32(e / e.sum(axis=axis, keepdims=True))


def _one_hot(labels, n, axis=-1):
    return _f32(np.moveaxis(np.eye(n)[labels], -1, axis))


# Each generator returns (y_true, y_pred) as NumPy arrays; values stay clear of the kinks (clip
# bounds, |error| == delta, hinge margins), where the two backends may pick different subgradients.
DATA = {
    "reg": lambda r: (_f32(r.uniform(0.1, 2, (4, 3))), _f32(r.uniform(0.1, 2, (4, 3)))),
    "reg_3d": lambda r: (_f32(r.uniform(0.1, 2, (3, 4, 2))), _f32(r.uniform(0.1, 2, (3, 4, 2)))),
    "reg_column": lambda r: (_f32(r.uniform(0.1, 2, (5,))), _f32(r.uniform(0.1, 2, (5, 1)))),
    "signed": lambda r: (_f32(r.normal(size=(4, 3))), _f32(r.normal(size=(4, 3)) * 2)),
    "binary": lambda r: (_f32(r.integers(0, 2, (4, 3))), _probs(r, (4, 3))),
    "binary_3d": lambda r: (_f32(r.integers(0, 2, (3, 4, 2))), _probs(r, (3, 4, 2))),
    "binary_logits": lambda r: (_f32(r.integers(0, 2, (4, 3))), _f32(r.normal(size=(4, 3)) * 2)),
    "binary_column": lambda r: (_f32(r.integers(0, 2, (6,))), _probs(r, (6, 1))),
    "onehot": lambda r: (_one_hot(r.integers(0, 4, (5,)), 4), _softmax(r.normal(size=(5, 4)))),
    "onehot_unnormalized": lambda r: (_one_hot(r.integers(0, 4, (5,)), 4), _probs(r, (5, 4))),
    "onehot_logits": lambda r: (_one_hot(r.integers(0, 4, (5,)), 4), _f32(r.normal(size=(5, 4)))),
    "onehot_3d": lambda r: (_one_hot(r.integers(0, 4, (2, 3)), 4), _softmax(r.normal(size=(2, 3, 4)))),
    "onehot_axis1": lambda r: (_one_hot(r.integers(0, 4, (5,)), 4, axis=1)[:, :, None].repeat(2, 2),
                               _softmax(r.normal(size=(5, 4, 2)), axis=1)),
    "sparse": lambda r: (r.integers(0, 4, (5,)).astype("int32"), _softmax(r.normal(size=(5, 4)))),
    "sparse_column": lambda r: (r.integers(0, 4, (5, 1)).astype("int32"), _softmax(r.normal(size=(5, 4)))),
    "sparse_logits": lambda r: (r.integers(0, 4, (5,)).astype("int32"), _f32(r.normal(size=(5, 4)))),
    "sparse_3d": lambda r: (r.integers(0, 4, (2, 3)).astype("int32"), _f32(r.normal(size=(2, 3, 4)))),
    "sparse_axis1": lambda r: (r.integers(0, 4, (5, 2)).astype("int32"), _f32(r.normal(size=(5, 4, 2)))),
    "sparse_ignore": lambda r: (np.array([0, 3, -1, 2, -1], "int32"), _softmax(r.normal(size=(5, 4)))),
    "sparse_ignore_3d": lambda r: (np.array([[0, 3, 9], [9, 1, 2]], "int32"), _f32(r.normal(size=(2, 3, 4)))),
    "dist": lambda r: (_softmax(r.normal(size=(4, 3))), _softmax(r.normal(size=(4, 3)))),
    "counts": lambda r: (_f32(r.integers(0, 5, (4, 3))), _f32(r.uniform(0.2, 4, (4, 3)))),
    "hinge01": lambda r: (_f32(r.integers(0, 2, (4, 3))), _f32(r.normal(size=(4, 3)) * 2)),
    "hinge_pm": lambda r: (_f32(r.choice([-1.0, 1.0], (4, 3))), _f32(r.normal(size=(4, 3)) * 2)),
    "hinge_3d": lambda r: (_f32(r.choice([-1.0, 1.0], (3, 4, 2))), _f32(r.normal(size=(3, 4, 2)) * 2)),
    "segmentation": lambda r: (_f32(r.integers(0, 2, (2, 4, 4, 1))), _probs(r, (2, 4, 4, 1))),
    "circle": lambda r: (np.array([0, 0, 1, 1, 2, 2], "int32"), _normalized(r.normal(size=(6, 5)))),
    "ctc": lambda r: (np.array([[1, 2, 0], [2, 2, 1], [3, 0, 0]], "int32"),
                      _f32(r.normal(size=(3, 7, 4)))),
    "gce": lambda r: (r.integers(0, 4, (5,)).astype("int32"), _softmax(r.normal(size=(5, 4)))),
}


def _normalized(x):
    return _f32(x / np.linalg.norm(x, axis=-1, keepdims=True))


@dataclasses.dataclass(frozen=True)
class LossCase:
    cls: str  # the class name in keras.losses / kerasish.losses
    fn: str  # the function it wraps
    data: str  # a key of DATA
    kwargs: tuple = ()  # constructor kwargs as (name, value) pairs (the function gets them too)
    # For data Keras cannot take: a function (y_true, y_pred, kwargs) -> the same problem in a
    # form Keras computes (Keras's sparse cross-entropy handles only axis=-1, say).
    oracle: object = None
    # False: only two reduction/weighting combinations (for a loss slow to run eagerly, as CTC's
    # scan on JAX); the reductions themselves are the same code for every loss.
    every_reduction: bool = True

    @property
    def id(self):
        args = ",".join(f"{k}={v}" for k, v in self.kwargs)
        return f"{self.cls}({args})-{self.data}"

    def arrays(self):
        return DATA[self.data](_rng(self.id))


def case(cls, fn, data, oracle=None, every_reduction=True, **kwargs):
    return LossCase(cls, fn, data, tuple(kwargs.items()), oracle, every_reduction)


def _classes_last(y_true, y_pred, kwargs):
    """The class axis moved last (`.transpose` works on arrays and on JAX tracers alike)."""
    perm = [i for i in range(y_pred.ndim) if i != kwargs["axis"]] + [kwargs["axis"]]
    return y_true, y_pred.transpose(perm), dict(kwargs, axis=-1)


CASES = [
    case("MeanSquaredError", "mean_squared_error", "reg"),
    case("MeanSquaredError", "mean_squared_error", "reg_3d"),
    case("MeanSquaredError", "mean_squared_error", "reg_column"),
    case("MeanAbsoluteError", "mean_absolute_error", "reg"),
    case("MeanAbsoluteError", "mean_absolute_error", "reg_3d"),
    case("MeanAbsolutePercentageError", "mean_absolute_percentage_error", "reg"),
    case("MeanAbsolutePercentageError", "mean_absolute_percentage_error", "signed"),
    case("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error", "reg"),
    case("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error", "reg_3d"),
    case("Huber", "huber", "signed"),
    case("Huber", "huber", "signed", delta=0.5),
    case("Huber", "huber", "reg_3d", delta=0.3),
    case("LogCosh", "log_cosh", "signed"),
    case("LogCosh", "log_cosh", "reg_3d"),
    case("BinaryCrossentropy", "binary_crossentropy", "binary"),
    case("BinaryCrossentropy", "binary_crossentropy", "binary_3d"),
    case("BinaryCrossentropy", "binary_crossentropy", "binary_column"),
    case("BinaryCrossentropy", "binary_crossentropy", "binary", label_smoothing=0.2),
    case("BinaryCrossentropy", "binary_crossentropy", "binary_logits", from_logits=True),
    case("BinaryCrossentropy", "binary_crossentropy", "binary_logits", from_logits=True,
         label_smoothing=0.1),
    case("BinaryCrossentropy", "binary_crossentropy", "binary_3d", axis=1),
    case("BinaryFocalCrossentropy", "binary_focal_crossentropy", "binary"),
    case("BinaryFocalCrossentropy", "binary_focal_crossentropy", "binary_3d", gamma=3.0),
    case("BinaryFocalCrossentropy", "binary_focal_crossentropy", "binary_logits", from_logits=True,
         apply_class_balancing=True, alpha=0.4),
    case("BinaryFocalCrossentropy", "binary_focal_crossentropy", "binary", label_smoothing=0.1,
         apply_class_balancing=True),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot"),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot_unnormalized"),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot_3d"),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot", label_smoothing=0.1),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot_logits", from_logits=True),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot_logits", from_logits=True,
         label_smoothing=0.2),
    case("CategoricalCrossentropy", "categorical_crossentropy", "onehot_axis1", axis=1),
    case("CategoricalFocalCrossentropy", "categorical_focal_crossentropy", "onehot"),
    case("CategoricalFocalCrossentropy", "categorical_focal_crossentropy", "onehot_3d", alpha=0.5,
         gamma=1.5),
    case("CategoricalFocalCrossentropy", "categorical_focal_crossentropy", "onehot_logits",
         from_logits=True, label_smoothing=0.1),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse"),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse_column"),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse_logits",
         from_logits=True),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse_3d",
         from_logits=True),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse_axis1",
         from_logits=True, axis=1, oracle=_classes_last),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse_ignore",
         ignore_class=-1),
    case("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy", "sparse_ignore_3d",
         from_logits=True, ignore_class=9),
    case("KLDivergence", "kl_divergence", "dist"),
    case("Poisson", "poisson", "counts"),
    case("Hinge", "hinge", "hinge01"),
    case("Hinge", "hinge", "hinge_pm"),
    case("Hinge", "hinge", "hinge_3d"),
    case("SquaredHinge", "squared_hinge", "hinge01"),
    case("SquaredHinge", "squared_hinge", "hinge_pm"),
    case("CategoricalHinge", "categorical_hinge", "onehot_logits"),
    case("CategoricalHinge", "categorical_hinge", "onehot_3d"),
    case("CosineSimilarity", "cosine_similarity", "signed"),
    case("CosineSimilarity", "cosine_similarity", "reg_3d"),
    case("CosineSimilarity", "cosine_similarity", "signed", axis=0),
    case("Dice", "dice", "segmentation"),
    case("Dice", "dice", "segmentation", axis=(1, 2, 3)),
    case("Tversky", "tversky", "segmentation"),
    case("Tversky", "tversky", "segmentation", alpha=0.7, beta=0.3, axis=(1, 2)),
    case("Circle", "circle", "circle"),
    case("Circle", "circle", "circle", gamma=10.0, margin=0.25, remove_diagonal=False),
    case("CTC", "ctc", "ctc", every_reduction=False),
    case("CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy", "gce", q=0.5),
    case("CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy", "gce", q=0.3),
]

REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none", None]


def weightings(values_shape, batch):
    """Sample weightings to try, given the shape of the unreduced loss values: none, one per
    sample, a (batch, 1) column, and one per timestep where the values are (batch, timesteps)."""
    rng = np.random.default_rng(7)
    batch = values_shape[0] if values_shape else batch
    out = {"unweighted": None, "per_sample": _f32(rng.uniform(0, 2, (batch,))),
           "column": _f32(rng.uniform(0, 2, (batch, 1)))}
    if len(values_shape) == 2:
        out["per_timestep"] = _f32(rng.uniform(0, 2, values_shape))
    return out
