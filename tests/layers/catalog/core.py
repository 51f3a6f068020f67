"""Layer catalog entries: core layers."""
import kerasish
from tests.layers.layer_catalog_case import LayerCase


def _register(fn):
    """Registers a catalog function under the same name with kerasish and Keras, so both write
    the same config for it and kerasish can load it back by name."""
    fn = kerasish.saving.register_keras_serializable(package="kerasish_catalog")(fn)
    try:
        import keras
    except ImportError:
        return fn
    return keras.saving.register_keras_serializable(package="kerasish_catalog")(fn)


# Functions for Lambda and Activation, written with operators only so that the same function
# runs on Keras's and kerasish's tensors.
@_register
def double_plus_one(x):
    return x * 2.0 + 1.0


@_register
def scaled(x, factor=1.0, shift=0.0):
    return x * factor + shift


@_register
def first_two_features(x):
    return x[:, :2]


@_register
def soft_square(x):
    return x * x / (1.0 + x * x)


CASES = [
    LayerCase("dense", "Dense", {"units": 4}),
    LayerCase("dense_relu_nobias", "Dense", {"units": 2, "activation": "relu", "use_bias": False}),
    LayerCase("dense_3d", "Dense", {"units": 3, "activation": "tanh"}, input_shape=(2, 3, 4)),
    LayerCase("dense_regularized", "Dense", {
        "units": 2, "kernel_regularizer": "l2", "bias_regularizer": "l1",
        "activity_regularizer": "l2", "kernel_constraint": "non_neg"}),

    LayerCase("einsum_dense_ab_bc", "EinsumDense",
              {"equation": "ab,bc->ac", "output_shape": 4, "bias_axes": "c"}),
    LayerCase("einsum_dense_no_bias", "EinsumDense",
              {"equation": "ab,bc->ac", "output_shape": (3,), "activation": "relu"}),
    LayerCase("einsum_dense_abc_cd", "EinsumDense",
              {"equation": "abc,cd->abd", "output_shape": (None, 4), "bias_axes": "d",
               "activation": "tanh"}, input_shape=(2, 3, 5)),
    LayerCase("einsum_dense_abc_cde", "EinsumDense",
              {"equation": "abc,cde->abde", "output_shape": (None, 3, 4), "bias_axes": "de"},
              input_shape=(2, 5, 2)),
    LayerCase("einsum_dense_bias_be", "EinsumDense",
              {"equation": "abc,cde->abde", "output_shape": (5, 3, 4), "bias_axes": "be"},
              input_shape=(2, 5, 2)),
    LayerCase("einsum_dense_two_contracted", "EinsumDense",
              {"equation": "abc,bcd->ad", "output_shape": 5, "bias_axes": "d"},
              input_shape=(2, 3, 4)),
    LayerCase("einsum_dense_left_ellipsis", "EinsumDense",
              {"equation": "...b,bc->...c", "output_shape": 4, "bias_axes": "c"},
              input_shape=(2, 3, 5)),
    LayerCase("einsum_dense_right_ellipsis", "EinsumDense",
              {"equation": "ab...,bc->ac...", "output_shape": 4, "bias_axes": "c"},
              input_shape=(2, 5, 2, 3)),
    LayerCase("einsum_dense_regularized", "EinsumDense", {
        "equation": "abc,cd->abd", "output_shape": (None, 2), "bias_axes": "d",
        "kernel_initializer": "he_normal", "bias_initializer": "ones",
        "kernel_regularizer": "l2", "bias_regularizer": "l1", "activity_regularizer": "l2",
        "kernel_constraint": "max_norm"}, input_shape=(2, 3, 4)),

    LayerCase("activation_relu", "Activation", {"activation": "relu"}),
    LayerCase("activation_softmax_3d", "Activation", {"activation": "softmax"},
              input_shape=(2, 3, 4)),
    LayerCase("activation_function", "Activation", {"activation": soft_square}),
    LayerCase("activation_int", "Activation", {"activation": "relu"}, input_dtype="int32",
              int_low=-5, check_grads=False),  # no weights and int inputs: nothing to differentiate

    LayerCase("identity", "Identity", {}),
    LayerCase("identity_int", "Identity", {}, input_shape=(2, 3, 2), input_dtype="int32",
              check_grads=False),

    LayerCase("lambda", "Lambda", {"function": double_plus_one}),
    LayerCase("lambda_arguments", "Lambda",
              {"function": scaled, "arguments": {"factor": 0.5, "shift": -1.0}},
              input_shape=(2, 3, 2)),
    LayerCase("lambda_output_shape", "Lambda",
              {"function": first_two_features, "output_shape": (2,)}, input_shape=(2, 4)),

    LayerCase("embedding", "Embedding", {"input_dim": 10, "output_dim": 3},
              input_shape=(2, 4), input_dtype="int32", int_high=10),
    LayerCase("embedding_mask_zero", "Embedding", {
        "input_dim": 6, "output_dim": 2, "mask_zero": True, "embeddings_initializer": "glorot_uniform",
        "embeddings_regularizer": "l2", "activity_regularizer": "l1",
        "embeddings_constraint": "unit_norm"}, input_shape=(2, 5), input_dtype="int32", int_high=6),
    LayerCase("embedding_3d_int64", "Embedding", {"input_dim": 7, "output_dim": 4},
              input_shape=(2, 3, 2), input_dtype="int64", int_high=5),

    LayerCase("masking", "Masking", {}, input_shape=(2, 3, 4)),
    LayerCase("masking_value", "Masking", {"mask_value": 1.0}, input_shape=(2, 4, 1),
              input_dtype="int32", int_high=3,  # timesteps equal to 1 are masked
              check_grads=False),  # int inputs and no weights: nothing to differentiate
]
