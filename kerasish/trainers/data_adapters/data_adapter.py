"""The interface every data adapter implements (as keras.src.trainers.data_adapters.DataAdapter).

An adapter turns one kind of user data into batches of NumPy arrays, each in the form `fit` gives
to `train_step`: `x`, `(x,)`, `(x, y)` or `(x, y, sample_weight)`. The trainer converts them to
tensors of the active backend, so adapters never depend on a backend."""


class DataAdapter:
    def get_numpy_iterator(self):
        """An iterator over one pass of the data (an epoch, unless `steps_per_epoch` cuts it)."""
        raise NotImplementedError

    def peek(self):
        """The first batch, without consuming anything (for building a model before fit)."""
        raise NotImplementedError

    @property
    def num_batches(self):
        """Batches in one pass, or None when unknown (generators) or infinite."""
        raise NotImplementedError

    @property
    def batch_size(self):
        """The size of every batch but possibly the last, or None when unknown."""
        return None

    @property
    def has_partial_batch(self):
        """Whether the last batch is smaller than `batch_size`."""
        return False

    @property
    def partial_batch_size(self):
        """The size of the smaller last batch, or None."""
        return None

    def exhausted(self):
        """Whether the data can give no more batches, ever (a used-up generator). Only
        one-shot sources override this."""
        return False

    def on_epoch_begin(self):
        """Called by the EpochIterator before each epoch."""

    def on_epoch_end(self):
        """Called by the EpochIterator after each epoch."""
