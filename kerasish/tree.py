"""Nested structures (lists, tuples, namedtuples, dicts) of leaves, as keras.tree.

`None` is an empty structure (no leaves), as in jax.tree_util, so optional entries need no special
casing. Dicts are traversed in sorted-key order, so flattening is deterministic.
"""


def _is_namedtuple(x):
    return isinstance(x, tuple) and hasattr(x, "_fields")


def is_nested(x):
    return isinstance(x, (list, tuple, dict))


def flatten(structure):
    """The leaves of `structure`, depth first."""
    leaves = []
    _flatten_into(structure, leaves)
    return leaves


def _flatten_into(x, leaves):
    if x is None:
        return
    if isinstance(x, dict):
        for key in sorted(x):
            _flatten_into(x[key], leaves)
    elif isinstance(x, (list, tuple)):
        for item in x:
            _flatten_into(item, leaves)
    else:
        leaves.append(x)


def pack_sequence_as(structure, flat_sequence):
    """Rebuilds `structure` with its leaves replaced, in order, by `flat_sequence`."""
    flat = list(flat_sequence)
    result, used = _pack(structure, flat, 0)
    if used != len(flat):
        raise ValueError(f"The structure has {used} leaves but {len(flat)} values were given.")
    return result


def _pack(x, flat, i):
    if x is None:
        return None, i
    if isinstance(x, dict):
        packed = {}
        for key in sorted(x):
            packed[key], i = _pack(x[key], flat, i)
        return type(x)((key, packed[key]) for key in x) if type(x) is not dict else {k: packed[k] for k in x}, i
    if isinstance(x, (list, tuple)):
        items = []
        for item in x:
            value, i = _pack(item, flat, i)
            items.append(value)
        if _is_namedtuple(x):
            return type(x)(*items), i
        return type(x)(items), i
    if i >= len(flat):
        raise ValueError("Not enough values to fill the structure.")
    return flat[i], i + 1


def map_structure(fn, *structures):
    """Applies `fn` to corresponding leaves of structures of the same shape."""
    flats = [flatten(s) for s in structures]
    if any(len(f) != len(flats[0]) for f in flats):
        raise ValueError("map_structure: the structures do not have the same number of leaves.")
    return pack_sequence_as(structures[0], [fn(*leaves) for leaves in zip(*flats)])
