"""Layer catalog entries: regularization layers.

These layers are the identity at inference (no `training`, or training=False), which is what the
catalog compares with Keras; their training-mode randomness is tested in
tests/layers/test_regularization_layers.py.
"""
from tests.layers.layer_catalog_case import LayerCase

CASES = [
    LayerCase("dropout", "Dropout", {"rate": 0.5}),
    LayerCase("dropout_noise_shape", "Dropout", {"rate": 0.3, "noise_shape": (None, 1, 4),
                                                 "seed": 3},
              input_shape=(2, 3, 4), call_kwargs={"training": False}),
    LayerCase("dropout_rate0", "Dropout", {"rate": 0.0}),
    LayerCase("spatial_dropout1d", "SpatialDropout1D", {"rate": 0.5, "seed": 1},
              input_shape=(2, 3, 4)),
    LayerCase("spatial_dropout2d_cf", "SpatialDropout2D",
              {"rate": 0.2, "data_format": "channels_first"}, input_shape=(2, 3, 2, 2)),
    LayerCase("spatial_dropout3d", "SpatialDropout3D", {"rate": 0.4}, input_shape=(2, 2, 2, 2, 3),
              call_kwargs={"training": False}),
    LayerCase("gaussian_noise", "GaussianNoise", {"stddev": 0.1, "seed": 1}),
    LayerCase("gaussian_dropout", "GaussianDropout", {"rate": 0.2}, input_shape=(2, 3, 2)),
    LayerCase("alpha_dropout", "AlphaDropout", {"rate": 0.1, "noise_shape": (None, 1, 2)},
              input_shape=(2, 3, 2), call_kwargs={"training": False}),
]
