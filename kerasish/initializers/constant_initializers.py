"""Initializers with fixed values: Constant, Zeros, Ones, Identity."""
from kerasish import ops
from kerasish.backend import standardize_dtype
from kerasish.initializers.initializer import Initializer, standardize_shape


class Constant(Initializer):
    """Every value equal to `value` (a scalar, or an array that broadcasts to the shape)."""

    def __init__(self, value=0.0):
        self.value = value

    def __call__(self, shape, dtype=None):
        shape = standardize_shape("Constant", shape)
        dtype = standardize_dtype(dtype)
        return ops.broadcast_to(ops.convert_to_tensor(self.value, dtype=dtype), shape)

    def get_config(self):
        return {"value": self.value}


class Zeros(Initializer):
    """All zeros."""

    def __call__(self, shape, dtype=None):
        return ops.zeros(standardize_shape("Zeros", shape), dtype=standardize_dtype(dtype))


class Ones(Initializer):
    """All ones."""

    def __call__(self, shape, dtype=None):
        return ops.ones(standardize_shape("Ones", shape), dtype=standardize_dtype(dtype))


class Identity(Initializer):
    """`gain` times the identity matrix (2-D shapes only; a rectangular shape gets ones on the
    main diagonal)."""

    def __init__(self, gain=1.0):
        self.gain = gain

    def __call__(self, shape, dtype=None):
        shape = standardize_shape("Identity", shape)
        if len(shape) != 2:
            raise ValueError(
                f"Identity: the identity initializer can only be used for 2D matrices; received "
                f"shape={shape} of rank {len(shape)}.")
        dtype = standardize_dtype(dtype)
        return ops.multiply(ops.cast(self.gain, dtype), ops.eye(*shape, dtype=dtype))

    def get_config(self):
        return {"gain": self.gain}
