"""PyDatasets defined in a module, so worker processes (spawned) can unpickle them."""
import threading

import numpy as np

import kerasish


class Numbered(kerasish.utils.PyDataset):
    """Batch i is `(full((2, 1), i), [i, i])`; `__getitem__(fail_at)` raises KeyError."""

    def __init__(self, num_batches=5, fail_at=None, **kwargs):
        super().__init__(**kwargs)
        self.count, self.fail_at = num_batches, fail_at
        self.threads = set()
        self.events = []

    def __len__(self):
        return self.count

    def __getitem__(self, index):
        self.threads.add(threading.current_thread().name)
        if index == self.fail_at:
            raise KeyError(f"no batch {index}")
        return np.full((2, 1), index, "float32"), np.array([index, index])

    def on_epoch_begin(self):
        self.events.append("begin")

    def on_epoch_end(self):
        self.events.append("end")

    def __getstate__(self):  # threads are not picklable
        return {**self.__dict__, "threads": set()}
