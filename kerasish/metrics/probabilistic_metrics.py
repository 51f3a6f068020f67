"""Probabilistic metrics (as keras.metrics): cross-entropies, KL divergence and Poisson, as means
over samples."""
from kerasish.metrics import _functions as F
from kerasish.metrics.reduction_metrics import _FunctionMean


class KLDivergence(_FunctionMean):
    """The mean of sum(y_true * log(y_true / y_pred)) over samples."""
    _function = staticmethod(F.kl_divergence)

    def __init__(self, name="kl_divergence", dtype=None):
        super().__init__(name, dtype=dtype)


class Poisson(_FunctionMean):
    """The mean of y_pred - y_true * log(y_pred) over samples."""
    _function = staticmethod(F.poisson)

    def __init__(self, name="poisson", dtype=None):
        super().__init__(name, dtype=dtype)


class BinaryCrossentropy(_FunctionMean):
    """The mean binary cross-entropy between labels and predictions (probabilities, or logits
    with from_logits=True), labels optionally smoothed towards 0.5."""
    _function = staticmethod(F.binary_crossentropy)

    def __init__(self, name="binary_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0):
        super().__init__(name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "label_smoothing": self.label_smoothing}


class CategoricalCrossentropy(_FunctionMean):
    """The mean categorical cross-entropy between one-hot labels and predictions along `axis`."""
    _function = staticmethod(F.categorical_crossentropy)

    def __init__(self, name="categorical_crossentropy", dtype=None, from_logits=False,
                 label_smoothing=0, axis=-1):
        super().__init__(name, dtype=dtype, from_logits=from_logits,
                         label_smoothing=label_smoothing, axis=axis)
        self.from_logits = from_logits
        self.label_smoothing = label_smoothing
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "label_smoothing": self.label_smoothing, "axis": self.axis}


class SparseCategoricalCrossentropy(_FunctionMean):
    """The mean categorical cross-entropy between integer labels and predictions along `axis`;
    labels equal to `ignore_class` contribute 0."""
    _function = staticmethod(F.sparse_categorical_crossentropy)

    def __init__(self, name="sparse_categorical_crossentropy", dtype=None, from_logits=False,
                 ignore_class=None, axis=-1):
        super().__init__(name, dtype=dtype, from_logits=from_logits, ignore_class=ignore_class,
                         axis=axis)
        self.from_logits = from_logits
        self.ignore_class = ignore_class
        self.axis = axis

    def get_config(self):
        return {"name": self.name, "dtype": self.dtype, "from_logits": self.from_logits,
                "ignore_class": self.ignore_class, "axis": self.axis}
