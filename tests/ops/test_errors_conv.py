"""Bad input to convolution and pooling gives the same clear error on every backend."""
import numpy as np
import pytest

import kerasish
from kerasish import ops

X = np.ones((2, 5, 5, 3), "float32")
K = np.ones((3, 3, 3, 4), "float32")


def test_conv_input_of_too_low_rank(backend):
    with pytest.raises(ValueError, match=r"conv: `inputs` must have rank 3, 4 or 5 .*received shape \(5, 3\) \(rank 2\)"):
        ops.conv(np.ones((5, 3)), np.ones((3, 3, 4)))


def test_conv_kernel_rank_differs_from_inputs(backend):
    with pytest.raises(ValueError, match=r"conv: `kernel` must have the rank of `inputs` \(4: .*received `inputs` "
                                         r"with shape \(2, 5, 5, 3\) and `kernel` with shape \(3, 3, 4\)"):
        ops.conv(X, np.ones((3, 3, 4)))


def test_conv_channel_mismatch_names_both(backend):
    with pytest.raises(ValueError, match=r"conv: the input channels \(3, the last axis of `inputs` with shape "
                                         r"\(2, 5, 5, 3\)\) must be a multiple of the `kernel`'s input channels "
                                         r"\(2, `kernel.shape\[-2\]` of shape \(3, 3, 2, 4\)\)"):
        ops.conv(X, np.ones((3, 3, 2, 4)))


def test_conv_channel_mismatch_channels_first(backend):
    with pytest.raises(ValueError, match=r"conv: the input channels \(2, the axis 1 of `inputs`"):
        ops.conv(np.ones((1, 2, 5, 5)), K, data_format="channels_first")


def test_conv_groups_need_divisible_filters(backend):
    with pytest.raises(ValueError, match=r"conv: a grouped convolution \(2 groups.*filters \(kernel.shape\[-1\] = 3\)"):
        ops.conv(np.ones((1, 5, 5, 4)), np.ones((3, 3, 2, 3)))


@pytest.mark.parametrize("op", ["conv", "depthwise_conv", "conv_transpose"])
def test_bad_padding_string(backend, op):
    kernel = np.ones((3, 3, 3, 3))
    with pytest.raises(ValueError, match=rf"{op}: `padding` must be one of 'valid', 'same'; received 'full'"):
        getattr(ops, op)(X, kernel, padding="full")


def test_causal_padding_is_explained(backend):
    with pytest.raises(ValueError, match=r"conv: `padding`='causal' is not supported .*pad the input"):
        ops.conv(np.ones((2, 7, 3)), np.ones((3, 3, 4)), padding="causal")


@pytest.mark.parametrize("op", ["conv", "depthwise_conv", "conv_transpose"])
def test_bad_data_format(backend, op):
    with pytest.raises(ValueError, match=rf"{op}: `data_format` must be one of 'channels_last', 'channels_first'; "
                                         r"received 'NHWC'"):
        getattr(ops, op)(X, np.ones((3, 3, 3, 3)), data_format="NHWC")


def test_data_format_none_follows_the_config(backend):
    kerasish.backend.config.set_image_data_format("channels_first")
    try:
        out = ops.conv(np.ones((1, 3, 5, 5), "float32"), K)  # 3 channels on axis 1
    finally:
        kerasish.backend.config.set_image_data_format("channels_last")
    assert tuple(out.shape) == (1, 4, 3, 3)


def test_strides_of_the_wrong_length(backend):
    with pytest.raises(ValueError, match=r"conv: `strides` must be an int or a tuple of 2 ints, one per spatial "
                                         r"dimension of the 2-D input; received \(1, 1, 1\)"):
        ops.conv(X, K, strides=(1, 1, 1))


def test_non_positive_strides_and_dilation(backend):
    with pytest.raises(ValueError, match=r"conv: `strides` must hold ints >= 1; received 0"):
        ops.conv(X, K, strides=0)
    with pytest.raises(ValueError, match=r"depthwise_conv: `dilation_rate` must hold ints >= 1; received \(1, -1\)"):
        ops.depthwise_conv(X, np.ones((3, 3, 3, 1)), dilation_rate=(1, -1))


def test_strides_of_the_wrong_type(backend):
    with pytest.raises(TypeError, match=r"conv: `strides` must be an int or a tuple of 2 ints; received 1.5"):
        ops.conv(X, K, strides=1.5)


def test_strides_and_dilation_together_are_supported(backend):
    # Keras's TensorFlow backend refuses this; XLA and the NumPy reference both compute it.
    out = ops.conv(X, K, strides=2, dilation_rate=2, padding="same")
    assert tuple(out.shape) == (2, 3, 3, 4)


def test_conv_kernel_larger_than_input_with_valid_padding(backend):
    with pytest.raises(ValueError, match=r"conv: the output would be empty: the kernel of spatial size \(3, 3\) "
                                         r"with dilation_rate=\(3, 3\) does not fit in the input's spatial shape "
                                         r"\(5, 5\) \(`inputs` shape \(2, 5, 5, 3\)\) with padding='valid'"):
        ops.conv(X, K, dilation_rate=3)


def test_depthwise_channel_mismatch(backend):
    with pytest.raises(ValueError, match=r"depthwise_conv: the input channels \(3, .*\) must equal the `kernel`'s "
                                         r"input channels \(1, `kernel.shape\[-2\]` of shape \(3, 3, 1, 2\)\)"):
        ops.depthwise_conv(X, np.ones((3, 3, 1, 2)))


def test_depthwise_kernel_larger_than_input(backend):
    with pytest.raises(ValueError, match=r"depthwise_conv: the output would be empty"):
        ops.depthwise_conv(X, np.ones((6, 6, 3, 1)))


def test_separable_conv_pointwise_channels(backend):
    with pytest.raises(ValueError, match=r"separable_conv: the input channels \(6, .*\) must be a multiple of the "
                                         r"`pointwise_kernel`'s input channels \(4, "):
        ops.separable_conv(X, np.ones((3, 3, 3, 2)), np.ones((1, 1, 4, 5)))


def test_separable_conv_depthwise_channels(backend):
    with pytest.raises(ValueError, match=r"separable_conv: the input channels \(3, .*must equal the "
                                         r"`depthwise_kernel`'s input channels \(2, "):
        ops.separable_conv(X, np.ones((3, 3, 2, 1)), np.ones((1, 1, 2, 5)))


def test_separable_conv_pointwise_rank(backend):
    with pytest.raises(ValueError, match=r"separable_conv: `pointwise_kernel` must have the rank of `inputs`"):
        ops.separable_conv(X, np.ones((3, 3, 3, 1)), np.ones((3, 5)))


def test_conv_transpose_channel_mismatch(backend):
    # conv_transpose kernels are (*k, filters, in_channels): the input channels are kernel.shape[-1].
    with pytest.raises(ValueError, match=r"conv_transpose: the input channels \(3, the last axis of `inputs` with "
                                         r"shape \(2, 5, 5, 3\)\) must equal the kernel's input channels \(4, "
                                         r"`kernel.shape\[-1\]` of shape \(3, 3, 3, 4\)"):
        ops.conv_transpose(X, K)


def test_conv_transpose_bad_output_padding(backend):
    with pytest.raises(ValueError, match=r"conv_transpose: `output_padding` must hold ints >= 0; received -1"):
        ops.conv_transpose(X, np.ones((3, 3, 2, 3)), strides=2, output_padding=-1)
    with pytest.raises(ValueError, match=r"conv_transpose: `output_padding` must be an int or a tuple of 2 ints"):
        ops.conv_transpose(X, np.ones((3, 3, 2, 3)), strides=2, output_padding=(1, 1, 1))


@pytest.mark.parametrize("op", ["max_pool", "average_pool"])
def test_pool_larger_than_input_with_valid_padding(backend, op):
    with pytest.raises(ValueError, match=rf"{op}: the output would be empty: pool_size=\(6, 6\) does not fit in "
                                         r"the input's spatial shape \(5, 5\)"):
        getattr(ops, op)(X, 6)


@pytest.mark.parametrize("op", ["max_pool", "average_pool"])
def test_pool_larger_than_input_with_same_padding_is_fine(backend, op):
    assert tuple(getattr(ops, op)(X, 6, padding="same").shape) == (2, 1, 1, 3)


@pytest.mark.parametrize("op", ["max_pool", "average_pool"])
def test_pool_bad_arguments(backend, op):
    fn = getattr(ops, op)
    with pytest.raises(ValueError, match=rf"{op}: `padding` must be one of 'valid', 'same'; received 'full'"):
        fn(X, 2, padding="full")
    with pytest.raises(ValueError, match=rf"{op}: `data_format` must be one of"):
        fn(X, 2, data_format="channels_middle")
    with pytest.raises(ValueError, match=rf"{op}: `pool_size` must be an int or a tuple of 2 ints"):
        fn(X, (2, 2, 2))
    with pytest.raises(ValueError, match=rf"{op}: `strides` must hold ints >= 1; received 0"):
        fn(X, 2, strides=0)
    with pytest.raises(ValueError, match=rf"{op}: `inputs` must have rank 3, 4 or 5"):
        fn(np.ones((4, 4)), 2)


def test_average_pool_of_ints_is_float(backend):
    out = ops.average_pool(np.arange(8, dtype="int32").reshape(1, 8, 1), 2)
    assert ops.convert_to_numpy(out).dtype == np.float32
    np.testing.assert_allclose(ops.convert_to_numpy(out)[0, :, 0], [0.5, 2.5, 4.5, 6.5])


def test_conv_runs_inside_jit(backend):
    fn = kerasish.backend.get_backend().jit(
        lambda x, k: ops.max_pool(ops.conv_transpose(ops.conv(x, k, padding="same"), k, strides=2), 2))
    out = fn(X, np.ones((3, 3, 3, 3), "float32"))
    assert tuple(out.shape) == (2, 5, 5, 3)
