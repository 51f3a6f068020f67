"""The shared part of RandomRotation, RandomZoom and RandomTranslation: a random 8-parameter
transform per image, applied with kerasish.ops.image.affine_transform when training (identity,
cast to the compute dtype, otherwise)."""
from kerasish import ops, random
from kerasish.layers.preprocessing.image.base import FILL_MODES, INTERPOLATIONS, \
    BaseImagePreprocessingLayer, check_option


class RandomAffineLayer(BaseImagePreprocessingLayer):
    def __init__(self, fill_mode="reflect", interpolation="bilinear", seed=None, fill_value=0.0,
                 data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        name = type(self).__name__
        self.fill_mode = check_option(name, "fill_mode", fill_mode, FILL_MODES)
        self.interpolation = check_option(name, "interpolation", interpolation, INTERPOLATIONS)
        self.fill_value = fill_value
        self.seed = seed
        self.generator = random.SeedGenerator(seed)

    def transforms(self, batch_size, height, width):
        """(batch_size, 8) transforms [a0, a1, a2, b0, b1, b2, c0, c1]."""
        raise NotImplementedError

    def transform(self, images, training):
        images = self.cast_images(images)
        if not training:
            return images
        height, width = self.image_size(images)
        matrices = self.transforms(images.shape[0], height, width)
        return ops.image.affine_transform(
            images, matrices, interpolation=self.interpolation, fill_mode=self.fill_mode,
            fill_value=self.fill_value, data_format=self.data_format)

    def uniform(self, shape, low, high):
        return random.uniform(shape, minval=low, maxval=high, dtype="float32",
                              seed=self.generator)

    def get_config(self):
        return {**super().get_config(), "fill_mode": self.fill_mode,
                "interpolation": self.interpolation, "seed": self.seed,
                "fill_value": self.fill_value}
