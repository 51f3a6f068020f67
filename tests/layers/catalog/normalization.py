"""Layer catalog entries: normalization layers."""
from tests.layers.layer_catalog_case import LayerCase

_TRAIN = {"training": True}

CASES = [
    # BatchNormalization: inference (moving statistics) and training (batch statistics).
    LayerCase("norm_bn", "BatchNormalization", {}, input_shape=(4, 3)),
    LayerCase("norm_bn_train", "BatchNormalization", {}, input_shape=(4, 3), call_kwargs=_TRAIN),
    LayerCase("norm_bn_axis1_train", "BatchNormalization",
              {"axis": 1, "momentum": 0.9, "epsilon": 1e-2}, input_shape=(3, 2, 4),
              call_kwargs=_TRAIN),
    LayerCase("norm_bn_axis1_infer", "BatchNormalization", {"axis": 1}, input_shape=(3, 2, 4)),
    LayerCase("norm_bn_4d_no_center_train", "BatchNormalization",
              {"center": False, "gamma_regularizer": "l2", "gamma_constraint": "non_neg"},
              input_shape=(2, 3, 3, 2), call_kwargs=_TRAIN),
    LayerCase("norm_bn_no_scale_initializers", "BatchNormalization", {
        "scale": False, "beta_initializer": "ones", "moving_mean_initializer": "ones",
        "moving_variance_initializer": "random_uniform", "beta_regularizer": "l1"},
        input_shape=(3, 4)),
    # Renorm in training depends on the state a first call leaves, which the catalog's
    # build-then-compare cannot share: test_normalization_layers.py compares it instead.
    LayerCase("norm_bn_renorm_infer", "BatchNormalization", {"renorm": True},
              input_shape=(4, 3)),

    LayerCase("norm_ln", "LayerNormalization", {}, input_shape=(2, 5)),
    LayerCase("norm_ln_axes", "LayerNormalization", {"axis": [-2, -1], "epsilon": 1e-5},
              input_shape=(2, 3, 4)),
    LayerCase("norm_ln_axis1", "LayerNormalization", {"axis": 1, "center": False},
              input_shape=(2, 3, 4)),
    LayerCase("norm_ln_no_scale", "LayerNormalization",
              {"scale": False, "beta_initializer": "ones", "beta_regularizer": "l2"},
              input_shape=(2, 3, 4)),
    LayerCase("norm_ln_rms_scaling", "LayerNormalization", {"rms_scaling": True},
              input_shape=(2, 4)),

    LayerCase("norm_rms", "RMSNormalization", {}, input_shape=(2, 3, 4)),
    LayerCase("norm_rms_axes", "RMSNormalization", {"axis": [1, 2], "epsilon": 1e-3},
              input_shape=(2, 3, 4)),

    LayerCase("norm_gn", "GroupNormalization", {"groups": 2}, input_shape=(2, 3, 4)),
    LayerCase("norm_gn_instance", "GroupNormalization", {"groups": -1}, input_shape=(2, 3, 3, 2)),
    LayerCase("norm_gn_axis1", "GroupNormalization",
              {"groups": 3, "axis": 1, "center": False, "epsilon": 1e-5},
              input_shape=(2, 6, 2, 2)),
    LayerCase("norm_gn_one_group", "GroupNormalization",
              {"groups": 1, "scale": False, "beta_regularizer": "l2"}, input_shape=(2, 4)),

    LayerCase("norm_unit", "UnitNormalization", {}, input_shape=(2, 4)),
    LayerCase("norm_unit_axes", "UnitNormalization", {"axis": [1, 2]}, input_shape=(2, 3, 2)),
]
