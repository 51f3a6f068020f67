"""Weight constraints (as keras.constraints): projections applied to a weight after each update."""
from kerasish import backend, ops


def _norms(w, axis):
    """The L2 norms of `w` along `axis` (an int or a list of ints), keeping dims."""
    return ops.sqrt(ops.sum(ops.square(w), axis=axis, keepdims=True))


class Constraint:
    """Base class: `constraint(w)` returns the projected weight (here, `w` unchanged)."""

    def __call__(self, w):
        return w

    def get_config(self):
        return {}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class MaxNorm(Constraint):
    """Rescales each slice along `axis` (e.g. [0, 1, 2] for a Conv2D kernel) to norm <= max_value."""

    def __init__(self, max_value=2, axis=0):
        self.max_value = max_value
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = ops.clip(norms, 0, self.max_value)
        return ops.cast(w, norms.dtype) * (desired / (backend.epsilon() + norms))

    def get_config(self):
        return {"max_value": self.max_value, "axis": self.axis}


class NonNeg(Constraint):
    """Sets negative weights to 0."""

    def __call__(self, w):
        return ops.maximum(ops.convert_to_tensor(w), 0)


class UnitNorm(Constraint):
    """Rescales each slice along `axis` to unit norm (an all-zero slice stays 0)."""

    def __init__(self, axis=0):
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        return ops.cast(w, norms.dtype) / (backend.epsilon() + norms)

    def get_config(self):
        return {"axis": self.axis}


class MinMaxNorm(Constraint):
    """Rescales each slice along `axis` to norm `(1 - rate) * norm + rate * clip(norm, min_value,
    max_value)`: rate=1 enforces the bounds, rate<1 moves towards them."""

    def __init__(self, min_value=0.0, max_value=1.0, rate=1.0, axis=0):
        self.min_value = min_value
        self.max_value = max_value
        self.rate = rate
        self.axis = axis

    def __call__(self, w):
        w = ops.convert_to_tensor(w)
        norms = _norms(w, self.axis)
        desired = (self.rate * ops.clip(norms, self.min_value, self.max_value)
                   + (1 - self.rate) * norms)
        return ops.cast(w, norms.dtype) * (desired / (backend.epsilon() + norms))

    def get_config(self):
        return {"min_value": self.min_value, "max_value": self.max_value, "rate": self.rate,
                "axis": self.axis}
