"""Resizing: resizes images to (height, width) with kerasish.ops.image.resize, in training and
inference alike (as keras.layers.Resizing). Integer images come back rounded, in their dtype."""
from kerasish import ops
from kerasish.layers.convolutional.conv_args import positive_int
from kerasish.layers.preprocessing.image.base import BaseImagePreprocessingLayer
from kerasish.ops.image import RESIZE_INTERPOLATIONS


class Resizing(BaseImagePreprocessingLayer):
    def __init__(self, height, width, interpolation="bilinear", crop_to_aspect_ratio=False,
                 pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0,
                 antialias=False, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)
        self.height = positive_int(height, "height", "Resizing")
        self.width = positive_int(width, "width", "Resizing")
        if interpolation not in RESIZE_INTERPOLATIONS:
            raise ValueError(f"Resizing: `interpolation` must be one of {RESIZE_INTERPOLATIONS}. "
                             f"Received: interpolation={interpolation!r}")
        if crop_to_aspect_ratio and pad_to_aspect_ratio:
            raise ValueError("Resizing: only one of `pad_to_aspect_ratio` & "
                             "`crop_to_aspect_ratio` can be `True`.")
        if fill_mode != "constant":
            raise ValueError(f"Resizing: only fill_mode='constant' is supported. Received: "
                             f"fill_mode={fill_mode!r}")
        self.interpolation = interpolation
        self.crop_to_aspect_ratio = crop_to_aspect_ratio
        self.pad_to_aspect_ratio = pad_to_aspect_ratio
        self.fill_mode = fill_mode
        self.fill_value = fill_value
        self.antialias = bool(antialias)

    def transform(self, images, training):
        resized = ops.image.resize(
            images, (self.height, self.width), interpolation=self.interpolation,
            antialias=self.antialias, crop_to_aspect_ratio=self.crop_to_aspect_ratio,
            pad_to_aspect_ratio=self.pad_to_aspect_ratio, fill_mode=self.fill_mode,
            fill_value=self.fill_value, data_format=self.data_format)
        return ops.cast(resized, ops.dtype(images))  # integer images keep their dtype

    def get_config(self):
        return {**super().get_config(), "height": self.height, "width": self.width,
                "interpolation": self.interpolation,
                "crop_to_aspect_ratio": self.crop_to_aspect_ratio,
                "pad_to_aspect_ratio": self.pad_to_aspect_ratio, "fill_mode": self.fill_mode,
                "fill_value": self.fill_value, "antialias": self.antialias}
