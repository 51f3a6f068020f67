"""Two epochs of fit equal Keras 3's, for each optimizer and each loss, on both backends.

Same initial weights, unshuffled data: the loss history and the final weights must agree at float32
tolerance. Keras (the oracle) runs each case once, eagerly (no compile), and its result is reused
for both kerasish backends.
"""
import functools

import numpy as np
import pytest

import kerasish

keras = pytest.importorskip("keras")

RNG = np.random.default_rng(7)
X = RNG.normal(size=(24, 4)).astype("float32")
LABELS = RNG.integers(0, 3, size=24).astype("int32")
ONE_HOT = np.eye(3, dtype="float32")[LABELS]
REGRESSION = (X[:, :3] * np.array([1.0, -2.0, 0.5], "float32") + 0.1).astype("float32")
POSITIVE = (np.abs(REGRESSION) + 0.5).astype("float32")
BINARY = (RNG.random(size=(24, 3)) > 0.5).astype("float32")
SIGNS = BINARY * 2.0 - 1.0
PROBABILITIES = (POSITIVE / POSITIVE.sum(axis=1, keepdims=True)).astype("float32")



# (class name, constructor kwargs): every Keras 3 optimizer, with its distinctive options.
OPTIMIZERS = [
    ("SGD", {"learning_rate": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"learning_rate": 0.05, "clipnorm": 0.5}),
    ("Adam", {"learning_rate": 0.01, "amsgrad": True}),
    ("Adam", {"learning_rate": 0.01, "global_clipnorm": 0.3}),
    ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.1}),
    ("Adamax", {"learning_rate": 0.01, "clipvalue": 0.2}),
    ("Nadam", {"learning_rate": 0.01}),
    ("RMSprop", {"learning_rate": 0.01, "centered": True, "momentum": 0.5}),
    ("Adagrad", {"learning_rate": 0.05}),
    ("Adadelta", {"learning_rate": 1.0}),
    ("Ftrl", {"learning_rate": 0.05, "l1_regularization_strength": 0.01,
              "l2_regularization_strength": 0.01}),
    ("Lion", {"learning_rate": 0.005}),
    ("Lamb", {"learning_rate": 0.01}),
    ("SGD", {"learning_rate": 0.05, "use_ema": True, "ema_momentum": 0.9}),
    ("Adam", {"learning_rate": 0.01, "gradient_accumulation_steps": 2}),
]

# (class name, constructor kwargs, targets, output activation): every Keras 3 loss of the issue.
LOSSES = [
    ("MeanSquaredError", {}, REGRESSION, None),
    ("MeanAbsoluteError", {"reduction": "sum"}, REGRESSION, None),
    ("MeanAbsolutePercentageError", {}, POSITIVE, None),
    ("MeanSquaredLogarithmicError", {}, POSITIVE, "softplus"),
    ("Huber", {"delta": 0.5}, REGRESSION, None),
    ("LogCosh", {}, REGRESSION, None),
    ("BinaryCrossentropy", {"from_logits": True, "label_smoothing": 0.1}, BINARY, None),
    ("BinaryFocalCrossentropy", {"apply_class_balancing": True, "gamma": 1.5}, BINARY, "sigmoid"),
    ("CategoricalCrossentropy", {"label_smoothing": 0.2}, ONE_HOT, "softmax"),
    ("CategoricalFocalCrossentropy", {"from_logits": True}, ONE_HOT, None),
    ("SparseCategoricalCrossentropy", {"from_logits": True}, LABELS, None),
    ("KLDivergence", {}, PROBABILITIES, "softmax"),
    ("Poisson", {}, POSITIVE, "softplus"),
    ("Hinge", {}, SIGNS, "tanh"),
    ("SquaredHinge", {}, SIGNS, "tanh"),
    ("CategoricalHinge", {}, ONE_HOT, "softmax"),
    ("CosineSimilarity", {"axis": -1}, REGRESSION, None),
    ("Dice", {}, BINARY, "sigmoid"),
    ("Tversky", {"alpha": 0.3, "beta": 0.7}, BINARY, "sigmoid"),
]


def _id(name, kwargs):
    return name + "".join(f"-{k}" for k in kwargs if k != "learning_rate")


def _model(lib, activation):
    return lib.Sequential([lib.Input((4,)), lib.layers.Dense(5, activation="tanh"),
                           lib.layers.Dense(3, activation=activation)])


def _weights(activation):
    with kerasish.backend.use_backend("numpy"):
        kerasish.utils.set_random_seed(3)
        return _model(kerasish, activation).get_weights()


def _fit(lib, optimizer, loss, y, activation):
    model = _model(lib, activation)
    model.set_weights(_weights(activation))
    eager = {"run_eagerly": True} if lib is keras else {}
    model.compile(optimizer=optimizer, loss=loss, **eager)
    history = model.fit(X, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
    return history.history["loss"], model.get_weights()


@functools.lru_cache(maxsize=None)
def _keras_optimizer_run(index):
    name, kwargs = OPTIMIZERS[index]
    return _fit(keras, getattr(keras.optimizers, name)(**kwargs), "mse", REGRESSION, None)


@functools.lru_cache(maxsize=None)
def _keras_loss_run(index):
    name, kwargs, y, activation = LOSSES[index]
    return _fit(keras, "sgd", getattr(keras.losses, name)(**kwargs), y, activation)


def _assert_same(ours, theirs, what):
    (loss_ours, weights_ours), (loss_theirs, weights_theirs) = ours, theirs
    np.testing.assert_allclose(loss_ours, loss_theirs, rtol=1e-4, atol=1e-6, err_msg=f"{what}: loss history")
    for a, b in zip(weights_ours, weights_theirs):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5, err_msg=f"{what}: final weights")


@pytest.mark.parametrize("index", range(len(OPTIMIZERS)), ids=[_id(*o) for o in OPTIMIZERS])
def test_each_optimizer_fits_like_keras(backend, index):
    name, kwargs = OPTIMIZERS[index]
    ours = _fit(kerasish, getattr(kerasish.optimizers, name)(**kwargs), "mse", REGRESSION, None)
    _assert_same(ours, _keras_optimizer_run(index), _id(name, kwargs))


@pytest.mark.parametrize("index", range(len(LOSSES)), ids=[_id(*entry[:2]) for entry in LOSSES])
def test_each_loss_fits_like_keras(backend, index):
    name, kwargs, y, activation = LOSSES[index]
    ours = _fit(kerasish, "sgd", getattr(kerasish.losses, name)(**kwargs), y, activation)
    _assert_same(ours, _keras_loss_run(index), _id(name, kwargs))
