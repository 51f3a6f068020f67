"""Dropout: zeros random entries during training and scales the rest by 1 / (1 - rate)
(as keras.layers.Dropout). Identity at inference.

The shared argument checks of the dropout family (`check_rate`, `check_noise_shape`,
`resolve_noise_shape`) live here too, so every layer words its errors the same way.
"""
import numbers

import numpy as np

from kerasish import ops, random
from kerasish.layers.layer import Layer


def check_rate(layer_name, rate, argument="rate"):
    """`rate` as given, once it is a real number in [0, 1]; Keras's message otherwise."""
    if isinstance(rate, np.ndarray) and rate.ndim == 0:
        rate = rate.item()
    if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not 0 <= rate <= 1:
        raise ValueError(
            f"{layer_name}: Invalid value received for argument `{argument}`. Expected a float "
            f"value between 0 and 1. Received: {argument}={rate!r}")
    return rate


def check_noise_shape(layer_name, noise_shape):
    """`noise_shape` as a tuple of positive ints or None entries (None: the input's size)."""
    if noise_shape is None:
        return None
    if isinstance(noise_shape, str):
        raise ValueError(
            f"{layer_name}: Invalid value received for argument `noise_shape`. Expected a tuple "
            f"or list of integers. Received: noise_shape={noise_shape!r}")
    try:
        noise_shape = tuple(noise_shape)
    except TypeError:
        raise ValueError(
            f"{layer_name}: Invalid value received for argument `noise_shape`. Expected an "
            f"iterable of integers (e.g., a tuple or list). Received: "
            f"noise_shape={noise_shape!r}") from None
    checked = []
    for i, dim in enumerate(noise_shape):
        if dim is not None:
            if isinstance(dim, bool) or not isinstance(dim, (int, np.integer)):
                raise ValueError(
                    f"{layer_name}: Invalid value received for argument `noise_shape`. Expected "
                    f"all elements to be integers or None. Received element at index {i}: {dim!r} "
                    f"(type: {type(dim).__name__})")
            if dim <= 0:
                raise ValueError(
                    f"{layer_name}: Invalid value received for argument `noise_shape`. Expected "
                    f"all dimensions to be positive integers or None. Received negative or zero "
                    f"value at index {i}: {dim}")
            dim = int(dim)  # plain ints keep the config JSON-serializable
        checked.append(dim)
    return tuple(checked)


def resolve_noise_shape(layer, noise_shape, input_shape):
    """The concrete noise shape for an input: None entries take the input's size; each
    dimension must equal the input's or be 1 (one decision shared along that axis)."""
    input_shape = tuple(input_shape)
    if noise_shape is None:
        return input_shape
    if len(noise_shape) != len(input_shape):
        raise ValueError(
            f"{type(layer).__name__} layer {layer.name!r}: `noise_shape` {noise_shape} must have "
            f"the rank of the input, whose shape is {input_shape}.")
    resolved = tuple(full if n is None else n for n, full in zip(noise_shape, input_shape))
    if any(n not in (1, full) for n, full in zip(resolved, input_shape)):
        raise ValueError(
            f"{type(layer).__name__} layer {layer.name!r}: `noise_shape` {noise_shape} must "
            f"broadcast to the input's shape {input_shape} (each dimension equal or 1).")
    return resolved


class Dropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(type(self).__name__, rate)
        self.seed = seed
        self.noise_shape = check_noise_shape(type(self).__name__, noise_shape)
        if self.rate > 0:
            # Its state is a non-trainable variable of the layer, so dropout jits.
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True
        self.built = True  # nothing to create (as Keras, which builds such layers at init)

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            noise_shape = resolve_noise_shape(self, self.noise_shape, ops.shape(inputs))
            return random.dropout(inputs, self.rate, noise_shape=noise_shape,
                                  seed=self.seed_generator)
        return inputs

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
