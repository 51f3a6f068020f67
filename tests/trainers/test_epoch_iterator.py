"""EpochIterator: epochs, steps_per_epoch, steps_per_execution groups, running out of data."""
import warnings

import numpy as np
import pytest

from kerasish.trainers.epoch_iterator import EpochIterator
from tests.trainers.py_datasets import Numbered

X = np.arange(20.0).reshape(20, 1)
Y = np.arange(20)


def epoch(iterator):
    """[(step, [y of each batch])] for one epoch."""
    return [(step, [b[1].tolist() for b in batches])
            for step, batches in iterator.enumerate_epoch()]


def generator(num_batches, size=2):
    for i in range(num_batches):
        yield X[i * size:(i + 1) * size], Y[i * size:(i + 1) * size]


@pytest.mark.parametrize("kwargs", [
    dict(batch_size=4, steps_per_execution=2),
    dict(batch_size=3, steps_per_execution=3),
    dict(batch_size=2, steps_per_epoch=4, steps_per_execution=2),
    dict(batch_size=8),
])
def test_groups_and_epochs_match_keras(kwargs):
    keras_iterator = pytest.importorskip("keras.src.trainers.epoch_iterator")
    ours, theirs = EpochIterator(X, Y, **kwargs), keras_iterator.EpochIterator(X, Y, **kwargs)
    assert ours.num_batches == theirs.num_batches
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Keras warns at the natural end of a pass
        for _ in range(3):
            expected = []
            with theirs.catch_stop_iteration():
                for begin, end, batches in theirs:
                    assert end == begin + theirs.steps_per_execution - 1
                    expected.append((begin, [b[1].tolist() for b in batches]))
            assert epoch(ours) == expected


def test_last_partial_batch_is_yielded_not_dropped():
    iterator = EpochIterator(X[:10], Y[:10], batch_size=4, steps_per_execution=2)
    assert epoch(iterator) == [(0, [[0, 1, 2, 3], [4, 5, 6, 7]]), (2, [[8, 9]])]
    assert iterator.num_batches == 3 and iterator.batch_size == 4


def test_steps_per_epoch_shorter_than_the_data_continues_the_pass():
    iterator = EpochIterator(X[:10], Y[:10], batch_size=2, steps_per_epoch=2)
    assert epoch(iterator) == [(0, [[0, 1]]), (1, [[2, 3]])]
    assert epoch(iterator) == [(0, [[4, 5]]), (1, [[6, 7]])]
    with pytest.warns(UserWarning, match="Your input ran out of data; interrupting training"):
        assert epoch(iterator) == [(0, [[8, 9]])]  # the pass ends inside this epoch (as Keras)
    assert epoch(iterator) == [(0, [[0, 1]]), (1, [[2, 3]])]  # and the next one starts a new pass
    assert not iterator.ran_out_of_data


def test_steps_per_epoch_longer_than_the_data_warns_once_and_ends_the_epoch_early():
    iterator = EpochIterator(X[:6], Y[:6], batch_size=2, steps_per_epoch=5, steps_per_execution=2)
    assert iterator.num_batches == 5
    with pytest.warns(UserWarning, match="Your input ran out of data; interrupting") as record:
        first = epoch(iterator)
        second = epoch(iterator)
    assert first == second == [(0, [[0, 1], [2, 3]]), (2, [[4, 5]])]
    assert len(record) == 1 and not iterator.ran_out_of_data  # arrays start a new pass each epoch


def test_last_group_is_capped_at_steps_per_epoch():
    iterator = EpochIterator(X, Y, batch_size=2, steps_per_epoch=5, steps_per_execution=2)
    assert [len(b) for _, b in epoch(iterator)] == [2, 2, 1]
    assert epoch(iterator)[0] == (0, [[10, 11], [12, 13]])


def test_finite_generator_is_one_epoch_then_ran_out_of_data():
    iterator = EpochIterator(generator(5), steps_per_execution=2)
    assert iterator.num_batches is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the natural end of the first pass is no warning
        assert [len(b) for _, b in epoch(iterator)] == [2, 2, 1]
    assert iterator.num_batches == 5 and iterator.ran_out_of_data
    with pytest.warns(UserWarning, match="ran out of data"):
        iterator.warn_ran_out_of_data()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once already
        assert epoch(iterator) == []


def test_generator_with_steps_per_epoch_is_cut_into_epochs():
    iterator = EpochIterator(generator(5), steps_per_epoch=2)
    assert epoch(iterator) == [(0, [[0, 1]]), (1, [[2, 3]])] and not iterator.ran_out_of_data
    epoch(iterator)
    with pytest.warns(UserWarning, match="ran out of data"):
        assert epoch(iterator) == [(0, [[8, 9]])]
    assert iterator.ran_out_of_data


def test_generator_used_up_exactly_at_an_epoch_end_is_known_at_that_end():
    iterator = EpochIterator(generator(4), steps_per_epoch=2)
    epoch(iterator)
    assert not iterator.ran_out_of_data
    epoch(iterator)
    assert iterator.ran_out_of_data  # learnt by reading one batch ahead


def test_reset_starts_the_next_epoch_from_the_beginning():
    iterator = EpochIterator(X[:8], Y[:8], batch_size=2, steps_per_epoch=2)
    assert epoch(iterator)[0][1] == [[0, 1]]
    iterator.reset()
    assert epoch(iterator)[0][1] == [[0, 1]]


def test_epoch_hooks_run_once_per_epoch_even_when_an_epoch_is_abandoned():
    dataset = Numbered(4)
    iterator = EpochIterator(dataset)
    epoch(iterator)
    abandoned = iterator.enumerate_epoch()
    next(abandoned)
    epoch(iterator)  # closes the abandoned epoch first
    assert dataset.events == ["begin", "end"] * 3


def test_py_dataset_with_workers_and_steps_per_execution():
    iterator = EpochIterator(Numbered(5, workers=2), steps_per_execution=2)
    assert [[int(b[0][0, 0]) for b in batches] for _, batches in iterator.enumerate_epoch()] == \
        [[0, 1], [2, 3], [4]]


def test_peek_and_batch_size():
    iterator = EpochIterator(X, Y, batch_size=6)
    assert iterator.peek()[0].shape == (6, 1) and iterator.batch_size == 6
    assert EpochIterator(generator(2)).batch_size is None


@pytest.mark.parametrize("kwargs, message", [
    (dict(steps_per_execution=0), "`steps_per_execution` must be a positive int;"),
    (dict(steps_per_execution=None), "`steps_per_execution` must be a positive int;"),
    (dict(steps_per_epoch=0), "`steps_per_epoch` must be a positive int or None"),
    (dict(steps_per_epoch=1.5), "`steps_per_epoch` must be a positive int or None"),
])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        EpochIterator(X, Y, **kwargs)
