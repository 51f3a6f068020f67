"""Saves are atomic: an exception in the middle of a save, or a SIGKILL of the saving process,
leaves the previous file intact and loadable (and no stray temporary behind on an exception)."""
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kerasish
from kerasish.saving import atomic_write as aw
from tests.saving import saving_models as sm


def test_exception_mid_write_keeps_previous_file(backend, tmp_path, monkeypatch):
    model = sm.sequential()
    model.save(tmp_path / "m.keras")
    model.save_weights(tmp_path / "m.weights.h5")
    before = {p: (tmp_path / p).read_bytes() for p in ("m.keras", "m.weights.h5")}
    model.set_weights([w + 1 for w in model.get_weights()])

    real = aw.atomic_write

    def failing(path, overwrite=True):
        class Boom:
            def __enter__(self):
                self.cm = real(path, overwrite)
                self.f = self.cm.__enter__()
                return self

            def write(self, data):
                self.f.write(data[: len(data) // 2])  # half the bytes reach the disk...
                raise OSError("disk full")             # ...then the write fails

            def __exit__(self, *exc):
                return self.cm.__exit__(*exc)
        return Boom()
    monkeypatch.setattr(aw, "atomic_write", failing)
    for name, save in (("m.keras", model.save), ("m.weights.h5", model.save_weights)):
        with pytest.raises(OSError, match="disk full"):
            save(tmp_path / name)
        assert (tmp_path / name).read_bytes() == before[name]
    assert sorted(os.listdir(tmp_path)) == ["m.keras", "m.weights.h5"]  # no temporaries left
    monkeypatch.setattr(aw, "atomic_write", real)
    restored = kerasish.saving.load_model(tmp_path / "m.keras")
    assert not np.allclose(restored.get_weights()[0], model.get_weights()[0])


def test_failure_while_serializing_writes_nothing(backend, tmp_path, monkeypatch):
    model = sm.sequential()
    model.save(tmp_path / "m.keras")
    before = (tmp_path / "m.keras").read_bytes()
    from kerasish.saving import keras_archive

    def broken(*args):
        raise RuntimeError("serialization failed")
    monkeypatch.setattr(keras_archive, "archive_bytes", broken)
    with pytest.raises(RuntimeError):
        model.save(tmp_path / "m.keras")
    assert (tmp_path / "m.keras").read_bytes() == before


SAVER = textwrap.dedent("""
    import sys, time
    import numpy as np
    import kerasish
    from kerasish.saving import atomic_write as aw
    path = sys.argv[1]
    model = kerasish.Sequential([kerasish.Input((1000,)), kerasish.layers.Dense(2000),
                                 kerasish.layers.Dense(1000)])   # ~ 16 MB of weights
    model.set_weights([np.full(w.shape, 2.0, "float32") for w in model.get_weights()])
    real = aw.atomic_write

    class Slow:  # writes the new file in small pieces, slowly, so the kill lands mid-write
        def __init__(self, *a, **k):
            self.cm = real(*a, **k)
        def __enter__(self):
            self.f = self.cm.__enter__()
            return self
        def write(self, data):
            for i in range(0, len(data), 1 << 20):
                self.f.write(data[i:i + (1 << 20)])
                self.f.flush()
                print("chunk", flush=True)
                time.sleep(0.2)
        def __exit__(self, *exc):
            return self.cm.__exit__(*exc)
    aw.atomic_write = Slow
    model.save(path)
    print("done", flush=True)
""")


def test_sigkill_while_saving_large_model_keeps_previous_file(tmp_path):
    path = tmp_path / "big.keras"
    model = kerasish.Sequential([kerasish.Input((1000,)), kerasish.layers.Dense(2000),
                                 kerasish.layers.Dense(1000)])
    model.set_weights([np.full(w.shape, 1.0, "float32") for w in model.get_weights()])
    model.save(path)
    before = path.read_bytes()
    env = dict(os.environ, KERASISH_BACKEND="numpy")
    proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE,
                            env=env, cwd=os.getcwd(), text=True)
    try:
        for _ in range(3):  # wait until it is writing the new file
            assert proc.stdout.readline().strip() == "chunk"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    loaded = kerasish.saving.load_model(path)
    assert float(loaded.get_weights()[0][0, 0]) == 1.0
    strays = [p.name for p in tmp_path.iterdir() if p.name != "big.keras"]
    assert all(n.startswith(".big.keras.") and n.endswith(".tmp") for n in strays)
    assert strays  # the killed save left only its temporary, beside the intact file
