"""kerasish.saving (as keras.saving)."""
from kerasish.saving.serialization import deserialize_keras_object, serialize_keras_object
from kerasish.saving.object_registration import (
    CustomObjectScope, custom_object_scope, get_registered_name, get_registered_object,
    register_keras_serializable,
)
