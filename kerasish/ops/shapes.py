"""Shape manipulation (the shape part of keras.ops.numpy): reshape, transpose, joining, splitting,
repetition, padding and gathering. Arguments are checked here, so every backend gives the same
message; the backends then assume well-formed input (axes in range, compatible shapes)."""
import numpy as np

from kerasish.backend import dtypes
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = [
    "reshape", "transpose", "swapaxes", "moveaxis", "expand_dims", "squeeze", "concatenate",
    "stack", "split", "tile", "repeat", "broadcast_to", "pad", "flip", "roll", "take",
    "take_along_axis",
]

PAD_MODES = ("constant", "edge", "reflect", "symmetric", "wrap")


def _is_int(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _int_tuple(op, value, arg):
    """An int or a sequence of ints as a tuple of ints, or a TypeError naming the argument."""
    items = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    if not all(_is_int(v) for v in items):
        raise TypeError(f"{op}: `{arg}` must be an int or a tuple of ints; received {value!r}.")
    return tuple(int(v) for v in items)


def _shape_arg(op, shape, arg="shape", allow_unknown=False):
    """A shape (an int or a sequence of non-negative ints) as a tuple."""
    items = tuple(shape) if isinstance(shape, (tuple, list)) else (shape,)
    for n in items:
        if n is None and allow_unknown:
            continue
        if not _is_int(n) or n < (-1 if allow_unknown else 0):
            raise ValueError(f"{op}: `{arg}` must be a tuple of non-negative ints; received {shape!r}.")
    return tuple(None if n is None else int(n) for n in items)


def _size(shape):
    return None if None in shape else int(np.prod(shape, dtype=np.int64))


def _int_indices(op, indices, arg="indices"):
    dtype = getattr(indices, "dtype", None)
    if dtype is None:
        dtype = np.asarray(indices).dtype
    if not dtypes.is_int(dtypes.standardize_dtype(dtype)):
        raise TypeError(f"{op}: `{arg}` must be an integer tensor; received dtype {dtype}.")


def reshape(x, newshape):
    """`x` with shape `newshape`; one dimension may be -1 (inferred from the size)."""
    shape = checks.shape_of(x)
    new = _shape_arg("reshape", newshape, "newshape", allow_unknown=True)
    unknown = [i for i, n in enumerate(new) if n is None or n == -1]
    if len(unknown) > 1:
        raise ValueError(f"reshape: `newshape` may have at most one -1 dimension; received {newshape!r}.")
    size, known = _size(shape), _size(tuple(n for n in new if n is not None and n != -1))
    if size is not None:
        fits = (size % known == 0 if known else size == 0) if unknown else known == size
        if not fits:
            raise ValueError(
                f"reshape: cannot reshape `x` of shape {shape} ({size} elements) into shape "
                f"{tuple(new)}.")
    return dispatch("reshape", x, newshape)


def transpose(x, axes=None):
    """`x` with its axes permuted by `axes` (reversed when None)."""
    if axes is not None:
        ndim = checks.ndim_of(x)
        perm = checks.canonical_axes("transpose", _int_tuple("transpose", axes, "axes"), ndim, arg="axes")
        if len(perm) != ndim:
            raise ValueError(
                f"transpose: `axes` must be a permutation of the {ndim} axes of `x` (shape "
                f"{checks.shape_of(x)}); received {axes!r}.")
        axes = perm
    return dispatch("transpose", x, axes)


def swapaxes(x, axis1, axis2):
    """`x` with axes `axis1` and `axis2` interchanged."""
    ndim = checks.ndim_of(x)
    axis1 = checks.canonical_axis("swapaxes", axis1, ndim, arg="axis1")
    axis2 = checks.canonical_axis("swapaxes", axis2, ndim, arg="axis2")
    return dispatch("swapaxes", x, axis1, axis2)


def moveaxis(x, source, destination):
    """`x` with axes `source` moved to positions `destination` (ints or sequences)."""
    ndim = checks.ndim_of(x)
    source_axes = checks.canonical_axes(
        "moveaxis", _int_tuple("moveaxis", source, "source"), ndim, arg="source")
    dest_axes = checks.canonical_axes(
        "moveaxis", _int_tuple("moveaxis", destination, "destination"), ndim, arg="destination")
    if len(source_axes) != len(dest_axes):
        raise ValueError(
            f"moveaxis: `source` and `destination` must have the same number of axes; received "
            f"source={source!r} and destination={destination!r}.")
    return dispatch("moveaxis", x, source_axes, dest_axes)


def expand_dims(x, axis):
    """`x` with new axes of length 1 at positions `axis` (an int or a tuple) of the output."""
    axes = _int_tuple("expand_dims", axis, "axis")
    out_ndim = checks.ndim_of(x) + len(axes)
    axes = checks.canonical_axes("expand_dims", axes, out_ndim, name="the output")
    return dispatch("expand_dims", x, axes if isinstance(axis, (tuple, list)) else axes[0])


def squeeze(x, axis=None):
    """`x` without its length-1 axes (all of them, or those in `axis`)."""
    if axis is not None:
        shape = checks.shape_of(x)
        axes = checks.canonical_axes("squeeze", _int_tuple("squeeze", axis, "axis"), len(shape))
        for a in axes:
            if shape[a] is not None and shape[a] != 1:
                raise ValueError(
                    f"squeeze: cannot squeeze axis {a} of `x` with shape {shape}: its length is "
                    f"{shape[a]}, not 1.")
        axis = axes if isinstance(axis, (tuple, list)) else axes[0]
    return dispatch("squeeze", x, axis)


def _same_shapes_except(op, shapes, axis, arg):
    first = shapes[0]
    for i, shape in enumerate(shapes[1:], start=1):
        compatible = len(shape) == len(first) and all(
            a == b or a is None or b is None
            for d, (a, b) in enumerate(zip(first, shape)) if d != axis)
        if not compatible:
            what = "the same shape" if axis is None else f"the same shape except along axis {axis}"
            raise ValueError(
                f"{op}: every tensor in `{arg}` must have {what}; received shapes "
                f"{', '.join(str(s) for s in shapes)} (tensor {i} differs).")


def _tensor_list(op, xs, arg):
    if not isinstance(xs, (list, tuple)) or not xs:
        raise ValueError(f"{op}: `{arg}` must be a non-empty list of tensors; received {xs!r}.")
    return [checks.shape_of(x) for x in xs]


def concatenate(xs, axis=0):
    """The tensors `xs` joined along the existing axis `axis`."""
    shapes = _tensor_list("concatenate", xs, "xs")
    if not shapes[0]:
        raise ValueError("concatenate: cannot concatenate scalars (0-dimensional tensors) in `xs`.")
    axis = checks.canonical_axis("concatenate", axis, len(shapes[0]), name="xs[0]")
    _same_shapes_except("concatenate", shapes, axis, "xs")
    return dispatch("concatenate", list(xs), axis=axis)


def stack(x, axis=0):
    """The tensors `x` (all of one shape) joined along a new axis `axis`."""
    shapes = _tensor_list("stack", x, "x")
    _same_shapes_except("stack", shapes, None, "x")
    axis = checks.canonical_axis("stack", axis, len(shapes[0]) + 1, name="the output")
    return dispatch("stack", list(x), axis=axis)


def split(x, indices_or_sections, axis=0):
    """A list of sub-tensors of `x`: `indices_or_sections` equal parts, or cut at those indices."""
    shape = checks.shape_of(x)
    axis = checks.canonical_axis("split", axis, len(shape))
    n = shape[axis]
    if _is_int(indices_or_sections):
        sections = int(indices_or_sections)
        if sections <= 0:
            raise ValueError(f"split: `indices_or_sections` must be positive; received {sections}.")
        if n is not None and n % sections:
            raise ValueError(
                f"split: cannot split axis {axis} of `x` with shape {shape} (length {n}) into "
                f"{sections} equal sections; pass a list of split indices for unequal parts.")
    else:
        indices_or_sections = list(_int_tuple("split", indices_or_sections, "indices_or_sections"))
    return dispatch("split", x, indices_or_sections, axis=axis)


def tile(x, repeats):
    """`x` repeated `repeats` times along each axis (np.tile)."""
    reps = _int_tuple("tile", repeats, "repeats")
    if any(r < 0 for r in reps):
        raise ValueError(f"tile: `repeats` must be non-negative; received {repeats!r}.")
    return dispatch("tile", x, reps)


def repeat(x, repeats, axis=None):
    """Each element of `x` repeated `repeats` times (an int or one count per element) along `axis`
    (the flattened `x` when None)."""
    shape = checks.shape_of(x)
    if axis is not None:
        axis = checks.canonical_axis("repeat", axis, len(shape))
    n = _size(shape) if axis is None else shape[axis]
    if not _is_int(repeats):
        _int_indices("repeat", repeats, "repeats")
        count = checks.shape_of(repeats)
        if len(count) > 1 or count and count[0] not in (1, n) and n is not None:
            raise ValueError(
                f"repeat: `repeats` must be an int or a 1-D tensor of length {n} (the length of "
                f"{'the flattened `x`' if axis is None else f'axis {axis}'}); received shape {count}.")
    elif repeats < 0:
        raise ValueError(f"repeat: `repeats` must be non-negative; received {repeats}.")
    return dispatch("repeat", x, repeats, axis=axis)


def broadcast_to(x, shape):
    """`x` broadcast to `shape`."""
    target = _shape_arg("broadcast_to", shape)
    source = checks.shape_of(x)
    compatible = len(source) <= len(target) and all(
        s in (1, t) or s is None for s, t in zip(reversed(source), reversed(target)))
    if not compatible:
        raise ValueError(
            f"broadcast_to: cannot broadcast `x` of shape {source} to shape {target}; each "
            f"trailing dimension of `x` must be 1 or equal to the target's.")
    return dispatch("broadcast_to", x, target)


def _pad_width(pad_width, ndim):
    """Keras's pad_width forms (an int, (pad,), (before, after), ((before, after),), one pair per
    axis) as one (before, after) pair per axis."""
    error = ValueError(
        f"pad: `pad_width` must be an int, a (before, after) pair, or one pair per axis of `x` "
        f"({ndim} axes) of non-negative ints; received {pad_width!r}.")
    if _is_int(pad_width):
        pairs = [(pad_width, pad_width)]
    elif isinstance(pad_width, (tuple, list)) and pad_width and all(_is_int(p) for p in pad_width):
        if len(pad_width) > 2:
            raise error
        pairs = [(pad_width[0], pad_width[-1])]
    elif isinstance(pad_width, (tuple, list)) and pad_width:
        pairs = []
        for pair in pad_width:
            if not isinstance(pair, (tuple, list)) or len(pair) not in (1, 2) or not all(
                    _is_int(p) for p in pair):
                raise error
            pairs.append((pair[0], pair[-1]))
    else:
        raise error
    if len(pairs) == 1:
        pairs = pairs * ndim
    if len(pairs) != ndim or any(p < 0 for pair in pairs for p in pair):
        raise error
    return tuple((int(a), int(b)) for a, b in pairs)


def pad(x, pad_width, mode="constant", constant_values=None):
    """`x` padded by `pad_width` in `mode` ("constant", "edge", "reflect", "symmetric", "wrap")."""
    mode = checks.one_of("pad", mode, PAD_MODES, "mode")
    if constant_values is not None and mode != "constant":
        raise ValueError(
            f"pad: `constant_values` can only be given with mode='constant'; received mode={mode!r}.")
    shape = checks.shape_of(x)
    pairs = _pad_width(pad_width, len(shape))
    if mode in ("reflect", "symmetric", "wrap"):
        for axis, (n, pair) in enumerate(zip(shape, pairs)):
            if n == 0 and max(pair) > 0:
                raise ValueError(
                    f"pad: cannot pad the empty axis {axis} of `x` (shape {shape}) in mode {mode!r}.")
    return dispatch("pad", x, pairs, mode=mode, constant_values=constant_values)


def flip(x, axis=None):
    """`x` with the order of elements reversed along `axis` (all axes when None)."""
    if axis is not None:
        axes = checks.canonical_axes("flip", _int_tuple("flip", axis, "axis"), checks.ndim_of(x))
        axis = axes if isinstance(axis, (tuple, list)) else axes[0]
    return dispatch("flip", x, axis)


def roll(x, shift, axis=None):
    """`x` with elements shifted by `shift` along `axis` (the flattened `x` when None)."""
    shifts = _int_tuple("roll", shift, "shift")
    if axis is None:
        if len(shifts) != 1:
            raise ValueError(f"roll: `shift` must be an int when `axis` is None; received {shift!r}.")
    else:
        axes = checks.canonical_axes("roll", _int_tuple("roll", axis, "axis"), checks.ndim_of(x))
        # np.roll allows repeated axes (the shifts add up); only check the lengths match.
        if isinstance(shift, (tuple, list)) and len(shifts) != len(axes):
            raise ValueError(
                f"roll: `shift` and `axis` must have the same length; received shift={shift!r} "
                f"and axis={axis!r}.")
        axis = axes if isinstance(axis, (tuple, list)) else axes[0]
    return dispatch("roll", x, shift if _is_int(shift) else shifts, axis=axis)


def take(x, indices, axis=None):
    """The elements of `x` at `indices` along `axis` (of the flattened `x` when None)."""
    _int_indices("take", indices)
    if axis is not None:
        axis = checks.canonical_axis("take", axis, checks.ndim_of(x))
    return dispatch("take", x, indices, axis=axis)


def take_along_axis(x, indices, axis=None):
    """The elements of `x` at `indices` (of the same rank as `x`) along `axis`."""
    _int_indices("take_along_axis", indices)
    shape, index_shape = checks.shape_of(x), checks.shape_of(indices)
    if axis is None:
        checks.rank_is("take_along_axis", indices, 1, name="indices", what=" when `axis` is None")
    else:
        axis = checks.canonical_axis("take_along_axis", axis, len(shape))
        if len(index_shape) != len(shape):
            raise ValueError(
                f"take_along_axis: `indices` must have the rank of `x`; received `x` of shape "
                f"{shape} and `indices` of shape {index_shape}.")
        for d, (a, b) in enumerate(zip(shape, index_shape)):
            if d != axis and a not in (1, b) and b != 1 and None not in (a, b):
                raise ValueError(
                    f"take_along_axis: `x` of shape {shape} and `indices` of shape {index_shape} "
                    f"do not broadcast along axis {d}.")
    return dispatch("take_along_axis", x, indices, axis=axis)
