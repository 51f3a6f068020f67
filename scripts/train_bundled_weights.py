"""Trains the pretrained weights that kerasish ships in applications/weights/ and prints what the
docs record for each (data, test accuracy, file size, sha256, run time).

    python scripts/train_bundled_weights.py                    # TinyNet on digits 0-4, seconds
    python scripts/train_bundled_weights.py --backend numpy

Data: the UCI handwritten digits shipped in kerasish/datasets (offline), with the fixed split of
`kerasish.datasets.digits.load_data()`. After a rerun, pin the printed sha256 in
applications/weights.py (BUNDLED); loading checks it.
"""
import argparse
import hashlib
import os
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WEIGHTS_DIR = os.path.join(ROOT, "applications", "weights")


def digits_subset(classes, upscale=1, rgb=False):
    """Train/test digits of the given classes, as float images in [0, 1], relabelled 0..k-1."""
    from kerasish.datasets import digits

    out = []
    for x, y in digits.load_data():
        keep = np.isin(y, classes)
        x = x[keep].astype("float32")[..., None] / digits.MAX_VALUE
        if upscale > 1:  # nearest-neighbour upscaling, e.g. 8x8 -> 32x32 for MobileNetV2
            x = x.repeat(upscale, axis=1).repeat(upscale, axis=2)
        if rgb:
            x = np.repeat(x, 3, axis=-1)
        y = np.searchsorted(np.asarray(classes), y[keep]).astype("int32")
        out.append((x, y))
    return out


def train_and_save(name, build, data, epochs, batch_size, learning_rate, file_name):
    import kerasish

    (x_train, y_train), (x_test, y_test) = data
    start = time.perf_counter()
    kerasish.utils.set_random_seed(0)
    model = build()
    model.compile(optimizer=kerasish.optimizers.Adam(learning_rate),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0)
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    # Saved from an uncompiled copy, so the file holds the weights only (no optimizer state).
    clean = build()
    clean.set_weights(model.get_weights())
    path = os.path.join(WEIGHTS_DIR, file_name)
    clean.save_weights(path)
    with open(path, "rb") as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()
    seconds = time.perf_counter() - start
    print(f"{name}: {len(x_train)} training / {len(x_test)} test images, test accuracy "
          f"{accuracy:.4f}, {os.path.getsize(path) / 1024:.1f} KiB, {seconds:.0f} s\n"
          f"  {path}\n  sha256 {sha256}", flush=True)
    return accuracy


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="jax", choices=["jax", "numpy"])
    args = parser.parse_args(argv)
    os.environ["KERASISH_BACKEND"] = args.backend
    sys.path.insert(0, ROOT)
    import kerasish
    from kerasish.applications import TinyNet

    total = time.perf_counter()
    with kerasish.backend.use_backend(args.backend):
        train_and_save(
            "TinyNet, digits 0-4", lambda: TinyNet(weights=None, input_shape=(8, 8, 1), classes=5),
            digits_subset([0, 1, 2, 3, 4]), epochs=30, batch_size=32, learning_rate=3e-3,
            file_name="tinynet_digits0-4.weights.h5")
    print(f"total {time.perf_counter() - total:.0f} s on the {args.backend} backend")


if __name__ == "__main__":
    main()
