"""A convolutional autoencoder: Conv2D/MaxPooling2D encoder, Conv2DTranspose + UpSampling2D decoder.

    python examples/autoencoder.py                    # JAX
    python examples/autoencoder.py --backend numpy --epochs 3

The images are made here: 16x16 grey pictures of one or two random shapes (filled rectangles,
discs, rings, lines) at random places and brightness. The encoder squeezes each 256-pixel image into
a 4x4x8 code (half as many numbers) and the decoder rebuilds it; the model is trained with
`fit(x, x)` on the per-pixel binary cross-entropy (pixels are in [0, 1] and the output is a
sigmoid; with plain MSE, mostly-black images often collapse the model to an all-black output). Printed: the test reconstruction MSE of the untrained model,
of the trivial baseline that predicts the mean training image for every input, and of the trained
model; the last line is "test reconstruction mse: 0.0xxx (mean-image baseline 0.0xxx)".
"""
import argparse
import time

import numpy as np

import kerasish as keras
from kerasish import layers

SIZE = 16


def draw_shape(image, rng):
    """Adds one random shape to `image` (SIZE x SIZE, values in [0, 1])."""
    rows, cols = np.mgrid[0:SIZE, 0:SIZE]
    brightness = rng.uniform(0.5, 1.0)
    kind = rng.integers(4)
    if kind == 0:  # filled rectangle
        top, left = rng.integers(0, SIZE - 4, size=2)
        height, width = rng.integers(3, 9, size=2)
        mask = (rows >= top) & (rows < top + height) & (cols >= left) & (cols < left + width)
    else:
        cy, cx = rng.uniform(3, SIZE - 3, size=2)
        distance = np.hypot(rows - cy, cols - cx)
        radius = rng.uniform(2, 5)
        if kind == 1:  # disc
            mask = distance <= radius
        elif kind == 2:  # ring
            mask = np.abs(distance - radius) < 0.8
        else:  # line through (cy, cx)
            angle = rng.uniform(0, np.pi)
            mask = np.abs((rows - cy) * np.cos(angle) - (cols - cx) * np.sin(angle)) < 0.7
    image[mask] = np.maximum(image[mask], brightness)


def make_images(n, seed):
    rng = np.random.default_rng(seed)
    images = np.zeros((n, SIZE, SIZE), dtype="float32")
    for image in images:
        for _ in range(rng.integers(1, 3)):
            draw_shape(image, rng)
    return images[..., None]  # channels last


def build_autoencoder():
    inputs = keras.Input((SIZE, SIZE, 1))
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(inputs)
    x = layers.MaxPooling2D(2)(x)                                            # 8x8x16
    x = layers.Conv2D(8, 3, activation="relu", padding="same")(x)
    code = layers.MaxPooling2D(2, name="code")(x)                            # 4x4x8
    x = layers.Conv2DTranspose(16, 3, strides=2, activation="relu", padding="same")(code)  # 8x8
    x = layers.UpSampling2D(2)(x)                                            # 16x16
    x = layers.Conv2D(16, 3, activation="relu", padding="same")(x)
    outputs = layers.Conv2D(1, 3, activation="sigmoid", padding="same")(x)
    return keras.Model(inputs, outputs, name="conv_autoencoder")


def mse(a, b):
    return float(np.mean((np.asarray(a) - np.asarray(b)) ** 2))


def run(backend="jax", epochs=12, train_size=2000, test_size=500, verbose=1):
    """Trains the autoencoder; returns test MSEs {"untrained", "mean_image", "trained"}."""
    with keras.backend.use_backend(backend):
        keras.utils.set_random_seed(0)
        x_train, x_test = make_images(train_size, seed=1), make_images(test_size, seed=2)
        model = build_autoencoder()
        model.compile(optimizer=keras.optimizers.Adam(0.003), loss="binary_crossentropy")
        result = {"untrained": mse(model.predict(x_test, batch_size=250, verbose=0), x_test),
                  "mean_image": mse(x_train.mean(axis=0, keepdims=True), x_test)}
        if verbose:
            print(f"untrained model mse: {result['untrained']:.4f}, "
                  f"mean-image baseline mse: {result['mean_image']:.4f}")
        start = time.perf_counter()
        model.fit(x_train, x_train, batch_size=32, epochs=epochs, verbose=verbose)
        result["trained"] = mse(model.predict(x_test, batch_size=250, verbose=0), x_test)
        if verbose:
            print(f"[{backend}] trained {epochs} epochs in {time.perf_counter() - start:.1f} s")
        return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["jax", "numpy"], default="jax")
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--train-size", type=int, default=2000)
    parser.add_argument("--verbose", type=int, default=2)
    args = parser.parse_args()
    result = run(args.backend, args.epochs, args.train_size, verbose=args.verbose)
    print(f"test reconstruction mse: {result['trained']:.4f} "
          f"(mean-image baseline {result['mean_image']:.4f})")


if __name__ == "__main__":
    main()
