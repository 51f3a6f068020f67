"""Random ops for the NumPy backend.

Every op is stateless: `seed` is a uint32 array of shape (2,) (kerasish.random.draw_seed makes
it), and a fresh `np.random.default_rng(seed)` draws from it, so the same seed gives the same
values (and the values of Keras's NumPy backend for normal, uniform, randint, truncated_normal and
the dropout mask). kerasish.random has already checked the arguments: `shape` is a tuple of ints,
`dtype` a standardized name of the right kind.

The backend interface (the same on every backend):

    random_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32")
    random_uniform(shape, seed, minval=0.0, maxval=1.0, dtype="float32")     # [minval, maxval)
    random_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32")  # |z| <= 2
    random_randint(shape, seed, minval, maxval, dtype="int32")                # [minval, maxval)
    random_categorical(logits, num_samples, seed, dtype="int32")  # (batch, classes) -> (batch, n)
    random_dropout(inputs, rate, seed, noise_shape=None)  # 0 <= rate <= 1; float inputs; seed
                                                          # unused (may be None) for rate 0 or 1
    random_shuffle(x, seed, axis=0)                       # permutes whole slices along `axis`

`mean`/`stddev`/`minval`/`maxval` may be numbers or tensors (then the result is differentiable in
them); the result always has `dtype`. dropout is differentiable in `inputs`.
"""
import numbers

import numpy as np

from kerasish.backends.numpy.autodiff import defvjp, primitive, unbox
from kerasish.backends.numpy.core import cast, convert_to_tensor, getitem, shape as shape_of
from kerasish.backends.numpy.elementwise import add, multiply

__all__ = [
    "random_normal", "random_uniform", "random_truncated_normal", "random_randint",
    "random_categorical", "random_dropout", "random_shuffle",
]


def _rng(seed):
    return np.random.default_rng(np.asarray(unbox(seed), dtype=np.uint32))


def _np_dtype(name):
    # NumPy has no bfloat16 of its own; ml_dtypes (a JAX dependency) provides it.
    if name == "bfloat16":
        import ml_dtypes

        return np.dtype(ml_dtypes.bfloat16)
    return np.dtype(name)


def _is_number(x):
    return isinstance(x, numbers.Real) or (isinstance(x, np.ndarray) and x.ndim == 0)


def _affine(sample, scale, shift, dtype):
    """sample * scale + shift as `dtype`: in float64 for numbers (as NumPy's own loc/scale), with
    differentiable backend ops when scale or shift is a tensor."""
    if _is_number(scale) and _is_number(shift):
        return (sample * scale + shift).astype(_np_dtype(dtype))
    return cast(add(multiply(cast(sample, dtype), scale), shift), dtype)


def random_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32"):
    return _affine(_rng(seed).standard_normal(shape), stddev, mean, dtype)


def random_uniform(shape, seed, minval=0.0, maxval=1.0, dtype="float32"):
    sample = _rng(seed).random(shape)
    if not (_is_number(minval) and _is_number(maxval)):
        return _affine(sample, _difference(maxval, minval), minval, dtype)
    out = _affine(sample, float(maxval) - float(minval), minval, dtype)
    # Rounding the float64 draw to a narrower dtype can reach maxval; keep the interval half-open.
    top = np.asarray(maxval, dtype=out.dtype)
    if float(maxval) > float(minval) and np.any(out >= top):
        below = np.nextafter(top, np.asarray(minval, dtype=out.dtype)).astype(out.dtype)
        out = np.where(out >= top, below, out)
    return out


def _difference(a, b):
    # a - b from add and multiply (differentiable in both).
    return add(a, multiply(b, -1.0))


def random_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32"):
    # Rejection sampling, vectorized: draw a batch, keep |z| <= 2, repeat until there are enough.
    rng = _rng(seed)
    n = int(np.prod(shape, dtype=np.int64))
    kept = np.empty(0)
    while kept.size < n:
        batch = rng.standard_normal(n)
        kept = np.concatenate([kept, batch[np.abs(batch) <= 2.0]])
    return _affine(kept[:n].reshape(shape), stddev, mean, dtype)


def random_randint(shape, seed, minval, maxval, dtype="int32"):
    return _rng(seed).integers(unbox(minval), unbox(maxval), size=shape, dtype=dtype)


def random_categorical(logits, num_samples, seed, dtype="int32"):
    # The Gumbel-max trick: argmax(logits + Gumbel noise) samples softmax(logits), for every row
    # and sample at once.
    logits = np.asarray(unbox(logits))
    batch, classes = logits.shape
    noise = _rng(seed).gumbel(size=(batch, num_samples, classes))
    return np.argmax(logits[:, None, :] + noise, axis=-1).astype(dtype)


@primitive
def _keep_and_scale(x, mask, keep_prob):
    # As Keras: kept entries become x / keep_prob, dropped ones 0.
    return np.where(mask, x / keep_prob, np.zeros((), x.dtype)).astype(x.dtype, copy=False)


defvjp(_keep_and_scale,
       lambda g, ans, x, mask, keep_prob: np.where(mask, g / keep_prob, np.zeros((), g.dtype)))


def random_dropout(inputs, rate, seed, noise_shape=None):
    inputs = convert_to_tensor(inputs)
    if rate == 0.0:
        return inputs
    if rate == 1.0:
        return np.zeros(shape_of(inputs), dtype=inputs.dtype)
    keep_prob = 1.0 - rate
    noise_shape = shape_of(inputs) if noise_shape is None else tuple(noise_shape)
    mask = _rng(seed).uniform(size=noise_shape) < keep_prob
    return _keep_and_scale(inputs, np.broadcast_to(mask, shape_of(inputs)), keep_prob)


def random_shuffle(x, seed, axis=0):
    x = convert_to_tensor(x)
    order = _rng(seed).permutation(shape_of(x)[axis])
    return getitem(x, (slice(None),) * axis + (order,))
