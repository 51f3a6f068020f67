"""Random ops (keras.random): each takes `seed=` and checks its arguments here, so both backends
give the same messages, then calls the backend's `random_*` op with a uint32 seed tensor.

`seed` is an int (the same values on every call), a `SeedGenerator` (new values on each call), a
seed tensor (uint32, shape (2,): works inside jit with a traced seed) or None (the global
SeedGenerator; not usable inside a traced function, as in Keras). See seed_generator.py.
"""
import numbers

import numpy as np

from kerasish import ops
from kerasish.backend import dtypes
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch
from kerasish.random.seed_generator import draw_seed

__all__ = ["normal", "uniform", "truncated_normal", "randint", "categorical", "dropout", "shuffle"]


def _shape_arg(op, shape):
    """`shape` as a tuple of non-negative ints (an int n means (n,))."""
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
        shape = (shape,)
    try:
        dims = tuple(shape)
    except TypeError:
        raise TypeError(
            f"{op}: `shape` must be a tuple of non-negative ints; received {shape!r}.") from None
    for d in dims:
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 0:
            raise ValueError(
                f"{op}: `shape` must be a tuple of non-negative ints (every dimension known); "
                f"received shape={shape!r}.")
    return tuple(int(d) for d in dims)


def _dtype_of_kind(op, dtype, kinds, what):
    dtype = checks.dtype_arg(op, dtype)
    if dtype not in kinds:
        raise ValueError(f"{op}: `dtype` must be {what}; received dtype={dtype!r}.")
    return dtype


def _float_dtype(op, dtype):
    return _dtype_of_kind(op, dtype, dtypes.FLOAT_TYPES, "a floating-point dtype")


def _int_dtype(op, dtype):
    return _dtype_of_kind(op, dtype, dtypes.INT_TYPES, "an integer dtype")


def normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from a normal distribution (dtype defaults to floatx)."""
    shape = _shape_arg("normal", shape)
    dtype = _float_dtype("normal", dtype)
    return dispatch("random_normal", shape, draw_seed(seed), mean=mean, stddev=stddev, dtype=dtype)


def uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    """Samples from a uniform distribution on [minval, maxval) (dtype defaults to floatx)."""
    shape = _shape_arg("uniform", shape)
    dtype = _float_dtype("uniform", dtype)
    if isinstance(minval, numbers.Real) and isinstance(maxval, numbers.Real) and maxval < minval:
        raise ValueError(
            f"uniform: `maxval` must be >= `minval`; received minval={minval}, maxval={maxval}.")
    return dispatch("random_uniform", shape, draw_seed(seed), minval=minval, maxval=maxval,
                    dtype=dtype)


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Samples from a normal distribution, redrawing those more than 2 stddev from the mean."""
    shape = _shape_arg("truncated_normal", shape)
    dtype = _float_dtype("truncated_normal", dtype)
    return dispatch("random_truncated_normal", shape, draw_seed(seed), mean=mean, stddev=stddev,
                    dtype=dtype)


def randint(shape, minval, maxval, dtype="int32", seed=None):
    """Uniform random integers in [minval, maxval)."""
    shape = _shape_arg("randint", shape)
    dtype = _int_dtype("randint", dtype)
    if isinstance(minval, numbers.Integral) and isinstance(maxval, numbers.Integral):
        if maxval <= minval:
            raise ValueError(
                f"randint: `maxval` must be greater than `minval`; received minval={minval}, "
                f"maxval={maxval}.")
        info = np.iinfo(dtype)
        if minval < info.min or maxval - 1 > info.max:
            raise ValueError(
                f"randint: the range [{minval}, {maxval}) does not fit in dtype {dtype!r} "
                f"([{info.min}, {info.max}]).")
    return dispatch("random_randint", shape, draw_seed(seed), minval=minval, maxval=maxval,
                    dtype=dtype)


def categorical(logits, num_samples, dtype="int32", seed=None):
    """Samples class indices: `logits` (batch, num_classes) -> (batch, num_samples)."""
    checks.rank_is("categorical", logits, 2, name="logits",
                   what=" (batch_size, num_classes) of unnormalized log-probabilities")
    if isinstance(num_samples, bool) or not isinstance(num_samples, (int, np.integer)) \
            or num_samples < 0:
        raise ValueError(
            f"categorical: `num_samples` must be a non-negative int; received {num_samples!r}.")
    dtype = _int_dtype("categorical", dtype)
    logits = ops.convert_to_tensor(logits)
    return dispatch("random_categorical", logits, int(num_samples), draw_seed(seed), dtype=dtype)


def _noise_shape(inputs_shape, noise_shape):
    if noise_shape is None:
        return tuple(inputs_shape)
    noise_shape = tuple(noise_shape)
    if len(noise_shape) != len(inputs_shape):
        raise ValueError(
            f"dropout: `noise_shape` {noise_shape} must have the rank of `inputs`, whose shape is "
            f"{tuple(inputs_shape)}.")
    resolved = tuple(full if n is None else int(n) for n, full in zip(noise_shape, inputs_shape))
    for n, full in zip(resolved, inputs_shape):
        if n != 1 and n != full:
            raise ValueError(
                f"dropout: `noise_shape` {noise_shape} must broadcast to the shape of `inputs` "
                f"{tuple(inputs_shape)} (each dimension equal or 1).")
    return resolved


def dropout(inputs, rate, noise_shape=None, seed=None):
    """Zeros each entry with probability `rate` and scales the others by 1 / (1 - rate).

    `noise_shape` (None entries: the inputs' size) shares one keep/drop decision along the
    dimensions where it is 1. Differentiable in `inputs`."""
    if isinstance(rate, np.ndarray) and rate.ndim == 0:
        rate = rate.item()
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real):
        raise TypeError(
            f"dropout: `rate` must be a Python float in [0, 1]; received {rate!r} "
            f"(of type {type(rate).__name__}).")
    if not 0 <= rate <= 1:
        raise ValueError(f"dropout: `rate` must be in [0, 1]; received rate={rate}.")
    inputs = ops.convert_to_tensor(inputs)
    if not dtypes.is_float(ops.dtype(inputs)):
        inputs = ops.cast(inputs, dtypes.float_result(ops.dtype(inputs)))
    noise_shape = _noise_shape(checks.shape_of(inputs), noise_shape)
    rate = float(rate)
    if rate == 0.0:
        return inputs
    # As Keras, rate 1 draws no seed (a SeedGenerator does not advance).
    seed = None if rate == 1.0 else draw_seed(seed)
    return dispatch("random_dropout", inputs, rate, seed, noise_shape=noise_shape)


def shuffle(x, axis=0, seed=None):
    """`x` with its slices along `axis` in a random order (a permutation of whole slices)."""
    x = ops.convert_to_tensor(x)
    checks.min_rank("shuffle", x, 1)
    axis = checks.canonical_axis("shuffle", axis, len(checks.shape_of(x)))
    return dispatch("random_shuffle", x, draw_seed(seed), axis=axis)
