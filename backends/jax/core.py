"""Conversion, indexing, control flow and differentiation for the JAX backend: thin over jax."""
import jax
import jax.numpy as jnp
import numpy as np

from kerasish import tree
from kerasish.backend import dtypes
from kerasish.backend.variable import Variable

__all__ = [
    "is_tensor", "convert_to_tensor", "convert_to_numpy", "cast", "shape", "jit", "getitem", "slice",
    "slice_update", "scatter", "scatter_update", "cond", "scan", "fori_loop", "while_loop",
    "value_and_grad", "grad", "stop_gradient", "custom_gradient", "compute_output_spec", "eager_scope",
]



def is_tensor(x):
    return isinstance(x, jax.Array)


def _python_scalars(x):
    leaves = tree.flatten(x) if isinstance(x, (list, tuple)) else [x]
    # NumPy scalars (np.float64 subclasses float) keep their own dtype; only Python numbers are weak.
    return leaves and all(isinstance(v, (bool, int, float)) and not isinstance(v, np.generic) for v in leaves)


def convert_to_tensor(x, dtype=None, sparse=None):
    """A jax.Array. Python numbers follow Keras's dtypes: floats become floatx, ints int32."""
    if sparse:
        raise ValueError("The jax backend does not support sparse tensors here (sparse=True).")
    if isinstance(x, Variable):  # reached by operators (`box * variable`), not through dispatch
        x = x.value
    if dtype is None:
        if isinstance(x, jax.Array):
            return x
        if _python_scalars(x):
            dtype = dtypes.result_type(*(tree.flatten(x) if isinstance(x, (list, tuple)) else [x]))
        elif isinstance(x, np.ndarray):
            dtype = x.dtype
    else:
        dtype = dtypes.standardize_dtype(dtype)
        if isinstance(x, jax.Array) and x.dtype == dtype:
            return x
    return jnp.asarray(x, dtype=dtype)


def convert_to_numpy(x):
    return np.asarray(x)


def cast(x, dtype):
    dtype = dtypes.standardize_dtype(dtype)
    x = convert_to_tensor(x)
    return x if x.dtype == dtype else x.astype(dtype)


def shape(x):
    return tuple(x.shape)


def jit(fn, static_argnums=None, donate_argnums=None, **kwargs):
    return jax.jit(fn, static_argnums=static_argnums, donate_argnums=donate_argnums, **kwargs)


value_and_grad = jax.value_and_grad
grad = jax.grad
stop_gradient = jax.lax.stop_gradient


def custom_gradient(f):
    """As keras.ops.custom_gradient: `f(*args)` returns `(y, grad_fn)`."""

    @jax.custom_gradient
    def wrapped(*args):
        y, grad_fn = f(*args)

        def vjp(g):
            try:
                result = grad_fn(g)
            except TypeError:
                result = grad_fn(upstream=g)
            return tuple(result) if isinstance(result, (tuple, list)) else (result,)

        return y, vjp

    return wrapped


def getitem(x, key):
    # JAX refuses Python lists as index arrays (NumPy takes them); make them arrays.
    if isinstance(key, list):
        key = jnp.asarray(key)
    elif isinstance(key, tuple):
        key = tuple(jnp.asarray(k) if isinstance(k, list) else k for k in key)
    return convert_to_tensor(x)[key]


def _window_shape(inputs, start_indices, shape):
    # -1 or None in `shape` means "to the end of that axis".
    return tuple(inputs.shape[i] - int(start_indices[i]) if n is None or n == -1 else int(n)
                 for i, n in enumerate(shape))


def slice(inputs, start_indices, shape):
    inputs = convert_to_tensor(inputs)
    if not isinstance(start_indices, (list, tuple)):
        start_indices = list(convert_to_tensor(start_indices))
    return jax.lax.dynamic_slice(inputs, start_indices, _window_shape(inputs, start_indices, shape))


def slice_update(inputs, start_indices, updates):
    inputs = convert_to_tensor(inputs)
    updates = cast(convert_to_tensor(updates), inputs.dtype)
    if not isinstance(start_indices, (list, tuple)):
        start_indices = list(convert_to_tensor(start_indices))
    return jax.lax.dynamic_update_slice(inputs, updates, start_indices)


def scatter(indices, values, shape):
    values = convert_to_tensor(values)
    key = tuple(jnp.moveaxis(jnp.asarray(indices), -1, 0))
    return jnp.zeros(tuple(shape), values.dtype).at[key].add(values)


def scatter_update(inputs, indices, updates, reduction=None):
    inputs = convert_to_tensor(inputs)
    updates = cast(convert_to_tensor(updates), inputs.dtype)
    at = inputs.at[tuple(jnp.moveaxis(jnp.asarray(indices), -1, 0))]
    return {None: at.set, "add": at.add, "max": at.max, "min": at.min, "mul": at.multiply}[reduction](updates)


def cond(pred, true_fn, false_fn):
    return jax.lax.cond(pred, true_fn, false_fn)


def scan(f, init, xs=None, length=None, reverse=False, unroll=1):
    return jax.lax.scan(f, init, xs=xs, length=length, reverse=reverse, unroll=unroll)


def fori_loop(lower, upper, body_fun, init_val):
    # The index is weak-typed (from Python ints), so `carry + i` keeps the carry's dtype.
    return jax.lax.fori_loop(lower, upper, body_fun, init_val)


def while_loop(cond, body, loop_vars, maximum_iterations=None):
    is_sequence = isinstance(loop_vars, (tuple, list))
    state = tuple(loop_vars) if is_sequence else (loop_vars,)
    if maximum_iterations is not None:
        def counted_cond(s):
            return jnp.logical_and(cond(*s[:-1]), s[-1] < maximum_iterations)

        def counted_body(s):
            out = body(*s[:-1])
            return (tuple(out) if is_sequence else (out,)) + (s[-1] + 1,)

        state = jax.lax.while_loop(counted_cond, counted_body, state + (0,))[:-1]
    else:
        state = jax.lax.while_loop(
            lambda s: cond(*s),
            lambda s: tuple(body(*s)) if is_sequence else (body(*s),), state)
    return type(loop_vars)(state) if is_sequence else state[0]


def compute_output_spec(fn, *args, **kwargs):
    """Output KerasTensors of `fn` on KerasTensor arguments (all dims known), by jax.eval_shape:
    nothing is computed. Non-tensor arguments are closed over so they stay static."""
    from kerasish.backend.keras_tensor import KerasTensor

    leaves = tree.flatten((args, kwargs))
    symbolic = [i for i, x in enumerate(leaves) if isinstance(x, KerasTensor)]

    def run(*arrays):
        filled = list(leaves)
        for i, a in zip(symbolic, arrays):
            filled[i] = a
        a, k = tree.pack_sequence_as((args, kwargs), filled)
        return fn(*a, **k)

    structs = [jax.ShapeDtypeStruct(leaves[i].shape, leaves[i].dtype) for i in symbolic]
    out = jax.eval_shape(run, *structs)
    return jax.tree_util.tree_map(lambda s: KerasTensor(s.shape, s.dtype, record_history=False), out)


def eager_scope():
    """Computes concretely even inside a trace: a Variable created while jit or eval_shape is
    tracing (a layer built on its first call) must hold a value, not a tracer."""
    return jax.ensure_compile_time_eval()
