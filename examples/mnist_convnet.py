"""A small convnet for handwritten digits, with data augmentation layers, trained by `model.fit`.

    python examples/mnist_convnet.py                  # JAX
    python examples/mnist_convnet.py --backend numpy --epochs 5

The data are the UCI handwritten digits shipped with kerasish (`kerasish.datasets.digits`: 1,797
8x8 grey images, 0..16, split 1,438 train / 359 test), so nothing is downloaded. The model follows
Keras's MNIST convnet example, scaled to 8x8 inputs, with augmentation layers in front:
RandomRotation, RandomTranslation and RandomZoom transform each training batch differently (on JAX
inside the jitted training step, driven by the seed state the trainer carries) and are the
identity at inference, so `evaluate`/`predict` see the images unchanged. No RandomFlip: a mirrored
2 is not a 2. The last line printed is "test accuracy: 0.9xx".
"""
import argparse
import time

import numpy as np

import kerasish as keras
from kerasish import layers
from kerasish.datasets import digits


def build_model():
    augmentation = keras.Sequential([
        # Mild on purpose: an 8x8 digit fills its frame, so big shifts or turns destroy it.
        layers.RandomRotation(0.02, fill_mode="constant", seed=1),       # up to +-7 degrees
        layers.RandomTranslation(0.05, 0.05, fill_mode="constant", seed=2),  # up to 0.4 pixel
        layers.RandomZoom(0.05, fill_mode="constant", seed=3),
    ], name="augmentation")
    return keras.Sequential([
        keras.Input((8, 8, 1)),
        layers.Rescaling(1.0 / digits.MAX_VALUE),
        augmentation,
        layers.Conv2D(32, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),                                            # 4x4x32
        layers.Conv2D(64, 3, padding="same", activation="relu"),
        layers.MaxPooling2D(2),                                            # 2x2x64
        layers.Flatten(),
        layers.Dropout(0.3),
        layers.Dense(10, activation="softmax"),
    ], name="digits_convnet")


def run(backend="jax", epochs=20, verbose=1):
    """Trains the convnet and returns its test accuracy."""
    with keras.backend.use_backend(backend):
        keras.utils.set_random_seed(0)
        (x_train, y_train), (x_test, y_test) = digits.load_data()
        x_train = x_train[..., None].astype("float32")  # (n, 8, 8, 1), still 0..16
        x_test = x_test[..., None].astype("float32")
        model = build_model()
        model.compile(optimizer=keras.optimizers.Adam(0.003), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=64, epochs=epochs, validation_split=0.1,
                  verbose=verbose)
        _, accuracy = model.evaluate(x_test, y_test, batch_size=359, verbose=0)
        if verbose:
            print(f"[{backend}] trained {epochs} epochs in {time.perf_counter() - start:.1f} s")
            # After training, so that the demo leaves the training run's random stream alone.
            augment = model.get_layer("augmentation")
            sample = x_train[:4] / digits.MAX_VALUE
            changed = np.abs(np.asarray(augment(sample, training=True)) - sample).mean()
            same = np.abs(np.asarray(augment(sample, training=False)) - sample).max()
            print(f"augmentation: mean pixel change {changed:.3f} in training, {same:.3f} at inference")
        return float(accuracy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["jax", "numpy"], default="jax")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--verbose", type=int, default=2)
    args = parser.parse_args()
    accuracy = run(args.backend, args.epochs, verbose=args.verbose)
    print(f"test accuracy: {accuracy:.3f}")


if __name__ == "__main__":
    main()
