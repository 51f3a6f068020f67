"""RandomFlip: flips each image with probability 1/2 when training (as keras.layers.RandomFlip).
mode "horizontal", "vertical" or "horizontal_and_vertical"; in the last, one draw per image
decides both flips (as Keras)."""
from kerasish import ops, random
from kerasish.layers.preprocessing.image.base import BaseImagePreprocessingLayer

HORIZONTAL = "horizontal"
VERTICAL = "vertical"
HORIZONTAL_AND_VERTICAL = "horizontal_and_vertical"
MODES = (HORIZONTAL, VERTICAL, HORIZONTAL_AND_VERTICAL)


class RandomFlip(BaseImagePreprocessingLayer):
    def __init__(self, mode=HORIZONTAL_AND_VERTICAL, seed=None, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        if mode not in MODES:
            raise ValueError(f"RandomFlip: `mode` must be one of {MODES}. Received: mode={mode!r}")
        self.mode = mode
        self.seed = seed
        self.generator = random.SeedGenerator(seed)

    def transform(self, images, training):
        images = self.cast_images(images)
        if not training:
            return images
        draws = random.uniform((images.shape[0], 1, 1, 1), seed=self.generator)
        flips = ops.less_equal(draws, 0.5)
        height_axis, width_axis = self.spatial_axes
        if self.mode in (HORIZONTAL, HORIZONTAL_AND_VERTICAL):
            images = ops.where(flips, ops.flip(images, axis=width_axis), images)
        if self.mode in (VERTICAL, HORIZONTAL_AND_VERTICAL):
            images = ops.where(flips, ops.flip(images, axis=height_axis), images)
        return images

    def get_config(self):
        return {**super().get_config(), "seed": self.seed, "mode": self.mode}
