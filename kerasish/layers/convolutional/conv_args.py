"""Argument checks shared by the convolution and pooling layers (Keras's messages, with the
layer's name added so that an error says where it came from)."""
import numpy as np

from kerasish.backend import config


def is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def standardize_tuple(value, n, name, layer, allow_zero=False):
    """An int or `n` ints as a tuple of `n` Python ints (each > 0, or >= 0 with allow_zero)."""
    message = (f"{layer}: the `{name}` argument must be an int or a tuple of {n} integers. "
               f"Received {name}={value!r}")
    if is_int(value):
        values = (int(value),) * n
    else:
        try:
            values = tuple(value)
        except TypeError:
            raise ValueError(message) from None
        if len(values) != n or not all(is_int(v) for v in values):
            raise ValueError(message)
        values = tuple(int(v) for v in values)
    smallest = 0 if allow_zero else 1
    if any(v < smallest for v in values):
        raise ValueError(f"{message}, including values that do not satisfy "
                         f"`value {'>= 0' if allow_zero else '> 0'}`")
    return values


def standardize_padding(value, layer, allow_causal=False):
    """"valid", "same" (or "causal" for Conv1D), case-insensitive, lower-cased."""
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    padding = value.lower() if isinstance(value, str) else value
    if padding not in allowed:
        raise ValueError(f"{layer}: the `padding` argument must be one of {allowed}. "
                         f"Received: padding={value!r}")
    return padding


def standardize_data_format(value, layer):
    try:
        return config.standardize_data_format(value)
    except ValueError:
        raise ValueError(f"{layer}: the `data_format` argument must be one of 'channels_last', "
                         f"'channels_first'. Received: data_format={value!r}") from None


def positive_int(value, name, layer):
    if not is_int(value) or value <= 0:
        raise ValueError(f"{layer}: invalid value for argument `{name}`. Expected a strictly "
                         f"positive integer. Received {name}={value!r}.")
    return int(value)


def channel_axis(data_format):
    return -1 if data_format == "channels_last" else 1


def input_channels(layer, input_shape):
    """The channel count of a build input shape, which must be known to create the kernel."""
    shape = tuple(input_shape)
    channels = shape[channel_axis(layer.data_format)] if len(shape) >= 2 else None
    if channels is None:
        raise ValueError(
            f"{type(layer).__name__} layer {layer.name!r}: the channel dimension of the inputs "
            f"(axis {channel_axis(layer.data_format)}, data_format={layer.data_format!r}) must be "
            f"known to create the weights; received input shape {shape}.")
    return int(channels)


def bias_shape(rank, channels, data_format):
    """The bias reshaped to broadcast against the outputs' channel axis."""
    if data_format == "channels_last":
        return (1,) * (rank + 1) + (channels,)
    return (1, channels) + (1,) * rank


def check_output_size(layer, input_shape, window, dilation_rate=None):
    """With padding "valid", a window larger than the input leaves no output: say so, naming the
    layer, rather than fail inside the op (Keras: "Computed output size would be negative")."""
    if layer.padding.lower() != "valid":
        return
    shape = tuple(input_shape)
    spatial = shape[1:-1] if layer.data_format == "channels_last" else shape[2:]
    dilation_rate = dilation_rate or (1,) * len(window)
    extents = tuple((k - 1) * d + 1 for k, d in zip(window, dilation_rate))
    if any(n is not None and e > n for n, e in zip(spatial, extents)):
        raise ValueError(
            f"{type(layer).__name__} layer {layer.name!r}: computed output size would be "
            f"negative: the window of spatial size {tuple(window)} (with dilation "
            f"{tuple(dilation_rate)}: {extents}) is larger than the input's spatial shape "
            f"{tuple(spatial)} (input shape {shape}) with padding='valid'.")


def spatial_and_channels(layer, input_shape):
    shape = tuple(input_shape)
    if layer.data_format == "channels_last":
        return shape[1:-1], shape[-1]
    return shape[2:], shape[1]


def _with_spatial(layer, input_shape, spatial, channels):
    if layer.data_format == "channels_last":
        return (input_shape[0],) + tuple(spatial) + (channels,)
    return (input_shape[0], channels) + tuple(spatial)


def conv_output_shape(layer, input_shape, channels):
    """The output shape of a convolution layer (no build needed): "same" and "causal" keep
    ceil(n / stride) steps, "valid" the windows that fit."""
    check_output_size(layer, input_shape, layer.kernel_size, layer.dilation_rate)
    spatial, _ = spatial_and_channels(layer, input_shape)
    sizes = []
    for n, k, s, d in zip(spatial, layer.kernel_size, layer.strides, layer.dilation_rate):
        if n is None:
            sizes.append(None)
        elif layer.padding == "valid":
            sizes.append((n - (k - 1) * d - 1) // s + 1)
        else:
            sizes.append(-(-n // s))
    return _with_spatial(layer, input_shape, sizes, channels)


def conv_transpose_output_shape(layer, input_shape):
    """The output shape of a transposed convolution layer, Keras's rules: "valid" gives
    (n - 1) * s + max(k, s), "same" n * s; an output_padding p gives (n - 1) * s + k + p
    ("valid") or (n - 1) * s + k % 2 + p ("same"), k being the dilated kernel extent."""
    spatial, _ = spatial_and_channels(layer, input_shape)
    extras = layer.output_padding or (None,) * len(spatial)
    sizes = []
    geometry = zip(spatial, layer.kernel_size, layer.strides, layer.dilation_rate, extras)
    for n, k, s, d, p in geometry:
        k = (k - 1) * d + 1
        if n is None:
            sizes.append(None)
        elif layer.padding == "valid":
            sizes.append((n - 1) * s + (max(k, s) if p is None else k + p))
        else:
            sizes.append(n * s if p is None else (n - 1) * s + k % 2 + p)
    return _with_spatial(layer, input_shape, sizes, layer.filters)
