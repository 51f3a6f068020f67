"""The base of the image preprocessing and augmentation layers (as Keras 3's
BaseImagePreprocessingLayer, for image tensors): inputs are one image (rank 3) or a batch
(rank 4) in `data_format`; `call(images, training=True)` runs `transform(batch, training)` on a
batch, adding and removing the batch axis for a single image.

Random layers draw from a SeedGenerator held by the layer (`self.generator`), so they are
reproducible under a seed and run inside a jitted train step. As in Keras, `training` defaults to
True when the layer is called directly; fit/predict/evaluate pass the right value.
"""
import numbers

from kerasish import ops
from kerasish.layers.convolutional.conv_args import standardize_data_format
from kerasish.layers.layer import Layer

FILL_MODES = ("reflect", "wrap", "constant", "nearest")
INTERPOLATIONS = ("nearest", "bilinear")


class UnsupportedOptionError(ValueError, NotImplementedError):
    """An unknown fill_mode or interpolation. Keras raises NotImplementedError for these; this
    is also a ValueError, as for every other bad argument."""


def check_option(layer, name, value, allowed):
    if value not in allowed:
        raise UnsupportedOptionError(
            f"{layer}: unknown `{name}` {value!r}. Expected one of {allowed}.")
    return value


def is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def factor_range(layer, factor, bounds, name="factor"):
    """Keras's base `factor` forms: a number f gives (max(-|f|, low), |f|), a pair is sorted;
    each must lie within `bounds`."""
    message = (f"{layer}: the `{name}` argument should be a number (or a list of two numbers) in "
               f"the range [{bounds[0]}, {bounds[1]}]. Received: {name}={factor!r}")
    if isinstance(factor, (tuple, list)):
        if len(factor) != 2 or not all(is_number(f) for f in factor):
            raise ValueError(message)
        if factor[0] > bounds[1] or factor[1] < bounds[0]:
            raise ValueError(message)
        return tuple(sorted(factor))
    if not is_number(factor) or factor < bounds[0] or factor > bounds[1]:
        raise ValueError(message)
    factor = abs(factor)
    return max(-factor, bounds[0]), factor


def symmetric_range(layer, factor, name, lower_open):
    """The per-dimension factors of RandomZoom/RandomTranslation: a number f gives (-|f|, |f|),
    a pair is sorted; each value within [-1, 1] ((-1, 1] for RandomZoom)."""
    interval = "(-1.0, 1.0]" if lower_open else "[-1.0, 1.0]"
    message = (f"{layer}: the `{name}` argument should be a number (or a list of two numbers) in "
               f"the range {interval}. Received: {name}={factor!r}")

    def check(value):
        if not is_number(value) or value > 1.0 or value < -1.0 or (lower_open and value == -1.0):
            raise ValueError(message)

    if isinstance(factor, (tuple, list)):
        if len(factor) != 2:
            raise ValueError(message)
        check(factor[0])
        check(factor[1])
        return tuple(sorted(factor))
    check(factor)
    return -abs(factor), abs(factor)


class BaseImagePreprocessingLayer(Layer):
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format, type(self).__name__)
        self.built = True  # no weights

    @property
    def spatial_axes(self):
        """(height, width) axes of a batch."""
        return (1, 2) if self.data_format == "channels_last" else (2, 3)

    def call(self, images, training=True):
        images = ops.convert_to_tensor(images)
        rank = len(images.shape)
        if rank not in (3, 4):
            raise ValueError(
                f"{type(self).__name__} layer {self.name!r}: expected an image tensor of rank 3 "
                f"(single image) or 4 (batch of images). Received: images.shape="
                f"{tuple(images.shape)}")
        batch = images if rank == 4 else ops.expand_dims(images, 0)
        outputs = self.transform(batch, bool(training))
        return outputs if rank == 4 else ops.squeeze(outputs, 0)

    def transform(self, images, training):
        raise NotImplementedError

    def cast_images(self, images):
        return ops.cast(images, self.compute_dtype)

    def image_size(self, images):
        shape = images.shape
        return shape[self.spatial_axes[0]], shape[self.spatial_axes[1]]

    def get_config(self):
        return {**super().get_config(), "data_format": self.data_format}
