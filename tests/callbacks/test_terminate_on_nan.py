"""TerminateOnNaN stops training (or raises) on a NaN or infinite batch loss."""
import math

import pytest

from kerasish import callbacks
from tests.callbacks.fake_fit import fake_fit, small_model


def _loss(epoch, step):
    return math.nan if (epoch, step) == (1, 0) else 1.0


def test_stops_training(capsys, backend):
    model = small_model()
    ended = []
    history = fake_fit(model, [callbacks.TerminateOnNaN(),
                               callbacks.LambdaCallback(on_train_end=ended.append)],
                       epochs=4, steps=3, batch_loss=_loss)
    assert model.stop_training is True and history.epoch == [0, 1] and len(ended) == 1
    assert capsys.readouterr().out == "Batch 0: Invalid loss, terminating training\n"


def test_inf_and_raise_error():
    with pytest.raises(RuntimeError, match="NaN or Inf loss encountered at batch 0. Loss value: inf"):
        fake_fit(small_model(), [callbacks.TerminateOnNaN(raise_error=True)], epochs=2,
                 batch_loss=lambda e, s: math.inf)
