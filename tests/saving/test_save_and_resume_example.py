"""examples/save_and_resume.py runs on both backends and shows training resuming exactly."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_save_and_resume_example():
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "save_and_resume.py")],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("matches uninterrupted training: True") == 2, result.stdout
    assert "optimizer step 24" in result.stdout
