"""kerasish.layers: preprocessing layers (the image ones live in preprocessing/image/)."""
from kerasish.layers.preprocessing import image as _image
from kerasish.layers.preprocessing.image import *  # noqa: F401,F403
from kerasish.layers.preprocessing.category_encoding import CategoryEncoding
from kerasish.layers.preprocessing.discretization import Discretization
from kerasish.layers.preprocessing.hashing import Hashing
from kerasish.layers.preprocessing.integer_lookup import IntegerLookup
from kerasish.layers.preprocessing.normalization import Normalization
from kerasish.layers.preprocessing.rescaling import Rescaling
from kerasish.layers.preprocessing.string_lookup import StringLookup
from kerasish.layers.preprocessing.text_vectorization import TextVectorization

__all__ = ["CategoryEncoding", "Discretization", "Hashing", "IntegerLookup", "Normalization",
           "Rescaling", "StringLookup", "TextVectorization"] + list(_image.__all__)
