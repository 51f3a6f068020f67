"""TinyNet: a small convolutional network that trains in seconds on a CPU (kerasish's own
architecture, not one of Keras's). Three blocks of 3x3 convolution, batch normalization and ReLU
(the first two followed by 2x2 max pooling), global average pooling and a Dense classifier:
about 24k parameters. Takes images with values in [0, 1]; any size of at least 8x8.

`weights="bundled"` loads weights trained on the UCI handwritten digits 0-4 (8x8 grayscale; see
docs/applications.md and scripts/train_bundled_weights.py)."""
from kerasish import backend, layers
from kerasish.models import Functional

from kerasish.applications import app_utils
from kerasish.applications.weights import load_pretrained

BLOCK_FILTERS = (16, 32, 64)
MIN_SIZE = 8


def _input_shape(input_shape, input_tensor):
    if input_shape is None:
        if input_tensor is not None:
            return None
        return (1, 8, 8) if backend.image_data_format() == "channels_first" else (8, 8, 1)
    input_shape = tuple(input_shape)
    if len(input_shape) != 3:
        raise ValueError("TinyNet: `input_shape` must be a tuple of three integers (rows, cols, "
                         f"channels). Received: input_shape={input_shape}")
    spatial = input_shape[1:] if backend.image_data_format() == "channels_first" else input_shape[:2]
    if any(d is not None and d < MIN_SIZE for d in spatial):
        raise ValueError(f"TinyNet: input size must be at least {MIN_SIZE}x{MIN_SIZE}; "
                         f"Received: input_shape={input_shape}")
    return input_shape


def TinyNet(include_top=True, weights=None, input_tensor=None, input_shape=None, pooling=None,
            classes=10, classifier_activation="softmax", name="tinynet"):
    """Instantiates TinyNet. Default input (8, 8, 1); `weights` is None (random), "bundled"
    (digits 0-4, 5 classes, grayscale) or a path."""
    app_utils.check_arguments(weights, include_top, classes, pooling, None, "TinyNet")
    shape = _input_shape(input_shape, input_tensor)
    img_input = app_utils.image_input(input_tensor, shape)
    bn_axis = app_utils.channel_axis()
    x = img_input
    for i, filters in enumerate(BLOCK_FILTERS, start=1):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"block{i}_conv")(x)
        x = layers.BatchNormalization(axis=bn_axis, name=f"block{i}_bn")(x)
        x = layers.ReLU(name=f"block{i}_relu")(x)
        if i < len(BLOCK_FILTERS):
            x = layers.MaxPooling2D(2, name=f"block{i}_pool")(x)
    x = app_utils.pooled_top(x, include_top, pooling, classes, classifier_activation, weights,
                             avg_name="avg_pool", max_name="max_pool")
    model = Functional(app_utils.model_inputs(input_tensor, img_input), x, name=name)
    return load_pretrained(model, weights, "TinyNet", bundled="tinynet",
                           reference=lambda spec: TinyNet(input_shape=spec.input_shape,
                                                          classes=spec.classes))


def preprocess_input(x, data_format=None):
    """Scales pixels in [0, 255] to [0, 1] (TinyNet's input range)."""
    return x / 255.0


def decode_predictions(preds, top=5):
    raise NotImplementedError("TinyNet has no ImageNet head; its classes are the task's own.")
