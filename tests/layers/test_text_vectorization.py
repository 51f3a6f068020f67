"""TextVectorization. Keras runs it with TensorFlow (not installed here), so the oracle is
Keras's docstring examples and its own test expectations (keras/src/layers/preprocessing/
text_vectorization_test.py), with TensorFlow callables rewritten for NumPy strings."""
import numpy as np
import pytest

from kerasish import ops
from kerasish.layers import TextVectorization


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


def test_keras_docstring_examples(backend):
    layer = TextVectorization(max_tokens=5000, output_mode="int", output_sequence_length=4)
    layer.adapt(["foo bar", "bar baz", "baz bada boom"])
    out = layer([["foo qux bar"], ["qux baz"]])
    assert _np(out).dtype == np.int64
    np.testing.assert_array_equal(_np(out), [[4, 1, 3, 0], [1, 2, 0, 0]])
    layer = TextVectorization(max_tokens=5000, output_mode="int", output_sequence_length=4,
                              vocabulary=["earth", "wind", "and", "fire"])
    assert layer.get_vocabulary() == ["", "[UNK]", "earth", "wind", "and", "fire"]
    assert layer.vocabulary_size() == 6


def test_output_modes(backend):
    vocab = ["foo", "bar", "baz"]
    multi = TextVectorization(output_mode="multi_hot", vocabulary=vocab)
    np.testing.assert_array_equal(_np(multi([["foo bar"], ["baz foo foo"]])),
                                  [[0, 1, 1, 0], [0, 1, 0, 1]])
    count = TextVectorization(output_mode="count", vocabulary=vocab)
    np.testing.assert_array_equal(_np(count(["foo bar", "baz foo foo"])),
                                  [[0, 1, 1, 0], [0, 2, 0, 1]])
    tf_idf = TextVectorization(output_mode="tf_idf", vocabulary=vocab,
                               idf_weights=[0.3, 0.5, 0.2])
    out = _np(tf_idf(["foo bar", "baz foo foo"]))
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[0.0, 0.3, 0.5, 0.0], [0.0, 0.6, 0.0, 0.2]], rtol=1e-6)
    padded = TextVectorization(output_mode="multi_hot", vocabulary=["foo", "bar"], max_tokens=8,
                               pad_to_max_tokens=True)
    assert _np(padded(["foo bar"])).shape == (1, 8)


def test_standardize_modes(backend):
    text = ["Hello, World!. This is just a nice test!"]
    layer = TextVectorization(standardize="lower_and_strip_punctuation",
                              vocabulary=["hello", "world", "this", "is", "nice", "test"])
    np.testing.assert_array_equal(_np(layer(text)), [[2, 3, 4, 5, 1, 1, 6, 7]])
    layer = TextVectorization(standardize="lower", vocabulary=[
        "hello,", "hello", "world", "this", "is", "nice", "test"])
    np.testing.assert_array_equal(_np(layer(text)), [[2, 1, 5, 6, 1, 1, 7, 1]])
    layer = TextVectorization(standardize="strip_punctuation",
                              vocabulary=["Hello", "World", "Test"])
    np.testing.assert_array_equal(_np(layer(["Hello, World! Test."])), [[2, 3, 4]])
    layer = TextVectorization(standardize=None, vocabulary=["Hello", "world"])
    np.testing.assert_array_equal(_np(layer(["Hello hello"])), [[2, 1]])


def test_callable_standardize_gets_numpy_unicode(backend):
    seen = []

    def np_standardize(text):
        seen.append((type(text).__name__, text.dtype.kind))
        return np.char.replace(np.char.lower(text), ",", "")

    layer = TextVectorization(standardize=np_standardize)
    layer.adapt(["Hello, world."])
    assert seen and all(s == ("ndarray", "U") for s in seen)
    assert "hello" in layer.get_vocabulary() and "world." in layer.get_vocabulary()
    dashes = TextVectorization(standardize=lambda t: np.char.replace(t, "-", " "),
                               vocabulary=["foo", "bar"])
    np.testing.assert_array_equal(_np(dashes(["foo-bar"])), [[2, 3]])


def test_split_modes(backend):
    chars = TextVectorization(split="character", vocabulary=list("abcde"))
    np.testing.assert_array_equal(_np(chars(["abcf"])), [[2, 3, 4, 1]])
    custom = TextVectorization(split=lambda t: [s.split("|") for s in t],
                               vocabulary=["foo", "bar", "foobar"])
    # As in Keras's test: punctuation (the "|") is stripped before the split.
    np.testing.assert_array_equal(_np(custom(["foo|bar"])), [[4]])
    custom = TextVectorization(split=lambda t: [s.split("|") for s in t], standardize=None,
                               vocabulary=["foo", "bar", "foobar"])
    np.testing.assert_array_equal(_np(custom(["foo|bar"])), [[2, 3]])
    whole = TextVectorization(split=None, vocabulary=["foo", "bar", "baz"])
    np.testing.assert_array_equal(_np(whole([["foo"], ["bar"], ["unknown"]])), [[2], [3], [1]])
    # Rows of different lengths are padded with the mask index 0.
    vec = TextVectorization(vocabulary=["foo", "qux"])
    np.testing.assert_array_equal(_np(vec(["foo qux foo", "qux", ""])),
                                  [[2, 3, 2], [3, 0, 0], [0, 0, 0]])


def test_ngrams_and_max_tokens(backend):
    layer = TextVectorization(ngrams=2)
    layer.adapt(["foo bar baz"])
    vocab = layer.get_vocabulary()
    assert "foo bar" in vocab and "bar baz" in vocab
    layer = TextVectorization(ngrams=(1, 3))
    layer.adapt(["foo bar baz"])
    vocab = layer.get_vocabulary()
    assert "foo" in vocab and "foo bar baz" in vocab and "foo bar" not in vocab
    # The n-grams of each width follow one another, as tf.strings.ngrams.
    np.testing.assert_array_equal(
        _np(layer(["foo bar baz"])),
        [[layer.get_vocabulary().index(t) for t in ("foo", "bar", "baz", "foo bar baz")]])
    layer = TextVectorization(max_tokens=5)
    layer.adapt(["a b c d e f g h i j"])
    assert len(layer.get_vocabulary()) == 5


def test_adapt_generator_steps_and_tf_idf(backend):
    def batches():
        while True:
            yield np.array(["a b", "b c"])

    layer = TextVectorization(output_mode="tf_idf")
    layer.adapt(batches(), steps=3)
    assert layer.get_vocabulary() == ["[UNK]", "b", "c", "a"]
    idf = np.log(1 + 6 / (1 + np.array([6, 3, 3])))
    np.testing.assert_allclose(_np(layer(["b b a"])), [[0, 2 * idf[0], 0, idf[2]]], rtol=1e-6)


def test_config_round_trip_with_vocabulary(backend):
    adapted = TextVectorization(max_tokens=20, ngrams=(1, 2), output_mode="tf_idf")
    adapted.adapt(["the cat sat", "the dog sat", "a cat"])
    given = TextVectorization(vocabulary=["earth", "wind"], output_sequence_length=3)
    data = ["the cat", "a dog earth"]
    for layer in (adapted, given):
        config = layer.get_config()
        assert config["vocabulary"] is not None
        clone = TextVectorization.from_config(config)
        assert clone.get_config() == config
        np.testing.assert_allclose(_np(clone(data)), _np(layer(data)))
    assert given.get_config()["vocabulary"] == ["earth", "wind"]
    assert adapted.get_config()["vocabulary"] == adapted.get_vocabulary()


def test_set_vocabulary(backend):
    layer = TextVectorization(output_sequence_length=4)
    layer.set_vocabulary(["baz", "bar", "foo"])
    np.testing.assert_array_equal(_np(layer([["foo qux bar"], ["qux baz"]])),
                                  [[4, 1, 3, 0], [1, 2, 0, 0]])


def test_errors():
    with pytest.raises(ValueError, match="output_mode"):
        TextVectorization(output_mode="bad")
    with pytest.raises(ValueError, match="standardize"):
        TextVectorization(standardize="upper")
    with pytest.raises(ValueError, match="split"):
        TextVectorization(split="comma")
    with pytest.raises(ValueError, match="ngrams"):
        TextVectorization(ngrams="2")
    with pytest.raises(ValueError, match="output_sequence_length"):
        TextVectorization(output_mode="count", output_sequence_length=3)
    with pytest.raises(ValueError, match="TensorFlow backend"):
        TextVectorization(ragged=True)
    with pytest.raises(ValueError, match="repeated term"):
        TextVectorization(vocabulary=["a", "a"])
    with pytest.raises(ValueError, match="last shape dimension must be 1"):
        TextVectorization(vocabulary=["a"])(np.array([["a", "b"]]))
    with pytest.raises(RuntimeError, match="before calling"):
        TextVectorization(output_mode="count")(["a"])
    with pytest.raises(ValueError, match="expects string inputs"):
        TextVectorization(vocabulary=["a"])(np.array([1, 2]))
