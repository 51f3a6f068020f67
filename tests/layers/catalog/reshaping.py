"""Layer catalog entries: reshaping layers."""
from tests.layers.layer_catalog_case import LayerCase

CASES = [
    LayerCase("flatten", "Flatten", {}, input_shape=(2, 3, 4)),
    LayerCase("flatten_channels_first", "Flatten", {"data_format": "channels_first"},
              input_shape=(2, 3, 2, 2)),
    LayerCase("flatten_rank1", "Flatten", {}, input_shape=(3,)),
    LayerCase("flatten_int", "Flatten", {}, input_shape=(2, 2, 3), input_dtype="int32",
              check_grads=False),
    LayerCase("reshape", "Reshape", {"target_shape": (2, -1)}, input_shape=(2, 3, 4)),
    LayerCase("reshape_full", "Reshape", {"target_shape": [3, 2, 1]}, input_shape=(2, 6)),
    LayerCase("reshape_int", "Reshape", {"target_shape": (-1,)}, input_shape=(2, 2, 3),
              input_dtype="int32", check_grads=False),
    LayerCase("permute", "Permute", {"dims": (2, 1)}, input_shape=(2, 3, 4)),
    LayerCase("permute_3d", "Permute", {"dims": [3, 1, 2]}, input_shape=(2, 2, 3, 4)),
    LayerCase("repeat_vector", "RepeatVector", {"n": 3}, input_shape=(2, 4)),
]
