"""Custom training written once: stateless_call + value_and_grad + optimizer.stateless_apply, and
fit's handling of bad data."""
import numpy as np
import pytest

import kerasish
from kerasish import layers, ops

RNG = np.random.default_rng(1)
X = RNG.normal(size=(32, 3)).astype("float32")
Y = (X @ np.array([[1.0], [-1.0], [2.0]], "float32"))


def test_custom_loop_with_stateless_pieces_learns_and_matches_fit(backend):
    kerasish.utils.set_random_seed(3)
    model = kerasish.Sequential([kerasish.Input((3,)), layers.Dense(1)])
    twin = kerasish.models.clone_model(model)
    twin.set_weights(model.get_weights())
    optimizer = kerasish.optimizers.SGD(0.05)
    optimizer.build(model.trainable_variables)
    loss_fn = kerasish.losses.MeanSquaredError()

    @ops.jit
    def step(trainable, non_trainable, opt_vars, x, y):
        def loss(t):
            out, nt = model.stateless_call(t, non_trainable, x, training=True)
            return loss_fn(y, out), nt
        (value, non_trainable), grads = ops.value_and_grad(loss, has_aux=True)(trainable)
        trainable, opt_vars = optimizer.stateless_apply(opt_vars, grads, trainable)
        return value, trainable, non_trainable, opt_vars

    state = ([v.value for v in model.trainable_variables], [v.value for v in model.non_trainable_variables],
             [v.value for v in optimizer.variables])
    losses = []
    for i in range(0, 32, 8):
        value, *state = step(*state, X[i:i + 8], Y[i:i + 8])
        losses.append(float(value))
    twin.compile(optimizer=kerasish.optimizers.SGD(0.05), loss="mse")
    history = twin.fit(X, Y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(np.mean(losses), history.history["loss"][0], rtol=1e-5)
    for value, weight in zip(state[0], twin.get_weights()):
        np.testing.assert_allclose(ops.convert_to_numpy(value), weight, rtol=1e-5, atol=1e-6)


def compiled():
    model = kerasish.Sequential([kerasish.Input((3,)), layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_nan_in_the_data(backend):
    bad = X.copy()
    bad[5, 1] = np.nan
    history = compiled().fit(bad, Y, batch_size=8, epochs=2, verbose=0)
    assert np.isnan(history.history["loss"][-1])  # documented: NaN propagates, as in Keras
    history = compiled().fit(bad, Y, batch_size=8, epochs=3, verbose=0,
                             callbacks=[kerasish.callbacks.TerminateOnNaN()])
    assert len(history.history["loss"]) == 1


def test_empty_data_and_failing_generators(backend):
    with pytest.raises(ValueError):
        compiled().fit(X[:0], Y[:0], verbose=0)

    def broken():
        yield X[:8], Y[:8]
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        compiled().fit(broken(), epochs=1, verbose=0)
