"""The package installs as `kerasish` only: backends/ and applications/ map into it."""
import pathlib
import re
import subprocess
import sys
import zipfile

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    tomllib = None

ROOT = pathlib.Path(__file__).resolve().parents[1]
FOLDER_TO_PACKAGE = {"kerasish": "kerasish", "backends": "kerasish.backends",
                     "applications": "kerasish.applications"}


def _package_dirs():
    packages = set()
    for folder, package in FOLDER_TO_PACKAGE.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / folder)
            packages.add(".".join([package, *relative.parts]) if relative.parts else package)
    return packages


@pytest.mark.skipif(tomllib is None, reason="tomllib needs Python 3.11")
def test_pyproject_lists_every_package_and_maps_the_folders():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    setuptools = project["tool"]["setuptools"]
    assert set(setuptools["packages"]) == _package_dirs()
    assert setuptools["package-dir"] == {"kerasish": "kerasish", "kerasish.backends": "backends",
                                         "kerasish.applications": "applications"}
    assert all(name.startswith("kerasish") for name in setuptools["packages"])


def test_no_code_imports_a_bare_backends_package():
    pattern = re.compile(r"^\s*(import\s+(backends|applications)\b|from\s+(backends|applications)(\.|\s))", re.M)
    offenders = [str(path.relative_to(ROOT)) for path in ROOT.rglob("*.py")
                 if ".venv" not in path.parts and pattern.search(path.read_text(errors="ignore"))]
    assert offenders == []


def test_user_facing_api_never_imports_a_concrete_backend():
    pattern = re.compile(r"^\s*(import jax|from jax|import kerasish\.backends\.|from kerasish\.backends\.(jax|numpy))", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "kerasish").rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_installed_backends_live_inside_kerasish():
    import kerasish.backends.numpy

    installed = pathlib.Path(kerasish.backends.numpy.__file__).resolve()
    assert installed.parent.name == "numpy" and installed.parent.parent.name == "backends"
    import importlib.metadata as md

    entry_points = {ep.name: ep.value for ep in md.entry_points(group="kerasish.backends")}
    assert entry_points["numpy"] == "kerasish.backends.numpy"
    assert entry_points["jax"] == "kerasish.backends.jax"


@pytest.mark.slow
def test_wheel_holds_only_the_kerasish_package(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.skip(f"could not build a wheel here (no build backend reachable?): {result.stderr[-500:]}")
    (wheel,) = tmp_path.glob("kerasish-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert all(n.startswith("kerasish/") or n.split("/")[0].endswith(".dist-info") for n in names)
    assert "kerasish/backends/numpy/autodiff.py" in names
    assert "kerasish/backends/jax/core.py" in names
    assert "kerasish/applications/__init__.py" in names
    assert not any(n.startswith(("backends/", "applications/")) for n in names)
