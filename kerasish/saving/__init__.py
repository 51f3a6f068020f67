"""kerasish.saving (as keras.saving)."""
from kerasish.saving.serialization import deserialize_keras_object, serialize_keras_object
