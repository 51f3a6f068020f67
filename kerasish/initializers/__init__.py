"""kerasish.initializers (as keras.initializers): the initial values of weights.

Random initializers draw from NumPy's generator on every backend, so the same seed gives the same
weights on NumPy and JAX (see random_initializers.py and docs/differences-from-keras.md).
"""
import numpy as np

from kerasish import ops
from kerasish.backend import standardize_dtype
from kerasish.initializers.constant_initializers import Constant, Identity, Ones, Zeros
from kerasish.initializers.initializer import Initializer
from kerasish.initializers.stft import STFT
from kerasish.initializers.random_initializers import (
    GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, Orthogonal,
    RandomInitializer, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling, compute_fans)
from kerasish.saving import serialization

# Keras's lower-case aliases of the classes.
constant = Constant
identity = Identity
ones = Ones
zeros = Zeros
glorot_normal = GlorotNormal
glorot_uniform = GlorotUniform
he_normal = HeNormal
he_uniform = HeUniform
lecun_normal = LecunNormal
lecun_uniform = LecunUniform
orthogonal = Orthogonal
random_normal = RandomNormal
random_uniform = RandomUniform
truncated_normal = TruncatedNormal
variance_scaling = VarianceScaling
IdentityInitializer = Identity
OrthogonalInitializer = Orthogonal
STFTInitializer = STFT
stft = STFT

ALL_OBJECTS = (Initializer, Constant, Identity, Ones, Zeros, GlorotNormal, GlorotUniform,
               HeNormal, HeUniform, LecunNormal, LecunUniform, Orthogonal, RandomNormal,
               RandomUniform, TruncatedNormal, VarianceScaling, STFT)
ALL_OBJECTS_DICT = {cls.__name__: cls for cls in ALL_OBJECTS}
ALL_OBJECTS_DICT.update({serialization.snake_case(cls.__name__): cls for cls in ALL_OBJECTS})
ALL_OBJECTS_DICT.update({
    "IdentityInitializer": Identity, "OrthogonalInitializer": Orthogonal, "STFTInitializer": STFT,
    "normal": RandomNormal, "uniform": RandomUniform, "one": Ones, "zero": Zeros,
})

_MODULE = "keras.initializers"


def serialize(initializer):
    """Keras 3's dict form of an initializer: {"module", "class_name", "config", "registered_name"}."""
    if initializer is None:
        return None
    return serialization.serialize_keras_object(initializer, _MODULE)


def deserialize(config, custom_objects=None):
    """An initializer from its serialized dict (or a name)."""
    table = {**ALL_OBJECTS_DICT, **(custom_objects or {})}
    if isinstance(config, str):
        return serialization.get(config, table, "initializer")
    return serialization.deserialize_keras_object(config, table, "initializer")


def get(identifier):
    """An initializer from None (-> None), a name ("glorot_uniform", "GlorotUniform"), a config
    dict, a class (instantiated), a callable `(shape, dtype=None) -> tensor`, or a tensor / NumPy
    array (then the initializer returns it, cast, for exactly its shape)."""
    if ops.is_tensor(identifier) or isinstance(identifier, (np.ndarray, np.generic)):
        value = identifier

        def initialize_fn(shape, dtype=None):
            if tuple(shape) != tuple(value.shape):
                raise ValueError(
                    f"Expected `shape` to be {tuple(value.shape)} for a tensor used as an "
                    f"initializer; received shape={tuple(shape)}.")
            return ops.cast(ops.convert_to_tensor(value), standardize_dtype(dtype))

        return initialize_fn
    obj = serialization.get(identifier, ALL_OBJECTS_DICT, "initializer")
    if obj is not None and not callable(obj):
        raise ValueError(f"Could not interpret initializer identifier: {identifier!r}.")
    return obj


__all__ = [
    "Initializer", "Constant", "Identity", "Ones", "Zeros", "GlorotNormal", "GlorotUniform",
    "HeNormal", "HeUniform", "LecunNormal", "LecunUniform", "Orthogonal", "RandomNormal",
    "RandomUniform", "TruncatedNormal", "VarianceScaling", "constant", "identity", "ones", "zeros",
    "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
    "orthogonal", "random_normal", "random_uniform", "truncated_normal", "variance_scaling",
    "IdentityInitializer", "OrthogonalInitializer", "compute_fans", "serialize", "deserialize", "get",
]
