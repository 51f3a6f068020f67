"""GeneratorDataAdapter: batch forms, the peeked first batch, errors with context."""
import numpy as np
import pytest

from kerasish.trainers.data_adapters import GeneratorDataAdapter, get_data_adapter

X = np.arange(12.0).reshape(6, 2)
Y = np.arange(6)


def generator(batches):
    yield from batches


def test_each_batch_form_is_kept_as_fit_passes_it_to_train_step():
    forms = [X[:2], (X[:2],), (X[:2], Y[:2]), (X[:2], Y[:2], np.ones(2)), [X[:2], Y[:2]],
             {"a": X[:2]}, ([X[:2], X[:2]], Y[:2])]
    out = list(GeneratorDataAdapter(generator(forms)).get_numpy_iterator())
    assert isinstance(out[0], np.ndarray) and out[0].dtype == np.float32
    assert [len(b) for b in out[1:4]] == [1, 2, 3] and all(isinstance(b, tuple) for b in out[1:4])
    assert isinstance(out[4], tuple) and len(out[4]) == 2  # a list is read as (x, y), as Keras
    assert isinstance(out[5], dict)
    assert isinstance(out[6][0], list) and len(out[6][0]) == 2


def test_first_batch_is_peeked_once_and_still_yielded_first():
    calls = []

    def counting():
        for i in range(3):
            calls.append(i)
            yield X[i:i + 1], Y[i:i + 1]

    adapter = get_data_adapter(counting())
    assert isinstance(adapter, GeneratorDataAdapter) and calls == [0]
    assert adapter.peek()[1].tolist() == [0] and adapter.num_batches is None
    assert [b[1].tolist() for b in adapter.get_numpy_iterator()] == [[0], [1], [2]]
    assert calls == [0, 1, 2]
    assert list(adapter.get_numpy_iterator()) == []  # a generator is read once
    assert adapter.exhausted()


def test_stream_continues_across_iterators_and_exhausted_reads_one_ahead():
    adapter = GeneratorDataAdapter(iter([(X[i:i + 1],) for i in range(3)]))  # any iterator works
    first = adapter.get_numpy_iterator()
    assert next(first)[0][0, 0] == 0
    assert not adapter.exhausted()  # reads batch 1 ahead and keeps it
    assert [b[0][0, 0] for b in adapter.get_numpy_iterator()] == [2.0, 4.0]
    assert adapter.exhausted()


def test_class_weight_is_applied_per_batch():
    adapter = GeneratorDataAdapter(generator([(X[:3], np.array([0, 1, 1]))]), class_weight={1: 3.0})
    (x, y, w), = adapter.get_numpy_iterator()
    assert w.tolist() == [1.0, 3.0, 3.0]


def test_empty_generator_is_refused():
    with pytest.raises(ValueError, match="must yield at least one batch.*empty generator"):
        GeneratorDataAdapter(generator([]))


@pytest.mark.parametrize("batch, message", [
    ((X, Y, Y, Y), "must be `x`, `\\(x,\\)`, `\\(x, y\\)`.*4 elements"),
    ((X, Y[:3]), "In a batch from the generator: Data cardinality.*x: 6, y: 3"),
    ((None, Y), "the batch has no inputs `x`"),
    (("text",), "Unrecognized data type: `x`"),
])
def test_bad_batches(batch, message):
    with pytest.raises(ValueError, match=message):
        GeneratorDataAdapter(generator([batch]))


def test_class_weight_needs_targets_and_no_sample_weight():
    with pytest.raises(ValueError, match="`class_weight` needs one array of targets"):
        GeneratorDataAdapter(generator([(X,)]), class_weight={0: 1.0})
    with pytest.raises(ValueError, match="cannot use `class_weight` and `sample_weight`"):
        GeneratorDataAdapter(generator([(X, Y, Y)]), class_weight={0: 1.0})


def failing(fail_at):
    for i in range(5):
        if i == fail_at:
            raise KeyError(f"missing file {i}")
        yield X[i:i + 1], Y[i:i + 1]


def test_a_generator_that_raises_keeps_its_error_type_with_context():
    with pytest.raises(KeyError, match="missing file 0") as info:
        GeneratorDataAdapter(failing(0))
    assert "batch number 1" in "".join(getattr(info.value, "__notes__", ["batch number 1"]))
    adapter = GeneratorDataAdapter(failing(2))
    iterator = adapter.get_numpy_iterator()
    next(iterator), next(iterator)
    with pytest.raises(KeyError, match="missing file 2") as info:
        next(iterator)
    notes = "".join(getattr(info.value, "__notes__", ["generator passed as `x`, batch number 3"]))
    assert "generator passed as `x`" in notes and "batch number 3" in notes


def test_targets_passed_beside_a_generator_are_refused():
    with pytest.raises(ValueError, match="`y` should not be passed.*targets should be included"):
        get_data_adapter(generator([(X, Y)]), y=Y)
    with pytest.raises(ValueError, match="`sample_weight` should not be passed"):
        get_data_adapter(generator([(X, Y)]), sample_weight=Y)


def test_shuffle_is_ignored_with_keras_warning():
    with pytest.warns(UserWarning, match="`shuffle=True` was passed, but will be ignored"):
        get_data_adapter(generator([(X, Y)]), shuffle=True)
