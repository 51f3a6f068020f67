"""kerasish.layers: core layers."""
from kerasish.layers.core.activation import Activation
from kerasish.layers.core.dense import Dense
from kerasish.layers.core.einsum_dense import EinsumDense
from kerasish.layers.core.embedding import Embedding
from kerasish.layers.core.identity import Identity
from kerasish.layers.core.input_layer import Input, InputLayer
from kerasish.layers.core.lambda_layer import Lambda
from kerasish.layers.core.masking import Masking

__all__ = ["Activation", "Dense", "EinsumDense", "Embedding", "Identity", "Input", "InputLayer",
           "Lambda", "Masking"]
