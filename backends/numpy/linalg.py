"""Products and norms for the NumPy backend: matmul, dot, tensordot, einsum, outer, norm.

The VJPs of products are products themselves: for out = a @ b, da = g @ b^T and db = a^T @ g;
for einsum, the cotangent of an operand is the einsum of the other operands and g into that
operand's subscripts. Broadcast batch dimensions are summed back by the tape (sum_to_shape).
"""
import collections
import string

import numpy as np

from kerasish.backend import dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive
from kerasish.backends.numpy.core import cast, convert_to_tensor
from kerasish.backends.numpy.reductions import _max, _min, restore_reduced_axes

__all__ = ["matmul", "dot", "tensordot", "einsum", "outer", "norm"]


def _product_inputs(*xs, int8_to_int32=False):
    """The operands cast to their common dtype. As Keras, matmul and einsum of int8 operands
    only compute (and return) int32."""
    xs = [convert_to_tensor(x) for x in xs]
    if int8_to_int32 and xs and all(x.dtype == np.int8 for x in xs):
        dtype = "int32"
    else:
        dtype = dtypes.result_type(*xs)
    return [cast(x, dtype) for x in xs]


# ---- matmul --------------------------------------------------------------------------------------

@primitive
def _matmul(a, b):
    return np.matmul(a, b)


def _as_matrices(g, a, b):
    """g, a, b with 1-D operands made matrices (a: a row, b: a column) and g expanded to match.
    g is made contiguous: the gradient of a sum arrives as a broadcast view (zero strides), which
    NumPy's matmul multiplies with a slow non-BLAS loop."""
    g = np.ascontiguousarray(g)
    if a.ndim == 1:
        a = a[None, :]
        g = np.expand_dims(g, -2 if b.ndim > 1 else -1)
    if b.ndim == 1:
        b = b[:, None]
        g = np.expand_dims(g, -1)
    return g, a, b


def _matmul_vjp_a(g, ans, a, b):
    g2, a2, b2 = _as_matrices(g, a, b)
    da = np.matmul(g2, np.swapaxes(b2, -1, -2))  # (..., m, k), summed over broadcast batch dims by the tape
    return da[..., 0, :] if a.ndim == 1 else da


def _matmul_vjp_b(g, ans, a, b):
    g2, a2, b2 = _as_matrices(g, a, b)
    db = np.matmul(np.swapaxes(a2, -1, -2), g2)  # (..., k, n)
    return db[..., 0] if b.ndim == 1 else db


defvjp(_matmul, _matmul_vjp_a, _matmul_vjp_b)


def _bfloat16_via_float32(fn, xs):
    """fn(xs), computed in float32 for bfloat16 operands (NumPy's matmul and einsum have no
    bfloat16 kernels) and cast back."""
    if xs and xs[0].dtype.name == "bfloat16":
        return cast(fn([cast(x, "float32") for x in xs]), "bfloat16")
    return fn(xs)


def matmul(x1, x2):
    xs = _product_inputs(x1, x2, int8_to_int32=True)
    return _bfloat16_via_float32(lambda xs: _matmul(*xs), xs)


# ---- tensordot, dot, outer -----------------------------------------------------------------------

def _tensordot_axes(a_ndim, b_ndim, axes):
    """`axes` (int or pair) as two tuples of non-negative axes."""
    if isinstance(axes, (int, np.integer)):
        return tuple(range(a_ndim - axes, a_ndim)), tuple(range(axes))
    a_axes, b_axes = ((tuple(ax) if isinstance(ax, (tuple, list)) else (ax,)) for ax in axes)
    return tuple(i % a_ndim for i in a_axes), tuple(j % b_ndim for j in b_axes)


@primitive
def _tensordot(a, b, a_axes, b_axes):
    return np.tensordot(a, b, axes=(a_axes, b_axes))


def _tensordot_vjp_a(g, ans, a, b, a_axes, b_axes):
    # out has axes (free axes of a..., free axes of b...). Contracting g's b-part with b's free
    # axes gives (free axes of a..., b's contracted axes in b's order); b's contracted axis
    # b_axes[k] stands for a's axis a_axes[k], so permute back to a's axis order.
    a_free = [i for i in range(a.ndim) if i not in a_axes]
    b_free = [j for j in range(b.ndim) if j not in b_axes]
    da = np.tensordot(g, b, axes=(list(range(len(a_free), g.ndim)), b_free))
    pairs = sorted(zip(b_axes, a_axes))  # b's contracted axes in b's order, with their a axis
    order = a_free + [i for _, i in pairs]
    return np.transpose(da, np.argsort(order))


def _tensordot_vjp_b(g, ans, a, b, a_axes, b_axes):
    a_free = [i for i in range(a.ndim) if i not in a_axes]
    b_free = [j for j in range(b.ndim) if j not in b_axes]
    db = np.tensordot(a, g, axes=(a_free, list(range(len(a_free)))))
    pairs = sorted(zip(a_axes, b_axes))  # a's contracted axes in a's order, with their b axis
    order = [j for _, j in pairs] + b_free
    return np.transpose(db, np.argsort(order))


defvjp(_tensordot, _tensordot_vjp_a, _tensordot_vjp_b)


def tensordot(x1, x2, axes=2):
    a, b = _product_inputs(x1, x2)
    a_axes, b_axes = _tensordot_axes(a.ndim, b.ndim, axes)
    return _tensordot(a, b, a_axes, b_axes)


def dot(x1, x2):
    # NumPy's dot is a tensordot: a scalar operand multiplies (no axes), otherwise the last axis
    # of x1 meets the second-to-last axis of x2 (its only axis when x2 is 1-D).
    a, b = _product_inputs(x1, x2)
    if a.ndim == 0 or b.ndim == 0:
        return _tensordot(a, b, (), ())
    return _tensordot(a, b, (a.ndim - 1,), (max(b.ndim - 2, 0),))


@primitive
def _outer(a, b):
    return np.outer(a, b)


defvjp(_outer,
       lambda g, ans, a, b: (g @ b.reshape(-1)).reshape(a.shape),
       lambda g, ans, a, b: (a.reshape(-1) @ g).reshape(b.shape))


def outer(x1, x2):
    return _outer(*_product_inputs(x1, x2))


# ---- einsum --------------------------------------------------------------------------------------

def _explicit_einsum(subscripts, shapes):
    """(input terms, output term) of `subscripts` with '...' replaced by letters of its own and
    the output made explicit (implicit mode: '...' then the letters used once, sorted)."""
    spec = subscripts.replace(" ", "")
    lhs, arrow, out = spec.partition("->")
    terms = lhs.split(",")
    used = set(spec)
    spare = [c for c in string.ascii_letters if c not in used]
    n_ellipsis = max([len(shape) - len(t.replace("...", "")) for t, shape in zip(terms, shapes) if "..." in t],
                     default=0)
    if n_ellipsis > len(spare):
        raise ValueError(f"einsum: too many dimensions under '...' in {subscripts!r}.")
    ellipsis = "".join(spare[:n_ellipsis])

    def expand(term, shape):
        # An operand with fewer dimensions under '...' takes the rightmost ellipsis letters
        # (they broadcast as NumPy's trailing dimensions do).
        if "..." not in term:
            return term
        n = len(shape) - (len(term) - 3)
        return term.replace("...", ellipsis[n_ellipsis - n:])

    terms = [expand(t, shape) for t, shape in zip(terms, shapes)]
    if arrow:
        out = out.replace("...", ellipsis)
    else:
        counts = collections.Counter("".join(terms))
        out = ellipsis + "".join(sorted(c for c, n in counts.items() if n == 1 and c not in ellipsis))
    return terms, out


@primitive
def _einsum(operands, terms, out):
    return np.einsum(",".join(terms) + "->" + out, *operands, optimize=len(operands) > 2)


def _einsum_vjp(g, ans, operands, terms, out):
    grads = []
    for k, (x, term) in enumerate(zip(operands, terms)):
        others = [t for i, t in enumerate(terms) if i != k] + [out]
        values = [v for i, v in enumerate(operands) if i != k] + [g]
        target = "".join(dict.fromkeys(term))  # x's distinct letters, in order
        available = set("".join(others))
        present = "".join(c for c in target if c in available)
        dx = np.einsum(",".join(others) + "->" + present, *values, optimize=len(values) > 2)
        # Letters only x has (summed within x alone) get the cotangent broadcast along them.
        sizes = dict(zip(term, x.shape))
        dx = dx.reshape([dx.shape[present.index(c)] if c in present else 1 for c in target])
        dx = np.broadcast_to(dx, [dx.shape[i] if c in present else sizes[c] for i, c in enumerate(target)])
        if len(target) < len(term):
            # A repeated letter (a diagonal, "ii->i"): the cotangent lands on that diagonal. An
            # einsum that only takes a diagonal returns a writeable view into its operand.
            full = np.zeros(x.shape, dtype=dx.dtype)
            np.einsum(term + "->" + target, full)[...] = dx
            dx = full
        grads.append(dx)
    return grads


defvjp(_einsum, _einsum_vjp)


def einsum(subscripts, *operands, **kwargs):
    # kwargs (optimize, precision...) tune jnp.einsum; NumPy's result does not depend on them.
    operands = _product_inputs(*operands, int8_to_int32=True)
    terms, out = _explicit_einsum(subscripts, [x.shape for x in operands])
    return _bfloat16_via_float32(lambda xs: _einsum(list(xs), terms, out), operands)


# ---- norm ----------------------------------------------------------------------------------------

@primitive
def _vector_norm(x, ord, axis, keepdims):
    """The vector norm of order `ord` (a number; None means 2) over `axis` (int, tuple or None)."""
    ax = np.abs(x)
    if ord is None or ord == 2:
        return np.sqrt(np.sum(x * x, axis=axis, keepdims=keepdims))
    if ord == np.inf:
        return np.max(ax, axis=axis, keepdims=keepdims)
    if ord == -np.inf:
        return np.min(ax, axis=axis, keepdims=keepdims)
    if ord == 0:
        return np.sum(x != 0, axis=axis, keepdims=keepdims).astype(x.dtype)
    if ord == 1:
        return np.sum(ax, axis=axis, keepdims=keepdims)
    with np.errstate(divide="ignore"):
        return np.sum(ax ** ord, axis=axis, keepdims=keepdims) ** (1.0 / ord)


def _vector_norm_vjp(g, ans, x, ord, axis, keepdims):
    g = restore_reduced_axes(g, x.shape, axis, keepdims)
    ans = restore_reduced_axes(ans, x.shape, axis, keepdims)
    with np.errstate(divide="ignore", invalid="ignore"):
        if ord is None or ord == 2:
            return g * x / ans  # nan where the norm is 0, as in JAX
        if ord in (np.inf, -np.inf):
            # max/min of |x|: shared among the elements that attain it, as max's gradient.
            hits = np.abs(x) == ans
            return g * np.sign(x) * hits / np.sum(hits, axis=axis, keepdims=True)
        if ord == 0:
            return np.zeros_like(x)  # a count: piecewise constant
        if ord == 1:
            return g * np.sign(x)
        # (sum |x|^p)^(1/p): d/dx_i = |x_i|^(p-1) sign(x_i) norm^(1-p)
        return g * np.sign(x) * np.abs(x) ** (ord - 1) * ans ** (1 - ord)


defvjp(_vector_norm, _vector_norm_vjp)


@primitive
def _svd_norm(x, ord, axes, keepdims):
    """Matrix norms from the singular values of the matrices on `axes`: 2 (largest), -2
    (smallest), 'nuc' (their sum)."""
    s = np.linalg.svd(np.moveaxis(x, axes, (-2, -1)).astype(np.promote_types(x.dtype, np.float32)),
                      compute_uv=False)
    out = (s[..., 0] if ord == 2 else s[..., -1] if ord == -2 else np.sum(s, axis=-1)).astype(x.dtype)
    return np.expand_dims(out, tuple(sorted(axes))) if keepdims else out


def _svd_norm_vjp(g, ans, x, ord, axes, keepdims):
    # d s_i = u_i^T dX v_i, so the cotangent of s_i is g u_i v_i^T; for 'nuc' (sum of all) U V^T.
    u, _, vt = np.linalg.svd(np.moveaxis(x, axes, (-2, -1)), full_matrices=False)
    if keepdims:
        g = np.squeeze(g, tuple(sorted(axes)))
    if ord == "nuc":
        dx = np.matmul(u, vt)
    else:
        i = 0 if ord == 2 else -1
        dx = u[..., :, i, None] * vt[..., None, i, :]
    return np.moveaxis(g[..., None, None] * dx, (-2, -1), axes)


defvjp(_svd_norm, _svd_norm_vjp)


def _matrix_norm(x, ord, axes, keepdims):
    rows, cols = axes
    if ord in (None, "fro"):
        return _vector_norm(x, 2, axes, keepdims)
    if ord in (2, -2, "nuc"):
        return _svd_norm(x, ord, axes, keepdims)
    # 1 / -1: max / min over columns of the column sums of |x|; inf / -inf: the same over rows.
    sums = _vector_norm(x, 1, rows if abs(ord) == 1 else cols, True)
    chooser = _max if ord > 0 else _min
    return chooser(sums, axes, keepdims, None)


def norm(x, ord=None, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.float_result(x.dtype))
    if axis is None:
        if ord is not None and x.ndim == 2:
            return _matrix_norm(x, ord, (0, 1), keepdims)
        # The 2-norm of all elements (or a vector norm of a 1-D x).
        return _vector_norm(x, ord, None, keepdims)
    axes = tuple(a % x.ndim for a in (axis if isinstance(axis, (tuple, list)) else (axis,)))
    if len(axes) == 2:
        return _matrix_norm(x, ord, axes, keepdims)
    return _vector_norm(x, ord, axes[0], keepdims)
