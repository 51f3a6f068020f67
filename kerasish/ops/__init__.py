"""kerasish.ops: the backend-agnostic op namespace of keras.ops.

Each function checks its arguments (the same message on every backend), then runs on the active
backend.
"""
from kerasish.ops.core import *  # noqa: F401,F403
from kerasish.ops.elementwise import *  # noqa: F401,F403
from kerasish.ops.reductions import *  # noqa: F401,F403
from kerasish.ops.linalg import *  # noqa: F401,F403
from kerasish.ops.shapes import *  # noqa: F401,F403
from kerasish.ops.creation import *  # noqa: F401,F403
from kerasish.ops.nn import *  # noqa: F401,F403
from kerasish.ops.conv import *  # noqa: F401,F403
from kerasish.ops import image  # noqa: F401
