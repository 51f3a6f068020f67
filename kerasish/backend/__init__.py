"""kerasish.backend: backend selection and configuration (as keras.backend)."""
from kerasish.backend.active import backend, get_backend, set_backend, use_backend
from kerasish.backend.config import (
    epsilon, floatx, image_data_format, set_epsilon, set_floatx, set_image_data_format,
    standardize_data_format,
)
from kerasish.backend.dtypes import is_float, result_type, standardize_dtype
from kerasish.backend.registry import available_backends, load_backend
from kerasish.backend.keras_tensor import KerasTensor, is_keras_tensor
from kerasish.backend.masking import get_keras_mask, set_keras_mask
from kerasish.backend.name_scope import get_uid, name_scope
from kerasish.backend.stateless_scope import StatelessScope, get_stateless_scope, in_stateless_scope
from kerasish.backend.variable import Variable


def clear_session():
    """Resets the automatic layer names (the next Dense is "dense" again), as Keras does."""
    from kerasish.backend.name_scope import reset_uids
    reset_uids()
