"""Helpers shared by the data adapters: packing `(x, y, sample_weight)`, turning user data into
NumPy, the validation split and class weights (Keras's data_adapter_utils and array_slicing)."""
import collections.abc
import math
import numbers

import numpy as np

from kerasish import ops, tree
from kerasish.backend import config, is_keras_tensor
from kerasish.utils.py_dataset import PyDataset


def unpack_x_y_sample_weight(data):
    """`(x, y, sample_weight)` from `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`; missing
    entries are None. A list is read as a tuple (as Keras)."""
    if isinstance(data, list):
        data = tuple(data)
    if not isinstance(data, tuple):
        return data, None, None
    if len(data) == 1:
        return data[0], None, None
    if len(data) == 2:
        return data[0], data[1], None
    if len(data) == 3:
        return data[0], data[1], data[2]
    raise ValueError("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, "
                     f"sample_weight)`, found a tuple of {len(data)} elements: {_short(data)}")


def pack_x_y_sample_weight(x, y=None, sample_weight=None):
    """The tuple `fit` passes to `train_step`: `x` alone (wrapped as `(x,)` when `x` is itself a
    list or tuple, so it is not mistaken for `(x, y)`), `(x, y)` or `(x, y, sample_weight)`."""
    if y is None:
        return (x,) if isinstance(x, (list, tuple)) else x
    if sample_weight is None:
        return (x, y)
    return (x, y, sample_weight)


def _short(value, limit=120):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def add_note(error, note):
    """Adds context to an exception that is re-raised unchanged (its type is kept, so a caller's
    `except` clauses still match). Python 3.10 has no notes: the error then goes as it is."""
    if hasattr(error, "add_note"):
        error.add_note(note)


# -- user data -> NumPy -------------------------------------------------------------------------

def is_array_list(value):
    """Whether `value` is a (nested) Python list/tuple of numbers or strings: one array, not a
    structure of inputs (Keras rejects these; converting them is friendlier)."""
    if not isinstance(value, (list, tuple)) or not value:
        return False
    return all(isinstance(v, (numbers.Number, str, np.generic)) or is_array_list(v) for v in value)


def _numpy_floatx():
    try:
        return np.dtype(config.floatx())
    except TypeError:  # bfloat16 is known to NumPy only through ml_dtypes
        try:
            import ml_dtypes
            return np.dtype(getattr(ml_dtypes, config.floatx()))
        except (ImportError, AttributeError):
            return None


def leaf_to_numpy(value, path="x"):
    """One array of user data as NumPy. Floats become floatx (as Keras's array adapter does), so
    both backends see the same dtypes; arrays must have a batch dimension."""
    if isinstance(value, np.ndarray):
        array = value
    elif isinstance(value, (list, tuple)):
        try:
            array = np.asarray(value)
        except ValueError as e:
            raise ValueError(f"`{path}` is a Python list that is not a rectangular array of "
                             f"numbers ({e}). Received: {_short(value)}") from None
    elif is_keras_tensor(value):
        raise ValueError(f"`{path}` is a symbolic KerasTensor, which has a shape but no values. "
                         "Pass NumPy arrays or tensors as data.")
    elif ops.is_tensor(value):
        array = np.asarray(ops.convert_to_numpy(value))
    elif hasattr(value, "__array__"):  # tensors of another backend, Variables, pandas objects
        array = np.asarray(value)
    else:
        raise ValueError(
            f"Unrecognized data type: `{path}`={_short(value)} (of type {type(value).__name__}). "
            "Expected NumPy arrays, backend tensors or Python lists of numbers (or lists, tuples "
            "or dicts of them), a Python generator or iterator, or a kerasish.utils.PyDataset.")
    if array.ndim == 0:
        raise ValueError(f"`{path}` must have a batch dimension (rank at least 1); received a "
                         f"scalar {_short(value)}.")
    floatx = _numpy_floatx()
    if array.dtype.kind == "f" and floatx is not None and array.dtype != floatx:
        array = array.astype(floatx)
    return array


def map_with_paths(fn, structure, path):
    """Applies `fn(leaf, path)` to every leaf of a nested structure (None stays None); `path`
    names each leaf in error messages, e.g. "x['image']" or "y[1]"."""
    if structure is None:
        return None
    if isinstance(structure, dict):
        items = [(k, map_with_paths(fn, v, f"{path}[{k!r}]")) for k, v in structure.items()]
        try:
            return type(structure)(items)
        except TypeError:  # dict subclasses whose constructor takes other arguments
            return dict(items)
    if isinstance(structure, (list, tuple)) and not is_array_list(structure):
        items = [map_with_paths(fn, v, f"{path}[{i}]") for i, v in enumerate(structure)]
        return type(structure)(*items) if hasattr(structure, "_fields") else type(structure)(items)
    return fn(structure, path)


def to_numpy_structure(structure, path="x"):
    """A nested structure of user data with every leaf converted by `leaf_to_numpy`."""
    return map_with_paths(leaf_to_numpy, structure, path)


def named_leaves(structure, path):
    """`[(path, leaf), ...]` for the leaves of a structure of arrays."""
    leaves = []
    map_with_paths(lambda leaf, p: leaves.append((p, leaf)), structure, path)
    return leaves


def check_data_cardinality(named_structures):
    """The common number of samples of `[(name, structure), ...]`; a ValueError naming every
    array and its length when they differ."""
    sizes = [(p, int(leaf.shape[0]))
             for name, s in named_structures for p, leaf in named_leaves(s, name)]
    if len({n for _, n in sizes}) > 1:
        listed = ", ".join(f"{p}: {n}" for p, n in sizes)
        raise ValueError("Data cardinality is ambiguous: all arrays must contain the same number "
                         f"of samples (their first dimension). Received sizes {listed}.")
    return sizes[0][1] if sizes else None


def structure_signature(structure):
    """A hashable description of a structure's nesting (not its leaves), to compare two."""
    if structure is None:
        return None
    if isinstance(structure, dict):
        return ("dict", tuple((k, structure_signature(structure[k])) for k in sorted(structure)))
    if isinstance(structure, (list, tuple)):
        return ("seq", tuple(structure_signature(v) for v in structure))
    return "leaf"


def standardize_batch(batch, class_weight=None, source="generator"):
    """One batch from a generator or PyDataset as NumPy, in the form `fit` passes to train_step:
    `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)` (a list is read as a tuple, as Keras)."""
    if isinstance(batch, list):
        batch = tuple(batch)
    bare = not isinstance(batch, tuple)
    if not bare and len(batch) not in (1, 2, 3):
        raise ValueError(f"Each batch from the {source} must be `x`, `(x,)`, `(x, y)` or "
                         f"`(x, y, sample_weight)`; received a tuple of {len(batch)} elements: "
                         f"{_short(batch)}")
    parts = ([batch] if bare else list(batch)) + [None] * (3 - (1 if bare else len(batch)))
    try:
        x, y, sample_weight = [to_numpy_structure(p, name)
                               for p, name in zip(parts, ("x", "y", "sample_weight"))]
        if x is None or not tree.flatten(x):
            raise ValueError(f"the batch has no inputs `x`: {_short(batch)}")
        if class_weight is not None:
            if sample_weight is not None:
                raise ValueError("you cannot use `class_weight` and `sample_weight` at the same "
                                 "time, and the batch holds sample weights.")
            if y is None or tree.is_nested(y):
                raise ValueError("`class_weight` needs one array of targets `y` per batch; "
                                 f"received y={_short(y)}.")
            sample_weight = class_weight_to_sample_weights(y, class_weight)
        check_data_cardinality([("x", x), ("y", y), ("sample_weight", sample_weight)])
    except ValueError as e:
        raise ValueError(f"In a batch from the {source}: {e}") from None
    if bare:
        return x
    if sample_weight is not None:
        return (x, y, sample_weight)
    return (x,) if y is None else (x, y)


def standardize_shuffle(shuffle):
    """`shuffle` as True, False or "batch"; a ValueError for anything else."""
    if isinstance(shuffle, str):
        if shuffle == "batch":
            return shuffle
    elif isinstance(shuffle, (bool, int, np.integer, np.bool_)):
        return bool(shuffle)
    raise ValueError(f'`shuffle` must be True, False or "batch"; received shuffle={shuffle!r}.')


# -- validation split and class weights ---------------------------------------------------------

def train_validation_split(arrays, validation_split):
    """`(train, validation)`: the same structure cut along the first axis, the validation part
    being the last `validation_split` fraction (taken before any shuffling, as Keras)."""
    if isinstance(validation_split, bool) or not isinstance(validation_split, numbers.Real) \
            or not 0 < validation_split < 1:
        raise ValueError("`validation_split` must be a float strictly between 0 and 1; received "
                         f"validation_split={validation_split!r}.")
    unsplittable = [type(v).__name__ for v in tree.flatten(arrays)
                    if isinstance(v, (collections.abc.Iterator, PyDataset))]
    if unsplittable:
        raise ValueError("Argument `validation_split` is only supported for tensors or NumPy "
                         f"arrays. Found incompatible type in the input: {unsplittable}. Pass "
                         "`validation_data` instead.")
    if isinstance(arrays, (list, tuple)) and not hasattr(arrays, "_fields"):
        # The top level is always a container, e.g. (x, y, sample_weight), never one array.
        arrays = type(arrays)(to_numpy_structure(a, f"data[{i}]") for i, a in enumerate(arrays))
    else:
        arrays = to_numpy_structure(arrays, "data")
    leaves = tree.flatten(arrays)
    if not leaves:
        return arrays, arrays
    num_samples = int(leaves[0].shape[0])
    split_at = int(math.floor(num_samples * (1.0 - validation_split)))
    if split_at == 0 or split_at == num_samples:
        raise ValueError(
            f"Training data contains {num_samples} samples, which is not sufficient to split it "
            "into a validation and training set as specified by "
            f"`validation_split={validation_split}`. Either provide more data, or a different "
            "value for the `validation_split` argument.")
    train = tree.map_structure(lambda a: a[:split_at], arrays)
    validation = tree.map_structure(lambda a: a[split_at:], arrays)
    return train, validation


def class_weight_to_sample_weights(y, class_weight):
    """One weight per sample, `class_weight[label]` (1.0 for classes it does not name). `y` holds
    integer labels, shape (samples,) or (samples, 1), or one-hot rows (the label is the argmax)."""
    if not isinstance(class_weight, collections.abc.Mapping):
        raise ValueError("`class_weight` must be a dict mapping class indices (ints) to weights; "
                         f"received class_weight={_short(class_weight)}.")
    labels = leaf_to_numpy(y, "y")
    if labels.ndim > 2:
        raise ValueError("`class_weight` is only supported for targets of shape (samples,), "
                         "(samples, 1) or one-hot (samples, classes); received y of shape "
                         f"{labels.shape}. Use `sample_weight` instead.")
    if labels.ndim == 2:
        labels = np.argmax(labels, axis=-1) if labels.shape[-1] != 1 else labels[:, 0]
    labels = np.round(labels).astype("int32")  # float labels such as 1.0 name class 1 (as Keras)
    weights = np.ones(labels.shape[0], dtype=_numpy_floatx() or "float32")
    for label in np.unique(labels):
        weights[labels == label] = class_weight.get(int(label), 1.0)
    return weights
