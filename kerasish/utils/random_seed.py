"""keras.utils.set_random_seed."""
import random

import numpy as np

from kerasish.random import seed_generator


def set_random_seed(seed):
    """Seeds Python's `random`, NumPy's global RNG and kerasish's global SeedGenerator.

    After it, unseeded kerasish.random ops, initializers and data shuffling are reproducible (on
    the NumPy backend a whole run is bit-reproducible)."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise ValueError(
            f"set_random_seed: `seed` must be an int; received seed={seed!r} "
            f"(of type {type(seed).__name__}).")
    seed = int(seed)
    random.seed(seed)
    np.random.seed(seed % 2**32)
    # The global SeedGenerator is re-created on next use from Python's (now seeded) `random`.
    seed_generator.reset_global_seed_generator()
