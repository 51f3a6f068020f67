"""Convolution and pooling for the NumPy backend, built on one small N-D window machinery.

Everything is computed channels_last, (batch, *spatial, channels); channels_first arrays are
moved there and back (views). Three helpers do the geometry for every op:
- `_pad(x, pads)` pads the spatial axes by (low, high) amounts (a negative amount crops);
- `_windows(xp, window, strides, dilation)` is a strided *view* of shape
  (batch, *out, channels, *window): `view[b, o, c, t] = xp[b, o * stride + t * dilation, c]`;
- `_col2im(cols, ...)` is its adjoint: it adds each window entry back to the input position it was
  read from (one strided slice-add per kernel tap, never a loop over pixels or batch elements).
A convolution is the windows contracted with the kernel (tensordot, on BLAS; einsum per group); its input
gradient is the kernel spread back over the windows (col2im); its kernel gradient contracts the
windows with the output cotangent. conv_transpose *is* conv's input gradient (and its VJPs are a
conv and a kernel gradient); depthwise is a grouped conv; pooling reduces the windows.
Padding follows XLA's "SAME": out = ceil(n / stride), the odd padding element on the high side.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from kerasish.backend import config, dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive
from kerasish.backends.numpy.core import cast, convert_to_tensor
from kerasish.backends.numpy.elementwise import promote

__all__ = ["conv", "conv_transpose", "depthwise_conv", "separable_conv", "max_pool", "average_pool"]


# ---------------------------------------------------------------- the shared N-D window machinery

def _tuple(value, nd):
    return (int(value),) * nd if isinstance(value, (int, np.integer)) else tuple(int(v) for v in value)


def _dilated(window, dilation):
    """The extent of a window whose taps are `dilation` apart."""
    return tuple((k - 1) * d + 1 for k, d in zip(window, dilation))


def _pads(padding, sizes, window, strides):
    """(low, high) padding per spatial dim; "same" as XLA: out = ceil(n / s), extra on the high side."""
    if padding == "valid":
        return tuple((0, 0) for _ in sizes)
    pads = []
    for n, k, s in zip(sizes, window, strides):
        total = max((-(-n // s) - 1) * s + k - n, 0)
        pads.append((total // 2, total - total // 2))
    return tuple(pads)


def _pad(x, pads, value=0):
    """Pads the spatial axes of channels-last `x` by (low, high) each; a negative amount crops."""
    crop = tuple(slice(max(-lo, 0), n - max(-hi, 0)) for n, (lo, hi) in zip(x.shape[1:-1], pads))
    x = x[(slice(None),) + crop]
    widths = [(0, 0)] + [(max(lo, 0), max(hi, 0)) for lo, hi in pads] + [(0, 0)]
    if any(w != (0, 0) for w in widths):
        x = np.pad(x, widths, constant_values=value)
    return x


def _unpad(xp, pads):
    """The adjoint of `_pad`: drops what padding added and puts zeros where it cropped."""
    return _pad(xp, [(-lo, -hi) for lo, hi in pads])


def _windows(xp, window, strides, dilation):
    """A view (batch, *out, channels, *window) of the windows of channels-last `xp`."""
    nd = len(window)
    view = sliding_window_view(xp, _dilated(window, dilation), axis=tuple(range(1, nd + 1)))
    every = (slice(None),)
    return view[every + tuple(slice(None, None, s) for s in strides) + every
                + tuple(slice(None, None, d) for d in dilation)]


def _col2im(cols, padded_shape, strides, dilation):
    """The adjoint of `_windows`: sums cols (batch, *out, channels, *window) back into an array of
    `padded_shape`. One strided slice-add per kernel tap; within a tap the targets are distinct."""
    nd = len(strides)
    out = cols.shape[1:nd + 1]
    x = np.zeros(padded_shape, cols.dtype)
    for tap in np.ndindex(*cols.shape[nd + 2:]):
        at = tuple(slice(t * d, t * d + (o - 1) * s + 1, s) for t, d, s, o in zip(tap, dilation, strides, out))
        x[(slice(None),) + at] += cols[(Ellipsis,) + tap]
    return x


def _to_last(x, data_format):
    return np.moveaxis(x, 1, -1) if data_format == "channels_first" else x


def _from_last(y, data_format):
    return np.moveaxis(y, -1, 1) if data_format == "channels_first" else y


def _letters(nd):
    """einsum letters for the output positions and the kernel taps of an nd-D convolution."""
    return "PQRSTU"[:nd], "ijklmn"[:nd]


def _window_axes(nd):
    return tuple(range(-nd, 0))


# ------------------------------------------------------------------------ convolution, channels-last
# x: (N, *spatial, C); kernel: (*k, C // groups, O), groups = C // kernel.shape[-2]; output channel o
# belongs to group o // (O // groups), as in XLA's feature_group_count.

def _grouped(cols_or_kernel, groups, axis):
    """Splits `axis` (channels) of an array into (groups, channels // groups)."""
    shape = cols_or_kernel.shape
    axis %= len(shape)
    return cols_or_kernel.reshape(shape[:axis] + (groups, shape[axis] // groups) + shape[axis + 1:])


def _conv_forward(x, kernel, pads, strides, dilation):
    nd = kernel.ndim - 2
    groups = x.shape[-1] // kernel.shape[-2]
    P, T = _letters(nd)
    w = _windows(_pad(x, pads), kernel.shape[:nd], strides, dilation)
    if groups == 1:  # the common case: one BLAS contraction over (channels, taps)
        return np.tensordot(w, kernel, axes=(range(nd + 1, 2 * nd + 2), (nd,) + tuple(range(nd))))
    k = _grouped(kernel, groups, -1)  # (*k, Cg, G, O // G)
    y = np.einsum(f"n{P}gc{T},{T}cgo->n{P}go", _grouped(w, groups, nd + 1), k, optimize=True)
    return y.reshape(y.shape[:nd + 1] + (-1,))


def _conv_input_grad(g, kernel, x_shape, pads, strides, dilation):
    """The VJP of `_conv_forward` w.r.t. x (of shape `x_shape`): each output's cotangent times the
    kernel, added back onto the window it was computed from."""
    nd = kernel.ndim - 2
    groups = x_shape[-1] // kernel.shape[-2]
    P, T = _letters(nd)
    if groups == 1:  # (N, *out, *k, C) -> (N, *out, C, *k)
        cols = np.moveaxis(np.tensordot(g, kernel, axes=(-1, -1)), -1, nd + 1)
    else:
        cols = np.einsum(f"n{P}go,{T}cgo->n{P}gc{T}", _grouped(g, groups, -1),
                         _grouped(kernel, groups, -1), optimize=True)
        cols = cols.reshape(cols.shape[:nd + 1] + (-1,) + cols.shape[nd + 3:])
    padded = (x_shape[0],) + tuple(n + lo + hi for n, (lo, hi) in zip(x_shape[1:-1], pads)) + (x_shape[-1],)
    return _unpad(_col2im(cols, padded, strides, dilation), pads)


def _conv_kernel_grad(x, g, kernel_shape, pads, strides, dilation):
    """The VJP of `_conv_forward` w.r.t. the kernel: the windows contracted with the cotangent."""
    nd = len(kernel_shape) - 2
    groups = x.shape[-1] // kernel_shape[-2]
    P, T = _letters(nd)
    w = _windows(_pad(x, pads), kernel_shape[:nd], strides, dilation)
    if groups == 1:  # sum over batch and output positions; (C, *k, O) -> (*k, C, O)
        return np.moveaxis(np.tensordot(w, g, axes=(range(nd + 1), range(nd + 1))), 0, nd)
    dk = np.einsum(f"n{P}gc{T},n{P}go->{T}cgo", _grouped(w, groups, nd + 1), _grouped(g, groups, -1),
                   optimize=True)
    return dk.reshape(kernel_shape)


# ------------------------------------------------------------------------------------- conv

def _conv_pads(x_shape, kernel_shape, strides, padding, dilation):
    nd = len(kernel_shape) - 2
    return _pads(padding, x_shape[1:-1], _dilated(kernel_shape[:nd], dilation), strides)


@primitive
def _conv(x, kernel, strides, padding, dilation, data_format):
    x = _to_last(x, data_format)
    pads = _conv_pads(x.shape, kernel.shape, strides, padding, dilation)
    return _from_last(_conv_forward(x, kernel, pads, strides, dilation), data_format)


def _conv_vjp_x(g, ans, x, kernel, strides, padding, dilation, data_format):
    x_shape = _to_last(x, data_format).shape
    pads = _conv_pads(x_shape, kernel.shape, strides, padding, dilation)
    dx = _conv_input_grad(_to_last(g, data_format), kernel, x_shape, pads, strides, dilation)
    return _from_last(dx, data_format)


def _conv_vjp_kernel(g, ans, x, kernel, strides, padding, dilation, data_format):
    x = _to_last(x, data_format)
    pads = _conv_pads(x.shape, kernel.shape, strides, padding, dilation)
    return _conv_kernel_grad(x, _to_last(g, data_format), kernel.shape, pads, strides, dilation)


defvjp(_conv, _conv_vjp_x, _conv_vjp_kernel)


def conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    inputs, kernel = promote(inputs, kernel)
    nd = inputs.ndim - 2
    return _conv(inputs, kernel, _tuple(strides, nd), padding.lower(), _tuple(dilation_rate, nd), data_format)


# ----------------------------------------------------------------------------- depthwise_conv
# A depthwise kernel (*k, C, M) is the grouped conv kernel (*k, 1, C * M) with C groups.

def _as_grouped_kernel(kernel):
    return kernel.reshape(kernel.shape[:-2] + (1, -1))


@primitive
def _depthwise_conv(x, kernel, strides, padding, dilation, data_format):
    return _conv.forward(x, _as_grouped_kernel(kernel), strides, padding, dilation, data_format)


defvjp(_depthwise_conv,
       lambda g, ans, x, kernel, *args: _conv_vjp_x(g, ans, x, _as_grouped_kernel(kernel), *args),
       lambda g, ans, x, kernel, *args: _conv_vjp_kernel(
           g, ans, x, _as_grouped_kernel(kernel), *args).reshape(kernel.shape))


def depthwise_conv(inputs, kernel, strides=1, padding="valid", data_format=None, dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    inputs, kernel = promote(inputs, kernel)
    nd = inputs.ndim - 2
    return _depthwise_conv(inputs, kernel, _tuple(strides, nd), padding.lower(), _tuple(dilation_rate, nd),
                           data_format)


def separable_conv(inputs, depthwise_kernel, pointwise_kernel, strides=1, padding="valid",
                   data_format=None, dilation_rate=1):
    """A depthwise conv, then a pointwise (1x1) conv: a composition, so its gradient comes free."""
    depthwise = depthwise_conv(inputs, depthwise_kernel, strides, padding, data_format, dilation_rate)
    return conv(depthwise, pointwise_kernel, 1, "valid", data_format, dilation_rate)


# ----------------------------------------------------------------------------- conv_transpose
# conv_transpose(x, kernel (*k, O, I)) is the input gradient of the conv y (N, *out, O) -> x
# (N, *in, I) with that kernel in conv layout (*k, in=O, out=I). Keras's padding rules (which
# fix the output size) become that conv's (low, high) padding.

def _conv_transpose_geometry(in_sizes, window, strides, padding, output_padding, dilation):
    """(conv pads, output sizes) for conv_transpose, following Keras's jax backend."""
    pads, out = [], []
    for i, (n, k, s, d) in enumerate(zip(in_sizes, window, strides, dilation)):
        k = (k - 1) * d + 1
        extra = output_padding if output_padding is None or isinstance(output_padding, int) \
            else output_padding[i]
        if padding == "valid":
            extra = max(k, s) - k if extra is None else extra
            lo, hi = k - 1, k - 1 + extra
        else:
            total = s + k - 2 if extra is None else k + k % 2 - 2 + extra
            lo = min(total // 2 + total % 2, k - 1)
            hi = total - lo
        # XLA's transposed conv pads the stride-dilated input by (lo, hi); as the gradient of a
        # conv that is a conv padding of (k - 1 - lo, k - 1 - hi) (negative: cropped).
        pads.append((k - 1 - lo, k - 1 - hi))
        out.append((n - 1) * s + lo + hi - k + 2)
    return tuple(pads), tuple(out)


@primitive
def _conv_transpose(x, kernel, strides, pads, out_sizes, dilation, data_format):
    x = _to_last(x, data_format)
    y_shape = (x.shape[0],) + out_sizes + (kernel.shape[-2],)
    return _from_last(_conv_input_grad(x, kernel, y_shape, pads, strides, dilation), data_format)


def _conv_transpose_vjp_x(g, ans, x, kernel, strides, pads, out_sizes, dilation, data_format):
    # The adjoint of an input gradient is the conv itself.
    return _from_last(_conv_forward(_to_last(g, data_format), kernel, pads, strides, dilation), data_format)


def _conv_transpose_vjp_kernel(g, ans, x, kernel, strides, pads, out_sizes, dilation, data_format):
    # <conv_transpose(x, K), g> = <x, conv(g, K)>: the kernel gradient of conv(g) with cotangent x.
    return _conv_kernel_grad(_to_last(g, data_format), _to_last(x, data_format), kernel.shape, pads,
                             strides, dilation)


defvjp(_conv_transpose, _conv_transpose_vjp_x, _conv_transpose_vjp_kernel)


def conv_transpose(inputs, kernel, strides=1, padding="valid", output_padding=None, data_format=None,
                   dilation_rate=1):
    data_format = config.standardize_data_format(data_format)
    inputs, kernel = promote(inputs, kernel)
    nd = inputs.ndim - 2
    strides, dilation = _tuple(strides, nd), _tuple(dilation_rate, nd)
    in_sizes = inputs.shape[2:] if data_format == "channels_first" else inputs.shape[1:-1]
    pads, out_sizes = _conv_transpose_geometry(in_sizes, kernel.shape[:nd], strides, padding.lower(),
                                               output_padding, dilation)
    return _conv_transpose(inputs, kernel, strides, pads, out_sizes, dilation, data_format)


# ------------------------------------------------------------------------------------ pooling

def _pool_setup(x, pool_size, strides, padding, data_format):
    x = _to_last(x, data_format)
    pads = _pads(padding, x.shape[1:-1], pool_size, strides)
    return x, pads


def _lowest(dtype):
    """The identity of max for `dtype`, what max pooling pads with."""
    if dtype.kind == "f":
        return -np.inf
    if dtype.kind == "b":
        return False
    return np.iinfo(dtype).min


@primitive
def _max_pool(x, pool_size, strides, padding, data_format):
    x, pads = _pool_setup(x, pool_size, strides, padding, data_format)
    w = _windows(_pad(x, pads, _lowest(x.dtype)), pool_size, strides, (1,) * len(pool_size))
    return _from_last(w.max(axis=_window_axes(len(pool_size))), data_format)


def _max_pool_vjp(g, ans, x, pool_size, strides, padding, data_format):
    # Each window's cotangent goes to its maximum; on ties to the first in row-major window order,
    # as XLA's select-and-scatter (what jax.grad of max pooling runs) does.
    nd = len(pool_size)
    x, pads = _pool_setup(x, pool_size, strides, padding, data_format)
    xp = _pad(x, pads, _lowest(x.dtype))
    w = _windows(xp, pool_size, strides, (1,) * nd)
    flat = w.reshape(w.shape[:nd + 2] + (-1,))
    first = np.argmax(flat, axis=-1)[..., None] == np.arange(flat.shape[-1])
    cols = (first * _to_last(g, data_format)[..., None]).reshape(w.shape)
    return _from_last(_unpad(_col2im(cols, xp.shape, strides, (1,) * nd), pads), data_format)


defvjp(_max_pool, _max_pool_vjp)


def _window_counts(x_shape, pool_size, strides, pads, dtype):
    """How many real (not padding) entries each window holds, shaped (1, *out, 1)."""
    ones = np.ones((1,) + x_shape[1:-1] + (1,), dtype)
    return _windows(_pad(ones, pads), pool_size, strides, (1,) * len(pool_size)).sum(
        axis=_window_axes(len(pool_size)))


@primitive
def _average_pool(x, pool_size, strides, padding, data_format):
    x, pads = _pool_setup(x, pool_size, strides, padding, data_format)
    w = _windows(_pad(x, pads), pool_size, strides, (1,) * len(pool_size))
    sums = w.sum(axis=_window_axes(len(pool_size)))
    return _from_last(sums / _window_counts(x.shape, pool_size, strides, pads, x.dtype), data_format)


def _average_pool_vjp(g, ans, x, pool_size, strides, padding, data_format):
    # Each window's cotangent, divided by its count, is spread evenly over its real entries.
    nd = len(pool_size)
    x, pads = _pool_setup(x, pool_size, strides, padding, data_format)
    g = _to_last(g, data_format) / _window_counts(x.shape, pool_size, strides, pads, x.dtype)
    cols = np.broadcast_to(g[(Ellipsis,) + (None,) * nd], g.shape + tuple(pool_size))
    padded = (x.shape[0],) + tuple(n + lo + hi for n, (lo, hi) in zip(x.shape[1:-1], pads)) + (x.shape[-1],)
    return _from_last(_unpad(_col2im(cols, padded, strides, (1,) * nd), pads), data_format)


defvjp(_average_pool, _average_pool_vjp)


def _pool_args(inputs, pool_size, strides, padding, data_format):
    data_format = config.standardize_data_format(data_format)
    nd = len(inputs.shape) - 2
    pool_size = _tuple(pool_size, nd)
    strides = pool_size if strides is None else _tuple(strides, nd)
    return pool_size, strides, padding.lower(), data_format


def max_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    inputs = convert_to_tensor(inputs)
    return _max_pool(inputs, *_pool_args(inputs, pool_size, strides, padding, data_format))


def average_pool(inputs, pool_size, strides=None, padding="valid", data_format=None):
    inputs = convert_to_tensor(inputs)
    inputs = cast(inputs, dtypes.float_result(inputs.dtype))  # ints average to floatx, as in Keras
    return _average_pool(inputs, *_pool_args(inputs, pool_size, strides, padding, data_format))
