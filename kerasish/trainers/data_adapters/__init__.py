"""Data adapters: every kind of user data becomes an iterator of NumPy batches.

    arrays (NumPy, backend tensors, Python lists; nested lists/tuples/dicts) -> ArrayDataAdapter
    kerasish.utils.PyDataset                                                -> PyDatasetAdapter
    a Python generator or iterator                                          -> GeneratorDataAdapter
"""
import collections.abc
import warnings

from kerasish.trainers.data_adapters.array_data_adapter import ArrayDataAdapter
from kerasish.trainers.data_adapters.data_adapter import DataAdapter
from kerasish.trainers.data_adapters.generator_data_adapter import GeneratorDataAdapter
from kerasish.trainers.data_adapters.py_dataset_adapter import PyDatasetAdapter
from kerasish.utils.py_dataset import PyDataset

__all__ = ["get_data_adapter", "DataAdapter", "ArrayDataAdapter", "GeneratorDataAdapter",
           "PyDatasetAdapter"]


def get_data_adapter(x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                     shuffle=False, class_weight=None):
    """The adapter for `x` (as Keras's get_data_adapter). `y` and `sample_weight` go with arrays
    only: a PyDataset or a generator yields them inside its batches."""
    if isinstance(x, DataAdapter):
        return x
    if isinstance(x, PyDataset):
        _refuse_separate_targets(y, sample_weight, "PyDataset")
        if shuffle and x.num_batches is None:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was "
                          "provided as an infinite PyDataset. The PyDataset is expected to already "
                          "be shuffled.", stacklevel=2)
            shuffle = False
        return PyDatasetAdapter(x, class_weight=class_weight, shuffle=shuffle)
    if isinstance(x, collections.abc.Iterator):
        _refuse_separate_targets(y, sample_weight, "generator")
        if shuffle:
            warnings.warn("`shuffle=True` was passed, but will be ignored since the data `x` was "
                          "provided as a generator. The generator is expected to yield "
                          "already-shuffled data.", stacklevel=2)
        return GeneratorDataAdapter(x, class_weight=class_weight)
    return ArrayDataAdapter(x, y, sample_weight=sample_weight, batch_size=batch_size,
                            steps=steps_per_epoch, shuffle=shuffle, class_weight=class_weight)


def _refuse_separate_targets(y, sample_weight, kind):
    for value, name, what in ((y, "y", "the targets"),
                              (sample_weight, "sample_weight", "the sample weights")):
        if value is not None:
            raise ValueError(f"When providing `x` as a {kind}, `{name}` should not be passed. "
                             f"Instead, {what} should be included as part of the {kind}.")
