"""Core ops: conversion, dtypes, indexing, control flow and differentiation (keras.ops.core)."""
from kerasish.backend import dtypes
from kerasish.ops import checks
from kerasish.ops.dispatch import dispatch

__all__ = [
    "convert_to_tensor", "convert_to_numpy", "cast", "is_tensor", "shape", "ndim", "size", "dtype",
    "cond", "scan", "fori_loop", "while_loop", "stop_gradient", "custom_gradient",
    "value_and_grad", "grad", "jit", "getitem", "slice", "slice_update", "scatter",
    "scatter_update",
]


def convert_to_tensor(x, dtype=None, sparse=None):
    """A backend tensor holding `x`. Python floats become floatx, Python ints int32."""
    if dtype is not None:
        dtype = checks.dtype_arg("convert_to_tensor", dtype)
    return dispatch("convert_to_tensor", x, dtype=dtype, sparse=sparse)


def convert_to_numpy(x):
    """A NumPy array holding the value of tensor `x`."""
    return dispatch("convert_to_numpy", x)


def cast(x, dtype):
    """`x` converted to `dtype` (float to int truncates toward zero)."""
    return dispatch("cast", x, checks.dtype_arg("cast", dtype))


def is_tensor(x):
    """Whether `x` is a tensor of the active backend."""
    return dispatch("is_tensor", x)


def shape(x):
    """The shape of `x` as a tuple of ints."""
    return checks.shape_of(x)


def ndim(x):
    return len(checks.shape_of(x))


def size(x):
    n = 1
    for d in checks.shape_of(x):
        n *= d
    return n


def dtype(x):
    """The standardized dtype name of `x` ("float32", ...)."""
    if hasattr(x, "dtype"):
        return dtypes.standardize_dtype(x.dtype)
    return dtypes.result_type(x)


def cond(pred, true_fn, false_fn):
    """`true_fn()` if `pred` else `false_fn()`; both branches must return the same structure."""
    return dispatch("cond", pred, true_fn, false_fn)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """Loops `f(carry, x) -> (carry, y)` over the leading axis of `xs` (as jax.lax.scan)."""
    return dispatch("scan", f, init, xs=xs, length=length, reverse=reverse, unroll=unroll)


def fori_loop(lower, upper, body_fun, init_val):
    """`body_fun(i, val)` for i in [lower, upper), threading `val`."""
    return dispatch("fori_loop", lower, upper, body_fun, init_val)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    """Runs `body(*loop_vars)` while `cond(*loop_vars)` holds (at most `maximum_iterations`)."""
    return dispatch("while_loop", cond, body, loop_vars, maximum_iterations=maximum_iterations)


def stop_gradient(variable):
    """`variable`'s value, treated as a constant by differentiation."""
    return dispatch("stop_gradient", variable)


def custom_gradient(f):
    """Decorates `f(*args) -> (y, grad_fn)` so that differentiation uses `grad_fn(upstream)`."""
    return dispatch("custom_gradient", f)


def value_and_grad(fun, argnums=0, has_aux=False):
    """`fun`'s value and gradient w.r.t. `argnums` (nested structures of tensors), as
    jax.value_and_grad. Not in Keras 3: one way to write custom training steps on every backend."""
    return dispatch("value_and_grad", fun, argnums=argnums, has_aux=has_aux)


def grad(fun, argnums=0, has_aux=False):
    """The gradient of scalar-valued `fun` w.r.t. `argnums`, as jax.grad."""
    return dispatch("grad", fun, argnums=argnums, has_aux=has_aux)


def jit(fn, static_argnums=None, donate_argnums=None):
    """`fn` compiled by the backend (jax.jit on JAX; unchanged on NumPy)."""
    return dispatch("jit", fn, static_argnums=static_argnums, donate_argnums=donate_argnums)


def getitem(x, key):
    """`x[key]` with NumPy basic and integer-array indexing."""
    return dispatch("getitem", x, key)


def _check_window(op, inputs, start_indices, window_shape, window_name):
    in_shape = checks.shape_of(inputs)
    starts = checks.shape_of(start_indices)
    n_starts = starts[0] if starts else len(start_indices)
    if n_starts != len(in_shape) or len(window_shape) != len(in_shape):
        raise ValueError(
            f"{op}: `start_indices` ({n_starts} values) and {window_name} (rank {len(window_shape)}) "
            f"must match the rank of `inputs`, whose shape is {in_shape}.")
    for axis, (n, full) in enumerate(zip(window_shape, in_shape)):
        if n is not None and full is not None and n > full:
            raise ValueError(
                f"{op}: {window_name} {tuple(window_shape)} does not fit in `inputs` of shape "
                f"{in_shape} (axis {axis}).")


def slice(inputs, start_indices, shape):
    """The window of `shape` starting at `start_indices` (starts are clamped to fit)."""
    _check_window("slice", inputs, start_indices, tuple(shape), "`shape`")
    return dispatch("slice", inputs, start_indices, shape)


def slice_update(inputs, start_indices, updates):
    """`inputs` with the window at `start_indices` replaced by `updates`."""
    _check_window("slice_update", inputs, start_indices, checks.shape_of(updates), "`updates` shape")
    return dispatch("slice_update", inputs, start_indices, updates)


def _check_scatter(op, indices, values, shape, values_name):
    index_shape = checks.shape_of(indices)
    if len(index_shape) < 1 or index_shape[-1] is None or index_shape[-1] > len(shape):
        raise ValueError(
            f"{op}: `indices` must have shape (..., k) with k <= {len(shape)} (the rank of the "
            f"target of shape {tuple(shape)}); received shape {index_shape}.")
    expected = tuple(index_shape[:-1]) + tuple(shape[index_shape[-1]:])
    got = checks.shape_of(values)
    if got != expected:
        raise ValueError(
            f"{op}: `{values_name}` must have shape {expected} for `indices` of shape {index_shape} "
            f"into shape {tuple(shape)}; received shape {got}.")


def scatter(indices, values, shape):
    """Zeros of `shape` with `values` added at `indices` (shape (N, k)); repeated indices sum."""
    _check_scatter("scatter", indices, values, tuple(shape), "values")
    return dispatch("scatter", indices, values, shape)


def scatter_update(inputs, indices, updates, reduction=None):
    """`inputs` with the entries at `indices` (shape (N, k)) replaced by `updates`, or combined
    with them by `reduction` ("add", "max", "min" or "mul")."""
    _check_scatter("scatter_update", indices, updates, checks.shape_of(inputs), "updates")
    if reduction is not None:
        reduction = checks.one_of("scatter_update", reduction, ("add", "max", "min", "mul"), "reduction")
    return dispatch("scatter_update", inputs, indices, updates, reduction=reduction)
