"""Preprocessing layers beyond the catalog: adapt (Normalization, Discretization) against Keras,
configs after adapt, count_weights, errors; and Hashing, whose bins must equal Keras's (Keras
needs TensorFlow for it, so its docstring examples and published hash test vectors are the
oracle). Lookup layers: test_lookup_layers.py; TextVectorization: test_text_vectorization.py."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops
from kerasish.layers.preprocessing.string_hashing import fingerprint64, siphash64


def _np(x):
    return np.asarray(ops.convert_to_numpy(x))


# -- Normalization ----------------------------------------------------------------------------
def test_normalization_adapt_matches_keras(backend):
    keras = pytest.importorskip("keras")
    x = np.random.RandomState(0).randn(8, 3, 2).astype("float32") * 3 + 1
    for axis in (-1, (1, 2), None):
        ours, theirs = layers.Normalization(axis=axis), keras.layers.Normalization(axis=axis)
        ours.adapt(x)
        theirs.adapt(x)
        np.testing.assert_allclose(_np(ours(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-5)
        for a, b in zip(ours.get_weights()[:2], theirs.get_weights()[:2]):
            np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_normalization_adapt_batches(backend):
    # Keras adapts from an iterable only with TensorFlow installed: the oracle is the statistics
    # of all batches together, and Keras's Normalization given them.
    keras = pytest.importorskip("keras")
    rng = np.random.RandomState(1)
    batches = [rng.randn(n, 2).astype("float32") * 2 + 5 for n in (3, 5, 4)]
    ours = layers.Normalization()
    ours.adapt(iter(batches))
    x = np.concatenate(batches)
    np.testing.assert_allclose(ours.get_weights()[0], x.mean(0), rtol=1e-5)
    np.testing.assert_allclose(ours.get_weights()[1], x.var(0), rtol=1e-4)
    theirs = keras.layers.Normalization(mean=x.mean(0), variance=x.var(0))
    np.testing.assert_allclose(_np(ours(x)), np.asarray(theirs(x)), rtol=1e-4, atol=1e-5)


def test_normalization_invert_round_trips(backend):
    x = np.array([[1.0, 2.0], [3.0, 8.0]], "float32")
    norm = layers.Normalization()
    norm.adapt(x)
    denorm = layers.Normalization(invert=True)
    denorm.adapt(x)
    np.testing.assert_allclose(_np(denorm(norm(x))), x, rtol=1e-5)


def test_normalization_in_a_jitted_model(backend):
    x = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]], "float32")
    norm = layers.Normalization()
    norm.adapt(x)
    model = kerasish.Sequential([kerasish.Input((2,)), norm])
    np.testing.assert_allclose(model.predict(x, verbose=0), _np(norm(x)), rtol=1e-5)
    np.testing.assert_allclose(np.mean(_np(norm(x)), 0), [0, 0], atol=1e-6)


def test_normalization_errors():
    with pytest.raises(ValueError, match="both `mean` and `variance`"):
        layers.Normalization(mean=1.0)
    with pytest.raises(ValueError, match="same shape"):
        layers.Normalization(mean=[1.0, 2.0], variance=[1.0])
    with pytest.raises(ValueError, match="axis"):
        layers.Normalization(axis=3)(np.ones((2, 3), "float32"))
    norm = layers.Normalization()
    norm.adapt(np.ones((4, 3), "float32"))
    with pytest.raises(ValueError, match="incompatible shape"):
        norm.adapt(np.ones((4, 2), "float32"))


# -- Discretization ---------------------------------------------------------------------------
def _keras_bin_boundaries(batches, num_bins, epsilon=0.01):
    """Keras's own adapt algorithm (its adapt() needs TensorFlow to check for tf.data)."""
    from keras.src.layers.preprocessing import discretization as kd
    summary = np.array([[], []], dtype="float32")
    for batch in batches:
        summary = kd.merge_summaries(kd.summarize(np.array(batch).astype("float32"), epsilon),
                                     summary, epsilon)
    return kd.get_bin_boundaries(summary, num_bins).tolist()


def test_discretization_adapt_matches_keras(backend):
    keras = pytest.importorskip("keras")
    x = np.random.RandomState(2).randn(50, 3).astype("float32")
    for kwargs in ({"num_bins": 4}, {"num_bins": 3, "epsilon": 0.1, "output_mode": "count"}):
        ours = layers.Discretization(**kwargs)
        ours.adapt(x)
        boundaries = _keras_bin_boundaries([x], kwargs["num_bins"], kwargs.get("epsilon", 0.01))
        np.testing.assert_allclose(ours.bin_boundaries, boundaries, rtol=1e-6)
        theirs = keras.layers.Discretization(bin_boundaries=boundaries,
                                             output_mode=kwargs.get("output_mode", "int"))
        out, expected = _np(ours(x)), np.asarray(theirs(x))
        assert out.dtype == expected.dtype
        np.testing.assert_array_equal(out, expected)
        theirs_config = {**theirs.get_config(), "num_bins": kwargs["num_bins"],
                         "epsilon": kwargs.get("epsilon", 0.01), "name": ours.name}
        assert ours.get_config() == theirs_config


def test_discretization_adapt_batches_matches_keras(backend):
    rng = np.random.RandomState(3)
    batches = [rng.rand(20).astype("float32") for _ in range(3)]
    ours = layers.Discretization(num_bins=5)
    ours.adapt(iter(batches))
    np.testing.assert_allclose(ours.bin_boundaries, _keras_bin_boundaries(batches, 5), rtol=1e-6)
    steps = layers.Discretization(num_bins=5)
    steps.adapt(iter(batches), steps=1)
    np.testing.assert_allclose(steps.bin_boundaries, _keras_bin_boundaries(batches[:1], 5))


def test_discretization_keras_example_and_config(backend):
    layer = layers.Discretization(bin_boundaries=[0.0, 1.0, 2.0])
    x = np.array([[-1.5, 1.0, 3.4, 0.5], [0.0, 3.0, 1.3, 0.0]], "float32")
    np.testing.assert_array_equal(_np(layer(x)), [[0, 2, 3, 1], [1, 3, 2, 1]])
    adapted = layers.Discretization(num_bins=4, epsilon=0.01)
    adapted.adapt(x)
    config = adapted.get_config()
    assert config["bin_boundaries"] == adapted.bin_boundaries and config["num_bins"] == 4
    clone = layers.Discretization.from_config(config)
    np.testing.assert_array_equal(_np(clone(x)), _np(adapted(x)))


def test_discretization_errors():
    with pytest.raises(ValueError, match="either `num_bins` or `bin_boundaries`"):
        layers.Discretization()
    with pytest.raises(ValueError, match="should not be set"):
        layers.Discretization(num_bins=2, bin_boundaries=[0.0])
    with pytest.raises(ValueError, match="output_mode"):
        layers.Discretization(num_bins=2, output_mode="tf_idf")
    with pytest.raises(ValueError, match="call `adapt"):
        layers.Discretization(num_bins=2)(np.ones((2, 2), "float32"))
    with pytest.raises(ValueError, match="use `num_bins` instead"):
        layers.Discretization(bin_boundaries=[0.0]).adapt(np.ones(3))


# -- CategoryEncoding and Rescaling -----------------------------------------------------------
def test_category_encoding_count_weights_matches_keras(backend):
    keras = pytest.importorskip("keras")
    x = np.array([[0, 1], [0, 0], [1, 2], [3, 1]], "int32")
    w = np.array([[0.1, 0.2], [0.1, 0.1], [0.2, 0.3], [0.4, 0.2]], "float32")
    ours = layers.CategoryEncoding(num_tokens=4, output_mode="count")(x, count_weights=w)
    theirs = keras.layers.CategoryEncoding(num_tokens=4, output_mode="count")(x, count_weights=w)
    np.testing.assert_allclose(_np(ours), np.asarray(theirs), rtol=1e-6)


def test_category_encoding_errors():
    with pytest.raises(ValueError, match="num_tokens must be set"):
        layers.CategoryEncoding()
    with pytest.raises(ValueError, match="output_mode"):
        layers.CategoryEncoding(num_tokens=3, output_mode="int")
    with pytest.raises(ValueError, match="count_weights"):
        layers.CategoryEncoding(num_tokens=3, output_mode="one_hot")(
            np.array([0, 1]), count_weights=np.array([1.0, 1.0]))


def test_rescaling_array_scale_config_matches_keras(backend):
    keras = pytest.importorskip("keras")
    scale = np.array([0.5, 2.0, 4.0], "float32")
    ours, theirs = layers.Rescaling(scale, offset=1.0), keras.layers.Rescaling(scale, offset=1.0)
    x = np.ones((2, 3), "float32")
    np.testing.assert_allclose(_np(ours(x)), np.asarray(theirs(x)))
    config = ours.get_config()
    assert config["scale"] == {**theirs.get_config()["scale"]}
    np.testing.assert_allclose(_np(layers.Rescaling.from_config(config)(x)), _np(ours(x)))


# -- Hashing ----------------------------------------------------------------------------------
def test_hash_functions_match_published_vectors():
    assert fingerprint64(b"") == 0x9AE16A3B2F90404F  # FarmHash: k2 for the empty string
    # SipHash-2-4 paper, appendix A: key 00..0f, message 00..0e.
    key = (0x0706050403020100, 0x0F0E0D0C0B0A0908)
    assert siphash64(key, bytes(range(15))) == 0xA129CA6149BE45E5
    assert siphash64(key, b"") == 0x726FDB47DD0E0E31  # the reference's first vector
    # TensorFlow's documented examples of to_hash_bucket_fast / _strong.
    assert [fingerprint64(s) % 3 for s in (b"Hello", b"TensorFlow", b"2.x")] == [0, 2, 2]
    assert [siphash64((1, 2), s) % 3 for s in (b"Hello", b"TF")] == [2, 0]
    # Every length path (0-16, 17-32, 33-64, >64 bytes) gives a 64-bit value, deterministically.
    for n in (5, 12, 20, 40, 64, 65, 200):
        value = fingerprint64(bytes(range(n)))
        assert 0 <= value < 2 ** 64 and value == fingerprint64(bytes(range(n)))


def test_hashing_keras_docstring_examples(backend):
    inp = [["A"], ["B"], ["C"], ["D"], ["E"]]
    out = layers.Hashing(num_bins=3)(inp)
    assert _np(out).dtype == np.int64
    np.testing.assert_array_equal(_np(out), [[1], [0], [1], [1], [2]])
    masked = layers.Hashing(num_bins=3, mask_value="")([["A"], ["B"], [""], ["C"], ["D"]])
    np.testing.assert_array_equal(_np(masked), [[1], [1], [0], [2], [2]])
    np.testing.assert_array_equal(_np(layers.Hashing(num_bins=3, salt=[133, 137])(inp)),
                                  [[1], [2], [1], [0], [2]])
    np.testing.assert_array_equal(_np(layers.Hashing(num_bins=3, salt=133)(inp)),
                                  [[0], [0], [2], [1], [0]])


def test_hashing_integers_and_encodings(backend):
    ints = np.array([[0], [1], [2], [3], [4]])
    np.testing.assert_array_equal(_np(layers.Hashing(num_bins=3)(ints)).ravel(), [1, 0, 1, 0, 2])
    np.testing.assert_array_equal(  # integers hash as their decimal strings
        _np(layers.Hashing(num_bins=3)(ints)), _np(layers.Hashing(num_bins=3)(ints.astype(str))))
    one_hot = _np(layers.Hashing(num_bins=3, output_mode="one_hot")([["A"], ["B"]]))
    np.testing.assert_array_equal(one_hot, [[0, 1, 0], [1, 0, 0]])
    assert one_hot.dtype == np.float32
    multi = _np(layers.Hashing(num_bins=3, output_mode="multi_hot")([["A", "B", "C"]]))
    np.testing.assert_array_equal(multi, [[1, 1, 0]])
    count = _np(layers.Hashing(num_bins=3, output_mode="count")([["A", "B", "C"]]))
    np.testing.assert_array_equal(count, [[1, 2, 0]])


def test_hashing_config_round_trip():
    layer = layers.Hashing(num_bins=5, salt=7, mask_value="x", output_mode="count")
    config = layer.get_config()
    assert config["salt"] == [7, 7] and config["dtype"]["config"]["name"] == "float32"
    clone = layers.Hashing.from_config(config)
    assert clone.get_config() == config
    data = [["a", "b", "x"]]
    np.testing.assert_array_equal(_np(clone(data)), _np(layer(data)))


def test_hashing_errors():
    with pytest.raises(ValueError, match="num_bins"):
        layers.Hashing(num_bins=0)
    with pytest.raises(ValueError, match="salt"):
        layers.Hashing(num_bins=2, salt="string")
    with pytest.raises(ValueError, match="salt"):
        layers.Hashing(num_bins=2, salt=[1, 2, 3])
    with pytest.raises(ValueError, match="output_mode"):
        layers.Hashing(num_bins=2, output_mode="tf_idf")
    with pytest.raises(ValueError, match="integer type"):
        layers.Hashing(num_bins=2, dtype="float32")
    with pytest.raises(ValueError, match="symbolic"):
        layers.Hashing(num_bins=2)(kerasish.Input((1,), dtype="int64"))
