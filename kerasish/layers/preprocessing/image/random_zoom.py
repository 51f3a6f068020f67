"""RandomZoom: zooms each image by a random factor about its centre when training (as
keras.layers.RandomZoom). A height factor h draws zoom 1 + U(lower, upper): negative values zoom
in (magnify), positive ones zoom out. Without `width_factor`, both axes share the height zoom."""
from kerasish import ops
from kerasish.layers.preprocessing.image.affine_layer import RandomAffineLayer
from kerasish.layers.preprocessing.image.base import symmetric_range


class RandomZoom(RandomAffineLayer):
    def __init__(self, height_factor, width_factor=None, fill_mode="reflect",
                 interpolation="bilinear", seed=None, fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.height_factor = height_factor
        self.height_lower, self.height_upper = symmetric_range(
            "RandomZoom", height_factor, "height_factor", lower_open=True)
        self.width_factor = width_factor
        if width_factor is not None:
            self.width_lower, self.width_upper = symmetric_range(
                "RandomZoom", width_factor, "width_factor", lower_open=True)

    def transforms(self, batch_size, height, width):
        height_zoom = self.uniform((batch_size, 1), 1.0 + self.height_lower,
                                   1.0 + self.height_upper)
        width_zoom = height_zoom if self.width_factor is None else self.uniform(
            (batch_size, 1), 1.0 + self.width_lower, 1.0 + self.width_upper)
        zeros = ops.zeros_like(height_zoom)
        # Scaling about the centre ((size - 1) / 2) of each axis.
        x_offset = (width - 1.0) / 2.0 * (1.0 - width_zoom)
        y_offset = (height - 1.0) / 2.0 * (1.0 - height_zoom)
        return ops.concatenate([width_zoom, zeros, x_offset, zeros, height_zoom, y_offset,
                                zeros, zeros], axis=1)

    def get_config(self):
        return {**super().get_config(), "height_factor": self.height_factor,
                "width_factor": self.width_factor}
