"""Convolution and pooling (the conv part of keras.ops.nn), N-D: 1-D, 2-D and 3-D inputs
(any number of spatial dims), channels_last or channels_first.

Layouts, as Keras: inputs (batch, *spatial, channels) or (batch, channels, *spatial); conv kernels
(*kernel_size, in_channels // groups, filters), with groups = in_channels // kernel.shape[-2];
depthwise kernels (*kernel_size, in_channels, multiplier); conv_transpose kernels
(*kernel_size, filters, in_channels). Padding is "valid" or "same" (XLA's: out = ceil(n / stride),
the odd padding element at the end); average pooling with "same" averages real entries only.
"""
import numpy as np

from kerasish.backend import config
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = ["conv", "conv_transpose", "depthwise_conv", "separable_conv", "max_pool", "average_pool"]

_FORMATS = ("channels_last", "channels_first")


def _data_format(op, data_format):
    if data_format is None:
        return config.image_data_format()
    return checks.one_of(op, data_format, _FORMATS, "data_format")


def _padding(op, padding):
    if isinstance(padding, str) and padding.lower() == "causal":
        raise ValueError(
            f"{op}: `padding`='causal' is not supported (keras.ops accepts 'valid' or 'same'). For a "
            f"causal 1-D convolution, pad the input at the start of the time axis by "
            f"dilation_rate * (kernel_size - 1) and use padding='valid', as keras.layers.Conv1D does.")
    return checks.one_of(op, padding, ("valid", "same"), "padding")


def _is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _spatial(op, value, nd, arg, minimum=1):
    """An int or a sequence of `nd` ints (each >= minimum) as a tuple of `nd` ints."""
    if _is_int(value):
        values = (int(value),) * nd
    elif isinstance(value, (tuple, list)) and all(_is_int(v) for v in value):
        values = tuple(int(v) for v in value)
        if len(values) != nd:
            raise ValueError(
                f"{op}: `{arg}` must be an int or a tuple of {nd} ints, one per spatial dimension of "
                f"the {nd}-D input; received {value!r}.")
    else:
        raise TypeError(f"{op}: `{arg}` must be an int or a tuple of {nd} ints; received {value!r}.")
    if any(v < minimum for v in values):
        raise ValueError(f"{op}: `{arg}` must hold ints >= {minimum}; received {value!r}.")
    return values


def _input_shape(op, inputs, data_format):
    """(shape, spatial sizes, channels) of `inputs`, which must have rank >= 3."""
    shape = checks.shape_of(inputs)
    if len(shape) < 3:
        layout = "(batch, *spatial, channels)" if data_format == "channels_last" else "(batch, channels, *spatial)"
        raise ValueError(
            f"{op}: `inputs` must have rank 3, 4 or 5 ({layout} for 1-D, 2-D or 3-D data, "
            f"data_format={data_format!r}); received shape {shape} (rank {len(shape)}).")
    if data_format == "channels_last":
        return shape, shape[1:-1], shape[-1]
    return shape, shape[2:], shape[1]


def _kernel_shape(op, kernel, shape, name, layout):
    kshape = checks.shape_of(kernel)
    if len(kshape) != len(shape):
        raise ValueError(
            f"{op}: `{name}` must have the rank of `inputs` ({len(shape)}: {layout}); received "
            f"`inputs` with shape {shape} and `{name}` with shape {kshape}.")
    if any(k is not None and k < 1 for k in kshape[:-2]):
        raise ValueError(f"{op}: `{name}` has an empty spatial dimension; received shape {kshape}.")
    return kshape


def _channel_axis(data_format):
    return "last axis" if data_format == "channels_last" else "axis 1"


def _check_output_size(op, shape, spatial, window, dilation, padding, what):
    """A ValueError if "valid" padding leaves no output (the window does not fit in the input)."""
    if padding != "valid":
        return
    for n, k, d in zip(spatial, window, dilation):
        if n is not None and k is not None and (k - 1) * d + 1 > n:
            raise ValueError(
                f"{op}: the output would be empty: {what} does not fit in the input's spatial shape "
                f"{tuple(spatial)} (`inputs` shape {shape}) with padding='valid'. Use a smaller window, "
                f"padding='same' or a larger input.")


def _conv_checks(op, inputs, kernel, strides, padding, data_format, dilation_rate, name="kernel"):
    data_format = _data_format(op, data_format)
    padding = _padding(op, padding)
    shape, spatial, channels = _input_shape(op, inputs, data_format)
    nd = len(spatial)
    strides = _spatial(op, strides, nd, "strides")
    dilation_rate = _spatial(op, dilation_rate, nd, "dilation_rate")
    return data_format, padding, shape, spatial, channels, strides, dilation_rate


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """General N-D convolution; groups = input channels // kernel.shape[-2]."""
    op = "conv"
    data_format, padding, shape, spatial, channels, strides, dilation_rate = _conv_checks(
        op, inputs, kernel, strides, padding, data_format, dilation_rate)
    kshape = _kernel_shape(op, kernel, shape, "kernel", "(*kernel_size, in_channels // groups, filters)")
    _check_conv_channels(op, channels, kshape, shape, data_format)
    _check_output_size(op, shape, spatial, kshape[:-2], dilation_rate, padding,
                       f"the kernel of spatial size {tuple(kshape[:-2])} with dilation_rate={dilation_rate}")
    return dispatch(op, inputs, kernel, strides, padding, data_format, dilation_rate)


def _check_conv_channels(op, channels, kshape, shape, data_format, name="kernel"):
    kin, filters = kshape[-2], kshape[-1]
    if channels is None or kin is None:
        return
    if kin < 1 or channels % kin:
        raise ValueError(
            f"{op}: the input channels ({channels}, the {_channel_axis(data_format)} of `inputs` "
            f"with shape {shape}) must be a multiple of the `{name}`'s input channels ({kin}, "
            f"`{name}.shape[-2]` of shape {kshape}); groups = input channels // {name}.shape[-2].")
    groups = channels // kin
    if groups > 1 and filters is not None and filters % groups:
        raise ValueError(
            f"{op}: a grouped convolution ({groups} groups: {channels} input channels, `{name}` "
            f"of shape {kshape}) needs a number of filters ({name}.shape[-1] = {filters}) that "
            f"is a multiple of the groups.")


def _check_depthwise(op, inputs, kernel, strides, padding, data_format, dilation_rate, name):
    data_format, padding, shape, spatial, channels, strides, dilation_rate = _conv_checks(
        op, inputs, kernel, strides, padding, data_format, dilation_rate)
    kshape = _kernel_shape(op, kernel, shape, name, "(*kernel_size, in_channels, depth_multiplier)")
    if channels is not None and kshape[-2] is not None and channels != kshape[-2]:
        raise ValueError(
            f"{op}: the input channels ({channels}, the {_channel_axis(data_format)} of `inputs` "
            f"with shape {shape}) must equal the `{name}`'s input channels ({kshape[-2]}, "
            f"`{name}.shape[-2]` of shape {kshape}).")
    _check_output_size(op, shape, spatial, kshape[:-2], dilation_rate, padding,
                       f"the kernel of spatial size {tuple(kshape[:-2])} with dilation_rate={dilation_rate}")
    return data_format, padding, shape, spatial, strides, dilation_rate, kshape


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    """N-D depthwise convolution: each input channel convolved with its own `multiplier` filters."""
    op = "depthwise_conv"
    data_format, padding, _, _, strides, dilation_rate, _ = _check_depthwise(
        op, inputs, kernel, strides, padding, data_format, dilation_rate, "kernel")
    return dispatch(op, inputs, kernel, strides, padding, data_format, dilation_rate)


def _out_size(n, k, s, d, padding):
    if n is None:
        return None
    if padding == "same":
        return -(-n // s)
    return (n - (k - 1) * d - 1) // s + 1


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    """N-D separable convolution: a depthwise conv, then a pointwise conv."""
    op = "separable_conv"
    data_format, padding, shape, spatial, strides, dilation_rate, dshape = _check_depthwise(
        op, inputs, depthwise_kernel, strides, padding, data_format, dilation_rate, "depthwise_kernel")
    pshape = _kernel_shape(op, pointwise_kernel, shape, "pointwise_kernel",
                           "(*ones, in_channels * depth_multiplier, filters)")
    mid_channels = None if None in dshape[-2:] else dshape[-2] * dshape[-1]
    mid_spatial = tuple(_out_size(n, k, s, d, padding)
                        for n, k, s, d in zip(spatial, dshape[:-2], strides, dilation_rate))
    mid_shape = (shape[0],) + (mid_spatial + (mid_channels,) if data_format == "channels_last"
                               else (mid_channels,) + mid_spatial)
    _check_conv_channels(op, mid_channels, pshape, mid_shape, data_format, "pointwise_kernel")
    _check_output_size(op, mid_shape, mid_spatial, pshape[:-2], dilation_rate, "valid",
                       f"the pointwise kernel of spatial size {tuple(pshape[:-2])} (applied to the "
                       f"depthwise output of shape {mid_shape})")
    return dispatch(op, inputs, depthwise_kernel, pointwise_kernel, strides, padding, data_format,
                    dilation_rate)


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None, data_format=None,
                   dilation_rate=1):
    """General N-D transposed convolution (the gradient of conv w.r.t. its input)."""
    op = "conv_transpose"
    data_format, padding, shape, spatial, channels, strides, dilation_rate = _conv_checks(
        op, inputs, kernel, strides, padding, data_format, dilation_rate)
    kshape = _kernel_shape(op, kernel, shape, "kernel", "(*kernel_size, filters, in_channels)")
    if channels is not None and kshape[-1] is not None and channels != kshape[-1]:
        raise ValueError(
            f"{op}: the input channels ({channels}, the {_channel_axis(data_format)} of `inputs` with "
            f"shape {shape}) must equal the kernel's input channels ({kshape[-1]}, `kernel.shape[-1]` "
            f"of shape {kshape}: conv_transpose kernels are (*kernel_size, filters, in_channels)).")
    if output_padding is not None:
        output_padding = _spatial(op, output_padding, len(spatial), "output_padding", minimum=0)
    return dispatch(op, inputs, kernel, strides, padding, output_padding, data_format, dilation_rate)


def _pool_checks(op, inputs, pool_size, strides, padding, data_format):
    data_format = _data_format(op, data_format)
    padding = _padding(op, padding)
    shape, spatial, _ = _input_shape(op, inputs, data_format)
    nd = len(spatial)
    pool_size = _spatial(op, pool_size, nd, "pool_size")
    strides = pool_size if strides is None else _spatial(op, strides, nd, "strides")
    _check_output_size(op, shape, spatial, pool_size, (1,) * nd, padding, f"pool_size={pool_size}")
    return pool_size, strides, padding, data_format


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    """Max pooling over the spatial dims (strides default to pool_size)."""
    return dispatch("max_pool", inputs, *_pool_checks("max_pool", inputs, pool_size, strides, padding, data_format))


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    """Average pooling over the spatial dims; with "same", borders average their real entries."""
    return dispatch("average_pool", inputs,
                    *_pool_checks("average_pool", inputs, pool_size, strides, padding, data_format))
