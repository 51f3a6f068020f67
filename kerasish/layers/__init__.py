"""kerasish.layers (as keras.layers). Each family's package exports its layers."""
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.core import *  # noqa: F401,F403
from kerasish.layers.merging import *  # noqa: F401,F403
from kerasish.layers.merging.add import add
from kerasish.layers.merging.average import average
from kerasish.layers.merging.concatenate import concatenate
from kerasish.layers.merging.dot import dot
from kerasish.layers.merging.maximum import maximum
from kerasish.layers.merging.minimum import minimum
from kerasish.layers.merging.multiply import multiply
from kerasish.layers.merging.subtract import subtract
from kerasish.layers.regularization import *  # noqa: F401,F403
from kerasish.layers.reshaping import *  # noqa: F401,F403
from kerasish.layers.convolutional import *  # noqa: F401,F403
from kerasish.layers.pooling import *  # noqa: F401,F403
from kerasish.layers.normalization import *  # noqa: F401,F403
from kerasish.layers.recurrent import *  # noqa: F401,F403
from kerasish.layers.attention import *  # noqa: F401,F403
from kerasish.layers.preprocessing import *  # noqa: F401,F403
from kerasish.layers.activations import *  # noqa: F401,F403
from kerasish.layers.serialization import deserialize, serialize
