"""keras.utils.PyDataset (alias Sequence): a dataset written in Python, read batch by batch."""
import itertools
import warnings

import numpy as np


class PyDataset:
    """Base class for a dataset that builds its batches in Python code.

    A subclass implements `__getitem__(index)`, returning one complete batch (`x`, `(x,)`,
    `(x, y)` or `(x, y, sample_weight)`), and `__len__()`, the number of batches (or the
    `num_batches` property, None for an infinite dataset). `on_epoch_begin` / `on_epoch_end` are
    called around every epoch, e.g. to reshuffle file lists.

    Args:
        workers: how many batches `fit` prepares in parallel. With more than 1, a pool of threads
            (or processes, see below) calls `__getitem__` ahead of the training step; batches
            still arrive in index order.
        use_multiprocessing: use worker processes instead of threads, for CPU-heavy Python code.
            The dataset is pickled to each worker at the start of every pass, so it must be
            picklable and its class importable (defined in a module, and a script that uses it
            must guard its entry point with `if __name__ == "__main__":`).
        max_queue_size: how many batches may be requested ahead of the one in use.

    As in Keras, these arguments only configure `fit`; indexing or iterating a PyDataset
    yourself runs `__getitem__` directly.

        class Squares(kerasish.utils.PyDataset):
            def __init__(self, n, batch_size, **kwargs):
                super().__init__(**kwargs)
                self.x = np.arange(n, dtype="float32")[:, None]
                self.batch_size = batch_size

            def __len__(self):
                return math.ceil(len(self.x) / self.batch_size)

            def __getitem__(self, index):
                batch = self.x[index * self.batch_size:(index + 1) * self.batch_size]
                return batch, batch ** 2
    """

    def __init__(self, workers=1, use_multiprocessing=False, max_queue_size=10):
        if isinstance(workers, bool) or not isinstance(workers, (int, np.integer)) or workers < 0:
            raise ValueError("PyDataset: `workers` must be an int >= 0 (0 or 1 read batches in the "
                             f"training loop itself); received workers={workers!r}.")
        if not isinstance(use_multiprocessing, (bool, np.bool_)):
            raise ValueError("PyDataset: `use_multiprocessing` must be True or False; received "
                             f"use_multiprocessing={use_multiprocessing!r}.")
        if isinstance(max_queue_size, bool) or not isinstance(max_queue_size, (int, np.integer)) \
                or max_queue_size < 1:
            raise ValueError("PyDataset: `max_queue_size` must be a positive int; received "
                             f"max_queue_size={max_queue_size!r}.")
        self._workers = int(workers)
        self._use_multiprocessing = bool(use_multiprocessing)
        self._max_queue_size = int(max_queue_size)

    def _warn_if_super_not_called(self):
        missing = [name for name in ("_workers", "_use_multiprocessing", "_max_queue_size")
                   if not hasattr(self, name)]
        if missing:
            self._workers = getattr(self, "_workers", 1)
            self._use_multiprocessing = getattr(self, "_use_multiprocessing", False)
            self._max_queue_size = getattr(self, "_max_queue_size", 10)
            warnings.warn(
                "Your `PyDataset` class should call `super().__init__(**kwargs)` in its "
                "constructor. `**kwargs` can include `workers`, `use_multiprocessing`, "
                "`max_queue_size`. Do not pass these arguments to `fit()`, as they will be "
                "ignored.",
                stacklevel=3)

    @property
    def workers(self):
        self._warn_if_super_not_called()
        return self._workers

    @workers.setter
    def workers(self, value):
        self._workers = value

    @property
    def use_multiprocessing(self):
        self._warn_if_super_not_called()
        return self._use_multiprocessing

    @use_multiprocessing.setter
    def use_multiprocessing(self, value):
        self._use_multiprocessing = value

    @property
    def max_queue_size(self):
        self._warn_if_super_not_called()
        return self._max_queue_size

    @max_queue_size.setter
    def max_queue_size(self, value):
        self._max_queue_size = value

    def __getitem__(self, index):
        """The batch at position `index`."""
        raise NotImplementedError(f"{type(self).__name__} must implement `__getitem__(index)`.")

    @property
    def num_batches(self):
        """The number of batches, or None for an infinite dataset. Defaults to `len(self)`."""
        if hasattr(self, "__len__"):  # the base class has no __len__: this finds a subclass's
            return len(self)
        raise NotImplementedError(
            f"{type(self).__name__} must implement `__len__` or the `num_batches` property:\n\n"
            "@property\ndef num_batches(self):\n  return ...")

    def __iter__(self):
        """Yields the batches in order (forever when `num_batches` is None)."""
        try:
            num_batches = self.num_batches
        except NotImplementedError:
            num_batches = None
        indices = itertools.count() if num_batches is None else range(num_batches)
        for index in indices:
            yield self[index]

    def on_epoch_begin(self):
        """Called at the beginning of every epoch."""

    def on_epoch_end(self):
        """Called at the end of every epoch."""


Sequence = PyDataset  # keras.utils.Sequence, the Keras 2 name
