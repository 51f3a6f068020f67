"""Batches of in-memory arrays: NumPy arrays, backend tensors, Python lists of numbers, and lists,
tuples or dicts of them (as keras.src.trainers.data_adapters.ArrayDataAdapter)."""
import math
import random

import numpy as np

from kerasish import tree
from kerasish.trainers.data_adapters import data_adapter_utils as utils
from kerasish.trainers.data_adapters.data_adapter import DataAdapter


class ArrayDataAdapter(DataAdapter):
    """Cuts `(x, y, sample_weight)` into batches of `batch_size` samples along the first axis.

    The last batch holds the remaining samples and is smaller when `batch_size` does not divide
    the data: it is never dropped (the trainer compiles its shape once and reuses it).
    `shuffle=True` draws a new permutation for every pass over the data, `"batch"` shuffles the
    samples inside each batch only, False keeps the order. Permutations come from a NumPy
    generator seeded from Python's `random` when the adapter is made, so
    `kerasish.utils.set_random_seed` makes them reproducible.
    """

    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps=None, shuffle=False,
                 class_weight=None):
        x = utils.to_numpy_structure(x, "x")
        y = utils.to_numpy_structure(y, "y")
        sample_weight = utils.to_numpy_structure(sample_weight, "sample_weight")
        if not tree.flatten(x):
            raise ValueError(f"`x` must hold at least one array of input data; received x={x!r}.")
        sample_weight = _standardize_sample_weight(y, sample_weight, class_weight)
        if class_weight is not None:
            if y is None or tree.is_nested(y):
                raise ValueError("`class_weight` is only supported for Models with a single output "
                                 "(one array of targets `y`); received y of type "
                                 f"{type(y).__name__}.")
            sample_weight = utils.class_weight_to_sample_weights(y, class_weight)

        num_samples = utils.check_data_cardinality(
            [("x", x), ("y", y), ("sample_weight", sample_weight)])
        if num_samples == 0:
            shapes = [leaf.shape for leaf in tree.flatten(x)]
            raise ValueError(f"The data is empty: `x` has 0 samples (arrays of shapes {shapes}). "
                             "Pass at least one sample.")
        _check_positive_int(steps, "steps_per_epoch", allow_none=True)
        if batch_size is None:
            # As Keras: `steps` alone sets the batch size so that one pass takes `steps` batches.
            batch_size = int(math.ceil(num_samples / steps)) if steps else 32
        _check_positive_int(batch_size, "batch_size")

        self._inputs = utils.pack_x_y_sample_weight(x, y, sample_weight)
        self._num_samples = num_samples
        self._batch_size = int(batch_size)
        self._shuffle = utils.standardize_shuffle(shuffle)
        self._rng = np.random.default_rng(random.getrandbits(64))

    def get_numpy_iterator(self):
        n, size = self._num_samples, self._batch_size
        permutation = self._rng.permutation(n) if self._shuffle is True else None
        for start in range(0, n, size):
            stop = min(start + size, n)
            if self._shuffle == "batch":
                index = start + self._rng.permutation(stop - start)
            elif permutation is not None:
                index = permutation[start:stop]
            else:
                index = slice(start, stop)  # a view: no copy for unshuffled data
            yield tree.map_structure(lambda a: a[index], self._inputs)

    def peek(self):
        return tree.map_structure(lambda a: a[:self._batch_size], self._inputs)

    @property
    def num_samples(self):
        return self._num_samples

    @property
    def num_batches(self):
        return int(math.ceil(self._num_samples / self._batch_size))

    @property
    def batch_size(self):
        return self._batch_size

    @property
    def has_partial_batch(self):
        return self._num_samples % self._batch_size > 0

    @property
    def partial_batch_size(self):
        return (self._num_samples % self._batch_size) or None


def _check_positive_int(value, name, allow_none=False):
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"`{name}` must be a positive int{' or None' if allow_none else ''}; "
                         f"received {name}={value!r}.")


def _standardize_sample_weight(y, sample_weight, class_weight):
    """One sample-weight array per output of `y` (a single array is shared by all outputs)."""
    if sample_weight is None:
        return None
    if class_weight is not None:
        raise ValueError("You cannot use `class_weight` and `sample_weight` at the same time.")
    if not tree.is_nested(y):
        return sample_weight
    if tree.is_nested(sample_weight):
        if utils.structure_signature(sample_weight) != utils.structure_signature(y):
            raise ValueError("You should provide one `sample_weight` array per output in `y`. The "
                             f"two structures did not match:\n- y: {_shapes(y)}\n"
                             f"- sample_weight: {_shapes(sample_weight)}")
        return sample_weight
    if not (sample_weight.ndim == 1 or (sample_weight.ndim == 2 and sample_weight.shape[1] == 1)):
        raise ValueError(
            "For a model with multiple outputs, a single `sample_weight` array must hold one "
            f"scalar per sample (shape (num_samples,)); received shape {sample_weight.shape}. "
            "To weight each output differently, pass one `sample_weight` array per output.")
    return tree.map_structure(lambda _: sample_weight, y)


def _shapes(structure):
    return tree.map_structure(lambda a: f"array{tuple(a.shape)}", structure)
