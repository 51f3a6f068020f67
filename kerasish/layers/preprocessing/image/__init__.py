"""kerasish.layers: image preprocessing and augmentation layers."""
from kerasish.layers.preprocessing.image.center_crop import CenterCrop
from kerasish.layers.preprocessing.image.random_brightness import RandomBrightness
from kerasish.layers.preprocessing.image.random_contrast import RandomContrast
from kerasish.layers.preprocessing.image.random_crop import RandomCrop
from kerasish.layers.preprocessing.image.random_flip import RandomFlip
from kerasish.layers.preprocessing.image.random_rotation import RandomRotation
from kerasish.layers.preprocessing.image.random_translation import RandomTranslation
from kerasish.layers.preprocessing.image.random_zoom import RandomZoom
from kerasish.layers.preprocessing.image.resizing import Resizing

__all__ = ["CenterCrop", "RandomBrightness", "RandomContrast", "RandomCrop", "RandomFlip",
           "RandomRotation", "RandomTranslation", "RandomZoom", "Resizing"]
