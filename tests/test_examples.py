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


def test_model_building_example_trains_all_three_models_on_both_backends():
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "model_building.py"), "--steps", "200",
                             "--summary"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    runs = {}
    for line in result.stdout.splitlines():
        if "loss" in line and line.startswith("["):
            backend, kind = line[1:].split("]")[0], line.split()[1]
            first, last = (float(v.split()[0].rstrip(",")) for v in line.split("loss ")[1].split(" -> "))
            runs[backend, kind] = (first, last)
            assert last < 0.3 * first, line
    assert len(runs) == 6
    for kind in ("sequential", "functional", "subclassed"):  # same seed, same numbers
        assert abs(runs["numpy", kind][1] - runs["jax", kind][1]) < 1e-2 * max(1.0, runs["jax", kind][0])
    assert result.stdout.count("Total params") == 6


def test_readme_fit_snippet_runs():
    import re
    blocks = [b for b in re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
              if "model.fit" in b]
    assert blocks
    result = subprocess.run([sys.executable, "-c", blocks[0]], capture_output=True, text=True, timeout=300,
                            env={**__import__("os").environ, "KERASISH_BACKEND": "numpy"})
    assert result.returncode == 0, result.stderr
    assert "val_loss" in result.stdout and "Total params" in result.stdout


def test_gan_example_improves_its_samples_and_both_backends_agree(tmp_path):
    """examples/gan.py: the custom loop (stateless_call + value_and_grad + stateless_apply) learns
    on JAX, gives the same numbers on NumPy for the same seed, and writes a valid PNG."""
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import gan
    finally:
        sys.path.pop(0)
    on_jax = gan.train("jax", steps=1500, log_every=100, verbose=False)
    before, after = gan.sample_quality(on_jax["before"]), gan.sample_quality(on_jax["after"])
    assert before[0] < 0.05 and after[0] > 0.4 and after[1] >= 6, (before, after)
    on_numpy = gan.train("numpy", steps=100, log_every=100, verbose=False)
    first_jax, first_numpy = on_jax["history"][0], on_numpy["history"][0]
    for key in ("d_loss", "g_loss"):
        assert abs(first_jax[key] - first_numpy[key]) < 1e-3, (first_jax, first_numpy)
    path = tmp_path / "samples.png"
    gan.write_png(str(path), gan.scatter_panel(on_jax["after"], (0, 0, 255)))
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 500
