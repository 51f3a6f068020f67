"""kerasish.optimizers.schedules (as keras.optimizers.schedules)."""
from kerasish.optimizers import serialization as _serialization
from kerasish.optimizers.schedules.learning_rate_schedule import (
    CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay, LearningRateSchedule,
    PiecewiseConstantDecay, PolynomialDecay,
)

ALL_OBJECTS = (LearningRateSchedule, ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay,
               InverseTimeDecay, CosineDecay, CosineDecayRestarts)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}

_MODULE = "keras.optimizers.schedules"


def serialize(learning_rate_schedule):
    """Keras 3's dict form of a schedule."""
    return _serialization.serialize(learning_rate_schedule, ALL_OBJECTS_DICT, _MODULE)


def deserialize(config, custom_objects=None):
    """A schedule from its serialized dict."""
    return _serialization.deserialize(config, ALL_OBJECTS_DICT, "learning rate schedule",
                                      custom_objects)


__all__ = [cls.__name__ for cls in ALL_OBJECTS] + ["serialize", "deserialize"]
