"""Seeds for random ops (keras.random.SeedGenerator).

Every random op of kerasish is stateless: it takes a seed, a uint32 tensor of shape (2,), and the
same seed gives the same values. `draw_seed` turns what a user passes as `seed=` into that tensor:

- an int: the seed [low 32 bits, high 32 bits] (for 0 <= seed < 2**32, [seed, 0] as in Keras),
  the same values on every call;
- a `SeedGenerator`: its current state, which then advances, so each call gives new values;
- a seed tensor (integer dtype, shape (2,)): used as it is (cast to uint32). This is how random
  ops run inside a jitted function with a traced seed;
- None: the global `SeedGenerator`. Its state lives on the host and cannot be advanced inside a
  traced (jax.jit) function, so unseeded random ops raise a clear error there, as in Keras: pass a
  `SeedGenerator` whose state is an argument of the function, or a seed tensor.
"""
import itertools
import random as python_random

import numpy as np

from kerasish import ops
from kerasish.backend.name_scope import name_scope
from kerasish.backend.symbolic_scope import in_symbolic_scope
from kerasish.backend.variable import Variable

_UINT32_MASK = 0xFFFFFFFF
_names = itertools.count()
_global_generator = None


def _is_traced(x):
    """Whether `x` is an abstract value of a tracing framework (a JAX tracer): inspected by class
    name, so kerasish itself does not import jax."""
    return any(c.__name__.endswith("Tracer") and c.__module__.startswith("jax")
               for c in type(x).__mro__)


def _seed_words(seed):
    """An int seed as two uint32 words, low word first."""
    seed = int(seed)
    return np.array([seed & _UINT32_MASK, (seed >> 32) & _UINT32_MASK], dtype=np.uint32)


def make_default_seed():
    """A fresh seed from Python's `random` (so `set_random_seed` makes it reproducible)."""
    return python_random.randint(1, int(1e9))


class SeedGenerator:
    """Generates a new seed on each call of a random op that receives it.

    Random ops given an int seed return the same values on every call; given a `SeedGenerator`
    they return new values on each call, reproducibly from the generator's initial seed:

        seed_gen = kerasish.random.SeedGenerator(seed=42)
        values = kerasish.random.normal(shape=(2, 3), seed=seed_gen)
        new_values = kerasish.random.normal(shape=(2, 3), seed=seed_gen)

    The state is two uint32 values, [seed, counter], held in the non-trainable Variable `state`
    (so a layer's seed state travels with its other variables); `next()` returns the current
    state and increments the counter. Inside a jitted function, bind a traced state with a
    StatelessScope and read the advanced one back from it:

        with kerasish.StatelessScope([(gen.state, state_argument)]) as scope:
            x = kerasish.random.normal((3,), seed=gen)
        new_state = scope.get_current_value(gen.state)

    A generator whose state is a concrete value cannot be advanced inside a trace (that would
    bake one seed into the compiled function), and says so. While a model is built from symbolic
    inputs, generators do not advance.
    """

    def __init__(self, seed=None, name=None, **kwargs):
        if kwargs:
            raise ValueError(f"SeedGenerator: unrecognized keyword arguments: {sorted(kwargs)}.")
        if name is None:
            count = next(_names)
            name = "seed_generator" if count == 0 else f"seed_generator_{count}"
        self.name = name
        self._initial_seed = seed
        if seed is None:
            seed = make_default_seed()
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
            raise ValueError(
                f"SeedGenerator: `seed` must be an int or None; received seed={seed!r} "
                f"(of type {type(seed).__name__}).")
        self._global = False
        with name_scope(self.name):
            self.state = Variable(_seed_words(seed), dtype="uint32", trainable=False,
                                  name="seed_generator_state")

    def next(self, ordered=True):
        """Returns the current seed (a uint32 tensor of shape (2,)) and advances the state.

        ordered=True increments the counter word; ordered=False (as in Keras) scrambles both words
        as `(state + 1) * 5387 % 933199`, a sequence of near-unique values."""
        current = self.state.value
        if in_symbolic_scope():
            return current
        if ordered:
            new_state = ops.add(current, ops.convert_to_tensor(np.array([0, 1], np.uint32)))
        else:
            new_state = ops.mod(ops.multiply(ops.add(current, np.uint32(1)), np.uint32(5387)),
                                np.uint32(933199))
        if _is_traced(new_state) and not _is_traced(current):
            if self._global:
                raise ValueError(
                    "kerasish.random: an unseeded random op (seed=None) was called inside a traced "
                    "(jit) function. The global SeedGenerator lives outside the trace, so its seed "
                    "would become a constant of the compiled function. Pass `seed=` a SeedGenerator "
                    "whose `state` is an argument of the function, or a seed tensor (uint32, shape "
                    "(2,)) argument.")
            raise ValueError(
                f"SeedGenerator {self.name!r}: next() was called inside a traced (jit) function "
                f"while its state is a concrete value, so the seed would become a constant of the "
                f"compiled function. Pass the state in and out of the function (bind it with "
                f"kerasish.StatelessScope([(gen.state, state_argument)]) and return "
                f"scope.get_current_value(gen.state)), or pass a seed tensor argument instead.")
        self.state.assign(new_state)
        return current

    def get_config(self):
        return {"seed": self._initial_seed, "name": self.name}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def __repr__(self):
        return f"<SeedGenerator name={self.name!r} seed={self._initial_seed!r}>"


def global_seed_generator():
    """The SeedGenerator used by random ops called with seed=None (created on first use)."""
    global _global_generator
    if _global_generator is None:
        _global_generator = SeedGenerator()
        _global_generator._global = True
    return _global_generator


def reset_global_seed_generator():
    """Forgets the global SeedGenerator; the next unseeded op creates one from Python's `random`."""
    global _global_generator
    _global_generator = None


def draw_seed(seed):
    """`seed` (an int, a SeedGenerator, a seed tensor or None) as a uint32 tensor of shape (2,)."""
    if isinstance(seed, SeedGenerator):
        return seed.next()
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return ops.convert_to_tensor(_seed_words(seed), dtype="uint32")
    if seed is None:
        return global_seed_generator().next()
    if hasattr(seed, "shape") and hasattr(seed, "dtype"):
        shape = tuple(seed.shape)
        kind = np.dtype(seed.dtype).kind if _is_numpy_dtype(seed.dtype) else ""
        if shape != (2,) or kind not in ("i", "u"):
            raise ValueError(
                f"A seed tensor must have an integer dtype and shape (2,) (two uint32 words); "
                f"received a tensor of dtype {seed.dtype} and shape {shape}.")
        return ops.cast(seed, "uint32")
    raise ValueError(
        f"Argument `seed` must be an int, a kerasish.random.SeedGenerator, a seed tensor "
        f"(uint32, shape (2,)) or None; received seed={seed!r} (of type {type(seed).__name__}).")


def _is_numpy_dtype(dtype):
    try:
        np.dtype(dtype)
        return True
    except TypeError:
        return False
