"""RandomRotation: rotates each image by a random angle about its centre when training (as
keras.layers.RandomRotation). `factor` is a fraction of a full turn: 0.1 draws angles in
[-36, 36] degrees, (a, b) in [a * 360, b * 360]; positive angles turn counter-clockwise."""
import math

from kerasish import ops
from kerasish.layers.preprocessing.image.affine_layer import RandomAffineLayer
from kerasish.layers.preprocessing.image.base import factor_range


def rotation_transforms(angles, height, width):
    """Transforms rotating about the image centre by `angles` (radians, shape (batch,)); Keras's
    `_compute_affine_matrix` with unit scale and no shear or translation."""
    cx, cy = 0.5 * (width - 1), 0.5 * (height - 1)
    cos, sin = ops.cos(angles), ops.sin(angles)
    zeros = ops.zeros_like(angles)
    columns = [cos, -sin, cx - cx * cos + cy * sin, sin, cos, cy - cx * sin - cy * cos,
               zeros, zeros]
    return ops.stack(columns, axis=1)


class RandomRotation(RandomAffineLayer):
    def __init__(self, factor, fill_mode="reflect", interpolation="bilinear", seed=None,
                 fill_value=0.0, data_format=None, **kwargs):
        super().__init__(fill_mode=fill_mode, interpolation=interpolation, seed=seed,
                         fill_value=fill_value, data_format=data_format, **kwargs)
        self.factor = factor_range("RandomRotation", factor, (-1, 1))

    def transforms(self, batch_size, height, width):
        degrees = self.uniform((batch_size,), self.factor[0] * 360.0, self.factor[1] * 360.0)
        return rotation_transforms(degrees * (math.pi / 180.0), height, width)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}
