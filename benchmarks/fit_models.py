"""The three benchmark models and their synthetic data, written once against the Keras API so the
same function builds the model in kerasish and in Keras 3 (`lib` is either module)."""
import numpy as np

BATCH_SIZE = 128
VOCABULARY, SEQUENCE_LENGTH = 5000, 64

# Batches per epoch: enough for a stable time, few enough that NumPy finishes in minutes.
BATCHES_PER_EPOCH = {"mlp": 60, "cnn": 20, "lstm": 20}


def mlp(lib):
    """784-512-512-10, as Keras's MNIST MLP example."""
    return lib.Sequential([
        lib.Input((784,)),
        lib.layers.Dense(512, activation="relu"),
        lib.layers.Dense(512, activation="relu"),
        lib.layers.Dense(10, activation="softmax"),
    ])


def cnn(lib):
    """Keras's "simple MNIST convnet" example."""
    return lib.Sequential([
        lib.Input((28, 28, 1)),
        lib.layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        lib.layers.MaxPooling2D(pool_size=(2, 2)),
        lib.layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        lib.layers.MaxPooling2D(pool_size=(2, 2)),
        lib.layers.Flatten(),
        lib.layers.Dropout(0.5),
        lib.layers.Dense(10, activation="softmax"),
    ])


def lstm(lib):
    """An Embedding + LSTM(64) binary text classifier."""
    return lib.Sequential([
        lib.Input((SEQUENCE_LENGTH,), dtype="int32"),
        lib.layers.Embedding(VOCABULARY, 64),
        lib.layers.LSTM(64),
        lib.layers.Dense(1, activation="sigmoid"),
    ])


MODELS = {"mlp": mlp, "cnn": cnn, "lstm": lstm}
LOSSES = {"mlp": "sparse_categorical_crossentropy", "cnn": "sparse_categorical_crossentropy",
          "lstm": "binary_crossentropy"}


def data(model_name, seed=0):
    """Random inputs and labels of the model's shapes (throughput does not depend on content)."""
    rng = np.random.default_rng(seed)
    n = BATCHES_PER_EPOCH[model_name] * BATCH_SIZE
    if model_name == "mlp":
        return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n).astype("int32")
    if model_name == "cnn":
        return rng.random((n, 28, 28, 1), dtype=np.float32), rng.integers(0, 10, n).astype("int32")
    return (rng.integers(1, VOCABULARY, (n, SEQUENCE_LENGTH)).astype("int32"),
            rng.integers(0, 2, (n, 1)).astype("float32"))
