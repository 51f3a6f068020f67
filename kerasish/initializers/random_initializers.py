"""Random initializers: RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling (and the
Glorot / He / Lecun presets), Orthogonal.

Values are drawn on the host from a NumPy generator (`np.random.default_rng`) on every backend,
then converted to a tensor of the active backend, so the same seed gives bit-identical initial
weights on NumPy and JAX (Keras draws with each backend's own RNG, so its values differ between
backends). The seed:
- an int: every call of the initializer gives the same values (as in Keras);
- None: a seed is drawn once, when the initializer is created, from Python's `random` (which
  `kerasish.utils.set_random_seed` seeds), so each call of that instance gives the same values,
  as in Keras, and a run is reproducible after `set_random_seed`;
- a `kerasish.random.SeedGenerator`: each call takes the generator's next state as the seed, so
  each call gives new values.
"""
import math

import numpy as np

from kerasish import ops
from kerasish.backend import is_float, standardize_dtype
from kerasish.initializers.initializer import Initializer, standardize_shape
from kerasish.random.seed_generator import SeedGenerator, make_default_seed
from kerasish.saving import serialization

# Keras's truncated normal keeps values within 2 standard deviations; the standard deviation of
# a standard normal truncated to [-2, 2] is 0.87962566103423978, which VarianceScaling divides by.
_TRUNCATION = 2.0
_TRUNCATED_STDDEV = 0.87962566103423978


def _host_rng(op, seed):
    """A NumPy Generator for one call, from an int seed or a SeedGenerator's next state."""
    if isinstance(seed, SeedGenerator):
        return np.random.default_rng(np.asarray(seed.next(), dtype=np.uint32).tolist())
    return np.random.default_rng(int(seed) % 2**64)


def _truncated_normal(rng, shape):
    """Standard normal values redrawn until all lie within [-2, 2] (about 4.6% are redrawn per
    round, so a few vectorized rounds suffice)."""
    values = rng.standard_normal(shape)
    outside = np.abs(values) > _TRUNCATION
    while outside.any():
        values[outside] = rng.standard_normal(int(outside.sum()))
        outside = np.abs(values) > _TRUNCATION
    return values


def _to_tensor(values, dtype):
    """Host float64 values as a tensor of `dtype`, rounded on the host where NumPy knows the dtype
    (so both backends hold the same bits)."""
    try:
        values = values.astype(np.dtype(dtype))
    except TypeError:  # bfloat16: the backend rounds
        pass
    return ops.convert_to_tensor(values, dtype=dtype)


def _float_dtype(op, dtype):
    dtype = standardize_dtype(dtype)
    if not is_float(dtype):
        raise ValueError(f"{op}: `dtype` must be a floating-point dtype; received dtype={dtype!r}.")
    return dtype


class RandomInitializer(Initializer):
    """Base of the random initializers: holds the seed (see the module docstring)."""

    def __init__(self, seed=None):
        self._init_seed = seed
        if seed is None:
            seed = make_default_seed()
        elif isinstance(seed, dict):
            seed = serialization.deserialize_keras_object(
                seed, {"SeedGenerator": SeedGenerator}, "seed generator")
        elif isinstance(seed, bool) or not isinstance(seed, (int, np.integer, SeedGenerator)):
            raise ValueError(
                f"{type(self).__name__}: `seed` must be an int, a kerasish.random.SeedGenerator "
                f"or None; received seed={seed!r} (of type {type(seed).__name__}).")
        self.seed = seed

    def _draw(self, shape, dtype, sample):
        """`sample(rng, shape)` (float64 host values) as a tensor of `shape` and `dtype`."""
        name = type(self).__name__
        shape = standardize_shape(name, shape)
        dtype = _float_dtype(name, dtype)
        return _to_tensor(sample(_host_rng(name, self.seed), shape), dtype)

    def get_config(self):
        seed = self._init_seed
        if isinstance(seed, SeedGenerator):
            seed = serialization.serialize_keras_object(seed, "keras.random")
        return {"seed": seed}


class RandomNormal(RandomInitializer):
    """Normal values with mean `mean` and standard deviation `stddev`."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return self._draw(shape, dtype, lambda rng, s: rng.normal(self.mean, self.stddev, s))

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(RandomInitializer):
    """Normal values with mean `mean` and standard deviation `stddev` before truncation, redrawn
    where more than 2 standard deviations from the mean."""

    def __init__(self, mean=0.0, stddev=0.05, seed=None):
        self.mean = mean
        self.stddev = stddev
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return self._draw(shape, dtype,
                          lambda rng, s: _truncated_normal(rng, s) * self.stddev + self.mean)

    def get_config(self):
        return {**super().get_config(), "mean": self.mean, "stddev": self.stddev}


class RandomUniform(RandomInitializer):
    """Uniform values in [minval, maxval)."""

    def __init__(self, minval=-0.05, maxval=0.05, seed=None):
        self.minval = minval
        self.maxval = maxval
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        return self._draw(shape, dtype, lambda rng, s: rng.uniform(self.minval, self.maxval, s))

    def get_config(self):
        return {**super().get_config(), "minval": self.minval, "maxval": self.maxval}


def compute_fans(shape, input_axes=None, output_axes=None):
    """(fan_in, fan_out) of a weight shape: a dense kernel (in, out) gives (in, out); a conv
    kernel (*window, in_channels, out_channels) multiplies both by the window size (the receptive
    field); a 1-D shape gives (n, n) and a scalar (1, 1). With `input_axes` and `output_axes`, the
    products of those dimensions."""
    shape = tuple(shape)
    if input_axes is not None and output_axes is not None:
        return (int(np.prod([shape[a] for a in input_axes], dtype=np.int64)),
                int(np.prod([shape[a] for a in output_axes], dtype=np.int64)))
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return int(shape[0]), int(shape[0])
    receptive_field = int(np.prod(shape[:-2], dtype=np.int64))
    return int(shape[-2]) * receptive_field, int(shape[-1]) * receptive_field


class VarianceScaling(RandomInitializer):
    """Values whose variance is `scale / n`, with n the fan-in, fan-out or their average (`mode`),
    drawn from a truncated normal, an untruncated normal or a uniform (`distribution`)."""

    _MODES = ("fan_in", "fan_out", "fan_avg")
    _DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")

    def __init__(self, scale=1.0, mode="fan_in", distribution="truncated_normal", seed=None,
                 input_axes=None, output_axes=None):
        name = type(self).__name__
        if isinstance(scale, bool) or not isinstance(scale, (int, float, np.number)) or not scale > 0:
            raise ValueError(f"{name}: `scale` must be a positive float; received scale={scale!r}.")
        if mode not in self._MODES:
            raise ValueError(
                f"{name}: `mode` must be one of {', '.join(map(repr, self._MODES))}; received "
                f"mode={mode!r}.")
        if not isinstance(distribution, str) or distribution.lower() not in self._DISTRIBUTIONS + ("normal",):
            raise ValueError(
                f"{name}: `distribution` must be one of {', '.join(map(repr, self._DISTRIBUTIONS))} "
                f"(or 'normal', meaning 'truncated_normal'); received distribution={distribution!r}.")
        distribution = distribution.lower()
        self.scale = scale
        self.mode = mode
        self.distribution = "truncated_normal" if distribution == "normal" else distribution
        self.input_axes = input_axes
        self.output_axes = output_axes
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        fan_in, fan_out = compute_fans(standardize_shape(type(self).__name__, shape),
                                       self.input_axes, self.output_axes)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2.0}[self.mode]
        scale = self.scale / max(1.0, n)
        if self.distribution == "truncated_normal":
            stddev = math.sqrt(scale) / _TRUNCATED_STDDEV
            sample = lambda rng, s: _truncated_normal(rng, s) * stddev  # noqa: E731
        elif self.distribution == "untruncated_normal":
            stddev = math.sqrt(scale)
            sample = lambda rng, s: rng.standard_normal(s) * stddev  # noqa: E731
        else:
            limit = math.sqrt(3.0 * scale)
            sample = lambda rng, s: rng.uniform(-limit, limit, s)  # noqa: E731
        return self._draw(shape, dtype, sample)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale, "mode": self.mode,
                "distribution": self.distribution, "input_axes": self.input_axes,
                "output_axes": self.output_axes}


class _Preset(VarianceScaling):
    """A VarianceScaling with fixed scale, mode and distribution; its config holds only the seed
    and axes (as Keras's)."""

    _PRESET = None  # (scale, mode, distribution)

    def __init__(self, seed=None, input_axes=None, output_axes=None):
        scale, mode, distribution = self._PRESET
        super().__init__(scale=scale, mode=mode, distribution=distribution, seed=seed,
                         input_axes=input_axes, output_axes=output_axes)

    def get_config(self):
        config = super().get_config()
        return {k: config[k] for k in ("seed", "input_axes", "output_axes")}


class GlorotUniform(_Preset):
    """Uniform in [-limit, limit], limit = sqrt(6 / (fan_in + fan_out))."""
    _PRESET = (1.0, "fan_avg", "uniform")


class GlorotNormal(_Preset):
    """Truncated normal with stddev sqrt(2 / (fan_in + fan_out)) (before truncation's shrink)."""
    _PRESET = (1.0, "fan_avg", "truncated_normal")


class LecunNormal(_Preset):
    """Truncated normal with stddev sqrt(1 / fan_in)."""
    _PRESET = (1.0, "fan_in", "truncated_normal")


class LecunUniform(_Preset):
    """Uniform in [-limit, limit], limit = sqrt(3 / fan_in)."""
    _PRESET = (1.0, "fan_in", "uniform")


class HeNormal(_Preset):
    """Truncated normal with stddev sqrt(2 / fan_in)."""
    _PRESET = (2.0, "fan_in", "truncated_normal")


class HeUniform(_Preset):
    """Uniform in [-limit, limit], limit = sqrt(6 / fan_in)."""
    _PRESET = (2.0, "fan_in", "uniform")


class Orthogonal(RandomInitializer):
    """`gain` times a random orthogonal matrix (the Q of a normal matrix's QR decomposition, signs
    fixed by R's diagonal), reshaped: shape (..., n) flattens to (prod(...), n), whose rows (if
    fewer than columns) or columns are orthonormal."""

    def __init__(self, gain=1.0, seed=None):
        self.gain = gain
        super().__init__(seed=seed)

    def __call__(self, shape, dtype=None):
        shape = standardize_shape("Orthogonal", shape)
        if len(shape) < 2:
            raise ValueError(
                f"Orthogonal: the tensor to initialize must be at least two-dimensional; received "
                f"shape={shape} of rank {len(shape)}.")
        rows, cols = int(np.prod(shape[:-1], dtype=np.int64)), shape[-1]

        def sample(rng, _):
            a = rng.standard_normal((max(rows, cols), min(rows, cols)))
            q, r = np.linalg.qr(a)
            q = q * np.sign(np.diag(r))  # makes the decomposition unique (uniformly distributed Q)
            if rows < cols:
                q = q.T
            return self.gain * q.reshape(shape)

        return self._draw(shape, dtype, sample)

    def get_config(self):
        return {**super().get_config(), "gain": self.gain}
