"""The UCI handwritten digits (8x8 grayscale, values 0..16, 1,797 images, CC BY 4.0), shipped with
the package in kerasish/datasets/data/ (see LICENSE-digits.txt there). Nothing is downloaded."""
import gzip
import os

import numpy as np

DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "digits.csv.gz")
MAX_VALUE = 16  # pixels count "on" bits in 4x4 blocks of a 32x32 bitmap: 0..16


def load_all():
    """All 1,797 images, (n, 8, 8) uint8 in 0..16, and their labels, (n,) uint8, in file order."""
    with gzip.open(DATA_FILE, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.uint8)
    return table[:, :-1].reshape(-1, 8, 8), table[:, -1]


def load_data(test_split=0.2, seed=113):
    """Loads the digits with a fixed train/test split (as the keras.datasets loaders do).

    Args:
        test_split: fraction of the images held out for testing.
        seed: seed of the shuffle before the split; the default gives the documented split.

    Returns:
        `(x_train, y_train), (x_test, y_test)`: images (n, 8, 8) uint8 with values 0..16
        (divide by `MAX_VALUE` for [0, 1]) and labels (n,) uint8 in 0..9.
    """
    if not 0 <= test_split < 1:
        raise ValueError(f"digits.load_data: `test_split` must be in [0, 1). Received: "
                         f"test_split={test_split!r}")
    x, y = load_all()
    order = np.random.RandomState(seed).permutation(len(x))  # RandomState: stable across NumPy
    x, y = x[order], y[order]
    n_train = int(round(len(x) * (1 - test_split)))
    return (x[:n_train], y[:n_train]), (x[n_train:], y[n_train:])
