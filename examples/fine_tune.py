"""Fine-tuning a bundled pretrained backbone, offline, as in Keras's transfer-learning guide.

TinyNet's bundled weights were trained on the handwritten digits 0-4. Here the backbone learns a
different task, the digits 5-9, from only a few labelled images per class:
  1. load the backbone with include_top=False, freeze it, add a new head, train the head;
  2. unfreeze the top block with a low learning rate and continue;
then the same architecture trained from scratch with the same labels and the same number of
epochs. The pretrained start should be clearly better.

    python examples/fine_tune.py                   # JAX
    python examples/fine_tune.py --backend numpy
"""
import argparse
import time

import numpy as np

import kerasish
from kerasish import layers
from kerasish.applications import TinyNet
from kerasish.datasets import digits

TASK = [5, 6, 7, 8, 9]


def few_shot_digits(labels_per_class, seed=0):
    """A few labelled training images per class of TASK, and all of TASK's test images."""
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    rng = np.random.RandomState(seed)
    picked = np.concatenate([rng.choice(np.flatnonzero(y_train == c), labels_per_class,
                                        replace=False) for c in TASK])
    keep = np.isin(y_test, TASK)

    def prepare(x, y):
        return (x.astype("float32")[..., None] / digits.MAX_VALUE,
                np.searchsorted(TASK, y).astype("int32"))

    return prepare(x_train[picked], y_train[picked]), prepare(x_test[keep], y_test[keep])


def build(weights):
    """Backbone + new head; returns (model, backbone)."""
    base = TinyNet(include_top=False, weights=weights, input_shape=(8, 8, 1))
    inputs = kerasish.Input((8, 8, 1))
    # training=False keeps the backbone's BatchNormalization in inference mode even once
    # unfrozen, so its moving statistics from pretraining are not overwritten by tiny batches.
    x = base(inputs, training=False if weights else None)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.2)(x)
    outputs = layers.Dense(len(TASK), activation="softmax")(x)
    return kerasish.Model(inputs, outputs), base


def fit(model, data, epochs, learning_rate):
    (x, y), _ = data
    model.compile(optimizer=kerasish.optimizers.Adam(learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=epochs, batch_size=16, verbose=0)


def accuracy(model, data):
    _, (x, y) = data
    return float(model.evaluate(x, y, verbose=0)[1])


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fine-tune TinyNet's bundled digits backbone.")
    parser.add_argument("--backend", default="jax", choices=["jax", "numpy"])
    parser.add_argument("--labels-per-class", type=int, default=10)
    parser.add_argument("--head-epochs", type=int, default=40)
    parser.add_argument("--tune-epochs", type=int, default=20)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with kerasish.backend.use_backend(args.backend):
        kerasish.utils.set_random_seed(0)
        data = few_shot_digits(args.labels_per_class)
        print(f"task: digits {TASK[0]}-{TASK[-1]}, {len(data[0][1])} labelled training images, "
              f"{len(data[1][1])} test images ({args.backend} backend)")

        model, base = build("bundled")
        base.trainable = False  # 1. train the new head on frozen pretrained features
        print(f"frozen backbone: {len(model.trainable_weights)} trainable weights, "
              f"{len(model.non_trainable_weights)} non-trainable")
        fit(model, data, args.head_epochs, 1e-2)
        head_only = accuracy(model, data)
        base.trainable = True  # 2. unfreeze the top block only, with a low learning rate
        for layer in base.layers:
            layer.trainable = layer.name.startswith("block3")
        fit(model, data, args.tune_epochs, 1e-3)
        pretrained = accuracy(model, data)

        kerasish.utils.set_random_seed(0)
        scratch_model, _ = build(None)  # same architecture, same labels, same epochs
        fit(scratch_model, data, args.head_epochs + args.tune_epochs, 1e-2)
        scratch = accuracy(scratch_model, data)

    print(f"pretrained, head only:        test accuracy {head_only:.3f}")
    print(f"pretrained, then fine-tuned:  test accuracy {pretrained:.3f}")
    print(f"from scratch, same budget:    test accuracy {scratch:.3f}")
    print(f"done in {time.perf_counter() - start:.0f} s")
    return pretrained, scratch


if __name__ == "__main__":
    main()
