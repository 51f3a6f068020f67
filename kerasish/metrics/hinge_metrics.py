"""Hinge metrics (as keras.metrics): Hinge, SquaredHinge and CategoricalHinge as means over
samples. Binary labels in {0, 1} are read as {-1, 1}."""
from kerasish.metrics import _functions as F
from kerasish.metrics.reduction_metrics import _FunctionMean


class Hinge(_FunctionMean):
    """The mean of max(1 - y_true * y_pred, 0)."""
    _function = staticmethod(F.hinge)

    def __init__(self, name="hinge", dtype=None):
        super().__init__(name, dtype=dtype)


class SquaredHinge(_FunctionMean):
    """The mean of max(1 - y_true * y_pred, 0) ** 2."""
    _function = staticmethod(F.squared_hinge)

    def __init__(self, name="squared_hinge", dtype=None):
        super().__init__(name, dtype=dtype)


class CategoricalHinge(_FunctionMean):
    """The mean of max(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0)."""
    _function = staticmethod(F.categorical_hinge)

    def __init__(self, name="categorical_hinge", dtype=None):
        super().__init__(name, dtype=dtype)
