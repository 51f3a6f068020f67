"""Layer catalog entries: recurrent layers (ids prefixed "rnn")."""
from tests.layers.layer_catalog_case import LayerCase


class PerLibrary:
    """kwargs holding layers (cells, wrapped layers), built from the library under test:
    layer_check.make_layer calls `case.kwargs(module.layers)` for callable kwargs."""

    def __init__(self, make):
        self.make = make

    def __call__(self, layers):
        return self.make(layers)


SEQ = (2, 4, 3)
TRAIN = {"training": True}

CASES = [
    LayerCase("rnn_simple", "SimpleRNN", {"units": 3}, input_shape=SEQ),
    LayerCase("rnn_simple_seq_relu", "SimpleRNN",
              {"units": 2, "activation": "relu", "return_sequences": True}, input_shape=SEQ),
    LayerCase("rnn_simple_backwards_state", "SimpleRNN",
              {"units": 2, "go_backwards": True, "return_state": True, "use_bias": False},
              input_shape=SEQ),
    LayerCase("rnn_simple_unroll_regularized", "SimpleRNN", {
        "units": 2, "unroll": True, "kernel_regularizer": "l2", "recurrent_regularizer": "l1",
        "bias_regularizer": "l2",
        "recurrent_constraint": "non_neg", "kernel_initializer": "he_normal"}, input_shape=SEQ),
    LayerCase("rnn_lstm", "LSTM", {"units": 3}, input_shape=SEQ),
    LayerCase("rnn_lstm_seq_state", "LSTM",
              {"units": 2, "return_sequences": True, "return_state": True}, input_shape=SEQ),
    LayerCase("rnn_lstm_backwards_seq", "LSTM",
              {"units": 2, "go_backwards": True, "return_sequences": True,
               "unit_forget_bias": False, "recurrent_activation": "hard_sigmoid"},
              input_shape=SEQ),
    LayerCase("rnn_lstm_no_bias_cudnn_off", "LSTM",
              {"units": 2, "use_bias": False, "use_cudnn": False, "activation": "relu"},
              input_shape=SEQ),
    LayerCase("rnn_lstm_dropout_inference", "LSTM",
              {"units": 2, "dropout": 0.5, "recurrent_dropout": 0.3, "seed": 1},
              input_shape=SEQ),
    LayerCase("rnn_gru", "GRU", {"units": 3}, input_shape=SEQ),
    LayerCase("rnn_gru_reset_before", "GRU",
              {"units": 2, "reset_after": False, "return_sequences": True}, input_shape=SEQ),
    LayerCase("rnn_gru_backwards_state", "GRU",
              {"units": 2, "go_backwards": True, "return_state": True,
               "recurrent_activation": "hard_sigmoid"}, input_shape=SEQ),
    LayerCase("rnn_gru_reset_before_no_bias", "GRU",
              {"units": 2, "reset_after": False, "use_bias": False}, input_shape=SEQ),
    LayerCase("rnn_simple_rnn_cell", "RNN", PerLibrary(lambda L: {
        "cell": L.SimpleRNNCell(3, name="cell")}), input_shape=SEQ),
    LayerCase("rnn_lstm_cell_seq_state", "RNN", PerLibrary(lambda L: {
        "cell": L.LSTMCell(2, name="cell"), "return_sequences": True, "return_state": True}),
        input_shape=SEQ),
    LayerCase("rnn_cell_list", "RNN", PerLibrary(lambda L: {
        "cell": [L.GRUCell(2, name="c1"), L.LSTMCell(3, name="c2")],
        "return_state": True, "go_backwards": True}), input_shape=SEQ),
    LayerCase("rnn_stacked_cells", "RNN", PerLibrary(lambda L: {
        "cell": L.StackedRNNCells([L.SimpleRNNCell(2, name="c1"), L.GRUCell(2, name="c2")],
                                  name="stack"), "return_sequences": True}), input_shape=SEQ),
    LayerCase("rnn_4d_inputs_conv_free", "SimpleRNN", {"units": 2}, input_shape=(2, 5, 1)),

    LayerCase("rnn_bidirectional_lstm", "Bidirectional", PerLibrary(lambda L: {
        "layer": L.LSTM(2, name="inner")}), input_shape=SEQ),
    LayerCase("rnn_bidirectional_gru_sum_seq", "Bidirectional", PerLibrary(lambda L: {
        "layer": L.GRU(2, return_sequences=True, name="inner"), "merge_mode": "sum"}),
        input_shape=SEQ),
    LayerCase("rnn_bidirectional_mul_state", "Bidirectional", PerLibrary(lambda L: {
        "layer": L.SimpleRNN(2, return_state=True, name="inner"), "merge_mode": "mul"}),
        input_shape=SEQ),
    LayerCase("rnn_bidirectional_ave", "Bidirectional", PerLibrary(lambda L: {
        "layer": L.LSTM(2, return_sequences=True, name="inner"), "merge_mode": "ave"}),
        input_shape=SEQ),
    LayerCase("rnn_bidirectional_none_state", "Bidirectional", PerLibrary(lambda L: {
        "layer": L.LSTM(2, return_sequences=True, return_state=True, name="inner"),
        "merge_mode": None}), input_shape=SEQ),
    LayerCase("rnn_bidirectional_backward_layer", "Bidirectional", PerLibrary(lambda L: {
        "layer": L.GRU(2, name="fw"),
        "backward_layer": L.GRU(2, go_backwards=True, reset_after=False, name="bw")}),
        input_shape=SEQ),
    LayerCase("rnn_time_distributed_dense", "TimeDistributed", PerLibrary(lambda L: {
        "layer": L.Dense(2, name="inner")}), input_shape=SEQ),
    LayerCase("rnn_time_distributed_4d", "TimeDistributed", PerLibrary(lambda L: {
        "layer": L.Dense(2, activation="relu", name="inner")}), input_shape=(2, 3, 2, 4)),
    LayerCase("rnn_conv_lstm1d", "ConvLSTM1D", {"filters": 2, "kernel_size": 2},
              input_shape=(2, 3, 5, 2)),
    LayerCase("rnn_conv_lstm1d_same_seq_state", "ConvLSTM1D",
              {"filters": 2, "kernel_size": 3, "padding": "same", "return_sequences": True,
               "return_state": True}, input_shape=(2, 3, 5, 2)),
    LayerCase("rnn_conv_lstm2d", "ConvLSTM2D", {"filters": 2, "kernel_size": 2},
              input_shape=(2, 3, 4, 4, 2)),
    LayerCase("rnn_conv_lstm2d_strides_backwards", "ConvLSTM2D",
              {"filters": 2, "kernel_size": (2, 3), "strides": 2, "go_backwards": True,
               "return_sequences": True, "unit_forget_bias": False}, input_shape=(2, 3, 5, 5, 1)),
    LayerCase("rnn_conv_lstm3d", "ConvLSTM3D", {"filters": 1, "kernel_size": 2},
              input_shape=(2, 2, 3, 3, 3, 1)),
]
