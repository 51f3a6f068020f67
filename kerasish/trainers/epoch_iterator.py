"""EpochIterator: the training loop's view of the data, epoch by epoch, in groups of
`steps_per_execution` batches (as keras.src.trainers.epoch_iterator.EpochIterator).

    iterator = EpochIterator(x, y, batch_size=32, shuffle=True, steps_per_execution=4)
    for epoch in range(epochs):
        for step, batches in iterator.enumerate_epoch():
            ...  # `batches`: a list of 1..4 NumPy batches; steps step .. step + len(batches) - 1
        if iterator.ran_out_of_data and epoch + 1 < epochs:
            iterator.warn_ran_out_of_data()  # a used-up generator: no later epoch gets data
            break

Without `steps_per_epoch` an epoch is one full pass over the data. With it, an epoch is at most
`steps_per_epoch` batches and the pass carries on into the next epoch (as Keras): 10 batches of
data with `steps_per_epoch=5` give two epochs per pass. When a pass ends before an epoch has its
`steps_per_epoch` batches, the epoch ends early with Keras's warning "Your input ran out of
data; interrupting training..." (once per iterator), and the next epoch starts a new pass.
"""
import warnings

import numpy as np

from kerasish.trainers import data_adapters

_RAN_OUT_MESSAGE = (
    "Your input ran out of data; interrupting training. Make sure that your dataset or generator "
    "can generate at least `steps_per_epoch * epochs` batches. You may need to use the "
    "`.repeat()` function when building your dataset.")


class EpochIterator:
    def __init__(self, x, y=None, sample_weight=None, batch_size=None, steps_per_epoch=None,
                 shuffle=False, class_weight=None, steps_per_execution=1):
        for value, name, allow_none in ((steps_per_epoch, "steps_per_epoch", True),
                                        (steps_per_execution, "steps_per_execution", False)):
            if value is None and allow_none:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                expected = "a positive int or None" if allow_none else "a positive int"
                raise ValueError(f"`{name}` must be {expected}; received {name}={value!r}.")
        self.steps_per_epoch = None if steps_per_epoch is None else int(steps_per_epoch)
        self.steps_per_execution = int(steps_per_execution)
        self.data_adapter = data_adapters.get_data_adapter(
            x, y=y, sample_weight=sample_weight, batch_size=batch_size,
            steps_per_epoch=steps_per_epoch, shuffle=shuffle, class_weight=class_weight)
        self._num_batches = self.data_adapter.num_batches  # inferred after a pass when unknown
        self._iterator = None  # the current pass; None: the next batch starts a new pass
        self._taken = 0  # batches taken from the current pass
        self._epoch = None  # the running epoch's generator
        self._warned = False
        # True after an epoch that used up a generator: no later epoch can get data, so fit
        # stops (and calls warn_ran_out_of_data if epochs remain).
        self.ran_out_of_data = False

    @property
    def num_batches(self):
        """Batches per epoch: `steps_per_epoch` if given, else the data's (None while unknown:
        a generator's count is known after its first full pass)."""
        return self.steps_per_epoch or self._num_batches

    @property
    def batch_size(self):
        return self.data_adapter.batch_size

    def peek(self):
        """The first batch of the data, consuming nothing (to build a model before training)."""
        return self.data_adapter.peek()

    def enumerate_epoch(self):
        """Yields `(step, batches)` for one epoch: `batches` is a list of up to
        `steps_per_execution` batches (fewer only at the end of the epoch) and `step` the index
        of its first batch in the epoch."""
        self._close_epoch()
        self._epoch = self._run_epoch()
        return self._epoch

    def reset(self):
        """Forgets the current pass, so the next epoch starts from the beginning of the data (a
        generator cannot rewind: it goes on where it stopped)."""
        self._close_epoch()
        self._drop_pass()

    def _close_epoch(self):
        if self._epoch is not None:
            self._epoch.close()  # runs the epoch's `finally`: on_epoch_end, if it had begun
            self._epoch = None

    def _drop_pass(self):
        if self._iterator is not None and hasattr(self._iterator, "close"):
            self._iterator.close()  # stops a PyDataset's worker pool
        self._iterator, self._taken = None, 0

    def _pass_finished(self):
        """Whether a pass of known length has given all its batches."""
        known = self.data_adapter.num_batches
        return known is not None and self._taken >= known

    def _next_batch(self):
        """The next batch of the current pass, or None when the pass has ended."""
        if self._pass_finished():
            return None
        try:
            batch = next(self._iterator)
        except StopIteration:
            # Only a generator stops by itself (known-size passes end at num_batches).
            if self._num_batches is None and self._taken:
                self._num_batches = self._taken
            self._drop_pass()
            return None
        self._taken += 1
        return batch

    def _run_epoch(self):
        self.data_adapter.on_epoch_begin()
        try:
            if self.steps_per_epoch is None:
                self._drop_pass()  # without steps_per_epoch, every epoch is a whole pass
            if self._iterator is None:
                self._iterator = iter(self.data_adapter.get_numpy_iterator())
            limit, step, ended = self.steps_per_epoch, 0, False
            while not ended and (limit is None or step < limit):
                wanted = self.steps_per_execution if limit is None else \
                    min(self.steps_per_execution, limit - step)
                batches = []
                while len(batches) < wanted:
                    batch = self._next_batch()
                    if batch is None:
                        ended = True
                        break
                    batches.append(batch)
                if batches:
                    yield step, batches
                    step += len(batches)
            if self._pass_finished():
                self._drop_pass()  # the next epoch starts a new pass (and a PyDataset's pool stops)
            # A pass that ends on its own closes an epoch without steps_per_epoch; warn when it
            # cuts an epoch short of steps_per_epoch, or when a used-up generator gives nothing.
            if ended and ((limit is not None and step < limit) or step == 0):
                self.warn_ran_out_of_data()
            self.ran_out_of_data = self.data_adapter.exhausted()
        finally:
            self.data_adapter.on_epoch_end()

    def warn_ran_out_of_data(self):
        """Keras's "Your input ran out of data; interrupting training..." warning, once per
        iterator. The trainer calls it when `ran_out_of_data` ends fit before its last epoch."""
        if not self._warned:
            self._warned = True
            warnings.warn(_RAN_OUT_MESSAGE, stacklevel=3)
