"""RandomTranslation: shifts each image by random fractions of its height and width when
training (as keras.layers.RandomTranslation). A factor f draws shifts in [-f, f] of the size;
positive shifts move the content down / right."""
from kerasish import ops
from kerasish.layers.preprocessing.image.affine_layer import RandomAffineLayer
from kerasish.layers.preprocessing.image.base import symmetric_range


class RandomTranslation(RandomAffineLayer):
    def __init__(self, height_factor, width_factor, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None,
                 **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = symmetric_range(
            "RandomTranslation", height_factor, "height_factor", lower_open=False)
        self.width_factor = width_factor
        self.width_lower, self.width_upper = symmetric_range(
            "RandomTranslation", width_factor, "width_factor", lower_open=False)

    def transforms(self, batch_size, height, width):
        # Drawn in Keras's order: the height shift first.
        dy = self.uniform((batch_size, 1), self.height_lower, self.height_upper) * height
        dx = self.uniform((batch_size, 1), self.width_lower, self.width_upper) * width
        ones, zeros = ops.ones_like(dy), ops.zeros_like(dy)
        return ops.concatenate([ones, zeros, -dx, zeros, ones, -dy, zeros, zeros], axis=1)

    def get_config(self):
        return {**super().get_config(), "height_factor": self.height_factor,
                "width_factor": self.width_factor}
