"""The jax backend. See docs/adding-a-backend.md for the interface it implements."""
import jax

# Keras users ask for float64 by name; without x64 JAX would silently give float32. Every op here
# passes explicit dtypes, so this changes no default dtype (see docs/differences-from-keras.md).
jax.config.update("jax_enable_x64", True)
name = "jax"

from kerasish.backends.jax import compilation_cache  # noqa: E402

compilation_cache_folder = compilation_cache.enable()


from kerasish.backends.jax.core import *  # noqa: F401,F403
from kerasish.backends.jax.elementwise import *  # noqa: F401,F403
from kerasish.backends.jax.reductions import *  # noqa: F401,F403
from kerasish.backends.jax.linalg import *  # noqa: F401,F403
from kerasish.backends.jax.shapes import *  # noqa: F401,F403
from kerasish.backends.jax.creation import *  # noqa: F401,F403
from kerasish.backends.jax.nn import *  # noqa: F401,F403
from kerasish.backends.jax.conv import *  # noqa: F401,F403
from kerasish.backends.jax.random import *  # noqa: F401,F403
