"""JAX's persistent compilation cache, on by default.

Compiling even a small model's train step takes seconds on a CPU; with the cache, a second run of
the same program loads the compiled step from disk instead. The folder is versioned by jax and
jaxlib, so an upgrade never reads stale programs.

- `JAX_COMPILATION_CACHE_DIR` (JAX's own setting) wins when set;
- `KERASISH_JAX_CACHE=0` turns the cache off; any other value is used as the folder;
- otherwise: `$XDG_CACHE_HOME/kerasish/jax-<jax>-<jaxlib>` (default `~/.cache/kerasish/...`).
"""
import os

import jax
import jaxlib

# Programs that compile faster than this are not worth a disk entry.
MIN_COMPILE_SECONDS = 0.2


def default_folder():
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "kerasish", f"jax-{jax.__version__}-{jaxlib.__version__}")


def enable():
    """Turns the cache on unless the user configured or refused it; returns the folder used
    (None when off)."""
    if os.environ.get("JAX_COMPILATION_CACHE_DIR") or jax.config.jax_compilation_cache_dir:
        return jax.config.jax_compilation_cache_dir or os.environ["JAX_COMPILATION_CACHE_DIR"]
    setting = os.environ.get("KERASISH_JAX_CACHE", "").strip()
    if setting.lower() in ("0", "false", "off", "no"):
        return None
    folder = setting or default_folder()
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:  # a read-only home: run without the cache rather than fail
        return None
    jax.config.update("jax_compilation_cache_dir", folder)
    jax.config.update("jax_persistent_cache_min_compile_time_secs", MIN_COMPILE_SECONDS)
    return folder
