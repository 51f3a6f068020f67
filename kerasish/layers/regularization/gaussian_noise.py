"""GaussianNoise: adds zero-centred Gaussian noise during training (as
keras.layers.GaussianNoise). Identity at inference."""
from kerasish import ops, random
from kerasish.layers.layer import Layer
from kerasish.layers.regularization.dropout import check_rate


class GaussianNoise(Layer):
    def __init__(self, stddev, seed=None, **kwargs):
        super().__init__(**kwargs)
        # Keras accepts only stddev in [0, 1], with the wording of its rate check.
        self.stddev = check_rate(type(self).__name__, stddev, argument="stddev")
        self.seed = seed
        if self.stddev > 0:
            self.seed_generator = random.SeedGenerator(seed)
        self.supports_masking = True
        self.built = True

    def call(self, inputs, training=False):
        if training and self.stddev > 0:
            noise = random.normal(ops.shape(inputs), mean=0.0, stddev=self.stddev,
                                  dtype=self.compute_dtype, seed=self.seed_generator)
            return ops.add(inputs, noise)
        return inputs

    def get_config(self):
        return {**super().get_config(), "stddev": self.stddev, "seed": self.seed}
