"""Recurrent layers beyond the catalog: masks, states, initial states, wrappers with masks,
custom cells, dropout in training, symbolic time dimensions, a small fit, and error messages,
against Keras 3 where it defines the behaviour."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

keras = pytest.importorskip("keras")


def np_(x):
    return kerasish.tree.map_structure(lambda t: np.asarray(ops.convert_to_numpy(t)), x)


def _seq(shape=(2, 4, 3), seed=0):
    return np.random.RandomState(seed).randn(*shape).astype("float32")


# Token ids with padding (0) at the end of one row and in the middle of another.
TOKENS = np.array([[3, 5, 2, 0, 0], [0, 4, 0, 7, 1]], dtype="int32")


def _embedding_model(lib, rnn):
    inputs = lib.Input(shape=(5,), dtype="int32")
    x = lib.layers.Embedding(9, 3, mask_zero=True)(inputs)
    return lib.Model(inputs, rnn(x))


def _compare_models(ours, theirs, x):
    theirs.set_weights(ours.get_weights())
    for a, b in zip(kerasish.tree.flatten(np_(ours(x))), kerasish.tree.flatten(theirs(x))):
        np.testing.assert_allclose(a, np.asarray(b), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kind,kwargs", [
    ("LSTM", {"return_sequences": True}),
    ("LSTM", {"return_state": True}),
    ("GRU", {"return_sequences": True, "go_backwards": True}),
    ("SimpleRNN", {}),
])
def test_embedding_mask_zero_matches_keras(backend, kind, kwargs):
    ours = _embedding_model(kerasish, lambda x: getattr(layers, kind)(2, **kwargs)(x))
    theirs = _embedding_model(keras, lambda x: getattr(keras.layers, kind)(2, **kwargs)(x))
    _compare_models(ours, theirs, TOKENS)


def test_masked_steps_carry_state_and_repeat_output(backend):
    layer = layers.LSTM(2, return_sequences=True)
    x = _seq((1, 4, 3))
    mask = np.array([[True, False, False, True]])
    out = np_(layer(x, mask=mask))
    np.testing.assert_allclose(out[0, 1], out[0, 0])
    np.testing.assert_allclose(out[0, 2], out[0, 0])
    # The last step continues from the state after step 0, as if steps 1-2 were not there.
    skipped = np_(layer(x[:, [0, 3]]))
    np.testing.assert_allclose(out[0, 3], skipped[0, 1], rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("merge_mode", ["concat", "sum", "mul", "ave", None])
def test_bidirectional_with_mask_matches_keras(backend, merge_mode):
    def model(lib):
        return _embedding_model(lib, lambda x: lib.layers.Bidirectional(
            lib.layers.GRU(2, return_sequences=True), merge_mode=merge_mode)(x))
    _compare_models(model(kerasish), model(keras), TOKENS)


def test_initial_state_and_return_state_match_keras(backend):
    x = _seq()
    h0, c0 = _seq((2, 2), 1), _seq((2, 2), 2)
    ours = layers.LSTM(2, return_sequences=True, return_state=True)
    out = np_(ours(x, initial_state=[h0, c0]))
    theirs = keras.layers.LSTM(2, return_sequences=True, return_state=True)
    theirs(x, initial_state=[h0, c0])
    theirs.set_weights(ours.get_weights())
    expected = theirs(x, initial_state=[h0, c0])
    assert len(out) == 3
    for a, b in zip(out, expected):
        np.testing.assert_allclose(a, np.asarray(b), rtol=1e-5, atol=1e-5)
    # The states are the last step's h and c; the initial state changes the result.
    np.testing.assert_allclose(out[1], out[0][:, -1])
    assert not np.allclose(np_(ours(x))[0], out[0])


def test_initial_state_from_symbolic_tensors(backend):
    seq = kerasish.Input((None, 3))
    h0 = kerasish.Input((2,))
    out = layers.GRU(2)(seq, initial_state=h0)
    model = kerasish.Model([seq, h0], out)
    assert out.shape == (None, 2)
    assert np_(model([_seq(), _seq((2, 2), 1)])).shape == (2, 2)


def test_stateful_carries_state_and_resets(backend):
    layer = layers.SimpleRNN(2, stateful=True, return_sequences=True)
    x = _seq((2, 6, 3))
    first, second = np_(layer(x[:, :3])), np_(layer(x[:, 3:]))
    assert len(layer.weights) == 3 and layer.states is not None  # states are not weights
    assert all(not v.trainable for v in kerasish.tree.flatten(layer.states))
    assert any(v is layer.states[0] for v in layer.non_trainable_variables)
    layer.reset_states()
    whole = np_(layer(x))
    np.testing.assert_allclose(np.concatenate([first, second], axis=1), whole, atol=1e-6)
    layer.reset_states()
    np.testing.assert_allclose(np_(layer(x[:, :3])), first, atol=1e-6)
    np.testing.assert_array_equal(np_(layer.states[0].value) != 0, True)
    layer.reset_states()
    np.testing.assert_array_equal(np_(layer.states[0].value), 0)


def test_stateful_matches_keras_and_rejects_other_batch(backend):
    x = _seq((2, 4, 3))
    ours, theirs = layers.GRU(2, stateful=True), keras.layers.GRU(2, stateful=True)
    ours(x), theirs(x)
    theirs.set_weights(ours.get_weights())
    ours.reset_states(), theirs.reset_states()
    for _ in range(2):
        np.testing.assert_allclose(np_(ours(x)), np.asarray(theirs(x)), rtol=1e-5, atol=1e-5)
    with pytest.raises(ValueError, match="stateful"):
        ours(_seq((3, 4, 3)))
    with pytest.raises(ValueError, match="batch size must be static"):
        layers.LSTM(2, stateful=True)(kerasish.Input((4, 3)))


@kerasish.saving.register_keras_serializable(package="kerasish_test_rnn")
class MinimalCell(layers.Layer):
    """The custom cell of Keras's RNN docstring."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        h = ops.matmul(inputs, self.kernel) + ops.matmul(states[0], self.recurrent_kernel)
        return h, [h]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


class KerasMinimalCell(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        h = keras.ops.matmul(inputs, self.kernel) + keras.ops.matmul(states[0],
                                                                     self.recurrent_kernel)
        return h, [h]


@pytest.mark.parametrize("cells", [1, 2])
def test_custom_cells_match_keras(backend, cells):
    x = _seq()
    ours = layers.RNN([MinimalCell(2) for _ in range(cells)] if cells > 1 else MinimalCell(2),
                      return_sequences=True)
    theirs = keras.layers.RNN([KerasMinimalCell(2) for _ in range(cells)] if cells > 1
                              else KerasMinimalCell(2), return_sequences=True)
    out = np_(ours(x))
    theirs(x)
    theirs.set_weights(ours.get_weights())
    np.testing.assert_allclose(out, np.asarray(theirs(x)), rtol=1e-5, atol=1e-5)
    clone = layers.RNN.from_config(ours.get_config())
    clone(x)
    clone.set_weights(ours.get_weights())
    np.testing.assert_allclose(np_(clone(x)), out, atol=1e-6)


def test_time_distributed_with_mask_and_rnn(backend):
    def model(lib):
        inputs = lib.Input(shape=(5,), dtype="int32")
        x = lib.layers.Embedding(9, 3, mask_zero=True)(inputs)
        x = lib.layers.TimeDistributed(lib.layers.Dense(2))(x)
        return lib.Model(inputs, lib.layers.LSTM(2)(x))
    _compare_models(model(kerasish), model(keras), TOKENS)


@pytest.mark.parametrize("kind", ["LSTM", "GRU", "SimpleRNN"])
def test_dropout_only_in_training(backend, kind):
    layer = getattr(layers, kind)(3, dropout=0.5, recurrent_dropout=0.5, seed=3,
                                  return_sequences=True)
    x = _seq((2, 4, 3))
    inference = np_(layer(x))
    plain = getattr(layers, kind)(3, return_sequences=True)
    plain(x)
    plain.set_weights(layer.get_weights())
    np.testing.assert_allclose(inference, np_(plain(x)), atol=1e-6)
    trained = np_(layer(x, training=True))
    assert not np.allclose(trained, inference)
    assert not np.allclose(np_(layer(x, training=True)), trained)  # the seed advances


@pytest.mark.parametrize("make,shape", [
    (lambda: layers.GRU(2, dropout=0.5, recurrent_dropout=0.5, seed=1), (2, 4, 3)),
    (lambda: layers.RNN([layers.LSTMCell(2, dropout=0.5, seed=1),
                         layers.GRUCell(2, recurrent_dropout=0.5, seed=2)]), (2, 4, 3)),
    (lambda: layers.ConvLSTM1D(2, 2, dropout=0.5, recurrent_dropout=0.5, seed=1), (2, 3, 4, 2)),
])
def test_dropout_in_jitted_stateless_call(backend, make, shape):
    layer = make()
    x = _seq(shape)
    layer(x)
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]
    step = ops.jit(lambda t, n, x: layer.stateless_call(t, n, x, training=True))
    out, new_non_trainable = step(trainable, non_trainable, x)
    eval_out, _ = layer.stateless_call(trainable, non_trainable, x)
    assert np_(out).shape == np_(eval_out).shape
    assert not np.allclose(np_(out), np_(eval_out))
    assert any(not np.array_equal(np_(a), np_(b))
               for a, b in zip(new_non_trainable, non_trainable))  # seed states advanced


def test_unknown_time_dimension_builds_symbolically(backend):
    inputs = kerasish.Input((None, 3))
    x = layers.Bidirectional(layers.LSTM(2, return_sequences=True))(inputs)
    x = layers.TimeDistributed(layers.Dense(1))(x)
    outputs = layers.GRU(2, go_backwards=True)(x)
    assert x.shape == (None, None, 1) and outputs.shape == (None, 2)
    model = kerasish.Model(inputs, outputs)
    assert np_(model(_seq((2, 4, 3)))).shape == (2, 2)
    assert np_(model(_seq((2, 6, 3)))).shape == (2, 2)


def test_lstm_fit_reduces_loss(backend):
    kerasish.utils.set_random_seed(0)
    x = _seq((16, 5, 2))
    y = x.sum(axis=(1, 2))[:, None].astype("float32")
    model = kerasish.Sequential([kerasish.Input((5, 2)), layers.LSTM(4), layers.Dense(1)])
    model.compile(optimizer=kerasish.optimizers.Adam(0.05), loss="mse")
    history = model.fit(x, y, epochs=5, batch_size=8, verbose=0).history["loss"]
    assert history[-1] < history[0]


def test_stateful_fit_updates_states(backend):
    model = kerasish.Sequential([kerasish.Input((3, 2), batch_size=4),
                                 layers.SimpleRNN(2, stateful=True), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(_seq((8, 3, 2)), np.ones((8, 1), "float32"), batch_size=4, epochs=1, verbose=0,
              shuffle=False)
    assert np.any(np_(model.layers[0].states[0].value) != 0)


def test_errors(backend):
    with pytest.raises(ValueError, match="ndim|rank|dimension"):
        layers.LSTM(2)(_seq((2, 3)))
    with pytest.raises(ValueError, match="rank >= 3"):
        layers.RNN(layers.SimpleRNNCell(2))(_seq((2, 3)))
    with pytest.raises(ValueError, match="merge mode"):
        layers.Bidirectional(layers.LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="Layer instance"):
        layers.Bidirectional("lstm")
    with pytest.raises(ValueError, match="`call` method"):
        layers.RNN(object())
    with pytest.raises(ValueError, match="state_size"):
        layers.RNN(layers.Dense(2))
    with pytest.raises(ValueError, match="units"):
        layers.GRU(0)
    with pytest.raises(ValueError, match="use_cudnn"):
        layers.LSTM(2, use_cudnn="yes")
    with pytest.raises(ValueError, match="initial state"):
        layers.LSTM(2)(_seq(), initial_state=[np.zeros((2, 2), "float32")])
    with pytest.raises(ValueError, match="go_backwards"):
        layers.Bidirectional(layers.GRU(2), backward_layer=layers.GRU(2))
    with pytest.raises(ValueError, match="at least 3 dimensions"):
        layers.TimeDistributed(layers.Dense(2))(_seq((2, 3)))
    with pytest.raises(ValueError, match="unroll"):
        layers.SimpleRNN(2, unroll=True)(kerasish.Input((None, 3)))


def test_returned_states_carry_no_mask(backend):
    """With return_sequences and return_state, only the sequence output keeps the mask (as
    Keras): compute_mask's [mask, None, None] is applied per output."""
    from kerasish.backend.masking import get_keras_mask
    tokens = kerasish.Input((4,), dtype="int32")
    embedded = kerasish.layers.Embedding(6, 3, mask_zero=True)(tokens)
    sequence, h, c = kerasish.layers.LSTM(2, return_sequences=True, return_state=True)(embedded)
    assert get_keras_mask(sequence) is not None
    assert get_keras_mask(h) is None and get_keras_mask(c) is None
