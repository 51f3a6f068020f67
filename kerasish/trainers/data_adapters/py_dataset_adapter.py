"""Batches from a `kerasish.utils.PyDataset`, read in the loop or prefetched by worker threads or
processes, always in index order (as keras.src.trainers.data_adapters.PyDatasetAdapter)."""
import collections
import concurrent.futures
import itertools
import multiprocessing
import pickle
import random

import numpy as np

from kerasish.trainers.data_adapters import data_adapter_utils as utils
from kerasish.trainers.data_adapters.data_adapter import DataAdapter


class PyDatasetAdapter(DataAdapter):
    """One pass reads indices 0..num_batches-1 (in a new random order for each pass when
    `shuffle` is true, as Keras), or 0, 1, 2... forever when `num_batches` is None."""

    def __init__(self, x, class_weight=None, shuffle=False):
        self.py_dataset = x
        self.class_weight = class_weight
        self.shuffle = utils.standardize_shuffle(shuffle)
        num_batches = x.num_batches
        if num_batches is not None:
            if isinstance(num_batches, bool) or not isinstance(num_batches, (int, np.integer)) \
                    or num_batches < 0:
                raise ValueError(f"{type(x).__name__}: `__len__`/`num_batches` must be an int >= 0 "
                                 f"or None (infinite); it returned {num_batches!r}.")
            if num_batches == 0:
                raise ValueError(f"The PyDataset {type(x).__name__} has length 0: it must provide "
                                 "at least one batch.")
        self._workers = x.workers
        self._use_multiprocessing = x.use_multiprocessing
        self._max_queue_size = x.max_queue_size
        self._rng = np.random.default_rng(random.getrandbits(64))

    def _indices(self):
        num_batches = self.py_dataset.num_batches
        if num_batches is None:
            return itertools.count()
        if self.shuffle:
            return iter(self._rng.permutation(num_batches).tolist())
        return iter(range(num_batches))

    def get_numpy_iterator(self):
        indices = self._indices()
        if self._use_multiprocessing and self._workers > 0:
            batches = _prefetch(self.py_dataset, indices, self._workers, self._max_queue_size,
                                processes=True)
        elif self._workers > 1:
            batches = _prefetch(self.py_dataset, indices, self._workers, self._max_queue_size,
                                processes=False)
        else:
            batches = (_get_item(self.py_dataset, i) for i in indices)
        for batch in batches:
            yield utils.standardize_batch(batch, self.class_weight, source="PyDataset")

    def peek(self):
        return utils.standardize_batch(_get_item(self.py_dataset, 0), self.class_weight,
                                       source="PyDataset")

    def on_epoch_begin(self):
        self.py_dataset.on_epoch_begin()

    def on_epoch_end(self):
        self.py_dataset.on_epoch_end()

    @property
    def num_batches(self):
        return self.py_dataset.num_batches


def _context(dataset, index):
    return (f"kerasish: raised by {type(dataset).__name__}.__getitem__({index}) "
            "(a PyDataset passed as `x`).")


def _get_item(dataset, index):
    try:
        return dataset[index]
    except Exception as e:
        utils.add_note(e, _context(dataset, index))
        raise


def _prefetch(dataset, indices, workers, max_queue_size, processes):
    """Yields `dataset[i]` for `i` in `indices`, in order, while a pool of `workers` threads or
    processes computes up to `max_queue_size` of the following batches. The pool lives for one
    pass and is shut down when the pass ends or is abandoned."""
    if processes:
        try:
            pickle.dumps(dataset)
        except Exception as e:
            raise ValueError(
                f"PyDataset: use_multiprocessing=True needs a picklable dataset, and "
                f"{type(dataset).__name__} cannot be pickled ({e}). Define its class in a module "
                "and keep only picklable attributes, or use threads (use_multiprocessing=False)."
            ) from e
        # "spawn" starts clean interpreters: forking a process that runs JAX's threads can deadlock.
        executor = concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_set_worker_dataset, initargs=(dataset,))
        fetch = _worker_get_item
    else:
        executor = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="PyDataset")
        fetch = dataset.__getitem__
    pending = collections.deque()
    try:
        for index in itertools.islice(indices, max_queue_size):
            pending.append((index, executor.submit(fetch, index)))
        while pending:
            index, future = pending.popleft()
            try:
                batch = future.result()
            except Exception as e:
                utils.add_note(e, _context(dataset, index))
                raise
            for following in itertools.islice(indices, 1):
                pending.append((following, executor.submit(fetch, following)))
            yield batch
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


_WORKER_DATASET = None  # in a worker process: the dataset it serves


def _set_worker_dataset(dataset):
    global _WORKER_DATASET
    _WORKER_DATASET = dataset


def _worker_get_item(index):
    return _WORKER_DATASET[index]
