"""MobileNetV2 (as keras.applications.mobilenet_v2), with Keras's layer names.

Reference: MobileNetV2: Inverted Residuals and Linear Bottlenecks (CVPR 2018)."""
import warnings

from kerasish import backend, layers
from kerasish.models import Functional

from kerasish.applications import app_utils, imagenet_utils
from kerasish.applications.weights import ImagenetFile, load_pretrained

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
IMAGENET_ALPHAS = (0.35, 0.5, 0.75, 1.0, 1.3, 1.4)
IMAGENET_SIZES = (96, 128, 160, 192, 224)
# (filters, stride, expansion) of the 17 inverted residual blocks, block_0 ... block_16.
_BLOCKS = ([(16, 1, 1), (24, 2, 6), (24, 1, 6)] + [(32, 2, 6)] + [(32, 1, 6)] * 2
           + [(64, 2, 6)] + [(64, 1, 6)] * 3 + [(96, 1, 6)] * 3 + [(160, 2, 6)]
           + [(160, 1, 6)] * 2 + [(320, 1, 6)])


def imagenet_file(alpha, rows, include_top):
    # Keras publishes no hash for the MobileNetV2 files.
    file_name = (f"mobilenet_v2_weights_tf_dim_ordering_tf_kernels_{float(alpha)}_{rows}"
                 f"{'' if include_top else '_no_top'}.h5")
    return ImagenetFile(file_name, "", _BASE + file_name)


def _make_divisible(v, divisor, min_value=None):
    """Rounds a channel count to a multiple of `divisor`, never more than 10% below `v`."""
    min_value = divisor if min_value is None else min_value
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


def _default_size(input_tensor, input_shape):
    """Keras picks the ImageNet file's resolution from a square input of a published size."""
    shape = None
    if input_shape is not None:
        shape = tuple(input_shape)
    elif input_tensor is not None and backend.is_keras_tensor(input_tensor):
        shape = tuple(input_tensor.shape[1:])
    if shape is None or len(shape) != 3:
        return 224
    rows, cols = shape[1:] if backend.image_data_format() == "channels_first" else shape[:2]
    return rows if rows == cols and rows in IMAGENET_SIZES else 224


def _bn(x, name):
    return layers.BatchNormalization(axis=app_utils.channel_axis(), epsilon=1e-3, momentum=0.999,
                                     name=name)(x)


def _inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    """1x1 expansion, 3x3 depthwise (stride), linear 1x1 projection; residual when shapes match."""
    in_channels = inputs.shape[app_utils.channel_axis()]
    pointwise_filters = _make_divisible(int(filters * alpha), 8)
    x = inputs
    prefix = f"block_{block_id}_"
    if block_id:
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False,
                          activation=None, name=f"{prefix}expand")(x)
        x = _bn(x, f"{prefix}expand_BN")
        x = layers.ReLU(6.0, name=f"{prefix}expand_relu")(x)
    else:
        prefix = "expanded_conv_"
    if stride == 2:
        x = layers.ZeroPadding2D(padding=imagenet_utils.correct_pad(x, 3), name=f"{prefix}pad")(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                               padding="same" if stride == 1 else "valid",
                               name=f"{prefix}depthwise")(x)
    x = _bn(x, f"{prefix}depthwise_BN")
    x = layers.ReLU(6.0, name=f"{prefix}depthwise_relu")(x)
    x = layers.Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False,
                      activation=None, name=f"{prefix}project")(x)
    x = _bn(x, f"{prefix}project_BN")
    if in_channels == pointwise_filters and stride == 1:
        return layers.Add(name=f"{prefix}add")([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet",
                input_tensor=None, pooling=None, classes=1000, classifier_activation="softmax",
                name=None):
    """Instantiates MobileNetV2. `alpha` scales every layer's width. Inputs: RGB pixels through
    `preprocess_input` ("tf" mode, to [-1, 1]). Minimum input size 32x32."""
    app_utils.check_arguments(weights, include_top, classes, pooling, 1000, "MobileNetV2")
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=_default_size(input_tensor, input_shape), min_size=32,
        data_format=backend.image_data_format(), require_flatten=include_top, weights=weights)
    rows = input_shape[1] if backend.image_data_format() == "channels_first" else input_shape[0]
    cols = input_shape[2] if backend.image_data_format() == "channels_first" else input_shape[1]
    if weights == "imagenet":
        if alpha not in IMAGENET_ALPHAS:
            raise ValueError("If imagenet weights are being loaded, alpha must be one of `0.35`, "
                             "`0.50`, `0.75`, `1.0`, `1.3` or `1.4` only; Received "
                             f"`alpha={alpha}`")
        if rows != cols or rows not in IMAGENET_SIZES:
            rows = 224
            warnings.warn("`input_shape` is undefined or non-square, or `rows` is not in "
                          "[96, 128, 160, 192, 224]. Weights for input shape (224, 224) will be "
                          "loaded as the default.", stacklevel=2)
    img_input = app_utils.image_input(input_tensor, input_shape)

    x = layers.Conv2D(_make_divisible(32 * alpha, 8), kernel_size=3, strides=(2, 2),
                      padding="same", use_bias=False, name="Conv1")(img_input)
    x = _bn(x, "bn_Conv1")
    x = layers.ReLU(6.0, name="Conv1_relu")(x)
    for block_id, (filters, stride, expansion) in enumerate(_BLOCKS):
        x = _inverted_res_block(x, filters=filters, alpha=alpha, stride=stride,
                                expansion=expansion, block_id=block_id)
    last_filters = _make_divisible(1280 * alpha, 8) if alpha > 1.0 else 1280
    x = layers.Conv2D(last_filters, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = _bn(x, "Conv_1_bn")
    x = layers.ReLU(6.0, name="out_relu")(x)
    x = app_utils.pooled_top(x, include_top, pooling, classes, classifier_activation, weights)

    if name is None:
        name = f"mobilenetv2_{alpha:0.2f}_{rows}"
    model = Functional(app_utils.model_inputs(input_tensor, img_input), x, name=name)
    return load_pretrained(model, weights, "MobileNetV2",
                           imagenet=imagenet_file(alpha, rows, bool(include_top)),
                           bundled=f"mobilenet_v2_{float(alpha)}",
                           reference=lambda spec: MobileNetV2(
                               input_shape=spec.input_shape, alpha=alpha, weights=None,
                               classes=spec.classes))


def preprocess_input(x, data_format=None):
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="tf")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)


preprocess_input.__doc__ = imagenet_utils.PREPROCESS_INPUT_DOC.format(
    model="MobileNetV2", ret="pixel values scaled to [-1, 1].")
decode_predictions.__doc__ = imagenet_utils.decode_predictions.__doc__
