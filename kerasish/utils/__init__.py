"""kerasish.utils."""
from kerasish.utils.random_seed import set_random_seed  # noqa: F401
from kerasish.backend import clear_session  # noqa: F401
from kerasish.utils.py_dataset import PyDataset, Sequence  # noqa: F401
from kerasish.trainers.data_adapters.data_adapter_utils import (  # noqa: F401
    pack_x_y_sample_weight, unpack_x_y_sample_weight,
)
