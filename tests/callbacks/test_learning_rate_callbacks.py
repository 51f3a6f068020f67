"""ReduceLROnPlateau and LearningRateScheduler change the optimizer's learning rate (a
kerasish.Variable, assigned through the optimizer's `learning_rate` setter)."""
import numpy as np
import pytest

from kerasish import callbacks, ops
from tests.callbacks.fake_fit import FakeOptimizer, fake_fit, small_model


def _model(lr=0.1):
    model = small_model()
    model.optimizer = FakeOptimizer(lr)
    return model


def test_reduce_lr_on_plateau(backend, capsys):
    model = _model(0.1)
    lr_variable = model.optimizer.learning_rate
    cb = callbacks.ReduceLROnPlateau(factor=0.5, patience=1, min_lr=0.02, verbose=1)
    history = fake_fit(model, [cb], epochs=6, val_losses=[1.0, 1.0, 1.0, 0.5, 0.5, 0.5])
    assert model.optimizer.learning_rate is lr_variable  # assigned, not replaced
    # As Keras: each epoch logs the rate it trained with, before any reduction at its end.
    np.testing.assert_allclose(history.history["learning_rate"],
                               [0.1, 0.1, 0.05, 0.025, 0.025, 0.02], rtol=1e-6)
    assert float(np.asarray(lr_variable)) == pytest.approx(0.02)
    out = capsys.readouterr().out
    assert "\nEpoch 2: ReduceLROnPlateau reducing learning rate to 0.05" in out
    assert out.count("ReduceLROnPlateau reducing") == 3  # 0.05, 0.025, then clipped to min_lr


def test_reduce_lr_cooldown_and_errors():
    model = _model(1.0)
    cb = callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0, cooldown=2)
    history = fake_fit(model, [cb], epochs=6, losses=[1.0] * 6)
    # Reduced at the ends of epochs 1, 3 and 5; cooldown skips epochs 2 and 4.
    assert history.history["learning_rate"] == [1.0, 1.0, 0.5, 0.5, 0.25, 0.25]
    assert float(np.asarray(model.optimizer.learning_rate)) == 0.125
    with pytest.raises(ValueError, match="does not support a factor >= 1.0"):
        callbacks.ReduceLROnPlateau(factor=2.0)


@pytest.mark.parametrize("seed", range(3))
def test_reduce_lr_matches_keras(seed):
    keras = pytest.importorskip("keras")
    values = np.round(np.random.default_rng(seed).uniform(0, 1, 15), 1).tolist()
    kwargs = dict(factor=0.5, patience=seed, cooldown=1, min_delta=0.05, min_lr=0.01)
    rates = []
    for lib in (keras.callbacks, callbacks):
        model = _model(0.4)
        cb = lib.ReduceLROnPlateau(**kwargs)
        cb.set_model(model)
        cb.on_train_begin()
        for epoch, v in enumerate(values):
            cb.on_epoch_end(epoch, {"val_loss": v})
        rates.append(float(np.asarray(model.optimizer.learning_rate)))
    assert rates[0] == pytest.approx(rates[1]), values


def test_learning_rate_scheduler(backend, capsys):
    model = _model(1.0)
    cb = callbacks.LearningRateScheduler(lambda epoch, lr: lr if epoch < 1 else lr * 0.5,
                                         verbose=1)
    history = fake_fit(model, [cb], epochs=3)
    assert history.history["learning_rate"] == [1.0, 0.5, 0.25]
    assert "\nEpoch 2: LearningRateScheduler setting learning rate to 0.5.\n" in \
        capsys.readouterr().out
    # The one-argument form, and a scalar tensor as the result.
    fake_fit(model, [callbacks.LearningRateScheduler(lambda epoch: 0.1 * (epoch + 1))], epochs=2)
    assert float(np.asarray(model.optimizer.learning_rate)) == pytest.approx(0.2)
    fake_fit(model, [callbacks.LearningRateScheduler(lambda e, lr: lr * ops.exp(-0.1))], epochs=1)
    assert float(np.asarray(model.optimizer.learning_rate)) == pytest.approx(0.2 * np.exp(-0.1))


def test_learning_rate_scheduler_errors():
    with pytest.raises(ValueError, match="should be a float. Got: 'fast'"):
        fake_fit(_model(), [callbacks.LearningRateScheduler(lambda e, lr: "fast")], epochs=1)
    with pytest.raises(ValueError, match="must be a function"):
        callbacks.LearningRateScheduler(0.1)
    model = small_model()
    model.optimizer = object()
    with pytest.raises(ValueError, match='must have a "learning_rate" attribute'):
        fake_fit(model, [callbacks.LearningRateScheduler(lambda e, lr: lr)], epochs=1)
