"""kerasish.backend: backend selection and configuration (as keras.backend)."""
from kerasish.backend.active import backend, get_backend, set_backend, use_backend
from kerasish.backend.config import (
    epsilon, floatx, image_data_format, set_epsilon, set_floatx, set_image_data_format,
    standardize_data_format,
)
from kerasish.backend.dtypes import is_float, result_type, standardize_dtype
from kerasish.backend.registry import available_backends, load_backend
