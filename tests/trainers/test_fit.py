"""compile / fit / evaluate / predict against Keras 3, on both backends."""
import numpy as np
import pytest

import kerasish
from kerasish import layers

keras = pytest.importorskip("keras")

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 4)).astype("float32")
Y_CLASS = (X[:, 0] + X[:, 1] > 0).astype("int32")
Y_REG = (X @ np.array([1.0, -2.0, 0.5, 3.0], "float32"))[:, None]


def mlp(lib, outputs=2, activation=None):
    return lib.Sequential([lib.Input((4,)), lib.layers.Dense(8, activation="tanh"),
                           lib.layers.Dense(outputs, activation=activation)])


def twin(outputs=2, activation=None):
    ours, theirs = mlp(kerasish, outputs, activation), mlp(keras, outputs, activation)
    theirs.set_weights(ours.get_weights())
    return ours, theirs


@pytest.mark.parametrize("optimizer, loss, y, outputs, activation", [
    ("sgd", "sparse_categorical_crossentropy", Y_CLASS, 2, "softmax"),
    ("adam", "mse", Y_REG, 1, None),
    ("rmsprop", "mae", Y_REG, 1, None),
    ("adamw", "binary_crossentropy", Y_CLASS[:, None].astype("float32"), 1, "sigmoid"),
])
def test_two_epochs_match_keras(backend, optimizer, loss, y, outputs, activation):
    ours, theirs = twin(outputs, activation)
    metrics = ["mae"] if outputs == 1 and "crossentropy" not in loss else ["accuracy"]
    ours.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    theirs.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    h_ours = ours.fit(X, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    h_theirs = theirs.fit(X, y, batch_size=16, epochs=2, shuffle=False, verbose=0)
    assert sorted(h_ours.history) == sorted(h_theirs.history)
    for key in h_theirs.history:
        np.testing.assert_allclose(h_ours.history[key], h_theirs.history[key], rtol=1e-4, atol=1e-5)
    for a, b in zip(ours.get_weights(), theirs.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(ours.evaluate(X, y, verbose=0), theirs.evaluate(X, y, verbose=0), rtol=1e-4)
    np.testing.assert_allclose(ours.predict(X, verbose=0), theirs.predict(X, verbose=0), rtol=1e-4, atol=1e-5)


def multi_output(lib):
    a = lib.Input((4,), name="a")
    h = lib.layers.Dense(6, activation="relu", name="h")(a)
    cls = lib.layers.Dense(2, activation="softmax", name="cls")(h)
    reg = lib.layers.Dense(1, name="reg")(h)
    return lib.Model(a, {"cls": cls, "reg": reg})


def test_multi_output_losses_weights_and_history_names(backend):
    ours, theirs = multi_output(kerasish), multi_output(keras)
    theirs.set_weights(ours.get_weights())
    config = dict(optimizer="sgd", loss={"cls": "sparse_categorical_crossentropy", "reg": "mse"},
                  loss_weights={"cls": 1.0, "reg": 0.5}, metrics={"cls": ["accuracy"], "reg": ["mae"]})
    ours.compile(**config)
    theirs.compile(**config)
    y = {"cls": Y_CLASS, "reg": Y_REG}
    h_ours = ours.fit(X, y, batch_size=20, epochs=2, shuffle=False, verbose=0, validation_data=(X, y))
    h_theirs = theirs.fit(X, y, batch_size=20, epochs=2, shuffle=False, verbose=0, validation_data=(X, y))
    assert sorted(h_ours.history) == sorted(h_theirs.history)
    for key in h_theirs.history:
        np.testing.assert_allclose(h_ours.history[key], h_theirs.history[key], rtol=1e-4, atol=1e-5)


def test_sample_and_class_weights_match_keras(backend):
    ours, theirs = twin(2, "softmax")
    for model in (ours, theirs):
        model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", weighted_metrics=["accuracy"])
    weights = np.linspace(0.5, 2.0, len(X)).astype("float32")
    h1 = ours.fit(X, Y_CLASS, sample_weight=weights, batch_size=16, epochs=1, shuffle=False, verbose=0)
    h2 = theirs.fit(X, Y_CLASS, sample_weight=weights, batch_size=16, epochs=1, shuffle=False, verbose=0)
    for key in h2.history:
        np.testing.assert_allclose(h1.history[key], h2.history[key], rtol=1e-4)
    h1 = ours.fit(X, Y_CLASS, class_weight={0: 1.0, 1: 3.0}, batch_size=16, epochs=1, shuffle=False, verbose=0)
    h2 = theirs.fit(X, Y_CLASS, class_weight={0: 1.0, 1: 3.0}, batch_size=16, epochs=1, shuffle=False, verbose=0)
    for key in h2.history:
        np.testing.assert_allclose(h1.history[key], h2.history[key], rtol=1e-4)


def test_steps_per_execution_and_generators_give_the_same_training(backend):
    reference, _ = twin()
    grouped = kerasish.models.clone_model(reference)
    grouped.set_weights(reference.get_weights())
    reference.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    grouped.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", steps_per_execution=3)
    h1 = reference.fit(X, Y_CLASS, batch_size=8, epochs=2, shuffle=False, verbose=0)
    h2 = grouped.fit(X, Y_CLASS, batch_size=8, epochs=2, shuffle=False, verbose=0)
    np.testing.assert_allclose(h1.history["loss"], h2.history["loss"], rtol=1e-5)

    def batches():
        for i in range(0, len(X), 8):
            yield X[i:i + 8], Y_CLASS[i:i + 8]

    from_generator = kerasish.models.clone_model(reference)
    from_generator.set_weights(grouped.get_weights())
    from_generator.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    grouped.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    g1 = from_generator.fit(batches(), epochs=1, verbose=0)
    g2 = grouped.fit(X, Y_CLASS, batch_size=8, epochs=1, shuffle=False, verbose=0)
    np.testing.assert_allclose(g1.history["loss"], g2.history["loss"], rtol=1e-5)


def test_train_test_predict_on_batch(backend):
    ours, theirs = twin(2, "softmax")
    for model in (ours, theirs):
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    np.testing.assert_allclose(ours.train_on_batch(X[:10], Y_CLASS[:10]), theirs.train_on_batch(X[:10], Y_CLASS[:10]), rtol=1e-4)
    np.testing.assert_allclose(ours.test_on_batch(X[:10], Y_CLASS[:10]), theirs.test_on_batch(X[:10], Y_CLASS[:10]), rtol=1e-4)
    np.testing.assert_allclose(ours.predict_on_batch(X[:5]), theirs.predict_on_batch(X[:5]), rtol=1e-4, atol=1e-6)
    logs = ours.evaluate(X, Y_CLASS, verbose=0, return_dict=True)
    assert set(logs) == {"loss", "accuracy"}


def test_custom_train_step_runs_on_every_backend(backend):
    class Halved(kerasish.Sequential):
        """A custom step written once with the stateful API: halves every gradient."""

        def train_step(self, data):
            x, y = data
            trainable = self.trainable_variables

            def loss_fn(values):
                outputs, _ = self.stateless_call(values, [v.value for v in self.non_trainable_variables], x, training=True)
                return self.compute_loss(x, y, outputs)

            loss, grads = kerasish.ops.value_and_grad(loss_fn)([v.value for v in trainable])
            self.optimizer.apply([g * 0.5 for g in grads], trainable)
            self._loss_tracker.update_state(loss)
            return {"loss": self._loss_tracker.result()}

    model = Halved([kerasish.Input((4,)), layers.Dense(1)])
    model.compile(optimizer=kerasish.optimizers.SGD(0.1), loss="mse")
    before = model.evaluate(X, Y_REG, verbose=0)
    history = model.fit(X, Y_REG, batch_size=10, epochs=3, verbose=0)
    assert history.history["loss"][-1] < before


def test_errors(backend):
    model = mlp(kerasish)
    with pytest.raises(ValueError, match=r"You must call `compile\(\)`"):
        model.fit(X, Y_CLASS, verbose=0)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match="x.*40.*y.*39|39.*40"):
        model.fit(X, Y_CLASS[:-1], verbose=0)
    with pytest.raises(ValueError, match="expected axis -1 of input shape to have value 4"):
        model.fit(np.zeros((8, 3), "float32"), Y_CLASS[:8], verbose=0)
    with pytest.raises(ValueError, match="loss identifier: 'not_a_loss'"):
        mlp(kerasish).compile(optimizer="sgd", loss="not_a_loss")
    with pytest.raises(ValueError, match="Unknown|not_an_optimizer"):
        mlp(kerasish).compile(optimizer="not_an_optimizer", loss="mse")


def test_an_interrupted_fit_leaves_the_model_usable(backend):
    """On JAX the epoch's state buffers are donated; an exception mid-epoch must still leave
    the variables holding the latest state, not deleted buffers."""
    model = mlp(kerasish)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    before = model.get_weights()

    def two_batches_then_fail():
        yield X[:8], Y_CLASS[:8]
        yield X[8:16], Y_CLASS[8:16]
        raise RuntimeError("the data source broke")

    with pytest.raises(RuntimeError, match="the data source broke"):
        model.fit(two_batches_then_fail(), epochs=1, verbose=0)
    after = model.get_weights()
    assert any(not np.allclose(a, b) for a, b in zip(before, after)), "the two steps were lost"
    assert np.all(np.isfinite(model.predict(X, verbose=0)))
    history = model.fit(X, Y_CLASS, batch_size=8, epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0])


def test_set_random_seed_makes_fit_reproducible(backend):
    """Initial weights, dropout masks and shuffling all follow kerasish.utils.set_random_seed."""
    def run(seed):
        kerasish.utils.set_random_seed(seed)
        model = kerasish.Sequential([kerasish.Input((4,)), layers.Dense(8, activation="relu"),
                                     layers.Dropout(0.5), layers.Dense(2)])
        model.compile(optimizer="adam", loss=kerasish.losses.SparseCategoricalCrossentropy(from_logits=True))
        history = model.fit(X, Y_CLASS, batch_size=8, epochs=2, shuffle=True, verbose=0)
        return history.history["loss"], model.get_weights()

    (loss_a, weights_a), (loss_b, weights_b), (loss_c, _) = run(1), run(1), run(2)
    assert loss_a == loss_b
    for a, b in zip(weights_a, weights_b):
        np.testing.assert_array_equal(a, b)
    assert loss_a != loss_c


def test_sparse_labels_out_of_range_are_refused_before_the_step(backend):
    model = mlp(kerasish, 2, "softmax")
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    bad = Y_CLASS.copy()
    bad[30] = 2  # the model predicts 2 classes: labels must be 0 or 1
    with pytest.raises(ValueError, match=r"label value of 2 .*valid range of \[0, 2\) for output"):
        model.fit(X, bad, batch_size=8, epochs=1, verbose=0)
    with pytest.raises(ValueError, match=r"label value of -1"):
        model.evaluate(X[:4], np.array([0, 1, -1, 0]), verbose=0)
    with pytest.raises(ValueError, match=r"label value of 7"):
        model.train_on_batch(X[:2], np.array([7, 0]))
    ignoring = mlp(kerasish, 2, "softmax")
    ignoring.compile(optimizer="sgd", loss=kerasish.losses.SparseCategoricalCrossentropy(ignore_class=-1))
    labels = Y_CLASS.copy()
    labels[::5] = -1  # ignored, so allowed
    assert np.isfinite(ignoring.fit(X, labels, batch_size=8, verbose=0).history["loss"][0])
