"""kerasish.utils."""
from kerasish.utils.random_seed import set_random_seed  # noqa: F401
from kerasish.backend import clear_session  # noqa: F401
