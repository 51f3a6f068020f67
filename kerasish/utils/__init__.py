"""kerasish.utils."""
from kerasish.utils.random_seed import set_random_seed  # noqa: F401
