"""ResNet50, ResNet101 and ResNet152 (as keras.applications.resnet), with Keras's layer names.

Reference: Deep Residual Learning for Image Recognition (CVPR 2015)."""
from kerasish import backend, layers
from kerasish.models import Functional

from kerasish.applications import app_utils, imagenet_utils
from kerasish.applications.weights import ImagenetFile, load_pretrained

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/resnet/"
# md5 of Keras's files (with top, without top), from Keras's source.
_HASHES = {
    "resnet50": ("2cb95161c43110f7111970584f804107", "4d473c1dd8becc155b73f8504c6f6626"),
    "resnet101": ("f1aeb4b969a6efcfb50fad2f0c20cfc5", "88cf7a10940856eca736dc7b7e228a21"),
    "resnet152": ("100835be76be38e30d865e96f2aaae62", "ee4c566cf9a93f14d82f913c2dc6dd0c"),
}
_EPSILON = 1.001e-5


def imagenet_file(weights_name, include_top):
    suffix = "" if include_top else "_notop"
    file_name = f"{weights_name}_weights_tf_dim_ordering_tf_kernels{suffix}.h5"
    return ImagenetFile(file_name, _HASHES[weights_name][0 if include_top else 1],
                        _BASE + file_name)


def residual_block(x, filters, kernel_size=3, stride=1, conv_shortcut=True, name=None):
    """Bottleneck block: 1x1 (stride), 3x3, 1x1 (4 x filters), added to the shortcut."""
    bn_axis = app_utils.channel_axis()
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=f"{name}_0_conv")(x)
        shortcut = layers.BatchNormalization(axis=bn_axis, epsilon=_EPSILON,
                                             name=f"{name}_0_bn")(shortcut)
    else:
        shortcut = x
    x = layers.Conv2D(filters, 1, strides=stride, name=f"{name}_1_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=_EPSILON, name=f"{name}_1_bn")(x)
    x = layers.Activation("relu", name=f"{name}_1_relu")(x)
    x = layers.Conv2D(filters, kernel_size, padding="same", name=f"{name}_2_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=_EPSILON, name=f"{name}_2_bn")(x)
    x = layers.Activation("relu", name=f"{name}_2_relu")(x)
    x = layers.Conv2D(4 * filters, 1, name=f"{name}_3_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=_EPSILON, name=f"{name}_3_bn")(x)
    x = layers.Add(name=f"{name}_add")([shortcut, x])
    return layers.Activation("relu", name=f"{name}_out")(x)


def residual_stack(x, filters, blocks, stride1=2, name=None):
    x = residual_block(x, filters, stride=stride1, name=f"{name}_block1")
    for i in range(2, blocks + 1):
        x = residual_block(x, filters, conv_shortcut=False, name=f"{name}_block{i}")
    return x


def ResNet(stage_blocks, weights_name, include_top=True, weights="imagenet", input_tensor=None,
           input_shape=None, pooling=None, classes=1000, classifier_activation="softmax",
           name="resnet"):
    """A ResNet v1 whose four stages have `stage_blocks` bottleneck blocks."""
    app = {"resnet50": "ResNet50", "resnet101": "ResNet101", "resnet152": "ResNet152"}.get(
        weights_name, "ResNet")
    app_utils.check_arguments(weights, include_top, classes, pooling, 1000, app)
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=backend.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input = app_utils.image_input(input_tensor, input_shape)
    bn_axis = app_utils.channel_axis()
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=True, name="conv1_conv")(x)
    x = layers.BatchNormalization(axis=bn_axis, epsilon=_EPSILON, name="conv1_bn")(x)
    x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)
    for stage, (filters, blocks) in enumerate(zip((64, 128, 256, 512), stage_blocks), start=2):
        x = residual_stack(x, filters, blocks, stride1=1 if stage == 2 else 2, name=f"conv{stage}")
    x = app_utils.pooled_top(x, include_top, pooling, classes, classifier_activation, weights,
                             avg_name="avg_pool", max_name="max_pool")
    model = Functional(app_utils.model_inputs(input_tensor, img_input), x, name=name)
    return load_pretrained(model, weights, app,
                           imagenet=imagenet_file(weights_name, bool(include_top)))


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
             pooling=None, classes=1000, classifier_activation="softmax", name="resnet50"):
    """Instantiates ResNet50. Inputs: RGB pixels through `preprocess_input` ("caffe" mode)."""
    return ResNet((3, 4, 6, 3), "resnet50", include_top, weights, input_tensor, input_shape,
                  pooling, classes, classifier_activation, name)


def ResNet101(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, classifier_activation="softmax", name="resnet101"):
    """Instantiates ResNet101. Inputs: RGB pixels through `preprocess_input` ("caffe" mode)."""
    return ResNet((3, 4, 23, 3), "resnet101", include_top, weights, input_tensor, input_shape,
                  pooling, classes, classifier_activation, name)


def ResNet152(include_top=True, weights="imagenet", input_tensor=None, input_shape=None,
              pooling=None, classes=1000, classifier_activation="softmax", name="resnet152"):
    """Instantiates ResNet152. Inputs: RGB pixels through `preprocess_input` ("caffe" mode)."""
    return ResNet((3, 8, 36, 3), "resnet152", include_top, weights, input_tensor, input_shape,
                  pooling, classes, classifier_activation, name)


def preprocess_input(x, data_format=None):
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)


preprocess_input.__doc__ = imagenet_utils.PREPROCESS_INPUT_DOC.format(
    model="ResNet", ret="converted from RGB to BGR, each channel zero-centered with respect to "
    "the ImageNet dataset, without scaling.")
decode_predictions.__doc__ = imagenet_utils.decode_predictions.__doc__
