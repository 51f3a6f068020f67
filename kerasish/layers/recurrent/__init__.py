"""kerasish.layers: recurrent layers."""
from kerasish.layers.recurrent.bidirectional import Bidirectional
from kerasish.layers.recurrent.conv_lstm import ConvLSTM1D, ConvLSTM2D, ConvLSTM3D
from kerasish.layers.recurrent.gru import GRU, GRUCell
from kerasish.layers.recurrent.lstm import LSTM, LSTMCell
from kerasish.layers.recurrent.rnn import RNN
from kerasish.layers.recurrent.simple_rnn import SimpleRNN, SimpleRNNCell
from kerasish.layers.recurrent.stacked_rnn_cells import StackedRNNCells
from kerasish.layers.recurrent.time_distributed import TimeDistributed
from kerasish.layers.recurrent.wrapper import Wrapper

__all__ = ["RNN", "SimpleRNNCell", "SimpleRNN", "LSTMCell", "LSTM", "GRUCell", "GRU",
           "StackedRNNCells", "Bidirectional", "TimeDistributed", "Wrapper", "ConvLSTM1D",
           "ConvLSTM2D", "ConvLSTM3D"]
