"""kerasish.saving (as keras.saving)."""
from kerasish.saving.serialization import deserialize_keras_object, serialize_keras_object
from kerasish.saving.object_registration import (
    CustomObjectScope, custom_object_scope, get_registered_name, get_registered_object,
    register_keras_serializable,
)
from kerasish.saving.errors import (
    ConfigError, FileFormatError, SavingError, UnsafeCodeError, UnsafeFileError,
    WeightsMismatchError,
)
from kerasish.saving.load_report import LoadReport
from kerasish.saving.saving_api import load_model, load_weights, save_model, save_weights
