"""The numpy backend. See docs/adding-a-backend.md for the interface it implements."""

name = "numpy"

from kerasish.backends.numpy.autodiff import custom_gradient, grad, stop_gradient, value_and_grad  # noqa: F401
from kerasish.backends.numpy.core import *  # noqa: F401,F403
from kerasish.backends.numpy.elementwise import *  # noqa: F401,F403
from kerasish.backends.numpy.reductions import *  # noqa: F401,F403
from kerasish.backends.numpy.linalg import *  # noqa: F401,F403
from kerasish.backends.numpy.shapes import *  # noqa: F401,F403
from kerasish.backends.numpy.creation import *  # noqa: F401,F403
from kerasish.backends.numpy.nn import *  # noqa: F401,F403
from kerasish.backends.numpy.conv import *  # noqa: F401,F403
from kerasish.backends.numpy.random import *  # noqa: F401,F403
