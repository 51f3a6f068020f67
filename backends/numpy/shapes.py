"""Shape manipulation for the NumPy backend: forward in NumPy, each primitive with its VJP.

Most of these ops only move entries around, so their VJPs move the cotangent back: the inverse
permutation (transpose, moveaxis), the opposite shift (roll), the same flip, or a scatter-add of
the cotangent onto the entries that were read (take, tile, pad), where entries read several times
accumulate. kerasish.ops has validated the arguments (axes in range, compatible shapes).
"""
import numpy as np

from kerasish.backends.numpy.autodiff import defvjp, primitive, unbox
from kerasish.backends.numpy.core import convert_to_tensor, getitem
from kerasish.backends.numpy.elementwise import promote

__all__ = [
    "reshape", "transpose", "swapaxes", "moveaxis", "expand_dims", "squeeze", "concatenate",
    "stack", "split", "tile", "repeat", "broadcast_to", "pad", "flip", "roll", "take",
    "take_along_axis",
]


def _static_int_array(x):
    """An index or count argument as a plain int array (indices are never differentiated)."""
    return np.asarray(unbox(x))


# -- reshape, transpose and friends -----------------------------------------------------------

@primitive
def _reshape(x, newshape):
    return np.reshape(x, newshape)


defvjp(_reshape, lambda g, ans, x, newshape: np.reshape(g, x.shape))


def reshape(x, newshape):
    newshape = (newshape,) if isinstance(newshape, (int, np.integer)) else tuple(newshape)
    return _reshape(convert_to_tensor(x), tuple(-1 if n is None else int(n) for n in newshape))


@primitive
def _transpose(x, axes):
    return np.transpose(x, axes)


# The inverse permutation of `axes` is its argsort.
defvjp(_transpose, lambda g, ans, x, axes: np.transpose(g, np.argsort(axes)))


def transpose(x, axes=None):
    x = convert_to_tensor(x)
    axes = tuple(reversed(range(x.ndim))) if axes is None else tuple(int(a) % x.ndim for a in axes)
    return _transpose(x, axes)


def swapaxes(x, axis1, axis2):
    x = convert_to_tensor(x)
    axes = list(range(x.ndim))
    axes[axis1], axes[axis2] = axes[axis2], axes[axis1]
    return _transpose(x, tuple(axes))


def moveaxis(x, source, destination):
    x = convert_to_tensor(x)
    # Moving axes is a transpose: keep the unmoved axes in order and insert each moved one at its
    # destination (as np.moveaxis does), so the VJP is the inverse permutation.
    source, destination = _as_tuple(source, x.ndim), _as_tuple(destination, x.ndim)
    order = [n for n in range(x.ndim) if n not in source]
    for dest, src in sorted(zip(destination, source)):
        order.insert(dest, src)
    return _transpose(x, tuple(order))


def _as_tuple(axis, ndim):
    axes = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
    return tuple(int(a) % ndim for a in axes)


def expand_dims(x, axis):
    x = convert_to_tensor(x)
    out_ndim = x.ndim + len(axis if isinstance(axis, (tuple, list)) else (axis,))
    new_axes = set(_as_tuple(axis, out_ndim))
    dims = iter(x.shape)
    return _reshape(x, tuple(1 if i in new_axes else next(dims) for i in range(out_ndim)))


def squeeze(x, axis=None):
    x = convert_to_tensor(x)
    if axis is None:
        dropped = {i for i, n in enumerate(x.shape) if n == 1}
    else:
        dropped = set(_as_tuple(axis, x.ndim))
    return _reshape(x, tuple(n for i, n in enumerate(x.shape) if i not in dropped))


# -- joining and splitting --------------------------------------------------------------------

@primitive
def _concatenate(xs, axis):
    return np.concatenate(xs, axis=axis)


def _concatenate_vjp(g, ans, xs, axis):
    # Each input gets back its own stretch of the cotangent.
    ends = np.cumsum([x.shape[axis] for x in xs])
    return np.split(g, ends[:-1], axis=axis)


defvjp(_concatenate, _concatenate_vjp)


def concatenate(xs, axis=0):
    xs = promote(*xs)
    return _concatenate(xs, axis % xs[0].ndim)


@primitive
def _stack(xs, axis):
    return np.stack(xs, axis=axis)


defvjp(_stack, lambda g, ans, xs, axis: [np.take(g, i, axis=axis) for i in range(len(xs))])


def stack(x, axis=0):
    """Stacks a list of tensors (Boxes included: this is how lists of Boxes become one tensor)."""
    xs = promote(*x)
    return _stack(xs, axis % (xs[0].ndim + 1))


def split(x, indices_or_sections, axis=0):
    x = convert_to_tensor(x)
    axis = axis % x.ndim
    n = x.shape[axis]
    if isinstance(indices_or_sections, (int, np.integer)):
        size = n // int(indices_or_sections)
        bounds = [i * size for i in range(1, int(indices_or_sections))]
    else:
        bounds = [int(b) for b in indices_or_sections]
    starts, ends = [0] + bounds, bounds + [n]
    # Each piece is a basic slice of x, so differentiable through getitem.
    lead = (slice(None),) * axis
    return [getitem(x, lead + (slice(start, end),)) for start, end in zip(starts, ends)]


# -- repetition and broadcasting --------------------------------------------------------------

@primitive
def _tile(x, reps):
    return np.tile(x, reps)


def _tile_vjp(g, ans, x, reps):
    # ans has, per axis, reps[i] copies of x's axis of length n[i]: view g as (r0, n0, r1, n1, ...)
    # and sum over the copies.
    ndim = max(len(reps), x.ndim)
    reps = (1,) * (ndim - len(reps)) + tuple(reps)
    in_shape = (1,) * (ndim - x.ndim) + x.shape
    interleaved = [d for pair in zip(reps, in_shape) for d in pair]
    g = np.reshape(g, interleaved)
    return np.sum(g, axis=tuple(range(0, 2 * ndim, 2))).reshape(x.shape)


defvjp(_tile, _tile_vjp)


def tile(x, repeats):
    reps = (int(repeats),) if isinstance(repeats, (int, np.integer)) else tuple(int(r) for r in repeats)
    return _tile(convert_to_tensor(x), reps)


def repeat(x, repeats, axis=None):
    # Repeating is gathering: each index i along the axis is read repeats[i] times.
    x = convert_to_tensor(x)
    if axis is None:
        x, axis = reshape(x, (-1,)), 0
    n = x.shape[axis]
    counts = np.broadcast_to(_static_int_array(repeats).reshape(-1), (n,))
    return take(x, np.repeat(np.arange(n), counts), axis=axis)


@primitive
def _broadcast_to(x, shape):
    return np.broadcast_to(x, shape).copy()


# The tape sums a cotangent of the broadcast shape back to x's shape.
defvjp(_broadcast_to, lambda g, ans, x, shape: g)


def broadcast_to(x, shape):
    shape = (shape,) if isinstance(shape, (int, np.integer)) else tuple(int(n) for n in shape)
    return _broadcast_to(convert_to_tensor(x), shape)


# -- padding, flipping, rolling ---------------------------------------------------------------

@primitive
def _pad(x, pad_width, mode, constant_values):
    if mode == "constant":
        return np.pad(x, pad_width, mode="constant", constant_values=constant_values)
    return np.pad(x, pad_width, mode=mode)


def _pad_vjp(g, ans, x, pad_width, mode, constant_values):
    if mode == "constant":
        # The input sits unchanged in the middle of the output.
        return g[tuple(slice(before, before + n) for (before, _), n in zip(pad_width, x.shape))]
    # Other modes copy input entries into the border: pad the entries' flat positions the same
    # way to learn which input entry each output entry came from, then add the cotangent there.
    source = np.pad(np.arange(x.size).reshape(x.shape), pad_width, mode=mode)
    flat = np.bincount(source.ravel(), weights=g.ravel(), minlength=x.size)
    return flat.reshape(x.shape)


defvjp(_pad, _pad_vjp)


def pad(x, pad_width, mode="constant", constant_values=None):
    """`pad_width` arrives as ((before, after),) * ndim from kerasish.ops."""
    x = convert_to_tensor(x)
    constant = 0 if constant_values is None else unbox(constant_values)
    return _pad(x, tuple(tuple(int(p) for p in pair) for pair in pad_width), mode, constant)


@primitive
def _flip(x, axis):
    return np.flip(x, axis=axis)


defvjp(_flip, lambda g, ans, x, axis: np.flip(g, axis=axis))


def flip(x, axis=None):
    x = convert_to_tensor(x)
    return _flip(x, None if axis is None else _as_tuple(axis, x.ndim))


@primitive
def _roll(x, shift, axis):
    return np.roll(x, shift, axis=axis)


def _negate(shift):
    return tuple(-s for s in shift) if isinstance(shift, tuple) else -shift


defvjp(_roll, lambda g, ans, x, shift, axis: np.roll(g, _negate(shift), axis=axis))


def roll(x, shift, axis=None):
    x = convert_to_tensor(x)
    shift = tuple(int(s) for s in shift) if isinstance(shift, (tuple, list)) else int(shift)
    axis = None if axis is None else _as_tuple(axis, x.ndim)
    if axis is not None and isinstance(shift, int):
        shift = (shift,) * len(axis)
    return _roll(x, shift, axis)


# -- gathering --------------------------------------------------------------------------------

@primitive
def _take(x, indices, axis):
    return np.take(x, indices, axis=axis)


def _take_vjp(g, ans, x, indices, axis):
    # x[:, ..., indices] is np.take along `axis`; add.at accumulates indices read several times.
    grad = np.zeros(x.shape, dtype=g.dtype)
    np.add.at(grad, (slice(None),) * axis + (indices,), g)
    return grad


defvjp(_take, _take_vjp)


def take(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = _static_int_array(indices)
    if axis is None:
        return _take(reshape(x, (-1,)), indices, 0)
    return _take(x, indices, axis % x.ndim)


def _along_axis_key(x_shape, indices, axis):
    """The advanced-index tuple that reads x as np.take_along_axis(x, indices, axis) does.

    Along `axis` it is `indices`; along every other axis, the position itself (broadcast with
    `indices`), or 0 where x has length 1 there and indices is longer (broadcasting)."""
    out_shape = np.broadcast_shapes(
        tuple(1 if i == axis else n for i, n in enumerate(x_shape)),
        tuple(1 if i == axis else n for i, n in enumerate(indices.shape)))
    key = []
    for i, n in enumerate(out_shape):
        if i == axis:
            key.append(indices)
            continue
        position_shape = [1] * len(out_shape)
        position_shape[i] = n
        positions = np.arange(n) if x_shape[i] == n else np.zeros(n, dtype=int)
        key.append(positions.reshape(position_shape))
    return tuple(key)


@primitive
def _take_along_axis(x, indices, axis):
    return x[_along_axis_key(x.shape, indices, axis)]


def _take_along_axis_vjp(g, ans, x, indices, axis):
    grad = np.zeros(x.shape, dtype=g.dtype)
    np.add.at(grad, _along_axis_key(x.shape, indices, axis), g)
    return grad


defvjp(_take_along_axis, _take_along_axis_vjp)


def take_along_axis(x, indices, axis=None):
    x = convert_to_tensor(x)
    indices = _static_int_array(indices)
    if axis is None:
        return _take_along_axis(reshape(x, (-1,)), indices.reshape(-1), 0)
    return _take_along_axis(x, indices, axis % x.ndim)
