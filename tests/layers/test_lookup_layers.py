"""StringLookup and IntegerLookup. Keras runs them with TensorFlow (not installed here), so the
oracle is Keras's docstring examples, verbatim, plus the behaviour Keras's source defines:
adapt order, OOV and mask indices, invert, configs that carry the vocabulary, errors."""
import numpy as np
import pytest

from kerasish import layers, ops
from kerasish.layers import IntegerLookup, StringLookup

VOCAB = ["a", "b", "c", "d"]
DATA = [["a", "c", "d"], ["d", "z", "b"]]
DATA4 = [["a", "c", "d", "d"], ["d", "z", "b", "z"]]
IVOCAB = [12, 36, 1138, 42]
IDATA4 = np.array([[12, 1138, 42, 42], [42, 7, 36, 7]])


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_string_lookup_keras_examples(backend):
    out = StringLookup(vocabulary=VOCAB)(DATA)
    assert _np(out).dtype == np.int64
    np.testing.assert_array_equal(_np(out), [[1, 3, 4], [4, 0, 2]])
    layer = StringLookup()
    layer.adapt(DATA)
    assert layer.get_vocabulary() == ["[UNK]", "d", "z", "c", "b", "a"]
    np.testing.assert_array_equal(_np(layer(DATA)), [[5, 3, 1], [1, 2, 4]])
    two_oov = StringLookup(vocabulary=VOCAB, num_oov_indices=2)
    np.testing.assert_array_equal(_np(two_oov([["a", "c", "d"], ["m", "z", "b"]])),
                                  [[2, 4, 5], [0, 1, 3]])
    one_hot = StringLookup(vocabulary=VOCAB, output_mode="one_hot")(["a", "b", "c", "d", "z"])
    np.testing.assert_array_equal(_np(one_hot), np.eye(5)[[1, 2, 3, 4, 0]])
    assert _np(one_hot).dtype == np.float32
    np.testing.assert_array_equal(
        _np(StringLookup(vocabulary=VOCAB, output_mode="multi_hot")(DATA4)),
        [[0, 1, 0, 1, 1], [1, 0, 1, 0, 1]])
    np.testing.assert_array_equal(
        _np(StringLookup(vocabulary=VOCAB, output_mode="count")(DATA4)),
        [[0, 1, 0, 1, 2], [2, 0, 1, 0, 1]])


def test_string_lookup_tf_idf_keras_examples(backend):
    layer = StringLookup(output_mode="tf_idf")
    layer.set_vocabulary(VOCAB, idf_weights=[0.25, 0.75, 0.6, 0.4])
    np.testing.assert_allclose(_np(layer(DATA4)), [[0, 0.25, 0, 0.6, 0.8], [1.0, 0, 0.75, 0, 0.4]])
    layer = StringLookup(output_mode="tf_idf")
    layer.set_vocabulary(["[UNK]"] + VOCAB, idf_weights=[0.9, 0.25, 0.75, 0.6, 0.4])
    np.testing.assert_allclose(_np(layer(DATA4)), [[0, 0.25, 0, 0.6, 0.8], [1.8, 0, 0.75, 0, 0.4]])


def test_string_lookup_invert_keras_examples(backend):
    inverse = StringLookup(vocabulary=VOCAB, invert=True)
    expected = [[b"a", b"c", b"d"], [b"d", b"[UNK]", b"b"]]
    assert inverse([[1, 3, 4], [4, 0, 2]]).tolist() == expected
    assert inverse(StringLookup(vocabulary=VOCAB)(DATA)).tolist() == expected


def test_integer_lookup_keras_examples(backend):
    data = np.array([[12, 1138, 42], [42, 1000, 36]])
    np.testing.assert_array_equal(_np(IntegerLookup(vocabulary=IVOCAB)(data)),
                                  [[1, 3, 4], [4, 0, 2]])
    layer = IntegerLookup()
    layer.adapt(data)
    assert layer.get_vocabulary() == [-1, 42, 1138, 1000, 36, 12]
    np.testing.assert_array_equal(_np(layer(data)), [[5, 2, 1], [1, 3, 4]])
    two_oov = IntegerLookup(vocabulary=IVOCAB, num_oov_indices=2)
    np.testing.assert_array_equal(_np(two_oov(np.array([[12, 1138, 42], [37, 1000, 36]]))),
                                  [[2, 4, 5], [1, 0, 3]])
    oov = np.array([100, 300, 700, 1100, 1700, 2000])
    floormod = IntegerLookup(vocabulary=[10, 20, 30], num_oov_indices=4, oov_method="floormod")
    farmhash = IntegerLookup(vocabulary=[10, 20, 30], num_oov_indices=4, oov_method="farmhash")
    np.testing.assert_array_equal(_np(floormod(oov)), [0, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(_np(farmhash(oov)), [3, 3, 2, 2, 0, 1])
    one_hot = IntegerLookup(vocabulary=IVOCAB, output_mode="one_hot")(
        np.array([12, 36, 1138, 42, 7]))
    np.testing.assert_array_equal(_np(one_hot), np.eye(5)[[1, 2, 3, 4, 0]])
    np.testing.assert_array_equal(
        _np(IntegerLookup(vocabulary=IVOCAB, output_mode="multi_hot")(IDATA4)),
        [[0, 1, 0, 1, 1], [1, 0, 1, 0, 1]])
    np.testing.assert_array_equal(
        _np(IntegerLookup(vocabulary=IVOCAB, output_mode="count")(IDATA4)),
        [[0, 1, 0, 1, 2], [2, 0, 1, 0, 1]])
    tf_idf = IntegerLookup(output_mode="tf_idf", vocabulary=[-1] + IVOCAB,
                           idf_weights=[0.9, 0.25, 0.75, 0.6, 0.4])
    np.testing.assert_allclose(_np(tf_idf(IDATA4)), [[0, 0.25, 0, 0.6, 0.8],
                                                     [1.8, 0, 0.75, 0, 0.4]])
    inverse = IntegerLookup(vocabulary=IVOCAB, invert=True)
    expected = [[12, 1138, 42], [42, -1, 36]]
    np.testing.assert_array_equal(_np(inverse(np.array([[1, 3, 4], [4, 0, 2]]))), expected)
    np.testing.assert_array_equal(_np(inverse(IntegerLookup(vocabulary=IVOCAB)(data))), expected)


def test_mask_token_and_max_tokens(backend):
    layer = StringLookup(max_tokens=4, mask_token="")
    layer.adapt([["x", "y", "y", "z", "z", "z", ""]])
    assert layer.get_vocabulary() == ["", "[UNK]", "z", "y"]  # 2 special + 2 most frequent
    assert layer.vocabulary_size() == 4
    assert layer.get_vocabulary(include_special_tokens=False) == ["z", "y"]
    np.testing.assert_array_equal(_np(layer([["", "z", "x"]])), [[0, 2, 1]])
    inverse = StringLookup(vocabulary=layer.get_vocabulary(), mask_token="", invert=True)
    assert inverse(np.array([[0, 2, 1, 3]])).tolist() == [[b"", b"z", b"[UNK]", b"y"]]
    # Outside "int" mode the mask has no index: it encodes to zeros.
    hot = StringLookup(vocabulary=["z", "y"], mask_token="", output_mode="multi_hot")
    assert hot.get_vocabulary() == ["[UNK]", "z", "y"]
    np.testing.assert_array_equal(_np(hot([["", "y"]])), [[0, 0, 1]])
    padded = StringLookup(vocabulary=["z", "y"], max_tokens=6, pad_to_max_tokens=True,
                          output_mode="count")
    np.testing.assert_array_equal(_np(padded([["y", "y", "q"]])), [[1, 0, 2, 0, 0, 0]])


def test_adapt_tf_idf_and_batches(backend):
    layer = StringLookup(output_mode="tf_idf")
    layer.adapt(iter([np.array([["a", "b"], ["a", "a"]]), np.array([["c", "a"]])]))
    assert layer.get_vocabulary() == ["[UNK]", "a", "c", "b"]
    idf = np.log(1 + 3 / (1 + np.array([3, 1, 1])))  # a is in 3 documents, b and c in 1
    out = _np(layer([["a", "a", "b", "q"]]))
    np.testing.assert_allclose(out, [[np.mean(idf), 2 * idf[0], 0, idf[2]]], rtol=1e-6)


def test_vocabulary_file(tmp_path, backend):
    path = tmp_path / "vocab.txt"
    path.write_text("a\nb\nc\nd\n\n")
    layer = StringLookup(vocabulary=str(path))
    np.testing.assert_array_equal(_np(layer(DATA)), [[1, 3, 4], [4, 0, 2]])
    config = layer.get_config()
    assert config["vocabulary"] == ["[UNK]", "a", "b", "c", "d"]  # the file's tokens, inline
    int_path = tmp_path / "ints.txt"
    int_path.write_text("12\n36\n")
    assert IntegerLookup(vocabulary=str(int_path)).get_vocabulary() == [-1, 12, 36]
    with pytest.raises(ValueError, match="does not exist"):
        StringLookup(vocabulary=str(tmp_path / "missing.txt"))


def test_config_round_trips_with_vocabulary(backend):
    given = StringLookup(vocabulary=VOCAB, num_oov_indices=2, mask_token="[MASK]")
    adapted = IntegerLookup(output_mode="tf_idf", max_tokens=10, pad_to_max_tokens=True)
    adapted.adapt(np.array([[1, 2], [2, 3]]))
    for layer, data in ((given, [["a", "[MASK]", "zz", "d"]]), (adapted, np.array([[2, 9, 3]]))):
        config = layer.get_config()
        clone = type(layer).from_config(config)
        assert clone.get_config() == config
        np.testing.assert_allclose(_np(clone(data)), _np(layer(data)))
    assert given.get_config()["vocabulary"] == VOCAB
    assert "vocabulary_dtype" not in given.get_config()
    assert adapted.get_config()["vocabulary"] == [-1, 2, 3, 1]


def test_lookup_errors():
    with pytest.raises(ValueError, match="repeated term"):
        StringLookup(vocabulary=["a", "b", "a"])
    with pytest.raises(ValueError, match="output_mode"):
        StringLookup(output_mode="bad")
    with pytest.raises(ValueError, match="`invert` is true"):
        StringLookup(invert=True, output_mode="one_hot")
    with pytest.raises(ValueError, match="mask token at unexpected location"):
        StringLookup(vocabulary=["a", ""], mask_token="")
    with pytest.raises(ValueError, match="larger than the maximum"):
        StringLookup(vocabulary=["a", "b", "c"], max_tokens=3)
    with pytest.raises(ValueError, match="empty vocabulary"):
        StringLookup(vocabulary=[])
    with pytest.raises(ValueError, match="idf_weights"):
        StringLookup(vocabulary=VOCAB, output_mode="tf_idf")
    with pytest.raises(ValueError, match="same length"):
        StringLookup(output_mode="tf_idf").set_vocabulary(VOCAB, idf_weights=[1.0])
    with pytest.raises(ValueError, match="after setting a static vocabulary"):
        StringLookup(vocabulary=VOCAB).adapt(["a"])
    with pytest.raises(ValueError, match="vocabulary_dtype"):
        IntegerLookup(vocabulary_dtype="int32")
    with pytest.raises(ValueError, match="salt"):
        IntegerLookup(salt=3)
    with pytest.raises(ValueError, match="OOV values"):
        StringLookup(vocabulary=VOCAB, num_oov_indices=0)([["a", "nope"]])
    with pytest.raises(RuntimeError, match="set the layer's vocabulary before calling"):
        StringLookup(output_mode="multi_hot")([["a"]])
    with pytest.raises(ValueError, match="expects string inputs"):
        StringLookup(vocabulary=VOCAB)(np.array([1, 2]))
    with pytest.raises(ValueError, match="expects integer inputs"):
        IntegerLookup(vocabulary=[1])(np.array(["a"]))


def test_lookup_layers_are_exported():
    from kerasish.layers import preprocessing
    for name in ("StringLookup", "IntegerLookup", "Hashing", "TextVectorization"):
        assert name in preprocessing.__all__ and hasattr(layers, name)
