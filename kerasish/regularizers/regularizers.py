"""Weight penalties (as keras.regularizers): callables from a tensor to a scalar loss term."""
import math
import numbers

from kerasish import backend, ops


def validate_float_arg(value, name):
    """`value` as a float when it is a finite, non-negative real number; else Keras's ValueError."""
    if (not isinstance(value, numbers.Real) or math.isinf(value) or math.isnan(value)
            or value < 0):
        raise ValueError(
            f"Invalid value for argument {name}: expected a non-negative float. "
            f"Received: {name}={value}")
    return float(value)


class Regularizer:
    """Base class: `regularizer(x)` is a scalar penalty added to the loss (0 here)."""

    def __call__(self, x):
        return 0.0

    def get_config(self):
        raise NotImplementedError(f"{self} does not implement get_config()")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


class L1L2(Regularizer):
    """`l1 * sum(abs(x)) + l2 * sum(square(x))`; None for either factor means 0."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = validate_float_arg(0.0 if l1 is None else l1, name="l1")
        self.l2 = validate_float_arg(0.0 if l2 is None else l2, name="l2")

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        penalty = ops.zeros((), dtype=x.dtype)
        if self.l1:
            penalty = penalty + ops.cast(self.l1, x.dtype) * ops.sum(ops.abs(x))
        if self.l2:
            penalty = penalty + ops.cast(self.l2, x.dtype) * ops.sum(ops.square(x))
        return penalty

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


class L1(Regularizer):
    """`l1 * sum(abs(x))`."""

    def __init__(self, l1=0.01):
        self.l1 = validate_float_arg(0.01 if l1 is None else l1, name="l1")

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        return ops.cast(self.l1, x.dtype) * ops.sum(ops.abs(x))

    def get_config(self):
        return {"l1": self.l1}


class L2(Regularizer):
    """`l2 * sum(square(x))`."""

    def __init__(self, l2=0.01):
        self.l2 = validate_float_arg(0.01 if l2 is None else l2, name="l2")

    def __call__(self, x):
        x = ops.convert_to_tensor(x)
        return ops.cast(self.l2, x.dtype) * ops.sum(ops.square(x))

    def get_config(self):
        return {"l2": self.l2}


class OrthogonalRegularizer(Regularizer):
    """`factor` times the mean absolute cosine similarity between distinct rows (mode="rows") or
    columns (mode="columns") of a rank-2 input; 0 when there are fewer than two."""

    def __init__(self, factor=0.01, mode="rows"):
        self.factor = validate_float_arg(factor, name="factor")
        if mode not in {"rows", "columns"}:
            raise ValueError(
                'Invalid value for argument `mode`. Expected one of {"rows", "columns"}. '
                f"Received: mode={mode}")
        self.mode = mode

    def __call__(self, inputs):
        x = ops.convert_to_tensor(inputs)
        if len(x.shape) != 2:
            raise ValueError(
                f"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={x.shape}")
        rows = self.mode == "rows"
        size = x.shape[0] if rows else x.shape[1]
        if size < 2:  # no pairs (Keras divides 0 by 0 here and returns nan)
            return ops.zeros((), dtype=x.dtype)
        # L2-normalize each row (column): x / max(norm, epsilon). Keras's form is
        # x * min(rsqrt(s), 1/eps); rsqrt(max(s, eps^2)) is the same value, and its gradient
        # stays finite for an all-zero row (Keras's is nan there: 0 * inf).
        eps = backend.epsilon()
        squares = ops.sum(ops.square(x), axis=1 if rows else 0, keepdims=True)
        x = x * ops.rsqrt(ops.maximum(squares, eps * eps))
        product = ops.matmul(x, ops.transpose(x)) if rows else ops.matmul(ops.transpose(x), x)
        off_diagonal = product * (1.0 - ops.eye(size, dtype=x.dtype))
        num_pairs = size * (size - 1.0) / 2.0
        return ops.cast(self.factor, x.dtype) * 0.5 * ops.sum(ops.abs(off_diagonal)) / num_pairs

    def get_config(self):
        return {"factor": self.factor, "mode": self.mode}
