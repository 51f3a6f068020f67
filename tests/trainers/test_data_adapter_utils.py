"""data_adapter_utils against Keras's own (the oracle): packing, validation split, class weights."""
import numpy as np
import pytest

import kerasish
from kerasish.trainers.data_adapters import data_adapter_utils as utils

keras = pytest.importorskip("keras")
from keras.src.trainers.data_adapters import array_slicing as k_slicing  # noqa: E402
from keras.src.trainers.data_adapters import data_adapter_utils as k_utils  # noqa: E402

X = np.arange(20.0).reshape(10, 2)
Y = np.arange(10)


def assert_same_arrays(ours, theirs):
    import keras.src.tree as k_tree
    ours_flat, theirs_flat = k_tree.flatten(ours), k_tree.flatten(theirs)
    assert len(ours_flat) == len(theirs_flat)
    for a, b in zip(ours_flat, theirs_flat):
        if b is None:
            assert a is None
            continue
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("data", [X, (X,), (X, Y), [X, Y], (X, Y, Y), {"a": X}, ([X, X], Y)])
def test_unpack_matches_keras(data):
    ours, theirs = utils.unpack_x_y_sample_weight(data), k_utils.unpack_x_y_sample_weight(data)
    assert len(ours) == 3
    for a, b in zip(ours, theirs):
        assert a is b


def test_unpack_too_long_raises():
    with pytest.raises(ValueError, match=r"\(x, y, sample_weight\).*4 elements"):
        utils.unpack_x_y_sample_weight((X, Y, Y, Y))


@pytest.mark.parametrize("args", [(X,), ([X, X],), ((X,),), (X, Y), (X, Y, Y), ({"a": X}, Y)])
def test_pack_matches_keras(args):
    ours, theirs = utils.pack_x_y_sample_weight(*args), k_utils.pack_x_y_sample_weight(*args)
    assert type(ours) is type(theirs)
    assert_same_arrays(ours, theirs)


@pytest.mark.parametrize("split", [0.1, 0.25, 0.5, 0.77])
@pytest.mark.parametrize("make", [
    lambda: (X, Y, None),
    lambda: (X.astype("float64"), Y.astype("int64"), np.ones(10)),
    lambda: ({"a": X, "b": [X[:, :1], Y]}, Y, None),
    lambda: ([X, X.astype("float16")], {"out": Y}, {"out": np.ones(10, "float32")}),
])
def test_train_validation_split_matches_keras(make, split):
    ours = utils.train_validation_split(make(), split)
    theirs = k_slicing.train_validation_split(make(), split)
    assert_same_arrays(ours[0], theirs[0])
    assert_same_arrays(ours[1], theirs[1])


def test_train_validation_split_takes_the_last_fraction_and_accepts_lists():
    (x_train, y_train), (x_val, y_val) = utils.train_validation_split(
        ([[float(i)] for i in range(5)], [0, 1, 0, 1, 1]), 0.4)
    assert x_train.dtype == np.float32 and x_train[:, 0].tolist() == [0, 1, 2]
    assert y_val.tolist() == [1, 1] and x_val.shape == (2, 1)


def test_train_validation_split_all_none():
    assert utils.train_validation_split((None, None), 0.5) == ((None, None), (None, None))


def test_train_validation_split_too_few_samples_matches_keras_message():
    with pytest.raises(ValueError) as theirs:
        k_slicing.train_validation_split((X[:1], Y[:1]), 0.5)
    with pytest.raises(ValueError) as ours:
        utils.train_validation_split((X[:1], Y[:1]), 0.5)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("split", [0, 1, 1.5, -0.1, "0.2", True])
def test_train_validation_split_bad_fraction(split):
    with pytest.raises(ValueError, match="validation_split"):
        utils.train_validation_split((X, Y), split)


def test_train_validation_split_refuses_generators_and_py_datasets():
    class Dataset(kerasish.utils.PyDataset):
        def __len__(self):
            return 1

    for data in [(iter([X]), None), (Dataset(), None)]:
        with pytest.raises(ValueError, match="only supported for tensors or NumPy arrays"):
            utils.train_validation_split(data, 0.2)


@pytest.mark.parametrize("y", [
    np.array([0, 1, 2, 1, 0, 3]),
    np.array([[0], [1], [2], [2]]),
    np.eye(4)[[0, 3, 3, 1, 2]],
    np.array([0.0, 1.0, 1.4, 2.6]),  # float labels round (as Keras)
    [0, 1, 1],
])
@pytest.mark.parametrize("class_weight", [{0: 1.0, 1: 2.5, 2: 0.5, 3: 4.0}, {1: 3.0}, {}])
def test_class_weight_to_sample_weights_matches_keras(y, class_weight):
    ours = utils.class_weight_to_sample_weights(y, class_weight)
    theirs = k_utils.class_weight_to_sample_weights(np.asarray(y), class_weight)
    assert ours.dtype == theirs.dtype
    np.testing.assert_array_equal(ours, theirs)


def test_class_weight_errors():
    with pytest.raises(ValueError, match=r"shape \(samples,\).*received y of shape \(2, 2, 2\)"):
        utils.class_weight_to_sample_weights(np.zeros((2, 2, 2)), {0: 1.0})
    with pytest.raises(ValueError, match="must be a dict"):
        utils.class_weight_to_sample_weights(Y, [1.0, 2.0])


def test_leaf_to_numpy_conversions_and_errors():
    assert utils.leaf_to_numpy([1, 2]).dtype.kind == "i"
    assert utils.leaf_to_numpy([1.5, 2]).dtype == np.float32  # floats become floatx
    assert utils.leaf_to_numpy(np.arange(3, dtype="int64")).dtype == np.int64
    assert utils.leaf_to_numpy(["a", "bc"]).shape == (2,)
    with pytest.raises(ValueError, match="batch dimension"):
        utils.leaf_to_numpy(np.float32(3.0), "y")
    with pytest.raises(ValueError, match="`x` is a Python list that is not a rectangular"):
        utils.leaf_to_numpy([[1, 2], [3]])
    with pytest.raises(ValueError, match="`x` is a symbolic KerasTensor"):
        utils.leaf_to_numpy(kerasish.Input((3,)))
    with pytest.raises(ValueError, match=r"Unrecognized data type: `x\['a'\]`.*object"):
        utils.to_numpy_structure({"a": object()}, "x")


def test_check_data_cardinality_names_every_array():
    with pytest.raises(ValueError, match=r"x\['a'\]: 10, x\['b'\]: 10, y: 9"):
        utils.check_data_cardinality([("x", {"a": X, "b": X}), ("y", Y[:9])])


@pytest.mark.parametrize("value", ["yes", None, 0.5, object()])
def test_standardize_shuffle_rejects_bad_values(value):
    with pytest.raises(ValueError, match='`shuffle` must be True, False or "batch"'):
        utils.standardize_shuffle(value)
