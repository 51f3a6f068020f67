"""The README's demo runs and learns, on both backends."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def test_demo_learns_on_both_backends():
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "demo.py"), "--steps", "300"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    accuracies = [float(line.split("training accuracy ")[1].split()[0])
                  for line in result.stdout.splitlines() if "training accuracy" in line]
    assert len(accuracies) == 2  # numpy and jax
    assert min(accuracies) > 0.9, result.stdout
