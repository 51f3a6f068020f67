"""The shipped digits dataset, and examples/fine_tune.py with a small budget."""
import importlib.util
import pathlib

import numpy as np

from kerasish.datasets import digits

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_digits_load_data_fixed_split():
    (x_train, y_train), (x_test, y_test) = digits.load_data()
    assert x_train.shape == (1438, 8, 8) and x_test.shape == (359, 8, 8)
    assert x_train.dtype == np.uint8 and x_train.max() == 16 and set(np.unique(y_test)) == set(range(10))
    (x2, _), _ = digits.load_data()
    np.testing.assert_array_equal(x_train, x2)  # fixed
    assert (ROOT / "kerasish" / "datasets" / "data" / "LICENSE-digits.txt").is_file()


def test_fine_tune_example_pretrained_beats_scratch():
    spec = importlib.util.spec_from_file_location("fine_tune", ROOT / "examples" / "fine_tune.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    pretrained, scratch = module.main(["--head-epochs", "15", "--tune-epochs", "5"])
    assert pretrained > scratch + 0.1, (pretrained, scratch)
