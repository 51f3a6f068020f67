"""AlphaDropout: dropout for self-normalizing (SELU) networks (as keras.layers.AlphaDropout).
Identity at inference.

Dropped entries become SELU's negative saturation value -scale * alpha instead of 0, and an
affine map `a * x + b` brings the mean and variance of standard-normal inputs back to 0 and 1.
"""
from kerasish import backend, ops, random
from kerasish.layers.layer import Layer
from kerasish.layers.regularization.dropout import (
    check_noise_shape, check_rate, resolve_noise_shape,
)

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


class AlphaDropout(Layer):
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(type(self).__name__, rate)
        self.seed = seed
        self.noise_shape = check_noise_shape(type(self).__name__, noise_shape)
        if self.rate > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if not (training and self.rate > 0):
            return inputs
        if self.rate == 1:
            # Keras fails here with ZeroDivisionError: nothing is kept, so a is infinite.
            raise ValueError(
                f"AlphaDropout layer {self.name!r}: rate=1 drops every entry, and no affine map "
                f"can restore unit variance; use a rate below 1 in training.")
        if not backend.is_float(ops.dtype(inputs)):
            inputs = ops.cast(inputs, self.compute_dtype)
        noise_shape = resolve_noise_shape(self, self.noise_shape, ops.shape(inputs))
        alpha_p = -_SELU_ALPHA * _SELU_SCALE
        kept = ops.greater_equal(random.uniform(noise_shape, seed=self.seed_generator), self.rate)
        kept = ops.cast(kept, ops.dtype(inputs))
        # For x ~ N(0, 1) with a fraction `rate` replaced by alpha_p, these restore mean 0 and
        # variance 1 (Klambauer et al., 2017).
        a = ((1 - self.rate) * (1 + self.rate * alpha_p ** 2)) ** -0.5
        b = -a * alpha_p * self.rate
        x = ops.add(ops.multiply(inputs, kept), ops.multiply(alpha_p, ops.subtract(1.0, kept)))
        return ops.add(ops.multiply(a, x), b)

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed,
                "noise_shape": self.noise_shape}
