"""Dtype names and Keras's type-promotion rules, shared by every backend.

Keras promotes dtypes on a lattice (the one JAX uses): Python scalars are "weak" and adopt the
dtype of the tensor they meet, int tensors meeting floats become floats, and an unresolved float
becomes `floatx()`. Both backends call `result_type` so they agree on every op's output dtype.
"""
import functools

import numpy as np

from kerasish.backend import config

FLOAT_TYPES = ("bfloat16", "float16", "float32", "float64")
INT_TYPES = ("uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64")
ALLOWED_DTYPES = ("bool",) + INT_TYPES + FLOAT_TYPES + ("complex64", "complex128")

_ALIASES = {
    "float": "float32", "double": "float64", "half": "float16", "int": "int32",
    "long": "int64", "bool_": "bool", "boolean": "bool",
}

# Weak (Python-scalar) types, written as in JAX's lattice.
_WEAK_INT, _WEAK_FLOAT, _WEAK_COMPLEX = "int", "float", "complex"

_LATTICE = {
    "bool": [_WEAK_INT],
    _WEAK_INT: ["uint8", "int8"],
    "uint8": ["int16", "uint16"], "uint16": ["int32", "uint32"], "uint32": ["int64", "uint64"],
    "uint64": [_WEAK_FLOAT],
    "int8": ["int16"], "int16": ["int32"], "int32": ["int64"], "int64": [_WEAK_FLOAT],
    _WEAK_FLOAT: ["bfloat16", "float16", _WEAK_COMPLEX],
    "bfloat16": ["float32"], "float16": ["float32"], "float32": ["float64", "complex64"],
    "float64": ["complex128"],
    _WEAK_COMPLEX: ["complex64"], "complex64": ["complex128"], "complex128": [],
}


@functools.lru_cache(maxsize=None)
def _upper_bounds(node):
    """Every type `node` promotes to (itself included)."""
    bounds = {node}
    for parent in _LATTICE[node]:
        bounds |= _upper_bounds(parent)
    return frozenset(bounds)


@functools.lru_cache(maxsize=None)
def _join(a, b):
    common = _upper_bounds(a) & _upper_bounds(b)
    # The least upper bound is the common type every other common type is above.
    for candidate in common:
        if common <= _upper_bounds(candidate):
            return candidate
    raise TypeError(f"No common dtype for {a} and {b}.")  # unreachable: the lattice has a top


_NAME_OF_NP_DTYPE = {}  # np.dtype.name is slow, and this runs for every op on every backend


def standardize_dtype(dtype):
    """Returns a dtype's canonical name ("float32", ...), or raises a TypeError naming it."""
    if isinstance(dtype, np.dtype):
        name = _NAME_OF_NP_DTYPE.get(dtype)
        if name is None:
            name = _NAME_OF_NP_DTYPE[dtype] = _standardize_dtype(dtype)
        return name
    return _standardize_dtype(dtype)


def _standardize_dtype(dtype):
    if dtype is None:
        return config.floatx()
    if isinstance(dtype, str):
        name = _ALIASES.get(dtype, dtype)
    elif dtype is bool:
        name = "bool"
    elif dtype is int:
        name = "int32"
    elif dtype is float:
        name = config.floatx()
    elif hasattr(dtype, "name") and not isinstance(dtype, type):
        name = dtype.name  # np.dtype, jnp dtypes, ml_dtypes
    else:
        try:
            name = np.dtype(dtype).name
        except TypeError:
            name = getattr(dtype, "__name__", str(dtype))
    if name not in ALLOWED_DTYPES:
        raise TypeError(f"Invalid dtype: {dtype!r}. Expected one of {', '.join(ALLOWED_DTYPES)}.")
    return name


def _lattice_type(x):
    """The lattice node of a value or dtype: Python scalars are weak, anything else strong."""
    if isinstance(x, np.generic):
        return standardize_dtype(x.dtype)  # np.float64 is a float subclass, but strongly typed
    if isinstance(x, bool):
        return "bool"
    if isinstance(x, int):
        return _WEAK_INT
    if isinstance(x, float):
        return _WEAK_FLOAT
    if isinstance(x, complex):
        return _WEAK_COMPLEX
    if x is int or x is float or x is bool:
        return {int: _WEAK_INT, float: _WEAK_FLOAT, bool: "bool"}[x]
    if hasattr(x, "dtype") and not isinstance(x, (str, np.dtype)):
        name = standardize_dtype(x.dtype)
        if getattr(x, "weak_type", False):
            # A JAX value made from a Python scalar (a loop index, say) is weak, as the scalar was.
            return _WEAK_INT if name in INT_TYPES else _WEAK_FLOAT if name in FLOAT_TYPES else name
        return name
    return standardize_dtype(x)


def _resolve_weak(node):
    return {_WEAK_INT: "int32", _WEAK_FLOAT: config.floatx(), _WEAK_COMPLEX: "complex64"}.get(node, node)


def result_type(*values):
    """The dtype Keras gives an op over `values` (tensors, dtypes or Python scalars).

    Examples: ("int32", 1.0) -> floatx; ("int8", 1) -> "int8"; ("int64", "float32") -> "float32";
    ("uint64", "int64") -> floatx. With no values: floatx.
    """
    if not values:
        return config.floatx()
    node = _lattice_type(values[0])
    for value in values[1:]:
        node = _join(node, _lattice_type(value))
    return _resolve_weak(node)


def is_float(dtype):
    return standardize_dtype(dtype) in FLOAT_TYPES


def is_int(dtype):
    return standardize_dtype(dtype) in INT_TYPES


def float_result(dtype):
    """The dtype of a float-valued op (sqrt, mean, ...) on `dtype`: ints and bools become floatx."""
    name = standardize_dtype(dtype)
    return name if name in FLOAT_TYPES or name.startswith("complex") else config.floatx()


def sum_result(dtype):
    """Keras sums small ints and bools in int32 (and unsigned in uint32) to avoid overflow."""
    name = standardize_dtype(dtype)
    if name in ("bool", "int8", "int16"):
        return "int32"
    if name in ("uint8", "uint16"):
        return "uint32"
    return name
