"""kerasish.layers (as keras.layers)."""
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.core.dense import Dense
from kerasish.layers.core.input_layer import Input, InputLayer
from kerasish.layers.serialization import deserialize, serialize
