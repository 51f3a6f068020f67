"""kerasish.layers: preprocessing layers (the image ones live in preprocessing/image/)."""
from kerasish.layers.preprocessing import image as _image
from kerasish.layers.preprocessing.image import *  # noqa: F401,F403

__all__ = list(_image.__all__)
