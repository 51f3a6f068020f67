"""Layer catalog entries: image preprocessing and augmentation layers.

Random layers are compared with Keras where their output is deterministic: at inference, and in
training with a degenerate factor range (one possible rotation, zoom, shift or offset)."""
from tests.layers.layer_catalog_case import LayerCase

TRAIN = {"training": True}
INFER = {"training": False}
IMAGES = (2, 5, 6, 2)  # (batch, height, width, channels)


def _case(id, layer, kwargs, input_shape=IMAGES, **extra):
    return LayerCase("img_" + id, layer, kwargs, input_shape=input_shape, **extra)


CASES = [
    _case("resizing", "Resizing", {"height": 3, "width": 4}),
    _case("resizing_up_nearest_cf", "Resizing",
          {"height": 7, "width": 9, "interpolation": "nearest", "data_format": "channels_first"}),
    _case("resizing_bicubic_crop", "Resizing",
          {"height": 4, "width": 3, "interpolation": "bicubic", "crop_to_aspect_ratio": True}),
    _case("resizing_pad", "Resizing",
          {"height": 4, "width": 4, "pad_to_aspect_ratio": True, "fill_value": 1.5}),
    _case("resizing_antialias", "Resizing", {"height": 2, "width": 3, "antialias": True}),
    _case("resizing_int", "Resizing", {"height": 3, "width": 7}, input_dtype="int32",
          int_high=255, check_grads=False),
    _case("center_crop", "CenterCrop", {"height": 3, "width": 4}),
    _case("center_crop_cf", "CenterCrop",
          {"height": 1, "width": 2, "data_format": "channels_first"},
          input_shape=(2, 2, 4, 5)),
    _case("center_crop_resizes_small", "CenterCrop", {"height": 6, "width": 4}),
    _case("random_crop_same_size", "RandomCrop", {"height": 5, "width": 6, "seed": 3},
          call_kwargs=TRAIN),
    _case("random_flip_inference", "RandomFlip", {"seed": 1}, call_kwargs=INFER),
    _case("random_flip_vertical_inference", "RandomFlip", {"mode": "vertical", "seed": 1},
          call_kwargs=INFER),
    _case("rotation_inference", "RandomRotation", {"factor": 0.2, "seed": 1}, call_kwargs=INFER),
    _case("rotation_quarter", "RandomRotation", {"factor": (0.25, 0.25)}, call_kwargs=TRAIN),
    _case("rotation_constant_nearest", "RandomRotation",
          {"factor": (0.1, 0.1), "fill_mode": "constant", "fill_value": 2.0,
           "interpolation": "nearest"}, call_kwargs=TRAIN),
    _case("rotation_wrap_cf", "RandomRotation",
          {"factor": (-0.15, -0.15), "fill_mode": "wrap", "data_format": "channels_first"},
          call_kwargs=TRAIN),
    _case("rotation_nearest_fill", "RandomRotation",
          {"factor": (0.3, 0.3), "fill_mode": "nearest"}, call_kwargs=TRAIN),
    _case("zoom_inference", "RandomZoom", {"height_factor": 0.3}, call_kwargs=INFER),
    _case("zoom_in", "RandomZoom", {"height_factor": (-0.5, -0.5)}, call_kwargs=TRAIN),
    _case("zoom_out_constant", "RandomZoom",
          {"height_factor": (0.4, 0.4), "width_factor": (-0.2, -0.2), "fill_mode": "constant"},
          call_kwargs=TRAIN),
    _case("zoom_nearest_cf", "RandomZoom",
          {"height_factor": (0.3, 0.3), "interpolation": "nearest",
           "data_format": "channels_first"}, call_kwargs=TRAIN),
    _case("translation_inference", "RandomTranslation",
          {"height_factor": 0.2, "width_factor": 0.2}, call_kwargs=INFER),
    _case("translation_fixed", "RandomTranslation",
          {"height_factor": (0.2, 0.2), "width_factor": (-0.5, -0.5)}, call_kwargs=TRAIN),
    _case("translation_constant_cf", "RandomTranslation",
          {"height_factor": (-0.4, -0.4), "width_factor": (0.25, 0.25), "fill_mode": "constant",
           "fill_value": -1.0, "data_format": "channels_first"}, call_kwargs=TRAIN),
    _case("contrast_inference", "RandomContrast", {"factor": 0.5}, call_kwargs=INFER),
    _case("contrast_fixed", "RandomContrast", {"factor": (-0.5, 0.5), "value_range": (-1, 1)},
          call_kwargs=TRAIN),
    _case("contrast_zero_clips", "RandomContrast", {"factor": 0.0, "value_range": (-0.5, 2)},
          call_kwargs=TRAIN),
    _case("brightness_inference", "RandomBrightness", {"factor": 0.5}, call_kwargs=INFER),
    _case("brightness_fixed", "RandomBrightness", {"factor": (0.25, 0.25), "value_range": (2, -2)},
          call_kwargs=TRAIN),
]
