"""VGG16 (as keras.applications.vgg16), with Keras's layer names so Keras weight files load.

Reference: Very Deep Convolutional Networks for Large-Scale Image Recognition (ICLR 2015)."""
from kerasish import backend, layers
from kerasish.models import Functional

from kerasish.applications import app_utils, imagenet_utils
from kerasish.applications.weights import ImagenetFile, load_pretrained

_BASE = "https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
IMAGENET = {
    True: ImagenetFile("vgg16_weights_tf_dim_ordering_tf_kernels.h5",
                       "64373286793e3c8b2b4e3219cbf3544b",
                       _BASE + "vgg16_weights_tf_dim_ordering_tf_kernels.h5"),
    False: ImagenetFile("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                        "6d6bbae143d832006294945121d1f1fc",
                        _BASE + "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"),
}
# (filters, convolutions) of the five blocks; each block ends with a 2x2 max pooling.
_BLOCKS = [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax", name="vgg16"):
    """Instantiates the VGG16 architecture. Inputs: RGB pixels through `preprocess_input`
    ("caffe" mode). `include_top=True` needs a static input size (the top flattens)."""
    app_utils.check_arguments(weights, include_top, classes, pooling, 1000, "VGG16")
    input_shape = imagenet_utils.obtain_input_shape(
        input_shape, default_size=224, min_size=32, data_format=backend.image_data_format(),
        require_flatten=include_top, weights=weights)
    img_input = app_utils.image_input(input_tensor, input_shape)
    x = img_input
    for block, (filters, convs) in enumerate(_BLOCKS, start=1):
        for conv in range(1, convs + 1):
            x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same",
                              name=f"block{block}_conv{conv}")(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name=f"block{block}_pool")(x)
    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        imagenet_utils.validate_activation(classifier_activation, weights)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    else:
        x = app_utils.pooled_top(x, False, pooling, classes, classifier_activation, weights)
    model = Functional(app_utils.model_inputs(input_tensor, img_input), x, name=name)
    return load_pretrained(model, weights, "VGG16", imagenet=IMAGENET[bool(include_top)])


def preprocess_input(x, data_format=None):
    return imagenet_utils.preprocess_input(x, data_format=data_format, mode="caffe")


def decode_predictions(preds, top=5):
    return imagenet_utils.decode_predictions(preds, top=top)


preprocess_input.__doc__ = imagenet_utils.PREPROCESS_INPUT_DOC.format(
    model="VGG16", ret="converted from RGB to BGR, each channel zero-centered with respect to "
    "the ImageNet dataset, without scaling.")
decode_predictions.__doc__ = imagenet_utils.decode_predictions.__doc__
