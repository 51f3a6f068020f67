"""ProgbarLogger output: verbose 0 silent, 2 one line per epoch, 1 a tqdm bar on a terminal and
one clean line per epoch elsewhere (no carriage returns, no colour codes)."""
import re

import pytest

from kerasish import callbacks
from kerasish.callbacks import progbar_logger
from kerasish.callbacks.progbar_logger import format_value
from tests.callbacks.fake_fit import fake_fit, scalar, small_model

STEP_TIME = r"- \d+(us|ms|s)/step"


def _lines(text):
    return re.sub(STEP_TIME, "- T/step", text).splitlines()


def test_verbose_0_is_silent(capsys):
    fake_fit(small_model(), epochs=2, verbose=0, val_losses=[0.6, 0.3])
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("verbose", [2, 1, "auto"])
def test_one_line_per_epoch_when_not_a_terminal(capsys, verbose):
    fake_fit(small_model(), epochs=2, steps=2, losses=[0.5, 0.25], val_losses=[0.6, 0.0001],
             verbose=verbose, metrics={"accuracy": [0.75, 1.0]})
    out = capsys.readouterr().out
    assert "\r" not in out and "\x1b" not in out and "\b" not in out
    assert _lines(out) == [
        "Epoch 1/2",
        "2/2 - 0s - T/step - accuracy: 0.7500 - loss: 0.5000 - val_loss: 0.6000",
        "Epoch 2/2",
        "2/2 - 0s - T/step - accuracy: 1.0000 - loss: 0.2500 - val_loss: 1.0000e-04",
    ]


def test_single_epoch_has_no_epoch_header(capsys):
    fake_fit(small_model(), epochs=1, steps=12, losses=[0.5], verbose=2)
    assert _lines(capsys.readouterr().out) == ["12/12 - 0s - T/step - loss: 0.5000"]


def test_live_bar_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(progbar_logger, "_is_interactive", lambda stream: True)
    monkeypatch.setattr(progbar_logger, "_REDRAW_INTERVAL", 0.0)  # redraw at every batch
    fake_fit(small_model(), epochs=2, steps=3, losses=[0.5, 0.25], val_losses=[0.6, 0.3],
             verbose=1, batch_loss=lambda epoch, step: 10.0 + step)
    out = capsys.readouterr().out
    assert "Epoch 1/2\n" in out and "Epoch 2/2\n" in out
    assert "\r" in out  # the bar redraws in place
    assert "loss: 11.0000" in out  # live batch logs in the postfix
    finals = [line.split("\r")[-1] for line in out.splitlines() if "val_loss" in line]
    assert len(finals) == 2
    assert re.fullmatch(r"3/3 \S{20} \d\d:\d\d<\d\d:\d\d, \d+(us|ms|s)/step - loss: 0\.5000 - "
                        r"val_loss: 0\.6000", finals[0].rstrip()), finals[0]


def test_evaluate_and_predict_lines(capsys):
    cbs = callbacks.CallbackList([], add_progbar=True, verbose=1, epochs=1, steps=3)
    cbs.on_test_begin()
    for step in range(3):
        cbs.on_test_batch_begin(step)
        cbs.on_test_batch_end(step, {"loss": scalar(0.5)})
    cbs.on_test_end({"loss": scalar(0.5), "mae": scalar(0.25)})
    cbs = callbacks.CallbackList([], add_progbar=True, verbose=2, epochs=1, steps=None)
    cbs.on_predict_begin()
    for step in range(2):
        cbs.on_predict_batch_begin(step)
        cbs.on_predict_batch_end(step, {"outputs": scalar(1.0)})
    cbs.on_predict_end()
    assert _lines(capsys.readouterr().out) == ["3/3 - 0s - T/step - loss: 0.5000 - mae: 0.2500",
                                               "2/2 - 0s - T/step"]


def test_value_format_as_keras():
    assert format_value(0.123456) == "0.1235"
    assert format_value(-2.5) == "-2.5000"
    assert format_value(0.0) == "0.0000e+00"
    assert format_value(1e-5) == "1.0000e-05"
    assert format_value("abc") == "abc"
