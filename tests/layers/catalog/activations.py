"""Layer catalog entries: activation layers (ids start with "act_" so `-k act_` selects them)."""
from tests.layers.layer_catalog_case import LayerCase

CASES = [
    LayerCase("act_relu", "ReLU", {}, input_shape=(2, 5)),
    LayerCase("act_relu_max_value", "ReLU", {"max_value": 0.5}, input_shape=(2, 5)),
    LayerCase("act_relu_slope_threshold", "ReLU",
              {"max_value": 1.5, "negative_slope": 0.1, "threshold": 0.2}, input_shape=(2, 3, 4)),
    LayerCase("act_relu_slope_only", "ReLU", {"negative_slope": 0.2}, input_shape=(3, 4)),
    LayerCase("act_leaky_relu", "LeakyReLU", {}, input_shape=(2, 5)),
    LayerCase("act_leaky_relu_slope", "LeakyReLU", {"negative_slope": 0.05},
              input_shape=(2, 3, 4)),
    LayerCase("act_prelu", "PReLU", {"alpha_initializer": "random_uniform"},
              input_shape=(2, 3, 4)),
    LayerCase("act_prelu_shared_axes", "PReLU",
              {"alpha_initializer": "random_uniform", "shared_axes": [1, 2]},
              input_shape=(2, 3, 3, 2)),
    LayerCase("act_prelu_shared_int", "PReLU", {"shared_axes": 1}, input_shape=(2, 3, 4)),
    LayerCase("act_elu", "ELU", {}, input_shape=(2, 5)),
    LayerCase("act_elu_alpha", "ELU", {"alpha": 0.5}, input_shape=(2, 3, 4)),
    LayerCase("act_softmax", "Softmax", {}, input_shape=(2, 5)),
    LayerCase("act_softmax_axis", "Softmax", {"axis": 1}, input_shape=(2, 3, 4)),
    LayerCase("act_softmax_multi_axis", "Softmax", {"axis": [1, 2]}, input_shape=(2, 3, 4)),
]
