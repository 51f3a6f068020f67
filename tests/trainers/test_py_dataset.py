"""kerasish.utils.PyDataset and its adapter: protocol, order, shuffling, workers, errors."""
import itertools
import threading

import numpy as np
import pytest

import kerasish
from kerasish.trainers.data_adapters import PyDatasetAdapter, get_data_adapter
from tests.trainers.py_datasets import Numbered


def indices(adapter):
    return [int(x[0, 0]) for x, y in adapter.get_numpy_iterator()]


class Infinite(kerasish.utils.PyDataset):
    @property
    def num_batches(self):
        return None

    def __getitem__(self, index):
        return np.full((1, 1), index, "float32")


def test_protocol_as_keras():
    dataset = Numbered(3)
    assert kerasish.utils.Sequence is kerasish.utils.PyDataset
    assert (dataset.workers, dataset.use_multiprocessing, dataset.max_queue_size) == (1, False, 10)
    assert dataset.num_batches == 3 and len(list(dataset)) == 3
    assert list(itertools.islice(iter(Infinite()), 3))[2][0, 0] == 2
    with pytest.raises(NotImplementedError, match="must implement `__getitem__"):
        kerasish.utils.PyDataset()[0]
    with pytest.raises(NotImplementedError, match="`__len__` or the `num_batches` property"):
        kerasish.utils.PyDataset().num_batches


def test_subclass_without_super_init_warns_as_keras():
    class NoSuper(kerasish.utils.PyDataset):
        def __init__(self):
            pass

        def __len__(self):
            return 1

    with pytest.warns(UserWarning, match=r"should call `super\(\).__init__\(\*\*kwargs\)`"):
        assert NoSuper().workers == 1


@pytest.mark.parametrize("kwargs, message", [
    (dict(workers=-1), "`workers` must be an int >= 0"),
    (dict(workers=2.0), "`workers` must be an int >= 0"),
    (dict(use_multiprocessing="yes"), "`use_multiprocessing` must be True or False"),
    (dict(max_queue_size=0), "`max_queue_size` must be a positive int"),
])
def test_bad_constructor_arguments(kwargs, message):
    with pytest.raises(ValueError, match=f"PyDataset: {message}"):
        Numbered(**kwargs)


def test_batches_in_order_and_batch_forms():
    adapter = get_data_adapter(Numbered(4))
    assert isinstance(adapter, PyDatasetAdapter) and adapter.num_batches == 4
    assert indices(adapter) == [0, 1, 2, 3]
    x, y = adapter.peek()
    assert x.shape == (2, 1) and y.tolist() == [0, 0]
    bare = next(PyDatasetAdapter(Infinite()).get_numpy_iterator())
    assert isinstance(bare, np.ndarray)  # an array batch stays `x`, as pack_x_y_sample_weight


def test_shuffle_reorders_batches_each_pass_reproducibly():
    def run():
        kerasish.utils.set_random_seed(5)
        adapter = PyDatasetAdapter(Numbered(8), shuffle=True)
        return [indices(adapter) for _ in range(2)]

    first, second = run(), run()
    assert first == second and first[0] != first[1]
    assert sorted(first[0]) == list(range(8))


def test_infinite_dataset_never_ends_and_ignores_shuffle_with_a_warning():
    with pytest.warns(UserWarning, match="infinite PyDataset"):
        adapter = get_data_adapter(Infinite(), shuffle=True)
    assert adapter.num_batches is None
    assert [int(b[0, 0]) for b in itertools.islice(adapter.get_numpy_iterator(), 50)][-1] == 49


def test_class_weight_is_applied_per_batch():
    (x, y, w), = itertools.islice(PyDatasetAdapter(Numbered(2), class_weight={0: 4.0})
                                  .get_numpy_iterator(), 1)
    assert w.tolist() == [4.0, 4.0]


def test_thread_workers_prefetch_in_order():
    dataset = Numbered(12, workers=3, max_queue_size=4)
    adapter = PyDatasetAdapter(dataset)
    assert indices(adapter) == list(range(12))
    assert all(name.startswith("PyDataset") for name in dataset.threads)
    assert threading.current_thread().name not in dataset.threads


def test_abandoned_pass_shuts_its_worker_threads_down():
    before = threading.active_count()
    iterator = PyDatasetAdapter(Numbered(50, workers=2)).get_numpy_iterator()
    next(iterator)
    iterator.close()
    assert threading.active_count() == before


@pytest.mark.parametrize("workers", [1, 2])
def test_getitem_error_keeps_its_type_with_context(workers):
    iterator = PyDatasetAdapter(Numbered(5, fail_at=2, workers=workers)).get_numpy_iterator()
    assert int(next(iterator)[0][0, 0]) == 0 and int(next(iterator)[0][0, 0]) == 1
    with pytest.raises(KeyError, match="no batch 2") as info:
        next(iterator)
    notes = "".join(getattr(info.value, "__notes__", ["Numbered.__getitem__(2)"]))
    assert "Numbered.__getitem__(2)" in notes


@pytest.mark.slow  # spawning the worker processes takes a couple of seconds
def test_process_workers_prefetch_in_order():
    adapter = PyDatasetAdapter(Numbered(4, workers=2, use_multiprocessing=True))
    assert indices(adapter) == [0, 1, 2, 3]


def test_process_workers_need_a_picklable_dataset():
    dataset = Numbered(2, workers=2, use_multiprocessing=True)
    dataset.unpicklable = lambda: None
    with pytest.raises(ValueError, match="use_multiprocessing=True needs a picklable dataset"):
        list(PyDatasetAdapter(dataset).get_numpy_iterator())


def test_empty_dataset_and_bad_length_are_refused():
    with pytest.raises(ValueError, match="The PyDataset Numbered has length 0"):
        get_data_adapter(Numbered(0))

    class BadLength(Numbered):
        @property
        def num_batches(self):
            return 2.5

    with pytest.raises(ValueError, match="must be an int >= 0 or None"):
        get_data_adapter(BadLength())


def test_targets_passed_beside_a_py_dataset_are_refused():
    with pytest.raises(ValueError, match="`y` should not be passed.*part of the PyDataset"):
        get_data_adapter(Numbered(2), y=np.zeros(2))


def test_bad_batch_is_reported():
    class Bad(Numbered):
        def __getitem__(self, index):
            return (1, 2, 3, 4)

    with pytest.raises(ValueError, match="Each batch from the PyDataset must be"):
        next(PyDatasetAdapter(Bad(1)).get_numpy_iterator())
