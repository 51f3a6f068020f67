"""Reductions, cumulative ops, sorting and top_k for the NumPy backend.

Each differentiable reduction is one primitive with its VJP. The VJP of a reduction over `axis`
gets the cotangent `g` in the output's shape; `restore_reduced_axes` reinserts the reduced axes as
size 1 so that `g` broadcasts against the input. sort and top_k are compositions: indices (no
gradient) and `take_along`, a gather whose VJP scatters the cotangent back.
"""
import numpy as np

from kerasish.backend import dtypes
from kerasish.backends.numpy.autodiff import defvjp, primitive
from kerasish.backends.numpy.core import cast, convert_to_tensor

__all__ = [
    "sum", "mean", "var", "std", "max", "min", "prod", "all", "any", "argmax", "argmin",
    "cumsum", "cumprod", "logsumexp", "sort", "argsort", "top_k",
]

_HALF = ("float16", "bfloat16")


def restore_reduced_axes(g, x_shape, axis, keepdims):
    """`g` (the cotangent of a reduction) reshaped so that it broadcasts against the input."""
    if keepdims or axis is None and g.ndim == len(x_shape):
        return g
    axes = range(len(x_shape)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    shape = list(x_shape)
    for a in axes:
        shape[a % len(x_shape)] = 1
    return np.reshape(g, shape)


def _axis(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def _count(shape, axis):
    """How many elements a reduction over `axis` combines into each output element."""
    if axis is None:
        return int(np.prod(shape))
    axes = axis if isinstance(axis, tuple) else (axis,)
    return int(np.prod([shape[a] for a in axes]))


def _float_input(x):
    """x as a float tensor for mean/var/std/logsumexp: ints and bools become floatx, and half
    floats are computed in float32 (then cast back, as Keras does, to avoid overflow)."""
    x = convert_to_tensor(x)
    result = dtypes.float_result(x.dtype)
    compute = "float32" if result in _HALF else result
    return cast(x, compute), result


# ---- sum, mean, var, std -------------------------------------------------------------------------

@primitive
def _sum(x, axis, keepdims):
    # dtype: NumPy would sum int32 in int64; the caller has chosen the dtype.
    return np.sum(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


defvjp(_sum, lambda g, ans, x, axis, keepdims: np.broadcast_to(
    restore_reduced_axes(g, x.shape, axis, keepdims), x.shape))


def sum(x, axis=None, keepdims=False):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.sum_result(x.dtype))
    return _sum(x, _axis(axis), keepdims)


@primitive
def _mean(x, axis, keepdims):
    return np.mean(x, axis=axis, keepdims=keepdims)


defvjp(_mean, lambda g, ans, x, axis, keepdims: np.broadcast_to(
    restore_reduced_axes(g, x.shape, axis, keepdims), x.shape) / _count(x.shape, axis))


def mean(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(_mean(x, _axis(axis), keepdims), result)


@primitive
def _var(x, axis, keepdims):
    return np.var(x, axis=axis, keepdims=keepdims)


def _var_vjp(g, ans, x, axis, keepdims):
    # d var / dx_i = 2 (x_i - mean) / n
    centered = x - np.mean(x, axis=axis, keepdims=True)
    return restore_reduced_axes(g, x.shape, axis, keepdims) * centered * (2.0 / _count(x.shape, axis))


defvjp(_var, _var_vjp)


def var(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(_var(x, _axis(axis), keepdims), result)


@primitive
def _std(x, axis, keepdims):
    return np.std(x, axis=axis, keepdims=keepdims)


def _std_vjp(g, ans, x, axis, keepdims):
    # std = sqrt(var): d std / dx_i = (x_i - mean) / (n std)  (nan where std is 0, as in JAX)
    centered = x - np.mean(x, axis=axis, keepdims=True)
    ans = restore_reduced_axes(ans, x.shape, axis, keepdims)
    with np.errstate(divide="ignore", invalid="ignore"):
        return restore_reduced_axes(g, x.shape, axis, keepdims) * centered / (ans * _count(x.shape, axis))


defvjp(_std, _std_vjp)


def std(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(_std(x, _axis(axis), keepdims), result)


# ---- max, min, prod, all, any --------------------------------------------------------------------

def _chooser_vjp(g, ans, x, axis, keepdims, initial):
    # The gradient of max/min goes to the elements equal to the result, shared equally among ties
    # (as JAX). Where `initial` wins, no element equals the result and the gradient is zero.
    ans = restore_reduced_axes(ans, x.shape, axis, keepdims)
    hits = x == ans
    counts = np.sum(hits, axis=axis, keepdims=True)
    g = restore_reduced_axes(g, x.shape, axis, keepdims)
    return np.where(hits, g / np.maximum(counts, 1), 0).astype(x.dtype)


@primitive
def _max(x, axis, keepdims, initial):
    return np.max(x, axis=axis, keepdims=keepdims, **({} if initial is None else {"initial": initial}))


@primitive
def _min(x, axis, keepdims, initial):
    return np.min(x, axis=axis, keepdims=keepdims, **({} if initial is None else {"initial": initial}))


defvjp(_max, _chooser_vjp)
defvjp(_min, _chooser_vjp)


def max(x, axis=None, keepdims=False, initial=None):
    return _max(convert_to_tensor(x), _axis(axis), keepdims, initial)


def min(x, axis=None, keepdims=False, initial=None):
    return _min(convert_to_tensor(x), _axis(axis), keepdims, initial)


def _moved_to_end(x, axis):
    """x with the reduced axes moved last and flattened into one: shape (kept..., n)."""
    axes = tuple(range(x.ndim)) if axis is None else (axis if isinstance(axis, tuple) else (axis,))
    axes = tuple(a % x.ndim for a in axes)
    kept = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, kept + list(axes))
    return moved.reshape(moved.shape[:len(kept)] + (-1,)), kept + list(axes)


@primitive
def _prod(x, axis, keepdims):
    return np.prod(x, axis=axis, keepdims=keepdims, dtype=x.dtype)


def _prod_vjp(g, ans, x, axis, keepdims):
    # d prod / dx_i = product of the other elements. Dividing ans by x_i fails at zeros, so
    # multiply the exclusive cumulative products from the left and from the right instead.
    flat, order = _moved_to_end(x, axis)
    ones = np.ones_like(flat[..., :1])
    left = np.cumprod(np.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
    right = np.cumprod(np.concatenate([ones, flat[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    others = (left * right).reshape([x.shape[a] for a in order])
    others = np.transpose(others, np.argsort(order))
    return restore_reduced_axes(g, x.shape, axis, keepdims) * others


defvjp(_prod, _prod_vjp)


def prod(x, axis=None, keepdims=False, dtype=None):
    x = convert_to_tensor(x)
    x = cast(x, dtypes.sum_result(x.dtype) if dtype is None else dtype)
    return _prod(x, _axis(axis), keepdims)


@primitive
def _all(x, axis, keepdims):
    return np.all(x, axis=axis, keepdims=keepdims)


@primitive
def _any(x, axis, keepdims):
    return np.any(x, axis=axis, keepdims=keepdims)


def all(x, axis=None, keepdims=False):
    return _all(convert_to_tensor(x), _axis(axis), keepdims)


def any(x, axis=None, keepdims=False):
    return _any(convert_to_tensor(x), _axis(axis), keepdims)


# ---- argmax, argmin (no gradient) ---------------------------------------------------------------

@primitive
def _argmax(x, axis, keepdims):
    return np.argmax(x, axis=axis, keepdims=keepdims).astype("int32")


@primitive
def _argmin(x, axis, keepdims):
    return np.argmin(x, axis=axis, keepdims=keepdims).astype("int32")


def argmax(x, axis=None, keepdims=False):
    return _argmax(convert_to_tensor(x), axis, keepdims)


def argmin(x, axis=None, keepdims=False):
    return _argmin(convert_to_tensor(x), axis, keepdims)


# ---- cumsum, cumprod -----------------------------------------------------------------------------

def _reverse_cumsum(g, axis):
    return np.flip(np.cumsum(np.flip(g, axis), axis=axis), axis)


@primitive
def _cumsum(x, axis):
    return np.cumsum(x, axis=axis, dtype=x.dtype)


def _cumsum_vjp(g, ans, x, axis):
    # out_j = sum_{i <= j} x_i, so dx_i = sum_{j >= i} g_j: a cumulative sum from the end.
    if axis is None:
        return _reverse_cumsum(g, 0).reshape(x.shape)
    return _reverse_cumsum(g, axis)


defvjp(_cumsum, _cumsum_vjp)


@primitive
def _cumprod(x, axis):
    return np.cumprod(x, axis=axis, dtype=x.dtype)


def _cumprod_vjp(g, ans, x, axis):
    # out_j = prod_{k <= j} x_k, so dx_i = sum_{j >= i} g_j * prod_{k <= j, k != i} x_k.
    if axis is None:
        return _cumprod_vjp(g, ans, x.reshape(-1), 0).reshape(x.shape)
    if np.all(x != 0):
        # Without zeros, prod_{k <= j, k != i} x_k = out_j / x_i.
        return _reverse_cumsum(g * ans, axis) / x
    # With zeros, build the products explicitly: an (n, n) matrix per line along `axis`.
    xs = np.moveaxis(x, axis, -1)
    gs = np.moveaxis(g, axis, -1)
    n = xs.shape[-1]
    i, j = np.arange(n)[:, None], np.arange(n)[None, :]
    # factors[..., i, j] = x_j, except 1 at j == i (x_i left out)
    factors = np.where(i == j, 1, xs[..., None, :])
    partial = np.cumprod(factors, axis=-1)  # partial[..., i, j] = prod_{k <= j, k != i} x_k
    dx = np.sum(np.where(j >= i, partial * gs[..., None, :], 0), axis=-1)
    return np.moveaxis(dx, -1, axis)


defvjp(_cumprod, _cumprod_vjp)


def _cumulative_dtype(x, dtype):
    if dtype is not None:
        return dtype
    return "int32" if x.dtype == bool else x.dtype.name


def cumsum(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return _cumsum(cast(x, _cumulative_dtype(x, dtype)), axis)


def cumprod(x, axis=None, dtype=None):
    x = convert_to_tensor(x)
    return _cumprod(cast(x, _cumulative_dtype(x, dtype)), axis)


# ---- logsumexp -----------------------------------------------------------------------------------

@primitive
def _logsumexp(x, axis, keepdims):
    # Subtract the maximum so exp cannot overflow; an all -inf slice gives -inf.
    shift = np.max(x, axis=axis, keepdims=True)
    shift = np.where(np.isfinite(shift), shift, 0)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - shift), axis=axis, keepdims=True)) + shift
    return out if keepdims else np.squeeze(out, axis=axis)


def _logsumexp_vjp(g, ans, x, axis, keepdims):
    # d logsumexp / dx_i = exp(x_i - logsumexp): the softmax of x.
    ans = restore_reduced_axes(ans, x.shape, axis, keepdims)
    return restore_reduced_axes(g, x.shape, axis, keepdims) * np.exp(x - ans)


defvjp(_logsumexp, _logsumexp_vjp)


def logsumexp(x, axis=None, keepdims=False):
    x, result = _float_input(x)
    return cast(_logsumexp(x, _axis(axis), keepdims), result)


# ---- sort, argsort, top_k ------------------------------------------------------------------------

@primitive
def take_along(x, indices, axis):
    """`np.take_along_axis` (axis None: of the flattened x), differentiable in x."""
    return np.take_along_axis(x, indices, axis=axis)


def _take_along_vjp(g, ans, x, indices, axis):
    # Scatter-add each cotangent entry back to the element it was taken from.
    if axis is None:
        dx = np.zeros(x.size, dtype=g.dtype)
        np.add.at(dx, indices, g)
        return dx.reshape(x.shape)
    dx = np.zeros(x.shape, dtype=g.dtype)
    index = list(np.indices(indices.shape, sparse=True))
    index[axis] = indices
    np.add.at(dx, tuple(index), g)
    return dx


defvjp(take_along, _take_along_vjp)


@primitive
def _argsort(x, axis):
    # Stable, as jnp.argsort: equal elements keep their order.
    return np.argsort(x, axis=axis, kind="stable").astype("int32")


def argsort(x, axis=-1):
    x = convert_to_tensor(x)
    if x.ndim == 0:
        axis = None
    return _argsort(x, axis)


def sort(x, axis=-1):
    x = convert_to_tensor(x)
    if x.ndim == 0:
        return x
    return take_along(x, _argsort(x, axis), axis)


@primitive
def _top_k_indices(x, k):
    # Descending order, ties broken by the lower index (as jax.lax.top_k): sort the reversed
    # last axis stably ascending, then read it from the end.
    n = x.shape[-1]
    ascending = np.argsort(x[..., ::-1], axis=-1, kind="stable")
    return (n - 1 - ascending[..., ::-1][..., :k]).astype("int32")


def top_k(x, k, sorted=True):
    # The values come sorted whether or not `sorted` is set, as on the JAX backend.
    x = convert_to_tensor(x)
    indices = _top_k_indices(x, k)
    return take_along(x, indices, -1), indices
