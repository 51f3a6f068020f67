"""Shared test set-up: every backend-agnostic test runs on each backend in KERASISH_TEST_BACKENDS
(default "numpy,jax") through the `backend` fixture, in one pytest run."""
import os
import tempfile

# pytest -n 2 runs one worker per core: a multi-threaded BLAS in each would fight for the cores
# (small NumPy-backend matmuls then take milliseconds instead of microseconds).
for _blas_threads in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas_threads, "1")
# Compiled XLA programs are cached on disk between runs, so reruns skip most compile time.
os.environ.setdefault("JAX_COMPILATION_CACHE_DIR", os.path.join(tempfile.gettempdir(), "kerasish-jax-cache"))
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS", "0")
os.environ.setdefault("JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES", "0")
os.environ.setdefault("JAX_PLATFORMS", "cpu")
# Keras 3, the test-only oracle, runs on JAX (tests import it with pytest.importorskip("keras")).
os.environ.setdefault("KERAS_BACKEND", "jax")

import pytest  # noqa: E402

import kerasish  # noqa: E402

TEST_BACKENDS = [b.strip() for b in os.environ.get("KERASISH_TEST_BACKENDS", "numpy,jax").split(",") if b.strip()]


@pytest.fixture(params=TEST_BACKENDS)
def backend(request):
    """Runs the test with the named backend active; yields the backend's name."""
    with kerasish.backend.use_backend(request.param):
        yield request.param


def require_backends(*names):
    """Skips a test unless all the named backends are under test."""
    missing = [n for n in names if n not in TEST_BACKENDS]
    return pytest.mark.skipif(bool(missing), reason=f"needs backends {missing} (KERASISH_TEST_BACKENDS)")
