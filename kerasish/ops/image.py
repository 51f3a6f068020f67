"""kerasish.ops.image: image resizing, affine warps, crops and pads (as keras.ops.image).

Every op here is a composition of other kerasish ops, so it runs, jits and differentiates on every
backend without backend code:

- `resize` is separable: along each spatial axis whose size changes, the image is multiplied by an
  (in, out) interpolation matrix built in NumPy, exactly as jax.image.resize builds it (Keras 3 on
  JAX calls jax.image.resize), or, for "nearest", gathered at NumPy-computed indices;
- `affine_transform` samples the input at transformed coordinates with gathers (take_along_axis)
  weighted as jax.scipy.ndimage.map_coordinates does (order 0 or 1).
"""
import numpy as np

from kerasish import ops
from kerasish.backend import config, dtypes
from kerasish.ops import checks

__all__ = ["resize", "affine_transform", "crop_images", "pad_images"]

RESIZE_INTERPOLATIONS = ("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic")
AFFINE_TRANSFORM_INTERPOLATIONS = ("nearest", "bilinear")
AFFINE_TRANSFORM_FILL_MODES = ("constant", "nearest", "wrap", "mirror", "reflect")


def _images_rank(op, images):
    shape = checks.shape_of(images)
    if len(shape) not in (3, 4):
        raise ValueError(
            f"{op}: invalid images rank: expected rank 3 (single image) or rank 4 (batch of "
            f"images). Received input with shape: images.shape={shape}")
    return shape


def _spatial_axes(shape, data_format):
    """The (height, width) axes of an image or a batch of images."""
    return (len(shape) - 3, len(shape) - 2) if data_format == "channels_last" \
        else (len(shape) - 2, len(shape) - 1)


# -- resize ----------------------------------------------------------------------------------

def _kernel(interpolation, x):
    """jax.image's interpolation kernels, evaluated in float32 NumPy on |distance| x."""
    if interpolation == "bilinear":
        return np.maximum(np.float32(0), 1 - x)
    if interpolation == "bicubic":  # Keys, a = -0.5
        out = ((1.5 * x - 2.5) * x) * x + 1.0
        out = np.where(x >= 1.0, ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0, out)
        return np.where(x >= 2.0, 0.0, out).astype(np.float32)
    radius = 3.0 if interpolation == "lanczos3" else 5.0
    with np.errstate(divide="ignore", invalid="ignore"):
        y = radius * np.sin(np.pi * x) * np.sin(np.pi * x / radius)
        out = np.where(x > 1e-3, y / np.where(x != 0, np.pi ** 2 * x ** 2, 1), 1)
    return np.where(x > radius, 0.0, out).astype(np.float32)


def _weight_matrix(in_size, out_size, interpolation, antialias):
    """The (in_size, out_size) matrix mapping an axis of the input to the output, as
    jax.image.compute_weight_mat (translation 0, no edge padding)."""
    scale = np.float32(out_size / in_size)
    inv_scale = np.float32(1.0) / scale
    kernel_scale = max(inv_scale, np.float32(1)) if antialias else np.float32(1)
    sample = (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * inv_scale - np.float32(0.5)
    x = np.abs(sample[None, :] - np.arange(in_size, dtype=np.float32)[:, None]) / kernel_scale
    weights = _kernel(interpolation, x.astype(np.float32))
    total = np.sum(weights, axis=0, keepdims=True, dtype=np.float32)
    weights = np.where(np.abs(total) > 1000.0 * float(np.finfo(np.float32).eps),
                       weights / np.where(total != 0, total, 1), 0)
    inside = (sample >= -0.5) & (sample <= in_size - 0.5)
    return np.where(inside[None, :], weights, 0).astype(np.float32)


def _nearest_indices(in_size, out_size):
    """jax.image's nearest-neighbour source index of each output position (float32 math)."""
    offsets = (np.arange(out_size, dtype=np.float32) + np.float32(0.5)) * np.float32(in_size) \
        / np.float32(out_size)
    return np.floor(offsets).astype(np.int32)


def _resize_axis(images, axis, out_size, interpolation, antialias):
    in_size = checks.shape_of(images)[axis]
    if in_size == out_size:
        return images
    if interpolation == "nearest":
        return ops.take(images, _nearest_indices(in_size, out_size), axis=axis)
    weights = _weight_matrix(in_size, out_size, interpolation, antialias)
    moved = ops.moveaxis(images, axis, -1)
    resized = ops.matmul(moved, ops.convert_to_tensor(weights, dtype=ops.dtype(images)))
    return ops.moveaxis(resized, -1, axis)


def _aspect_crop(images, axes, size):
    """The centred window of the target aspect ratio (Keras's crop_to_aspect_ratio)."""
    shape = checks.shape_of(images)
    height, width = shape[axes[0]], shape[axes[1]]
    target_height, target_width = size
    crop_height = max(min(height, int(float(width * target_height) / target_width)), 1)
    crop_width = max(min(width, int(float(height * target_width) / target_height)), 1)
    top, left = int(float(height - crop_height) / 2), int(float(width - crop_width) / 2)
    key = [slice(None)] * len(shape)
    key[axes[0]] = slice(top, top + crop_height)
    key[axes[1]] = slice(left, left + crop_width)
    return ops.getitem(images, tuple(key))


def _aspect_pad(images, axes, size, fill_value):
    """Keras's pad_to_aspect_ratio: equal bands of fill_value on the short side."""
    shape = checks.shape_of(images)
    height, width = shape[axes[0]], shape[axes[1]]
    target_height, target_width = size
    pad_height = max(height, int(float(width * target_height) / target_width))
    pad_width = max(width, int(float(height * target_width) / target_height))
    top, left = int(float(pad_height - height) / 2), int(float(pad_width - width) / 2)
    pairs = [(0, 0)] * len(shape)
    if top > 0:
        pairs[axes[0]] = (top, top)
    elif left > 0:
        pairs[axes[1]] = (left, left)
    else:
        return images
    return ops.pad(images, pairs, constant_values=fill_value)


def resize(images, size, interpolation="bilinear", antialias=False, crop_to_aspect_ratio=False,
           pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None):
    """Resizes an image (rank 3) or a batch of images (rank 4) to `size` = (height, width).

    interpolation: "nearest", "bilinear", "bicubic", "lanczos3" or "lanczos5" (jax.image's
    kernels); antialias widens the kernel when downsampling. crop_to_aspect_ratio first takes the
    largest centred window of the target aspect ratio; pad_to_aspect_ratio pads with fill_value.
    Integer images come back in their dtype (rounded half to even, saturated), as Keras."""
    try:
        size = tuple(size)
    except TypeError:
        size = (size,)
    if len(size) != 2 or not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool)
                                 for s in size):
        raise ValueError(
            f"resize: expected `size` to be a tuple of 2 integers. Received: size={size}")
    if size[0] <= 0 or size[1] <= 0:
        raise ValueError(
            f"resize: `size` must have positive height and width. Received: size={size}")
    size = (int(size[0]), int(size[1]))
    shape = _images_rank("resize", images)
    if interpolation not in RESIZE_INTERPOLATIONS:
        raise ValueError(
            f"resize: invalid value for argument `interpolation`. Expected one of "
            f"{RESIZE_INTERPOLATIONS}. Received: interpolation={interpolation!r}")
    if fill_mode != "constant":
        raise ValueError(
            f"resize: invalid value for argument `fill_mode`. Only 'constant' is supported. "
            f"Received: fill_mode={fill_mode!r}")
    if pad_to_aspect_ratio and crop_to_aspect_ratio:
        raise ValueError("resize: only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` "
                         "can be `True`.")
    data_format = config.standardize_data_format(data_format)
    axes = _spatial_axes(shape, data_format)
    if shape[axes[0]] is None or shape[axes[1]] is None:
        raise ValueError(f"resize: the height and width of the images must be known; received "
                         f"images.shape={shape} (data_format={data_format!r}).")
    images = ops.convert_to_tensor(images)
    if crop_to_aspect_ratio:
        images = _aspect_crop(images, axes, size)
    elif pad_to_aspect_ratio:
        images = _aspect_pad(images, axes, size, fill_value)
    dtype = ops.dtype(images)
    if interpolation != "nearest" and not dtypes.is_float(dtype):
        images = ops.cast(images, "float32")
    for axis, out_size in zip(axes, size):
        images = _resize_axis(images, axis, out_size, interpolation, antialias)
    if ops.dtype(images) != dtype:
        images = saturate_cast(ops.round(images), dtype)
    return images


def saturate_cast(x, dtype):
    """Float `x` cast to the integer `dtype`, clipped to its range first (no wrap-around)."""
    info = np.iinfo(dtype)
    float_dtype = np.dtype(ops.dtype(x))
    low, high = float_dtype.type(info.min), float_dtype.type(info.max)
    if high > info.max:  # info.max itself may round up in the float dtype
        high = np.nextafter(high, float_dtype.type(0))
    return ops.cast(ops.clip(x, low, high), dtype)


# -- affine_transform -----------------------------------------------------------------------

def _round_half_away(x):
    return ops.sign(x) * ops.floor(ops.abs(x) + 0.5)


def _mirror(index, size):
    if size == 1:
        return ops.zeros_like(index)
    s = size - 1
    return ops.abs(ops.mod(index + s, 2 * s) - s)


def _fix_index(index, size, fill_mode):
    """An integer index brought inside [0, size) the way map_coordinates's `mode` does."""
    if fill_mode == "wrap":
        return ops.mod(index, size)
    if fill_mode == "mirror":
        return _mirror(index, size)
    if fill_mode == "reflect":
        return ops.floor_divide(_mirror(2 * index + 1, 2 * size + 1) - 1, 2)
    return ops.clip(index, 0, size - 1)  # "nearest"; "constant" masks these out afterwards


def _nodes(coordinate, interpolation):
    """The integer sample positions along one axis, with their weights."""
    if interpolation == "nearest":
        return [(ops.cast(_round_half_away(coordinate), "int32"), None)]
    lower = ops.floor(coordinate)
    upper_weight = coordinate - lower
    index = ops.cast(lower, "int32")
    return [(index, 1 - upper_weight), (index + 1, upper_weight)]


def _source_coordinates(transform, height, width):
    """The (y, x) input coordinates, each (batch, height * width), of every output pixel."""
    ys, xs = np.meshgrid(np.arange(height, dtype=np.float32), np.arange(width, dtype=np.float32),
                         indexing="ij")
    ys, xs = ys.reshape(1, -1), xs.reshape(1, -1)
    a0, a1, a2, b0, b1, b2, c0, c1 = ops.split(transform, 8, axis=-1)
    k = c0 * xs + c1 * ys + 1
    return (b0 * xs + b1 * ys + b2) / k, (a0 * xs + a1 * ys + a2) / k


def _check_transform(transform):
    shape = checks.shape_of(transform)
    if len(shape) not in (1, 2):
        raise ValueError(
            f"affine_transform: invalid transform rank: expected rank 1 (single transform) or "
            f"rank 2 (batch of transforms). Received input with shape: transform.shape={shape}")
    if shape[-1] is not None and shape[-1] != 8:
        raise ValueError(
            f"affine_transform: each transform must hold 8 values "
            f"[a0, a1, a2, b0, b1, b2, c0, c1]; "
            f"received transform.shape={shape}")


def affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                     fill_value=0, data_format=None):
    """Warps images by projective transforms [a0, a1, a2, b0, b1, b2, c0, c1] (one, or one per
    image): output pixel (x, y) takes the input at ((a0 x + a1 y + a2) / k, (b0 x + b1 y + b2) / k)
    with k = c0 x + c1 y + 1. Points outside the input follow fill_mode: "constant" (fill_value),
    "nearest", "wrap", "mirror" or "reflect"."""
    if interpolation not in AFFINE_TRANSFORM_INTERPOLATIONS:
        raise ValueError(
            f"affine_transform: invalid value for argument `interpolation`. Expected one of "
            f"{AFFINE_TRANSFORM_INTERPOLATIONS}. Received: interpolation={interpolation!r}")
    if fill_mode not in AFFINE_TRANSFORM_FILL_MODES:
        raise ValueError(
            f"affine_transform: invalid value for argument `fill_mode`. Expected one of "
            f"{AFFINE_TRANSFORM_FILL_MODES}. Received: fill_mode={fill_mode!r}")
    shape = _images_rank("affine_transform", images)
    _check_transform(transform)
    data_format = config.standardize_data_format(data_format)
    images = ops.convert_to_tensor(images)
    dtype = ops.dtype(images)
    work_dtype = dtype if dtypes.is_float(dtype) else "float32"
    transform = ops.cast(ops.convert_to_tensor(transform), work_dtype)
    if len(shape) == 3:
        images = ops.expand_dims(images, 0)
    if len(checks.shape_of(transform)) == 1:
        transform = ops.expand_dims(transform, 0)
    if data_format == "channels_first":
        images = ops.transpose(images, (0, 2, 3, 1))
    _, height, width, channels = checks.shape_of(images)
    if height is None or width is None or channels is None:
        raise ValueError(f"affine_transform: the height, width and channels of the images must "
                         f"be known; received images.shape={shape}.")
    flat = ops.reshape(ops.cast(images, work_dtype), (-1, height * width, channels))
    y, x = _source_coordinates(transform, height, width)
    output = None
    for iy, wy in _nodes(y, interpolation):
        for ix, wx in _nodes(x, interpolation):
            index = _fix_index(iy, height, fill_mode) * width + _fix_index(ix, width, fill_mode)
            values = ops.take_along_axis(flat, ops.expand_dims(index, -1), axis=1)
            if fill_mode == "constant":
                valid = (iy >= 0) & (iy < height) & (ix >= 0) & (ix < width)
                values = ops.where(ops.expand_dims(valid, -1), values,
                                   ops.cast(fill_value, work_dtype))
            if wy is not None:
                values = ops.expand_dims(wy * wx, -1) * values
            output = values if output is None else output + values
    output = ops.reshape(output, (-1, height, width, channels))
    if not dtypes.is_float(dtype):
        output = ops.cast(_round_half_away(output), dtype)
    if data_format == "channels_first":
        output = ops.transpose(output, (0, 3, 1, 2))
    if len(shape) == 3:
        output = ops.squeeze(output, 0)
    return output


# -- crop_images and pad_images -------------------------------------------------------------

def _two_of_three(op, names, values):
    if list(values).count(None) != 1:
        described = ", ".join(f"{n}={v}" for n, v in zip(names, values))
        raise ValueError(f"{op}: must specify exactly two of {', '.join(names)}. "
                         f"Received: {described}")
    for name, value in zip(names, values):
        if value is not None and value < 0:
            raise ValueError(f"{op}: {name} must be >= 0. Received: {name}={value}")


def _height_width(op, images, data_format):
    shape = _images_rank(op, images)
    axes = _spatial_axes(shape, config.standardize_data_format(data_format))
    return shape, axes, shape[axes[0]], shape[axes[1]]


def crop_images(images, top_cropping=None, left_cropping=None, bottom_cropping=None,
                right_cropping=None, target_height=None, target_width=None, data_format=None):
    """Crops images to a window given by two of (top, bottom, target_height) and two of
    (left, right, target_width)."""
    _two_of_three("crop_images", ("top_cropping", "bottom_cropping", "target_height"),
                  (top_cropping, bottom_cropping, target_height))
    _two_of_three("crop_images", ("left_cropping", "right_cropping", "target_width"),
                  (left_cropping, right_cropping, target_width))
    shape, axes, height, width = _height_width("crop_images", images, data_format)
    if top_cropping is None:
        top_cropping = height - target_height - bottom_cropping
    if target_height is None:
        target_height = height - bottom_cropping - top_cropping
    if left_cropping is None:
        left_cropping = width - target_width - right_cropping
    if target_width is None:
        target_width = width - right_cropping - left_cropping
    for name, value in [("top_cropping", top_cropping), ("target_height", target_height),
                        ("left_cropping", left_cropping), ("target_width", target_width)]:
        if value < 0:
            raise ValueError(f"crop_images: {name} must be >= 0. Received: {name}={value}")
    if top_cropping + target_height > height or left_cropping + target_width > width:
        raise ValueError(
            f"crop_images: the window (top={top_cropping}, left={left_cropping}, height="
            f"{target_height}, width={target_width}) does not fit in images of height {height} "
            f"and width {width}.")
    key = [slice(None)] * len(shape)
    key[axes[0]] = slice(top_cropping, top_cropping + target_height)
    key[axes[1]] = slice(left_cropping, left_cropping + target_width)
    return ops.getitem(ops.convert_to_tensor(images), tuple(key))


def pad_images(images, top_padding=None, left_padding=None, bottom_padding=None,
               right_padding=None, target_height=None, target_width=None, data_format=None):
    """Pads images with zeros, given two of (top, bottom, target_height) and two of
    (left, right, target_width)."""
    _two_of_three("pad_images", ("top_padding", "bottom_padding", "target_height"),
                  (top_padding, bottom_padding, target_height))
    _two_of_three("pad_images", ("left_padding", "right_padding", "target_width"),
                  (left_padding, right_padding, target_width))
    shape, axes, height, width = _height_width("pad_images", images, data_format)
    if top_padding is None:
        top_padding = target_height - bottom_padding - height
    if bottom_padding is None:
        bottom_padding = target_height - top_padding - height
    if left_padding is None:
        left_padding = target_width - right_padding - width
    if right_padding is None:
        right_padding = target_width - left_padding - width
    for name, value in [("top_padding", top_padding), ("left_padding", left_padding),
                        ("right_padding", right_padding), ("bottom_padding", bottom_padding)]:
        if value < 0:
            raise ValueError(f"pad_images: {name} must be >= 0. Received: {name}={value}")
    pairs = [(0, 0)] * len(shape)
    pairs[axes[0]] = (top_padding, bottom_padding)
    pairs[axes[1]] = (left_padding, right_padding)
    return ops.pad(ops.convert_to_tensor(images), pairs)
