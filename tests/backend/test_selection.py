"""Choosing, switching and registering backends."""
import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kerasish
from kerasish.backend import config, interface, registry


def run_python(code, env=None, cwd=None):
    """Runs `code` in a fresh interpreter; returns its stdout (fails the test with its stderr)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KERASISH_")}
    full_env.update(env or {})
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                            text=True, env=full_env, cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_env_var_wins_over_config_file(tmp_path, monkeypatch):
    (tmp_path / "kerasish.json").write_text(json.dumps({"backend": "jax"}))
    monkeypatch.setenv("KERASISH_HOME", str(tmp_path))
    monkeypatch.setenv("KERASISH_BACKEND", "numpy")
    assert registry.default_backend_name() == "numpy"


def test_config_file_names_the_backend(tmp_path, monkeypatch):
    (tmp_path / "kerasish.json").write_text(json.dumps({"backend": "numpy"}))
    monkeypatch.setenv("KERASISH_HOME", str(tmp_path))
    monkeypatch.delenv("KERASISH_BACKEND", raising=False)
    assert registry.default_backend_name() == "numpy"


def test_without_env_or_file_jax_is_preferred(tmp_path, monkeypatch):
    monkeypatch.setenv("KERASISH_HOME", str(tmp_path))
    monkeypatch.delenv("KERASISH_BACKEND", raising=False)
    assert registry.default_backend_name() == "jax"


def test_malformed_config_file_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "kerasish.json").write_text("{not json")
    monkeypatch.setenv("KERASISH_HOME", str(tmp_path))
    with pytest.raises(ValueError, match="kerasish.json"):
        config.read_config_file()


def test_fresh_process_uses_env_var_and_config_floatx(tmp_path):
    (tmp_path / "kerasish.json").write_text(json.dumps({"floatx": "float64", "epsilon": 1e-5}))
    out = run_python("""
        import kerasish
        print(kerasish.backend.backend(), kerasish.backend.floatx(), kerasish.backend.epsilon())
    """, env={"KERASISH_BACKEND": "numpy", "KERASISH_HOME": str(tmp_path)})
    assert out == "numpy float64 1e-05"


def test_use_backend_switches_and_restores():
    kerasish.backend.set_backend("jax")
    with kerasish.backend.use_backend("numpy") as active:
        assert kerasish.backend.backend() == "numpy"
        assert active.name == "numpy"
        assert isinstance(kerasish.ops.add(np.ones(2), 1.0), np.ndarray)
        with kerasish.backend.use_backend("jax"):
            assert kerasish.backend.backend() == "jax"
        assert kerasish.backend.backend() == "numpy"
    assert kerasish.backend.backend() == "jax"


def test_use_backend_restores_after_an_error():
    kerasish.backend.set_backend("jax")
    with pytest.raises(RuntimeError):
        with kerasish.backend.use_backend("numpy"):
            raise RuntimeError("boom")
    assert kerasish.backend.backend() == "jax"


def test_set_backend_persists():
    try:
        kerasish.backend.set_backend("numpy")
        assert kerasish.backend.backend() == "numpy"
    finally:
        kerasish.backend.set_backend("jax")


def test_unknown_backend_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"Unknown backend 'torch'\. Known backends: jax, numpy"):
        kerasish.backend.use_backend("torch").__enter__()


def test_built_in_backends_register_through_entry_points():
    assert {"jax", "numpy"} <= set(kerasish.backend.available_backends())


@pytest.mark.parametrize("name", ["numpy", "jax"])
def test_built_in_backends_implement_the_whole_interface(name):
    backend = registry.load_backend(name)
    assert interface.missing_names(backend) == []
    assert backend.name == name


def test_numpy_backend_never_imports_jax():
    # jax is blocked from import: the numpy backend (and the default choice) must still work.
    out = run_python("""
        import sys
        class BlockJax:
            def find_spec(self, name, path=None, target=None):
                if name == "jax" or name.startswith(("jax.", "jaxlib")):
                    raise ImportError("jax is blocked in this test")
        sys.meta_path.insert(0, BlockJax())
        import importlib.util
        importlib.util.find_spec = (lambda f: (lambda name, *a: None if name == "jax" else f(name, *a)))(importlib.util.find_spec)
        import numpy as np
        import kerasish
        from kerasish import ops
        print(kerasish.backend.backend())
        loss, grad = ops.value_and_grad(lambda w: ops.sum(ops.multiply(w, w)))(np.arange(3.0))
        print(float(loss), grad.tolist())
        print(any(m == "jax" or m.startswith("jax.") for m in sys.modules))
    """)
    assert out.splitlines() == ["numpy", "5.0 [0.0, 2.0, 4.0]", "False"]


THIRD_PARTY = '''
"""A third-party backend: the NumPy backend under another name, counting the adds it runs."""
from kerasish.backends import numpy as _numpy

name = "counting"
adds = 0


def __getattr__(attr):
    return getattr(_numpy, attr)


def add(x1, x2):
    global adds
    adds += 1
    return _numpy.add(x1, x2)

''' + "\n".join(f"{n} = _numpy.{n}" for n in interface.CORE if n != "name")


def _install_fake_distribution(tmp_path, module_name, module_source, backend_name):
    """A package on sys.path whose metadata registers a backend, as `pip install` would leave it."""
    (tmp_path / f"{module_name}.py").write_text(module_source)
    dist = tmp_path / f"{module_name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module_name}\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[kerasish.backends]\n{backend_name} = {module_name}\n")


def test_third_party_backend_registers_through_its_own_metadata(tmp_path, monkeypatch):
    _install_fake_distribution(tmp_path, "counting_backend", THIRD_PARTY, "counting")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "counting" in kerasish.backend.available_backends()
    with kerasish.backend.use_backend("counting") as backend:
        assert kerasish.backend.backend() == "counting"
        out = kerasish.ops.add(np.ones(2), 2.0)
        np.testing.assert_array_equal(out, [3.0, 3.0])
        assert backend.adds == 1


def test_backend_missing_core_names_is_refused(tmp_path, monkeypatch):
    _install_fake_distribution(tmp_path, "broken_backend", 'name = "broken"\n', "broken")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(TypeError, match=r"Backend 'broken' .* missing: convert_to_tensor"):
        registry.load_backend("broken")


def test_op_missing_from_a_backend_names_the_op(tmp_path, monkeypatch):
    source = "from kerasish.backends import numpy as _n\nname = 'partial'\n" + "\n".join(
        f"{n} = _n.{n}" for n in interface.CORE if n != "name")
    _install_fake_distribution(tmp_path, "partial_backend", source, "partial")
    monkeypatch.syspath_prepend(str(tmp_path))
    with kerasish.backend.use_backend("partial"):
        with pytest.raises(NotImplementedError, match="'partial' backend does not implement the op 'add'"):
            kerasish.ops.add(1.0, 2.0)
