"""TensorBoard writes event files that TensorBoard's own reader loads (when the optional
`tensorboard` package is installed), and says how to install it when it is not."""
import sys

import numpy as np
import pytest

from kerasish import callbacks
from tests.callbacks.fake_fit import FakeOptimizer, fake_fit, small_model


def test_scalars_and_histograms_load_in_tensorboard(tmp_path, backend):
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing import event_accumulator

    model = small_model()
    model.optimizer = FakeOptimizer(0.25)
    log_dir = tmp_path / "logs"
    fake_fit(model, [callbacks.TensorBoard(log_dir, histogram_freq=2, update_freq=3)],
             epochs=3, steps=2, losses=[0.5, 0.25, 0.125], val_losses=[0.75, 0.5, 0.25],
             batch_loss=lambda epoch, step: 10.0 * epoch + step)

    train = event_accumulator.EventAccumulator(str(log_dir / "train"), size_guidance={
        event_accumulator.HISTOGRAMS: 0})
    train.Reload()
    epoch_loss = train.Scalars("epoch_loss")
    assert [(e.step, e.value) for e in epoch_loss] == [(0, 0.5), (1, 0.25), (2, 0.125)]
    assert [e.value for e in train.Scalars("epoch_learning_rate")] == [0.25] * 3
    # Batch scalars every 3 batches of the run (counted from 1): batches 3 and 6.
    assert [(e.step, e.value) for e in train.Scalars("batch_loss")] == [(3, 10.0), (6, 21.0)]
    kernel_path, bias_path = [w.path for w in model.weights]  # "sequential/dense/kernel", ...
    assert sorted(train.Tags()["histograms"]) == [f"{bias_path}/histogram",
                                                  f"{kernel_path}/histogram"]
    kernel = train.Histograms(f"{kernel_path}/histogram")
    assert [h.step for h in kernel] == [0, 2]
    assert kernel[0].histogram_value.num == 6
    np.testing.assert_allclose(kernel[-1].histogram_value.sum, model.get_weights()[0].sum(),
                               rtol=1e-5)

    val = event_accumulator.EventAccumulator(str(log_dir / "validation"))
    val.Reload()
    assert [e.value for e in val.Scalars("epoch_loss")] == [0.75, 0.5, 0.25]
    # After each validation run: the evaluation logs against the optimizer's iterations.
    assert [e.value for e in val.Scalars("evaluation_loss_vs_iterations")] == [0.75, 0.5, 0.25]


def test_reads_batch_logs_only_when_writing_them(tmp_path):
    pytest.importorskip("tensorboard")
    cbs = callbacks.CallbackList([callbacks.TensorBoard(tmp_path)], verbose=0, epochs=1, steps=1)
    assert not cbs.implements("on_train_batch_end")
    cbs = callbacks.CallbackList([callbacks.TensorBoard(tmp_path, update_freq="batch")],
                                 verbose=0, epochs=1, steps=1)
    assert cbs.needs_train_batch_logs
    with pytest.raises(ValueError, match="update_freq"):
        callbacks.TensorBoard(tmp_path, update_freq="sometimes")
    with pytest.warns(UserWarning, match="`write_images` is not supported"):
        callbacks.TensorBoard(tmp_path, write_images=True)


def test_missing_package_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorboard.compat.proto", None)
    monkeypatch.setitem(sys.modules, "tensorboard", None)
    with pytest.raises(ImportError, match=r"pip install tensorboard"):
        callbacks.TensorBoard("logs")
