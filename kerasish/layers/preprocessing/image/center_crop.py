"""CenterCrop: the central (height, width) window of each image, in training and inference
alike (as keras.layers.CenterCrop). An image smaller than the window on a side is instead
cropped to the target aspect ratio and resized (bilinear), as Keras's smart_resize."""
from kerasish import ops
from kerasish.layers.convolutional.conv_args import positive_int
from kerasish.layers.preprocessing.image.base import BaseImagePreprocessingLayer


def crop_or_resize(layer, images, top, left):
    """The (layer.height, layer.width) window at (top, left) when it fits, else the centred
    window of the target aspect ratio resized to that size."""
    height, width = layer.image_size(images)
    if height >= layer.height and width >= layer.width:
        key = [slice(None)] * 4
        key[layer.spatial_axes[0]] = slice(top, top + layer.height)
        key[layer.spatial_axes[1]] = slice(left, left + layer.width)
        return ops.getitem(images, tuple(key))
    return ops.image.resize(images, (layer.height, layer.width), crop_to_aspect_ratio=True,
                            data_format=layer.data_format)


class CenterCrop(BaseImagePreprocessingLayer):
    def __init__(self, height, width, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.height = positive_int(height, "height", "CenterCrop")
        self.width = positive_int(width, "width", "CenterCrop")

    def transform(self, images, training):
        images = self.cast_images(images)
        height, width = self.image_size(images)
        return crop_or_resize(self, images, (height - self.height) // 2,
                              (width - self.width) // 2)

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width}
