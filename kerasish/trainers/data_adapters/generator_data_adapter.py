"""Batches from a Python generator or iterator (as keras.src.trainers.data_adapters.
GeneratorDataAdapter). Each item is one batch: `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`."""
from kerasish.trainers.data_adapters import data_adapter_utils as utils
from kerasish.trainers.data_adapters.data_adapter import DataAdapter


class GeneratorDataAdapter(DataAdapter):
    """A generator is one stream, read once: every call of `get_numpy_iterator` continues it where
    the previous one stopped, so `steps_per_epoch` can cut it into epochs. The first batch is read
    when the adapter is made, to check its form early; it is still the first batch yielded."""

    def __init__(self, generator, class_weight=None):
        self._source = iter(generator)
        self._class_weight = class_weight
        self._produced = 0  # batches read from the generator so far
        self._done = False  # the generator has raised StopIteration
        try:
            first = self._next_raw()
        except StopIteration:
            raise ValueError("When passing a Python generator to a model, the generator must yield "
                             "at least one batch. Received an empty generator.") from None
        self._first = self._standardize(first)
        self._pending = [self._first]

    def _next_raw(self):
        try:
            batch = next(self._source)
        except StopIteration:
            raise
        except Exception as e:
            utils.add_note(e, "kerasish: raised by the Python generator passed as `x`, while it "
                              f"produced batch number {self._produced + 1} (counting from 1).")
            raise
        self._produced += 1
        return batch

    def _standardize(self, batch):
        return utils.standardize_batch(batch, self._class_weight, source="generator")

    def get_numpy_iterator(self):
        while True:
            if self._pending:
                yield self._pending.pop(0)
                continue
            try:
                batch = self._next_raw()
            except StopIteration:
                self._done = True
                return
            yield self._standardize(batch)

    def exhausted(self):
        """Whether the generator has no batch left. Reads one batch ahead to know (it is kept
        and yielded next), so that fit learns at the end of an epoch that no data remains."""
        if self._pending:
            return False
        if not self._done:
            try:
                self._pending.append(self._standardize(self._next_raw()))
                return False
            except StopIteration:
                self._done = True
        return True

    def peek(self):
        return self._first

    @property
    def num_batches(self):
        return None  # unknown until the generator ends
