"""Convolution and pooling for the JAX backend: lax.conv_general_dilated, lax.conv_transpose and
lax.reduce_window. Shapes come from static `.shape` only, so every op works inside jax.jit."""
import math

import numpy as np
import jax.numpy as jnp
from jax import lax

from kerasish.backend import config, dtypes
from kerasish.backends.jax.core import cast, convert_to_tensor
from kerasish.backends.jax.elementwise import promote

__all__ = ["conv", "conv_transpose", "depthwise_conv", "separable_conv", "max_pool", "average_pool"]


def _tuple(value, nd):
    return (int(value),) * nd if isinstance(value, int) else tuple(int(v) for v in value)


def _dimension_numbers(nd, data_format):
    """Inputs/outputs in `data_format`; kernels (*spatial, in, out) as Keras stores them."""
    spatial = tuple(range(2, nd + 2)) if data_format == "channels_first" else tuple(range(1, nd + 1))
    io = (0, 1) + spatial if data_format == "channels_first" else (0, nd + 1) + spatial
    return lax.ConvDimensionNumbers(lhs_spec=io, rhs_spec=(nd + 1, nd) + tuple(range(nd)), out_spec=io)


def _channels(x, data_format):
    return x.shape[1] if data_format == "channels_first" else x.shape[-1]


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    inputs, kernel = promote(inputs, kernel)
    nd = inputs.ndim - 2
    return lax.conv_general_dilated(
        inputs, kernel, _tuple(strides, nd), padding.upper(), rhs_dilation=_tuple(dilation_rate, nd),
        dimension_numbers=_dimension_numbers(nd, data_format),
        feature_group_count=_channels(inputs, data_format) // kernel.shape[-2])


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    inputs, kernel = promote(inputs, kernel)
    # (*k, C, M) is the grouped kernel (*k, 1, C * M) with C groups.
    kernel = jnp.reshape(kernel, kernel.shape[:-2] + (1, kernel.shape[-2] * kernel.shape[-1]))
    return conv(inputs, kernel, strides, padding, data_format, dilation_rate)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, dilation_rate)


def _conv_transpose_padding(window, strides, padding, output_padding, dilation):
    """Keras's conv_transpose padding rules as the (low, high) padding of lax.conv_transpose."""
    pads = []
    for i, (k, s, d) in enumerate(zip(window, strides, dilation)):
        k = (k - 1) * d + 1
        extra = output_padding if output_padding is None or isinstance(output_padding, int) \
            else output_padding[i]
        if padding == "valid":
            extra = max(k, s) - k if extra is None else extra
            pads.append((k - 1, k - 1 + extra))
        else:
            total = s + k - 2 if extra is None else k + k % 2 - 2 + extra
            lo = min(total // 2 + total % 2, k - 1)
            pads.append((lo, total - lo))
    return pads


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None, data_format=None,
                   dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    inputs, kernel = promote(inputs, kernel)
    nd = inputs.ndim - 2
    strides, dilation = _tuple(strides, nd), _tuple(dilation_rate, nd)
    pads = _conv_transpose_padding(kernel.shape[:nd], strides, padding.lower(), output_padding, dilation)
    # transpose_kernel=True: the gradient of a conv whose kernel is (*k, out, in) in conv layout.
    return lax.conv_transpose(inputs, kernel, strides, pads, rhs_dilation=dilation,
                              dimension_numbers=_dimension_numbers(nd, data_format), transpose_kernel=True)


def _window(inputs, pool_size, strides, data_format):
    nd = inputs.ndim - 2
    pool_size = _tuple(pool_size, nd)
    strides = pool_size if strides is None else _tuple(strides, nd)
    if data_format == "channels_first":
        return (1, 1) + pool_size, (1, 1) + strides
    return (1,) + pool_size + (1,), (1,) + strides + (1,)


def _lowest(dtype):
    if jnp.issubdtype(dtype, jnp.floating):
        return -jnp.inf
    if dtype == jnp.bool_:
        return False
    return jnp.iinfo(dtype).min


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    data_format = config.standardize_data_format(data_format)
    inputs = convert_to_tensor(inputs)
    window, strides = _window(inputs, pool_size, strides, data_format)
    # A concrete (NumPy) init lets JAX pick its differentiable max-window primitive; a traced
    # one falls back to a generic reduce_window without a gradient rule under jit.
    init = np.array(_lowest(inputs.dtype), inputs.dtype)
    return lax.reduce_window(inputs, init, lax.max, window, strides, padding.upper())


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    data_format = config.standardize_data_format(data_format)
    inputs = convert_to_tensor(inputs)
    inputs = cast(inputs, dtypes.float_result(inputs.dtype))
    window, strides = _window(inputs, pool_size, strides, data_format)
    padding = padding.upper()
    zero = np.array(0, inputs.dtype)  # concrete, as in max_pool
    sums = lax.reduce_window(inputs, zero, lax.add, window, strides, padding)
    if padding == "VALID":
        return sums / jnp.array(math.prod(window), inputs.dtype)
    # "same": divide by the number of real (not padding) entries in each window.
    shape = tuple(n if w != 1 else 1 for n, w in zip(inputs.shape, window))
    counts = lax.reduce_window(jnp.ones(shape, inputs.dtype), zero, lax.add, window, strides, padding)
    return sums / counts
