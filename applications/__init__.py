"""kerasish.applications (as keras.applications): Keras architectures with Keras's layer names,
so Keras weight files load into them, plus TinyNet, a small network with bundled pretrained
weights. Installed from the repo folder applications/. Nothing here downloads weights; see
applications/weights.py and docs/applications.md."""
from kerasish.applications import (
    efficientnet, imagenet_utils, mobilenet_v2, resnet, tinynet, vgg16,
)
from kerasish.applications.efficientnet import EfficientNetB0
from kerasish.applications.mobilenet_v2 import MobileNetV2
from kerasish.applications.resnet import ResNet50, ResNet101, ResNet152
from kerasish.applications.tinynet import TinyNet
from kerasish.applications.vgg16 import VGG16
from kerasish.applications.weights import WeightsNotFoundError

resnet50 = resnet  # keras.applications.resnet50 holds the same functions

__all__ = ["EfficientNetB0", "MobileNetV2", "ResNet50", "ResNet101", "ResNet152", "TinyNet",
           "VGG16", "WeightsNotFoundError", "efficientnet", "imagenet_utils", "mobilenet_v2",
           "resnet", "resnet50", "tinynet", "vgg16"]
