"""The layer examples (convnet with augmentation, text LSTM, convolutional autoencoder) run as
scripts on both backends and reach their stated metric; NumPy runs get a smaller budget and a
looser bar."""
import pathlib
import re
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"


def run_example(name, *args):
    """Runs examples/<name> quietly and returns the numbers on its last output line."""
    result = subprocess.run([sys.executable, str(EXAMPLES / name), "--verbose", "0", *args],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    last = result.stdout.strip().splitlines()[-1]
    return last, [float(v) for v in re.findall(r"\d+\.\d+", last)]


@pytest.mark.parametrize("backend, epochs, threshold", [("jax", 8, 0.93), ("numpy", 2, 0.7)])
def test_mnist_convnet_classifies_digits(backend, epochs, threshold):
    line, (accuracy,) = run_example("mnist_convnet.py", "--backend", backend, "--epochs", str(epochs))
    assert line.startswith("test accuracy: ") and accuracy > threshold, line


@pytest.mark.parametrize("backend", ["jax", "numpy"])
def test_text_lstm_learns_negations(backend):
    # Negated reviews make up 40% of the corpus: above 0.9 means word order is being used.
    line, (accuracy,) = run_example("text_lstm.py", "--backend", backend, "--epochs", "4")
    assert line.startswith("test accuracy: ") and accuracy > 0.9, line


@pytest.mark.parametrize("backend, epochs, train_size, ratio", [("jax", 4, "2000", 0.4),
                                                                ("numpy", 3, "500", 0.95)])
def test_autoencoder_beats_the_mean_image(backend, epochs, train_size, ratio):
    line, (trained, baseline) = run_example("autoencoder.py", "--backend", backend, "--epochs",
                                            str(epochs), "--train-size", train_size)
    assert line.startswith("test reconstruction mse: ") and trained < ratio * baseline, line
