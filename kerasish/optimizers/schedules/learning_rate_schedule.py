"""Learning-rate schedules (as keras.optimizers.schedules): `schedule(step) -> learning rate`.

An optimizer built with a schedule calls it with its iteration counter at every step. Every
schedule is written with kerasish.ops and without Python branches on tensor values, so it runs
eagerly, inside `StatelessScope`, under `ops.jit` and under `ops.value_and_grad` alike.
"""
import math

from kerasish import ops
from kerasish.backend import dtypes


class LearningRateSchedule:
    """The base class: subclasses implement `__call__(step)` and `get_config()`."""

    def __call__(self, step):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `__call__(self, step)`.")

    def get_config(self):
        raise NotImplementedError(
            f"Learning rate schedule '{type(self).__name__}' must override `get_config()` in order "
            f"to be serializable.")

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _check_steps(schedule, name, value):
    if value <= 0:
        raise ValueError(
            f"{type(schedule).__name__}: argument `{name}` must be > 0. Received: {name}={value}")


def _initial(value):
    """The initial rate as a tensor and the dtype the schedule computes in (float32 for Python
    numbers, as Keras; an int rate computes in floatx instead of integer arithmetic)."""
    value = ops.convert_to_tensor(value)
    dtype = ops.dtype(value)
    if not dtypes.is_float(dtype):
        from kerasish.backend.config import floatx
        dtype = floatx()
        value = ops.cast(value, dtype)
    return value, dtype


class ExponentialDecay(LearningRateSchedule):
    """`initial_learning_rate * decay_rate ** (step / decay_steps)` (the exponent floored when
    `staircase`)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps(self, "decay_steps", decay_steps)

    def __call__(self, step):
        initial, dtype = _initial(self.initial_learning_rate)
        p = ops.divide(ops.cast(step, dtype), ops.cast(self.decay_steps, dtype))
        if self.staircase:
            p = ops.floor(p)
        return ops.multiply(initial, ops.power(ops.cast(self.decay_rate, dtype), p))

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


class PiecewiseConstantDecay(LearningRateSchedule):
    """`values[0]` up to and including step `boundaries[0]`, `values[1]` up to `boundaries[1]`,
    ..., `values[-1]` after the last boundary."""

    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        if len(boundaries) != len(values) - 1:
            raise ValueError(
                f"PiecewiseConstantDecay: the length of boundaries should be 1 less than the "
                f"length of values. Received: boundaries={boundaries} of length "
                f"{len(boundaries)}, and values={values} of length {len(values)}.")
        self.boundaries = boundaries
        self.values = values
        self.name = name

    def __call__(self, step):
        step = ops.convert_to_tensor(step)
        # Boundaries compare in the step's dtype (an int step floors float boundaries, as Keras).
        bounds = [ops.cast(b, ops.dtype(step)) for b in self.boundaries]
        values = [ops.convert_to_tensor(v) for v in self.values]
        dtype = ops.dtype(values[0])
        # Sum of value * [step in its interval]: one expression, no branch on the step.
        result = ops.multiply(ops.cast(ops.less_equal(step, bounds[0]), dtype), values[0])
        result = ops.add(result, ops.multiply(ops.cast(ops.greater(step, bounds[-1]), dtype),
                                              values[-1]))
        for low, high, value in zip(bounds[:-1], bounds[1:], values[1:-1]):
            inside = ops.logical_and(ops.greater(step, low), ops.less_equal(step, high))
            result = ops.add(result, ops.multiply(ops.cast(inside, dtype), value))
        return ops.cast(result, dtype)

    def get_config(self):
        return {"boundaries": self.boundaries, "values": self.values, "name": self.name}


class PolynomialDecay(LearningRateSchedule):
    """From `initial_learning_rate` to `end_learning_rate` over `decay_steps` along
    `(1 - step / decay_steps) ** power`; with `cycle`, `decay_steps` grows to the next multiple
    above the step instead of the rate staying at its end value."""

    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.end_learning_rate = end_learning_rate
        self.power = power
        self.cycle = cycle
        self.name = name
        _check_steps(self, "decay_steps", decay_steps)

    def __call__(self, step):
        initial, dtype = _initial(self.initial_learning_rate)
        end = ops.cast(self.end_learning_rate, dtype)
        step = ops.cast(step, dtype)
        decay_steps = ops.cast(self.decay_steps, dtype)
        if self.cycle:
            # The first multiple of decay_steps at or above the step (1 at step 0).
            multiplier = ops.where(ops.equal(step, 0), 1.0, ops.ceil(step / self.decay_steps))
            decay_steps = ops.multiply(decay_steps, ops.cast(multiplier, dtype))
        else:
            step = ops.minimum(step, decay_steps)
        p = ops.divide(step, decay_steps)
        decayed = ops.multiply(ops.subtract(initial, end),
                               ops.power(ops.subtract(1, p), ops.cast(self.power, dtype)))
        return ops.add(decayed, end)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "end_learning_rate": self.end_learning_rate,
                "power": self.power, "cycle": self.cycle, "name": self.name}


class InverseTimeDecay(LearningRateSchedule):
    """`initial_learning_rate / (1 + decay_rate * step / decay_steps)` (the ratio floored when
    `staircase`)."""

    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.decay_rate = decay_rate
        self.staircase = staircase
        self.name = name
        _check_steps(self, "decay_steps", decay_steps)

    def __call__(self, step):
        initial, dtype = _initial(self.initial_learning_rate)
        p = ops.divide(ops.cast(step, dtype), ops.cast(self.decay_steps, dtype))
        if self.staircase:
            p = ops.floor(p)
        denominator = ops.add(ops.cast(1, dtype), ops.multiply(ops.cast(self.decay_rate, dtype), p))
        return ops.divide(initial, denominator)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "decay_rate": self.decay_rate,
                "staircase": self.staircase, "name": self.name}


def _cosine(fraction, dtype):
    """0.5 * (1 + cos(pi * fraction))."""
    pi = ops.convert_to_tensor(math.pi, dtype=dtype)
    return ops.multiply(0.5, ops.add(1.0, ops.cos(ops.multiply(pi, fraction))))


class CosineDecay(LearningRateSchedule):
    """Cosine decay from the initial rate (or from `warmup_target` after a linear warmup of
    `warmup_steps` steps from the initial rate) down to `alpha` times that rate."""

    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.initial_learning_rate = initial_learning_rate
        self.decay_steps = decay_steps
        self.alpha = alpha
        self.name = name
        self.warmup_steps = warmup_steps
        self.warmup_target = warmup_target
        _check_steps(self, "decay_steps", decay_steps)

    def _decay(self, step, decay_steps, decay_from, dtype):
        decayed = ops.add(ops.multiply(1 - self.alpha, _cosine(ops.divide(step, decay_steps),
                                                               dtype)), self.alpha)
        return ops.multiply(decay_from, decayed)

    def __call__(self, step):
        initial, dtype = _initial(self.initial_learning_rate)
        decay_steps = ops.cast(self.decay_steps, dtype)
        step = ops.cast(step, dtype)
        if self.warmup_target is None:
            return self._decay(ops.minimum(step, decay_steps), decay_steps, initial, dtype)
        target = ops.cast(self.warmup_target, dtype)
        warmup_steps = ops.cast(self.warmup_steps, dtype)
        step = ops.minimum(step, ops.add(decay_steps, warmup_steps))
        # Both pieces are computed and one selected (jit-friendly); with warmup_steps=0 the warmup
        # piece is never selected, so its denominator is kept away from zero.
        safe_warmup = ops.where(ops.greater(warmup_steps, 0), warmup_steps, 1.0)
        warmup = ops.add(ops.multiply(ops.subtract(target, initial),
                                      ops.divide(step, safe_warmup)), initial)
        decay = self._decay(ops.subtract(step, warmup_steps), decay_steps, target, dtype)
        return ops.cast(ops.where(ops.less(step, warmup_steps), warmup, decay), dtype)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "decay_steps": self.decay_steps, "alpha": self.alpha, "name": self.name,
                "warmup_target": self.warmup_target, "warmup_steps": self.warmup_steps}


class CosineDecayRestarts(LearningRateSchedule):
    """Cosine decay with warm restarts (SGDR): period i lasts `first_decay_steps * t_mul ** i`
    steps and starts from `initial_learning_rate * m_mul ** i`."""

    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                 name="SGDRDecay"):
        self.initial_learning_rate = initial_learning_rate
        self.first_decay_steps = first_decay_steps
        self._t_mul = t_mul
        self._m_mul = m_mul
        self.alpha = alpha
        self.name = name
        _check_steps(self, "first_decay_steps", first_decay_steps)

    def __call__(self, step):
        initial, dtype = _initial(self.initial_learning_rate)
        alpha = ops.cast(self.alpha, dtype)
        t_mul = ops.cast(self._t_mul, dtype)
        fraction = ops.divide(ops.cast(step, dtype), ops.cast(self.first_decay_steps, dtype))
        if self._t_mul == 1.0:  # a Python constant: equal periods
            restart = ops.floor(fraction)
            fraction = ops.subtract(fraction, restart)
        else:  # geometric periods: invert the sum 1 + t + t**2 + ... to find the current one
            restart = ops.floor(ops.divide(
                ops.log(ops.subtract(1.0, ops.multiply(fraction, ops.subtract(1.0, t_mul)))),
                ops.log(t_mul)))
            elapsed = ops.divide(ops.subtract(1.0, ops.power(t_mul, restart)),
                                 ops.subtract(1.0, t_mul))
            fraction = ops.divide(ops.subtract(fraction, elapsed), ops.power(t_mul, restart))
        scale = ops.power(ops.cast(self._m_mul, dtype), restart)
        cosine = ops.multiply(scale, _cosine(fraction, dtype))
        decayed = ops.add(ops.multiply(ops.subtract(1.0, alpha), cosine), alpha)
        return ops.multiply(initial, decayed)

    def get_config(self):
        return {"initial_learning_rate": self.initial_learning_rate,
                "first_decay_steps": self.first_decay_steps, "t_mul": self._t_mul,
                "m_mul": self._m_mul, "alpha": self.alpha, "name": self.name}
