"""keras.random: random ops with explicit seeds.

Every op takes `seed=`: an int (the same values on every call), a `SeedGenerator` (new values on
each call), a seed tensor (uint32, shape (2,); use this, or a SeedGenerator whose state is passed
in and out, inside jit) or None (a global SeedGenerator; not jit-safe, as in Keras).
"""
from kerasish.random.random import (  # noqa: F401
    categorical, dropout, normal, randint, shuffle, truncated_normal, uniform,
)
from kerasish.random.seed_generator import SeedGenerator, draw_seed  # noqa: F401
