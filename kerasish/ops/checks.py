"""Argument checks shared by every op, run before the backend sees the arguments.

Checking here, not in each backend, gives the same clear message on every backend: the op, the
argument, what was expected and what came. Shapes may hold None (unknown until run time).
"""
import numpy as np

from kerasish.backend import dtypes


def shape_of(x):
    """The static shape of a tensor, array, Python scalar or nested list."""
    shape = getattr(x, "shape", None)
    if shape is not None:
        return tuple(shape)
    return tuple(np.shape(x))


def ndim_of(x):
    return len(shape_of(x))


def broadcast_shapes(op, **named):
    """The broadcast shape of the named arguments, or a ValueError naming them and their shapes."""
    shapes = {name: shape_of(x) for name, x in named.items()}
    result = ()
    for shape in shapes.values():
        result = _broadcast_pair(op, result, shape, shapes)
    return result


def _broadcast_pair(op, a, b, shapes):
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        m = a[-i] if i <= len(a) else 1
        n = b[-i] if i <= len(b) else 1
        if m == 1:
            out.append(n)
        elif n == 1:
            out.append(m)
        elif m is None or n is None:
            out.append(m if n is None else n)
        elif m == n:
            out.append(m)
        else:
            described = ", ".join(f"{name} with shape {shape}" for name, shape in shapes.items())
            raise ValueError(
                f"{op}: cannot broadcast {described}. Expected shapes that broadcast together "
                f"(equal, or 1, in each trailing dimension).")
    return tuple(reversed(out))


def canonical_axis(op, axis, ndim, name="x", arg="axis"):
    """`axis` as a non-negative int, or a ValueError naming the op and the valid range."""
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"{op}: `{arg}` must be an int; received {axis!r} of type {type(axis).__name__}.")
    if not -ndim <= axis < ndim:
        if ndim == 0:
            raise ValueError(f"{op}: `{arg}`={axis} is out of range for `{name}`, a scalar (0 dimensions).")
        raise ValueError(
            f"{op}: `{arg}`={axis} is out of range for `{name}` with {ndim} dimension"
            f"{'s' if ndim != 1 else ''}; expected an axis in [{-ndim}, {ndim - 1}].")
    return int(axis) % ndim


def canonical_axes(op, axis, ndim, name="x", arg="axis"):
    """None, or a tuple of distinct non-negative axes."""
    if axis is None:
        return None
    axes = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
    result = tuple(canonical_axis(op, a, ndim, name, arg) for a in axes)
    if len(set(result)) != len(result):
        raise ValueError(f"{op}: `{arg}` has repeated axes: {axis!r}.")
    return result


def dtype_arg(op, dtype, arg="dtype"):
    """A standardized dtype name, or a TypeError naming the op and the accepted dtypes."""
    try:
        return dtypes.standardize_dtype(dtype)
    except TypeError:
        raise TypeError(
            f"{op}: `{arg}`={dtype!r} is not a supported dtype. Expected one of "
            f"{', '.join(dtypes.ALLOWED_DTYPES)}.") from None


def one_of(op, value, allowed, arg):
    """`value` lower-cased if it is one of the `allowed` strings, else a ValueError."""
    normalized = value.lower() if isinstance(value, str) else value
    if normalized not in allowed:
        raise ValueError(
            f"{op}: `{arg}` must be one of {', '.join(repr(a) for a in allowed)}; received {value!r}.")
    return normalized


def min_rank(op, x, rank, name="x"):
    shape = shape_of(x)
    if len(shape) < rank:
        raise ValueError(
            f"{op}: `{name}` must have at least {rank} dimension{'s' if rank != 1 else ''}; "
            f"received shape {shape}.")


def rank_is(op, x, ranks, name="x", what=""):
    shape = shape_of(x)
    ranks = (ranks,) if isinstance(ranks, int) else tuple(ranks)
    if len(shape) not in ranks:
        expected = " or ".join(str(r) for r in ranks)
        raise ValueError(
            f"{op}: `{name}` must have rank {expected}{what}; received shape {shape} (rank {len(shape)}).")


def dims_match(op, a_name, a_dim, b_name, b_dim, what=""):
    if a_dim is not None and b_dim is not None and a_dim != b_dim:
        raise ValueError(
            f"{op}: {a_name} ({a_dim}) and {b_name} ({b_dim}) must be equal{what}.")
