"""kerasish.optimizers (as keras.optimizers).

    model.compile(optimizer="adam", ...)
    optimizer = kerasish.optimizers.AdamW(learning_rate=schedule, weight_decay=1e-4)
    new_weights, new_state = optimizer.stateless_apply(state, grads, weights)   # pure, jit-able
"""
from kerasish.optimizers import schedules
from kerasish.optimizers import serialization as _serialization
from kerasish.optimizers.base_optimizer import Optimizer
from kerasish.optimizers.adadelta import Adadelta
from kerasish.optimizers.adagrad import Adagrad
from kerasish.optimizers.adam import Adam
from kerasish.optimizers.adamax import Adamax
from kerasish.optimizers.adamw import AdamW
from kerasish.optimizers.ftrl import Ftrl
from kerasish.optimizers.lamb import Lamb
from kerasish.optimizers.lion import Lion
from kerasish.optimizers.nadam import Nadam
from kerasish.optimizers.rmsprop import RMSprop
from kerasish.optimizers.sgd import SGD

ALL_OBJECTS = (Optimizer, Adam, SGD, RMSprop, Adadelta, AdamW, Adagrad, Adamax, Nadam, Ftrl, Lion,
               Lamb)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}

_MODULE = "keras.optimizers"


def serialize(optimizer):
    """Keras 3's dict form of an optimizer: {"module", "class_name", "config",
    "registered_name"}."""
    return _serialization.serialize(optimizer, ALL_OBJECTS_DICT, _MODULE)


def deserialize(config, custom_objects=None):
    """An optimizer from its serialized dict; built-in class names match case-insensitively
    ("adam", "Adam", "ADAM"), as in Keras."""
    return _serialization.deserialize(config, ALL_OBJECTS_DICT, "optimizer", custom_objects,
                                      case_insensitive=True)


def get(identifier):
    """An optimizer from None, a name ("sgd", "adam", "adamw", "rmsprop", "adagrad",
    "adadelta", "adamax", "nadam", "ftrl", "lion", "lamb", case-insensitive), a config dict or
    an Optimizer instance (returned as it is)."""
    if identifier is None:
        return None
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, str):
        identifier = {"class_name": identifier, "config": {}}
    if isinstance(identifier, dict):
        name = identifier.get("class_name")
        try:
            return deserialize(identifier)
        except ValueError as error:
            if not str(error).startswith("Unknown optimizer"):
                raise
            known = sorted(cls.__name__.lower() for cls in ALL_OBJECTS if cls is not Optimizer)
            raise ValueError(
                f"Could not interpret optimizer identifier: {name!r}. Expected one of "
                f"{', '.join(known)} (any case), a config dict or an Optimizer instance.") from None
    raise ValueError(
        f"Could not interpret optimizer identifier: {identifier!r} (of type "
        f"{type(identifier).__name__}); expected a name, a config dict or an Optimizer instance.")


__all__ = [cls.__name__ for cls in ALL_OBJECTS] + ["schedules", "serialize", "deserialize", "get"]
