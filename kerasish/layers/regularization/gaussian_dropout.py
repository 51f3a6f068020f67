"""GaussianDropout: multiplies by 1-centred Gaussian noise during training (as
keras.layers.GaussianDropout). Identity at inference.

The noise has standard deviation sqrt(rate / (1 - rate)): the variance of Dropout(rate)'s
multiplicative mask, without its zeros.
"""
import math

from kerasish import ops, random
from kerasish.layers.layer import Layer
from kerasish.layers.regularization.dropout import check_rate


class GaussianDropout(Layer):
    def __init__(self, rate, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.rate = check_rate(type(self).__name__, rate)
        self.seed = seed
        if self.rate > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.rate > 0:
            if self.rate == 1:
                # Keras fails here with ZeroDivisionError: the noise's stddev is infinite.
                raise ValueError(
                    f"GaussianDropout layer {self.name!r}: rate=1 makes the noise's standard "
                    f"deviation sqrt(rate / (1 - rate)) infinite; use a rate below 1 in training.")
            stddev = math.sqrt(self.rate / (1.0 - self.rate))
            noise = random.normal(ops.shape(inputs), mean=1.0, stddev=stddev,
                                  dtype=self.compute_dtype, seed=self.seed_generator)
            return ops.multiply(inputs, noise)
        return inputs

    def get_config(self):
        return {**super().get_config(), "rate": self.rate, "seed": self.seed}
