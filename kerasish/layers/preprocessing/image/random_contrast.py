"""RandomContrast: scales each image's deviation from its per-channel mean by a random factor
when training, then clips to `value_range` (as keras.layers.RandomContrast). As in Keras 3,
`factor` f (in [0, 1]) gives contrast in [1 - lower, 1 + upper] with (lower, upper) = (0, f)
for a number and the pair itself for (lower, upper). Identity at inference."""
from kerasish import ops, random
from kerasish.layers.preprocessing.image.base import BaseImagePreprocessingLayer, factor_range


def check_value_range(layer, value_range):
    if not isinstance(value_range, (tuple, list)) or len(value_range) != 2:
        raise ValueError(f"{layer}: the `value_range` argument should be a list of two numbers. "
                         f"Received: value_range={value_range!r}")
    return value_range


class RandomContrast(BaseImagePreprocessingLayer):
    def __init__(self, factor, value_range=(0, 255), seed=None, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.factor = factor_range("RandomContrast", factor, (0, 1))
        self.value_range = check_value_range("RandomContrast", value_range)
        self.seed = seed
        self.generator = random.SeedGenerator(seed)

    def transform(self, images, training):
        if not training:
            return images
        contrast = random.uniform((images.shape[0], 1, 1, 1), minval=1.0 - self.factor[0],
                                  maxval=1.0 + self.factor[1], dtype=self.compute_dtype,
                                  seed=self.generator)
        mean = ops.mean(images, axis=self.spatial_axes, keepdims=True)
        outputs = (images - mean) * contrast + mean
        return ops.clip(outputs, self.value_range[0], self.value_range[1])

    def get_config(self):
        return {**super().get_config(), "factor": self.factor, "value_range": self.value_range,
                "seed": self.seed}
