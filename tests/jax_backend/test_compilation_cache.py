"""JAX's persistent compilation cache is on by default, in a versioned folder, with an opt-out."""
import pytest

jax = pytest.importorskip("jax")
from kerasish.backends.jax import compilation_cache  # noqa: E402


@pytest.fixture
def clean_jax_config(monkeypatch):
    """Runs with no cache configured, and restores the process's JAX settings afterwards."""
    saved = (jax.config.jax_compilation_cache_dir, jax.config.jax_persistent_cache_min_compile_time_secs)
    monkeypatch.delenv("JAX_COMPILATION_CACHE_DIR", raising=False)
    monkeypatch.delenv("KERASISH_JAX_CACHE", raising=False)
    jax.config.update("jax_compilation_cache_dir", None)
    yield monkeypatch
    jax.config.update("jax_compilation_cache_dir", saved[0])
    jax.config.update("jax_persistent_cache_min_compile_time_secs", saved[1])


def test_on_by_default_in_a_folder_named_by_the_jax_versions(clean_jax_config, tmp_path):
    clean_jax_config.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = compilation_cache.enable()
    assert folder == str(tmp_path / "kerasish" / f"jax-{jax.__version__}-{__import__('jaxlib').__version__}")
    assert jax.config.jax_compilation_cache_dir == folder
    assert (tmp_path / "kerasish").is_dir()


def test_kerasish_jax_cache_turns_it_off_or_names_the_folder(clean_jax_config, tmp_path):
    clean_jax_config.setenv("KERASISH_JAX_CACHE", "0")
    assert compilation_cache.enable() is None
    assert jax.config.jax_compilation_cache_dir is None
    clean_jax_config.setenv("KERASISH_JAX_CACHE", str(tmp_path / "mine"))
    assert compilation_cache.enable() == str(tmp_path / "mine")


def test_jax_own_setting_wins(clean_jax_config, tmp_path):
    clean_jax_config.setenv("JAX_COMPILATION_CACHE_DIR", str(tmp_path / "theirs"))
    clean_jax_config.setenv("KERASISH_JAX_CACHE", str(tmp_path / "mine"))
    assert compilation_cache.enable() == str(tmp_path / "theirs")
    assert not (tmp_path / "mine").exists()
