"""ArrayDataAdapter: batches, the smaller last batch, shuffling, sample/class weights, errors."""
import numpy as np
import pytest

import kerasish
from kerasish.trainers.data_adapters import ArrayDataAdapter, get_data_adapter

X = np.arange(30.0).reshape(10, 3)
Y = np.arange(10)


def batches(adapter):
    return list(adapter.get_numpy_iterator())


def first_column(batch):
    return batch[0][:, 0].tolist()


def test_batches_in_order_with_a_smaller_last_batch():
    adapter = ArrayDataAdapter(X, Y, batch_size=4)
    out = batches(adapter)
    assert [b[0].shape for b in out] == [(4, 3), (4, 3), (2, 3)]
    assert [b[1].tolist() for b in out] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert (adapter.num_batches, adapter.batch_size, adapter.num_samples) == (3, 4, 10)
    assert adapter.has_partial_batch and adapter.partial_batch_size == 2
    exact = ArrayDataAdapter(X, Y, batch_size=5)
    assert not exact.has_partial_batch and exact.partial_batch_size is None


def test_batch_size_defaults_to_32_or_follows_steps():
    assert ArrayDataAdapter(np.zeros((70, 1))).batch_size == 32
    assert ArrayDataAdapter(np.zeros((70, 1))).num_batches == 3
    adapter = ArrayDataAdapter(X, steps=3)
    assert (adapter.batch_size, adapter.num_batches) == (4, 3)


@pytest.mark.parametrize("make", [
    lambda: dict(x=X, y=Y, batch_size=3),
    lambda: dict(x={"a": X, "b": [X[:, :1], Y]}, y=Y, sample_weight=np.ones(10), batch_size=4),
    lambda: dict(x=[X, X], y=None, batch_size=6),
    lambda: dict(x=X, y=[Y, {"o": X}], batch_size=7),
])
def test_unshuffled_batches_match_keras(make):
    keras_adapters = pytest.importorskip("keras.src.trainers.data_adapters.array_data_adapter")
    import keras.src.tree as k_tree
    ours = batches(ArrayDataAdapter(**make()))
    theirs = list(keras_adapters.ArrayDataAdapter(**make()).get_numpy_iterator())
    assert len(ours) == len(theirs)
    for a, b in zip(ours, theirs):
        assert k_tree.flatten(a) != [] and len(k_tree.flatten(a)) == len(k_tree.flatten(b))
        k_tree.assert_same_structure(a, b)
        for la, lb in zip(k_tree.flatten(a), k_tree.flatten(b)):
            assert la.dtype == lb.dtype
            np.testing.assert_array_equal(la, lb)


def test_float_data_becomes_floatx_and_lists_become_arrays():
    (x, y), = batches(ArrayDataAdapter([[1, 2], [3, 4.5]], [0, 1]))
    assert x.dtype == np.float32 and x.shape == (2, 2)
    assert y.dtype.kind == "i" and y.tolist() == [0, 1]


def test_backend_tensors_are_converted_to_numpy(backend):
    x = kerasish.ops.convert_to_tensor(X.astype("float32"))
    y = kerasish.ops.convert_to_tensor(Y.astype("int32"))
    out = batches(ArrayDataAdapter({"t": x}, y, batch_size=6))
    assert all(isinstance(b[0]["t"], np.ndarray) and isinstance(b[1], np.ndarray) for b in out)
    np.testing.assert_array_equal(out[1][0]["t"], X[6:])


def test_shuffle_true_draws_a_new_permutation_each_pass():
    adapter = ArrayDataAdapter(X, Y, batch_size=4, shuffle=True)
    first, second = batches(adapter), batches(adapter)
    for epoch in (first, second):
        order = np.concatenate([b[1] for b in epoch])
        assert sorted(order.tolist()) == list(range(10))
        assert [len(b[1]) for b in epoch] == [4, 4, 2]
        for x, y in epoch:  # rows stay together
            np.testing.assert_array_equal(x[:, 0], 3 * y)
    assert [b[1].tolist() for b in first] != [b[1].tolist() for b in second]


def test_shuffle_batch_permutes_only_inside_each_batch():
    adapter = ArrayDataAdapter(X, Y, batch_size=4, shuffle="batch")
    out = batches(adapter)
    assert [sorted(b[1].tolist()) for b in out] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    np.testing.assert_array_equal(out[0][0][:, 0], 3 * out[0][1])


@pytest.mark.parametrize("shuffle", [True, "batch"])
def test_shuffling_is_reproducible_under_set_random_seed(shuffle):
    def run():
        kerasish.utils.set_random_seed(123)
        adapter = ArrayDataAdapter(np.arange(50), batch_size=8, shuffle=shuffle)
        return [b.tolist() for _ in range(2) for b in batches(adapter)]

    first, second = run(), run()
    assert first == second
    kerasish.utils.set_random_seed(7)
    assert [b.tolist() for b in batches(ArrayDataAdapter(np.arange(50), batch_size=8,
                                                          shuffle=shuffle))] != first[:7]


def test_single_sample_weight_is_shared_by_every_output():
    sw = np.linspace(0, 1, 10)
    (x, y, w), = batches(ArrayDataAdapter(X, {"a": Y, "b": Y}, sample_weight=sw, batch_size=10))
    assert set(w) == {"a", "b"}
    np.testing.assert_allclose(w["a"], sw.astype("float32"))
    np.testing.assert_allclose(w["b"], sw.astype("float32"))


def test_class_weight_becomes_sample_weights():
    (x, y, w), = batches(ArrayDataAdapter(X, Y % 3, class_weight={0: 2.0, 2: 0.5}, batch_size=10))
    assert w.tolist() == [2.0, 1.0, 0.5] * 3 + [2.0]


def test_peek_gives_the_first_batch_without_consuming():
    adapter = ArrayDataAdapter(X, Y, batch_size=4, shuffle=True)
    x, y = adapter.peek()
    assert x.shape == (4, 3) and y.tolist() == [0, 1, 2, 3]
    assert len(batches(adapter)) == 3


def test_get_data_adapter_picks_the_array_adapter_and_passes_through_adapters():
    adapter = get_data_adapter(X, Y, batch_size=5, shuffle=True)
    assert isinstance(adapter, ArrayDataAdapter) and adapter.num_batches == 2
    assert get_data_adapter(adapter) is adapter


# -- errors -------------------------------------------------------------------------------------

def test_x_and_y_of_different_lengths_name_each_length():
    with pytest.raises(ValueError, match=r"same number of samples.*x: 10, y: 9"):
        ArrayDataAdapter(X, Y[:9])
    with pytest.raises(ValueError, match=r"x\[0\]: 10, x\[1\]: 8, y: 10, sample_weight: 10"):
        ArrayDataAdapter([X, X[:8]], Y, sample_weight=np.ones(10))


def test_empty_data_is_refused():
    with pytest.raises(ValueError, match="The data is empty: `x` has 0 samples"):
        ArrayDataAdapter(np.zeros((0, 3)), np.zeros((0,)))
    for x in (None, [], {}):
        with pytest.raises(ValueError, match="`x` must hold at least one array"):
            ArrayDataAdapter(x)


@pytest.mark.parametrize("kwargs, message", [
    (dict(batch_size=0), "`batch_size` must be a positive int"),
    (dict(batch_size=2.5), "`batch_size` must be a positive int"),
    (dict(steps=-1), "`steps_per_epoch` must be a positive int or None"),
    (dict(shuffle="yes"), '`shuffle` must be True, False or "batch"'),
    (dict(sample_weight=np.ones(10), class_weight={0: 1.0}), "cannot use `class_weight` and"),
    (dict(y={"a": Y, "b": Y}, class_weight={0: 1.0}), "only supported for Models with a single"),
    (dict(y=None, class_weight={0: 1.0}), "only supported for Models with a single output"),
    (dict(y=[Y, Y], sample_weight=[np.ones(10)]), "one `sample_weight` array per output"),
    (dict(y=[Y, Y], sample_weight=np.ones((10, 2))), "one scalar per sample"),
])
def test_bad_arguments(kwargs, message):
    kwargs = {"y": Y, **kwargs}
    with pytest.raises(ValueError, match=message):
        ArrayDataAdapter(X, **kwargs)


def test_unsupported_and_scalar_data():
    with pytest.raises(ValueError, match=r"Unrecognized data type: `x\['a'\]`"):
        get_data_adapter({"a": "not an array"})
    with pytest.raises(ValueError, match="`y` must have a batch dimension"):
        ArrayDataAdapter(X, np.float32(1.0))
