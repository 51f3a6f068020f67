"""RandomBrightness: adds a random offset to each image when training, then clips to
`value_range` (as keras.layers.RandomBrightness). `factor` f in [-1, 1] draws the offset from
[-|f|, |f|] (or the given pair) times the width of value_range. Identity at inference."""
from kerasish import ops, random
from kerasish.layers.preprocessing.image.base import BaseImagePreprocessingLayer, factor_range
from kerasish.layers.preprocessing.image.random_contrast import check_value_range


class RandomBrightness(BaseImagePreprocessingLayer):
    def __init__(self, factor, value_range=(0, 255), seed=None, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.factor = factor_range("RandomBrightness", factor, (-1, 1))
        self.value_range = sorted(check_value_range("RandomBrightness", value_range))
        self.seed = seed
        self.generator = random.SeedGenerator(seed)

    def transform(self, images, training):
        if not training:
            return images
        delta = random.uniform((images.shape[0], 1, 1, 1), minval=self.factor[0],
                               maxval=self.factor[1], seed=self.generator)
        delta = delta * (self.value_range[1] - self.value_range[0])
        images = images + ops.cast(delta, ops.dtype(images))
        return ops.clip(images, self.value_range[0], self.value_range[1])

    def get_config(self):
        return {**super().get_config(), "factor": self.factor, "value_range": self.value_range,
                "seed": self.seed}
