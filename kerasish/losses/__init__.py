"""kerasish.losses (as keras.losses): loss classes, loss functions, and `get` by name.

`get("mse")` returns the function, `get("MeanSquaredError")` an instance of the class;
`serialize`/`deserialize` use Keras 3's dict format.
"""
import inspect

from kerasish.losses.loss import Loss, LossFunctionWrapper, deserialize_function, serialize_function
from kerasish.losses.regression import (
    Huber, LogCosh, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredError,
    MeanSquaredLogarithmicError, huber, log_cosh, mean_absolute_error,
    mean_absolute_percentage_error, mean_squared_error, mean_squared_logarithmic_error,
)
from kerasish.losses.probabilistic import (
    BinaryCrossentropy, CategoricalCrossentropy, CategoricalGeneralizedCrossEntropy, KLDivergence,
    Poisson, SparseCategoricalCrossentropy, binary_crossentropy, categorical_crossentropy,
    categorical_generalized_cross_entropy, kl_divergence, poisson, sparse_categorical_crossentropy,
)
from kerasish.losses.focal import (
    BinaryFocalCrossentropy, CategoricalFocalCrossentropy, binary_focal_crossentropy,
    categorical_focal_crossentropy,
)
from kerasish.losses.hinge import (
    CategoricalHinge, Hinge, SquaredHinge, categorical_hinge, hinge, squared_hinge,
)
from kerasish.losses.similarity import (
    Circle, CosineSimilarity, Dice, Tversky, circle, cosine_similarity, dice, tversky,
)
from kerasish.losses.ctc import CTC, ctc
from kerasish.saving import get_registered_name, get_registered_object

# Keras's table (keras.src.losses.ALL_OBJECTS_DICT): classes and functions by their own names, plus
# the short aliases. (CategoricalGeneralizedCrossEntropy is exported but, as in Keras, not listed.)
ALL_OBJECTS = (
    Loss, LossFunctionWrapper,
    KLDivergence, Poisson, BinaryCrossentropy, BinaryFocalCrossentropy, CategoricalCrossentropy,
    CategoricalFocalCrossentropy, SparseCategoricalCrossentropy,
    MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError,
    CosineSimilarity, LogCosh, Huber,
    Hinge, SquaredHinge, CategoricalHinge,
    Dice, Tversky, Circle, CTC,
    kl_divergence, poisson, binary_crossentropy, binary_focal_crossentropy,
    categorical_crossentropy, categorical_focal_crossentropy, sparse_categorical_crossentropy,
    mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
    mean_squared_logarithmic_error, cosine_similarity, log_cosh, huber,
    hinge, squared_hinge, categorical_hinge,
    dice, tversky, circle, ctc,
)
ALL_OBJECTS_DICT = {obj.__name__: obj for obj in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({
    "bce": binary_crossentropy, "BCE": binary_crossentropy,
    "kld": kl_divergence, "KLD": kl_divergence,
    "mae": mean_absolute_error, "MAE": mean_absolute_error,
    "mse": mean_squared_error, "MSE": mean_squared_error,
    "mape": mean_absolute_percentage_error, "MAPE": mean_absolute_percentage_error,
    "msle": mean_squared_logarithmic_error, "MSLE": mean_squared_logarithmic_error,
})

# Exported names outside Keras's table: deserialize and get resolve them too (Keras's deserialize
# finds them through the config's "module").
_EXPORTED_ONLY = {obj.__name__: obj for obj in (CategoricalGeneralizedCrossEntropy,
                                                categorical_generalized_cross_entropy)}
_PUBLIC_MODULE = "keras.losses"


def serialize(loss):
    """Keras 3's dict form of a loss: a function as {"class_name": "function", "config": name},
    a `Loss` as {"module", "class_name", "config", "registered_name"}."""
    if loss is None:
        return None
    if isinstance(loss, Loss):
        cls = type(loss)
        if cls.__module__.startswith("kerasish.losses"):
            # Keras's public classes say "keras.losses"; LossFunctionWrapper is not exported there.
            public = cls is not LossFunctionWrapper
            module = _PUBLIC_MODULE if public else "keras.src.losses.losses"
            registered = None if public else cls.__name__
        else:
            module = cls.__module__
            registered = get_registered_name(cls) or cls.__name__
        return {"module": module, "class_name": cls.__name__, "config": loss.get_config(),
                "registered_name": registered}
    if callable(loss) and not inspect.isclass(loss):
        return serialize_function(loss)
    raise ValueError(f"Could not serialize loss {loss!r}: expected a Loss instance or a function.")


def _lookup(name, custom_objects):
    obj = get_registered_object(name, custom_objects)
    if obj is None:
        obj = ALL_OBJECTS_DICT.get(name, _EXPORTED_ONLY.get(name))
    return obj


def deserialize(name, custom_objects=None):
    """The loss a name or a serialized dict refers to: a name gives the function (or, for a class
    name, an instance); a dict is rebuilt with the class's `from_config`."""
    if isinstance(name, str):
        obj = _lookup(name, custom_objects)
        if obj is None:
            raise ValueError(_unknown(name))
        return obj() if inspect.isclass(obj) else obj
    if not isinstance(name, dict) or "class_name" not in name:
        raise ValueError(f"Could not interpret loss config {name!r}: expected a name or a dict "
                         f"with 'class_name'.")
    if name["class_name"] == "function":
        return deserialize_function(name, custom_objects)
    registered = name.get("registered_name")
    cls = (registered and _lookup(registered, custom_objects)) or _lookup(name["class_name"],
                                                                       custom_objects)
    if cls is None or not inspect.isclass(cls):
        raise ValueError(_unknown(name["class_name"]))
    return cls.from_config(dict(name.get("config") or {}))


def get(identifier):
    """None -> None; a name -> the function or a new instance of the class; a dict ->
    deserialized; a function or a Loss instance -> itself; a Loss class -> an instance."""
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        obj = deserialize(identifier)
    elif isinstance(identifier, str):
        obj = _lookup(identifier, None)
        if obj is None:
            raise ValueError(_unknown(identifier))
    else:
        obj = identifier
    if callable(obj):
        return obj() if inspect.isclass(obj) else obj
    raise ValueError(f"Could not interpret loss identifier: {identifier!r} (of type "
                     f"{type(identifier).__name__}); expected a name, a config dict, a function "
                     f"or a Loss.")


def _unknown(name):
    return (f"Could not interpret loss identifier: {name!r}. Known losses: "
            f"{', '.join(sorted(ALL_OBJECTS_DICT))}; a custom loss can be passed as a function or "
            f"a Loss instance (or registered with keras.saving.register_keras_serializable).")


__all__ = sorted(
    name for name, obj in ALL_OBJECTS_DICT.items() if obj.__name__ == name
) + ["CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy", "serialize",
     "deserialize", "get", "ALL_OBJECTS", "ALL_OBJECTS_DICT"]
