"""Products and norms: matmul, dot, tensordot, einsum, outer, norm (keras.ops.numpy / keras.ops.linalg).

Shape checks run here, so a mismatch gets the same message on every backend: it names both shapes
and the dimensions that were to be contracted.
"""
import collections
import math

import numpy as np

from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = ["matmul", "dot", "tensordot", "einsum", "outer", "norm"]


def _contracted(op, shape1, dim1, what1, shape2, dim2, what2):
    """A ValueError unless x1's dimension `dim1` and x2's `dim2` have the same size."""
    n1, n2 = shape1[dim1], shape2[dim2]
    if n1 is not None and n2 is not None and n1 != n2:
        raise ValueError(
            f"{op}: cannot contract `x1` of shape {shape1} with `x2` of shape {shape2}: {what1} of "
            f"x1 (axis {dim1 % len(shape1)}, size {n1}) and {what2} of x2 (axis {dim2 % len(shape2)}, "
            f"size {n2}) must have the same size.")


def matmul(x1, x2):
    """The matrix product of `x1` and `x2` (batched over leading dims, with broadcasting; 1-D
    operands are vectors). int8 @ int8 gives int32."""
    s1, s2 = checks.shape_of(x1), checks.shape_of(x2)
    if not s1 or not s2:
        raise ValueError(
            f"matmul: `x1` and `x2` must have at least 1 dimension (use multiply for scalars); "
            f"received shapes {s1} and {s2}.")
    _contracted("matmul", s1, -1, "the last dimension", s2, -2 if len(s2) > 1 else -1,
                "the second-to-last dimension" if len(s2) > 1 else "the only dimension")
    b1, b2 = s1[:-2], s2[:-2]
    if any(m != n and 1 not in (m, n) and None not in (m, n) for m, n in zip(reversed(b1), reversed(b2))):
        raise ValueError(
            f"matmul: the batch dimensions of `x1` (shape {s1}) and `x2` (shape {s2}), "
            f"{b1} and {b2}, do not broadcast together.")
    return dispatch("matmul", x1, x2)


def dot(x1, x2):
    """NumPy's dot: a scalar operand multiplies; otherwise the sum product over the last axis of
    `x1` and the second-to-last axis of `x2` (its only axis when 1-D)."""
    s1, s2 = checks.shape_of(x1), checks.shape_of(x2)
    if s1 and s2:
        _contracted("dot", s1, -1, "the last dimension", s2, -2 if len(s2) > 1 else -1,
                    "the second-to-last dimension" if len(s2) > 1 else "the only dimension")
    return dispatch("dot", x1, x2)


def _tensordot_axes(x1, x2, axes):
    """`axes` (an int, or a pair of ints / sequences of ints) as two tuples of non-negative axes."""
    s1, s2 = checks.shape_of(x1), checks.shape_of(x2)
    if isinstance(axes, (int, np.integer)) and not isinstance(axes, bool):
        if not 0 <= axes <= min(len(s1), len(s2)):
            raise ValueError(
                f"tensordot: `axes`={axes} must be in [0, {min(len(s1), len(s2))}] for `x1` of "
                f"shape {s1} and `x2` of shape {s2} (the last `axes` dimensions of x1 are "
                f"contracted with the first `axes` dimensions of x2).")
        return tuple(range(len(s1) - axes, len(s1))), tuple(range(axes))
    if not (isinstance(axes, (tuple, list)) and len(axes) == 2):
        raise ValueError(
            f"tensordot: `axes` must be an int or a pair (axes of x1, axes of x2); received {axes!r}.")
    a1 = tuple(axes[0]) if isinstance(axes[0], (tuple, list)) else (axes[0],)
    a2 = tuple(axes[1]) if isinstance(axes[1], (tuple, list)) else (axes[1],)
    if len(a1) != len(a2):
        raise ValueError(
            f"tensordot: `axes` must name as many axes of x1 as of x2; received {axes!r} "
            f"({len(a1)} and {len(a2)} axes).")
    a1 = checks.canonical_axes("tensordot", a1, len(s1), name="x1", arg="axes") or ()
    a2 = checks.canonical_axes("tensordot", a2, len(s2), name="x2", arg="axes") or ()
    return a1, a2


def tensordot(x1, x2, axes=2):
    """The sum product of `x1` and `x2` over the given axes: `axes`=N contracts the last N axes
    of x1 with the first N of x2; `axes`=(a1, a2) contracts x1's axes a1 with x2's axes a2."""
    s1, s2 = checks.shape_of(x1), checks.shape_of(x2)
    a1, a2 = _tensordot_axes(x1, x2, axes)
    for i, j in zip(a1, a2):
        if s1[i] is not None and s2[j] is not None and s1[i] != s2[j]:
            raise ValueError(
                f"tensordot: cannot contract `x1` of shape {s1} with `x2` of shape {s2} over axes "
                f"{a1} and {a2}: axis {i} of x1 has size {s1[i]} but axis {j} of x2 has size {s2[j]}.")
    return dispatch("tensordot", x1, x2, axes=axes)


def _einsum_terms(subscripts, shapes):
    """Validates einsum `subscripts` against the operands' shapes; a ValueError says what is wrong."""
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: `subscripts` must be a string; received {subscripts!r}.")
    spec = subscripts.replace(" ", "")
    lhs, arrow, out = spec.partition("->")
    if "->" in out:
        raise ValueError(f"einsum: `subscripts`={subscripts!r} has more than one '->'.")
    terms = lhs.split(",")
    if len(terms) != len(shapes):
        raise ValueError(
            f"einsum: `subscripts`={subscripts!r} describes {len(terms)} operand"
            f"{'s' if len(terms) != 1 else ''} but {len(shapes)} were given.")
    for term in terms + ([out] if arrow else []):
        rest = term.replace("...", "", 1)
        bad = [c for c in rest if not c.isalpha() or not c.isascii()]
        if bad:
            raise ValueError(
                f"einsum: `subscripts`={subscripts!r}: invalid character {bad[0]!r} in {term!r}; "
                f"expected letters, ',', '->' and at most one '...' per operand.")
    sizes = {}
    for k, (term, shape) in enumerate(zip(terms, shapes)):
        letters = term.replace("...", "")
        if "..." in term and len(letters) > len(shape) or "..." not in term and len(letters) != len(shape):
            raise ValueError(
                f"einsum: `subscripts`={subscripts!r}: operand {k} has shape {shape} "
                f"({len(shape)} dimensions) but its subscripts {term!r} name {len(letters)}.")
        # The letters before '...' index the leading dimensions, those after it the trailing ones.
        head, _, tail = term.partition("...")
        dims = list(shape[:len(head)]) + (list(shape[len(shape) - len(tail):]) if tail else [])
        for letter, size in zip(head + tail, dims):
            previous = sizes.get(letter)
            if previous is not None and size is not None and 1 not in (previous, size) and previous != size:
                raise ValueError(
                    f"einsum: `subscripts`={subscripts!r}: index {letter!r} has size {previous} in "
                    f"one operand and {size} in operand {k} (shapes {tuple(shapes)}).")
            if previous in (None, 1):
                sizes[letter] = size
    # The dimensions under '...' broadcast against each other, aligned from the right.
    under = [(k, shape[len(t.partition("...")[0]):len(shape) - len(t.partition("...")[2])])
             for k, (t, shape) in enumerate(zip(terms, shapes)) if "..." in t]
    broadcast = {}
    for k, dims in under:
        for i, size in enumerate(reversed(dims)):
            previous = broadcast.get(i)
            if previous is not None and size is not None and 1 not in (previous, size) and previous != size:
                raise ValueError(
                    f"einsum: `subscripts`={subscripts!r}: the dimensions under '...' do not broadcast: "
                    f"operand {k} has {dims} there (shapes {tuple(shapes)}).")
            if previous in (None, 1):
                broadcast[i] = size
    if arrow:
        letters = out.replace("...", "")
        counts = collections.Counter(letters)
        repeated = [c for c, n in counts.items() if n > 1]
        if repeated:
            raise ValueError(f"einsum: `subscripts`={subscripts!r}: output index {repeated[0]!r} is repeated.")
        unknown = [c for c in letters if c not in sizes]
        if unknown:
            raise ValueError(
                f"einsum: `subscripts`={subscripts!r}: output index {unknown[0]!r} appears in no operand.")
        if "..." in out and not any("..." in t for t in terms):
            raise ValueError(f"einsum: `subscripts`={subscripts!r}: '...' in the output but in no operand.")


def einsum(subscripts, *operands, **kwargs):
    """Einstein summation over `operands` as described by `subscripts` ("ij,jk->ik"; '...'
    broadcasts; without '->' the output is the letters used once, sorted). All-int8 operands give int32."""
    _einsum_terms(subscripts, [checks.shape_of(x) for x in operands])
    return dispatch("einsum", subscripts, *operands, **kwargs)


def outer(x1, x2):
    """The outer product of `x1` and `x2`, both flattened: shape (x1.size, x2.size)."""
    return dispatch("outer", x1, x2)


def _is_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _is_matrix_ord(ord):
    if ord is None or isinstance(ord, str):
        return ord in (None, "fro", "nuc")
    return _is_number(ord) and ord in (math.inf, -math.inf, 1, -1, 2, -2)


def norm(x, ord=None, axis=None, keepdims=False):
    """A vector norm (ord None/2, inf, -inf, 0, 1, any p) over one axis, or a matrix norm (ord None/
    'fro', 'nuc', inf, -inf, 1, -1, 2, -2) over two axes; axis=None: all of x for ord None, else x
    must be 1-D or 2-D. Ints give floatx."""
    ndim = checks.ndim_of(x)
    if axis is None:
        if ord is not None and ndim not in (1, 2):
            raise ValueError(
                f"norm: with `ord`={ord!r} and axis=None, `x` must be 1-D or 2-D; received shape "
                f"{checks.shape_of(x)}. Pass `axis` (one axis for vector norms, two for matrix norms).")
        n_axes = ndim if ord is not None else 1
    else:
        axes = checks.canonical_axes("norm", axis, ndim)
        if len(axes) not in (1, 2):
            raise ValueError(
                f"norm: `axis` must be an int (vector norm) or a pair of ints (matrix norm); "
                f"received axis={axis!r}.")
        n_axes = len(axes)
    if isinstance(ord, bool):
        raise TypeError(f"norm: `ord` must be None, a number or 'fro'/'nuc'; received {ord!r}.")
    if n_axes == 2:
        if not _is_matrix_ord(ord):
            raise ValueError(
                f"norm: invalid `ord`={ord!r} for a matrix norm (2 axes). Expected one of None, 'fro', "
                f"'nuc', inf, -inf, 1, -1, 2, -2.")
    elif not (ord is None or _is_number(ord)):
        raise ValueError(
            f"norm: invalid `ord`={ord!r} for a vector norm (1 axis). Expected None or a number "
            f"(inf, -inf, 0, 1, 2, any p); 'fro' and 'nuc' are matrix norms (pass two axes).")
    return dispatch("norm", x, ord=ord, axis=axis, keepdims=keepdims)
