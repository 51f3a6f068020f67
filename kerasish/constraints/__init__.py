"""kerasish.constraints (as keras.constraints)."""
from kerasish.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm
from kerasish.saving import serialization

# Keras's aliases: lower-case names for the classes.
max_norm = MaxNorm
min_max_norm = MinMaxNorm
non_neg = NonNeg
unit_norm = UnitNorm

ALL_OBJECTS = (Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({serialization.snake_case(cls.__name__): cls for cls in ALL_OBJECTS})

_MODULE = "keras.constraints"


def serialize(constraint):
    """Keras 3's dict form of a constraint (None stays None)."""
    if constraint is None:
        return None
    return serialization.serialize_keras_object(constraint, _MODULE)


def deserialize(config, custom_objects=None):
    """A constraint from its serialized dict (or a name)."""
    if isinstance(config, str):
        return get(config)
    table = {**ALL_OBJECTS_DICT, **(custom_objects or {})}
    return serialization.deserialize_keras_object(config, table, "constraint")


def get(identifier):
    """A constraint from None, a name, a config dict, a class or a callable."""
    return serialization.get(identifier, ALL_OBJECTS_DICT, "constraint")


__all__ = [
    "Constraint", "MaxNorm", "MinMaxNorm", "NonNeg", "UnitNorm", "max_norm", "min_max_norm",
    "non_neg", "unit_norm", "serialize", "deserialize", "get",
]
