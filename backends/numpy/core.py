"""Conversion, indexing and control flow for the NumPy backend.

Control flow is plain Python: each step runs differentiable ops, so the tape records the unrolled
loop and `scan`, `fori_loop` and `while_loop` are differentiable with no code of their own.
"""
import builtins

import numpy as np

from kerasish import tree
from kerasish.backend import dtypes
from kerasish.backend.variable import Variable
from kerasish.backends.numpy.autodiff import Box, defvjp, primitive, unbox

__all__ = [
    "is_tensor", "convert_to_tensor", "convert_to_numpy", "cast", "shape", "jit", "getitem", "slice",
    "slice_update", "scatter", "scatter_update", "cond", "scan", "fori_loop", "while_loop",
    "compute_output_spec", "symbolic_probe_sizes",
]



def is_tensor(x):
    return isinstance(x, (np.ndarray, Box))


def _python_scalars(x):
    leaves = tree.flatten(x) if isinstance(x, (list, tuple)) else [x]
    # NumPy scalars (np.float64 subclasses float) keep their own dtype; only Python numbers are weak.
    return leaves and all(isinstance(v, (bool, int, float)) and not isinstance(v, np.generic) for v in leaves)


def convert_to_tensor(x, dtype=None, sparse=None):
    """An np.ndarray (or a Box inside value_and_grad). Python numbers follow Keras's dtypes:
    floats become floatx, ints int32."""
    if sparse:
        raise ValueError("The numpy backend does not support sparse tensors (sparse=True).")
    if isinstance(x, Variable):  # reached by operators (`box * variable`), not through dispatch
        x = x.value
    if isinstance(x, Box):
        return x if dtype is None or dtypes.standardize_dtype(dtype) == x.dtype.name else cast(x, dtype)
    if dtype is None:
        if isinstance(x, np.ndarray):
            return x
        if _python_scalars(x):
            dtype = dtypes.result_type(*(tree.flatten(x) if isinstance(x, (list, tuple)) else [x]))
        elif isinstance(x, (list, tuple)) and any(isinstance(v, Box) for v in tree.flatten(x)):
            from kerasish.backends.numpy.shapes import stack

            return stack([convert_to_tensor(v) for v in x])
        else:
            return np.asarray(x)
    return np.asarray(x, dtype=numpy_dtype(dtypes.standardize_dtype(dtype)))


def numpy_dtype(name):
    """The NumPy dtype for a standardized dtype name. NumPy has no bfloat16; ml_dtypes (installed
    with jax) provides it when present."""
    if name == "bfloat16":
        try:
            import ml_dtypes
        except ImportError:
            raise TypeError("The numpy backend needs the ml_dtypes package for bfloat16.") from None
        return ml_dtypes.bfloat16
    return name


def convert_to_numpy(x):
    return np.asarray(x)


@primitive
def _cast(x, dtype):
    return x.astype(dtype, copy=False)


defvjp(_cast, lambda g, ans, x, dtype: g)


def cast(x, dtype):
    dtype = dtypes.standardize_dtype(dtype)
    x = convert_to_tensor(x)
    if x.dtype.name == dtype:
        return x
    return _cast(x, numpy_dtype(dtype))


def shape(x):
    return tuple(np.shape(unbox(x)))


def jit(fn, static_argnums=None, donate_argnums=None, **kwargs):
    """NumPy runs eagerly: jit is the identity."""
    return fn


def _unbox_key(key):
    if isinstance(key, tuple):
        return tuple(unbox(k) for k in key)
    return unbox(key)


def _has_advanced_index(key):
    items = key if isinstance(key, tuple) else (key,)
    return any(isinstance(k, (np.ndarray, list)) for k in items)


@primitive
def _getitem(x, key):
    return x[key]


def _getitem_vjp(g, ans, x, key):
    grad = np.zeros(x.shape, dtype=g.dtype)
    if _has_advanced_index(key):
        np.add.at(grad, key, g)  # repeated indices accumulate
    else:
        grad[key] = g
    return grad


defvjp(_getitem, _getitem_vjp)


def getitem(x, key):
    """x[key] with NumPy indexing (ints, slices, None, Ellipsis, int or bool arrays)."""
    return _getitem(convert_to_tensor(x), _unbox_key(key))


def _window(start_indices, window_shape):
    # `slice` in this module is the op; the window needs Python's built-in.
    return tuple(builtins.slice(int(s), int(s) + int(n)) for s, n in zip(start_indices, window_shape))


def _clamped_starts(start_indices, full_shape, window_shape):
    # As lax.dynamic_slice: start indices are clamped so the window stays inside the array.
    starts = [int(unbox(s)) for s in np.asarray(unbox(start_indices)).reshape(-1)] \
        if not isinstance(start_indices, (list, tuple)) else [int(unbox(s)) for s in start_indices]
    return tuple(min(max(s, 0), n - w) for s, n, w in zip(starts, full_shape, window_shape))


@primitive
def _slice(inputs, starts, window_shape):
    return inputs[_window(starts, window_shape)]


def _slice_vjp(g, ans, inputs, starts, window_shape):
    grad = np.zeros(inputs.shape, dtype=g.dtype)
    grad[_window(starts, window_shape)] = g
    return grad


defvjp(_slice, _slice_vjp)


def slice(inputs, start_indices, shape):
    """The window of `shape` starting at `start_indices` (as lax.dynamic_slice)."""
    inputs = convert_to_tensor(inputs)
    shape = tuple(int(n) if n is not None and n != -1 else full - int(unbox(s))
                  for n, full, s in zip(shape, inputs.shape, start_indices))
    return _slice(inputs, _clamped_starts(start_indices, inputs.shape, shape), shape)


@primitive
def _slice_update(inputs, updates, starts):
    out = inputs.copy()
    out[_window(starts, updates.shape)] = updates
    return out


def _slice_update_inputs_vjp(g, ans, inputs, updates, starts):
    g = g.copy()
    g[_window(starts, updates.shape)] = 0
    return g


defvjp(_slice_update, _slice_update_inputs_vjp,
       lambda g, ans, inputs, updates, starts: g[_window(starts, updates.shape)])


def slice_update(inputs, start_indices, updates):
    """`inputs` with the window at `start_indices` replaced by `updates`."""
    inputs = convert_to_tensor(inputs)
    updates = cast(convert_to_tensor(updates), inputs.dtype)
    return _slice_update(inputs, updates, _clamped_starts(start_indices, inputs.shape, updates.shape))


def _index_tuple(indices):
    # indices: (N, k) integer coordinates into the first k axes.
    return tuple(indices[..., i] for i in range(indices.shape[-1]))


@primitive
def _scatter(values, indices, shape):
    out = np.zeros(shape, dtype=values.dtype)
    np.add.at(out, _index_tuple(indices), values)
    return out


defvjp(_scatter, lambda g, ans, values, indices, shape: g[_index_tuple(indices)])


def scatter(indices, values, shape):
    """Zeros of `shape` with `values` added at `indices` (repeated indices sum, as tf.scatter_nd)."""
    values = convert_to_tensor(values)
    indices = np.asarray(unbox(indices)).astype(np.int64)
    return _scatter(values, indices, tuple(int(n) for n in shape))


@primitive
def _scatter_update(inputs, updates, indices):
    out = inputs.copy()
    out[_index_tuple(indices)] = updates
    return out


def _scatter_update_inputs_vjp(g, ans, inputs, updates, indices):
    g = g.copy()
    g[_index_tuple(indices)] = 0
    return g


defvjp(_scatter_update, _scatter_update_inputs_vjp,
       lambda g, ans, inputs, updates, indices: g[_index_tuple(indices)])


_UFUNCS = {"max": np.maximum, "min": np.minimum, "mul": np.multiply}


@primitive
def _scatter_reduce(inputs, updates, indices, reduction):
    out = inputs.copy()
    _UFUNCS[reduction].at(out, _index_tuple(indices), updates)
    return out


def _scatter_reduce_vjp(g, ans, inputs, updates, indices, reduction):
    raise NotImplementedError(
        f"The numpy backend has no gradient for scatter_update with reduction={reduction!r} "
        f"(reduction=None and 'add' have one).")


defvjp(_scatter_reduce, _scatter_reduce_vjp, _scatter_reduce_vjp)


def scatter_update(inputs, indices, updates, reduction=None):
    """`inputs` with the entries at `indices` replaced by `updates` (or combined by `reduction`)."""
    inputs = convert_to_tensor(inputs)
    updates = cast(convert_to_tensor(updates), inputs.dtype)
    indices = np.asarray(unbox(indices)).astype(np.int64)
    if reduction is None:
        return _scatter_update(inputs, updates, indices)
    if reduction == "add":
        from kerasish.backends.numpy.elementwise import add

        return add(inputs, _scatter(updates, indices, inputs.shape))
    return _scatter_reduce(inputs, updates, indices, reduction)


def cond(pred, true_fn, false_fn):
    return true_fn() if bool(np.asarray(unbox(pred))) else false_fn()


def fori_loop(lower, upper, body_fun, init_val):
    value = init_val
    for i in range(int(unbox(lower)), int(unbox(upper))):
        value = body_fun(i, value)
    return value


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (tuple, list))
    state = tuple(loop_vars) if is_sequence else (loop_vars,)
    iterations = 0
    while (maximum_iterations is None or iterations < maximum_iterations) and bool(
            np.asarray(unbox(cond(*state)))):
        out = body(*state)
        state = tuple(out) if is_sequence else (out,)
        iterations += 1
    return type(loop_vars)(state) if is_sequence else state[0]


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    """As jax.lax.scan: `f(carry, x) -> (carry, y)` over the leading axis of `xs`; returns the last
    carry and the stacked ys."""
    from kerasish.backends.numpy.shapes import stack

    x_leaves = tree.flatten(xs)
    if length is None:
        if not x_leaves:
            raise ValueError("scan: `length` is required when `xs` is None.")
        length = shape(x_leaves[0])[0]
    steps = range(length - 1, -1, -1) if reverse else range(length)
    carry, ys = init, []
    for i in steps:
        x = None if xs is None else tree.pack_sequence_as(xs, [getitem(leaf, i) for leaf in x_leaves])
        carry, y = f(carry, x)
        ys.append(y)
    if reverse:
        ys.reverse()
    if not ys or tree.flatten(ys[0]) == [] and ys[0] is None:
        return carry, None
    stacked = [stack(list(column)) for column in zip(*[tree.flatten(y) for y in ys])]
    return carry, tree.pack_sequence_as(ys[0], stacked)


# Unknown dims are probed with small sizes first (this backend computes on zeros), then with the
# usual large ones if an op needs more room (a valid convolution, say).
symbolic_probe_sizes = ((5, 7), (83, 89))


def compute_output_spec(fn, *args, **kwargs):
    """Output KerasTensors of `fn` on KerasTensor arguments (all dims known), by running it on
    zeros of those shapes."""
    from kerasish.backend.keras_tensor import KerasTensor

    def fill(x):
        if isinstance(x, KerasTensor):
            return np.zeros(x.shape, dtype=numpy_dtype(x.dtype))
        return x

    # Zeros are stand-ins: a 0/0 on them (a fully masked average, say) is no one's concern.
    with np.errstate(all="ignore"):
        out = fn(*tree.map_structure(fill, list(args)), **tree.map_structure(fill, kwargs))

    def spec(x):
        if hasattr(x, "shape") and hasattr(x, "dtype"):
            return KerasTensor(tuple(x.shape), dtypes.standardize_dtype(x.dtype), record_history=False)
        return x
    return tree.map_structure(spec, out)
