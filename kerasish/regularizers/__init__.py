"""kerasish.regularizers (as keras.regularizers)."""
from kerasish.regularizers.regularizers import (
    L1, L1L2, L2, OrthogonalRegularizer, Regularizer, validate_float_arg,
)
from kerasish.saving import serialization

# Keras's aliases: lower-case names for the classes.
l1 = L1
l2 = L2
l1_l2 = L1L2
orthogonal_regularizer = OrthogonalRegularizer

ALL_OBJECTS = (Regularizer, L1, L2, L1L2, OrthogonalRegularizer)
# Class names and their snake_case forms; "l1l2" is Keras's own key for L1L2 (its to_snake_case),
# "l1_l2" the shared snake_case form (see get for its defaults).
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({serialization.snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT["l1l2"] = L1L2

_MODULE = "keras.regularizers"


def serialize(regularizer):
    """Keras 3's dict form of a regularizer (None stays None)."""
    if regularizer is None:
        return None
    return serialization.serialize_keras_object(regularizer, _MODULE)


def deserialize(config, custom_objects=None):
    """A regularizer from its serialized dict (or a name)."""
    if isinstance(config, str):
        return get(config)
    table = {**ALL_OBJECTS_DICT, **(custom_objects or {})}
    return serialization.deserialize_keras_object(config, table, "regularizer")


def get(identifier):
    """A regularizer from None, a name, a config dict, a class or a callable."""
    if identifier == "l1_l2":
        # Keras documents the string "l1_l2" as L1L2(l1=0.01, l2=0.01) (Keras 3 itself fails to
        # resolve it); the class name "L1L2" gives the class defaults (0, 0) as in Keras.
        return L1L2(l1=0.01, l2=0.01)
    return serialization.get(identifier, ALL_OBJECTS_DICT, "regularizer")


__all__ = [
    "Regularizer", "L1", "L2", "L1L2", "OrthogonalRegularizer", "l1", "l2", "l1_l2",
    "orthogonal_regularizer", "serialize", "deserialize", "get",
]
