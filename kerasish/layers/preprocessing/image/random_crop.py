"""RandomCrop: a random (height, width) window, the same for the whole batch, when training (as
keras.layers.RandomCrop). Images no larger than the window on a side, and every image at
inference, are cropped to the target aspect ratio about the centre and resized (bilinear), so
the output always has the layer's size (see docs/differences-from-keras.md)."""
from kerasish import ops, random
from kerasish.layers.convolutional.conv_args import positive_int
from kerasish.layers.preprocessing.image.base import BaseImagePreprocessingLayer
from kerasish.random.seed_generator import make_default_seed


class RandomCrop(BaseImagePreprocessingLayer):
    def __init__(self, height, width, seed=None, data_format=None, name=None, **kwargs):
        super().__init__(data_format=data_format, name=name, **kwargs)
        self.height = positive_int(height, "height", "RandomCrop")
        self.width = positive_int(width, "width", "RandomCrop")
        # As Keras: the config records a seed even when none was given.
        self.seed = seed if seed is not None else make_default_seed()
        self.generator = random.SeedGenerator(seed)

    def transform(self, images, training):
        images = self.cast_images(images)
        height, width = self.image_size(images)
        if not (training and height > self.height and width > self.width):
            return self._centred(images, height, width)
        top = self._start(height - self.height + 1)
        left = self._start(width - self.width + 1)
        for axis, start, size in zip(self.spatial_axes, (top, left), (self.height, self.width)):
            images = ops.take(images, start + ops.arange(size, dtype="int32"), axis=axis)
        return images

    def _start(self, count):
        """A random start in [0, count) (a traced int32 scalar inside jit)."""
        draw = random.uniform((), 0.0, float(count), seed=self.generator)
        return ops.minimum(ops.cast(draw, "int32"), count - 1)

    def _centred(self, images, height, width):
        """The largest centred window of the target aspect ratio, resized (smart_resize)."""
        if (height, width) == (self.height, self.width):
            return images
        return ops.image.resize(images, (self.height, self.width), crop_to_aspect_ratio=True,
                                data_format=self.data_format)

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width,
                "seed": self.seed}
