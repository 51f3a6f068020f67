"""Train, checkpoint, stop, reload, continue: the loss picks up where it stopped.

    python examples/save_and_resume.py                  # both backends
    python examples/save_and_resume.py --backend numpy

1. Train a small regression model for 3 epochs; ModelCheckpoint writes `ckpt.keras` after every
   epoch (architecture, weights, compile settings and the optimizer's state, written atomically).
2. "Stop" (the process could end here), then rebuild everything from the file with
   `kerasish.saving.load_model` and go on with `fit(..., initial_epoch=3)`.
3. The reloaded model has exactly the same loss as the one that stopped, and training continues
   as if it had never stopped: the same numbers as 6 epochs in one go.
"""
import argparse
import os
import tempfile

import numpy as np

import kerasish as keras


def build():
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(16, activation="tanh"),
                              keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.02), loss="mse")
    return model


def data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(256, 4)).astype("float32")
    y = np.sin(x @ np.array([[1.0], [-0.5], [0.3], [2.0]], "float32"))
    return x, y.astype("float32")


def run(backend, folder):
    with keras.backend.use_backend(backend):
        keras.utils.set_random_seed(0)
        x, y = data()
        fit = dict(batch_size=32, shuffle=False, verbose=0)
        path = os.path.join(folder, f"ckpt-{backend}.keras")

        model = build()
        initial = [w.copy() for w in model.get_weights()]
        first = model.fit(x, y, epochs=3, callbacks=[keras.callbacks.ModelCheckpoint(path)], **fit)
        stopped_at = model.evaluate(x, y, verbose=0)
        del model  # stop: everything needed to go on is in the file

        restored = keras.saving.load_model(path)
        print(f"[{backend}] reloaded {path}: optimizer step {int(restored.optimizer.iterations.numpy())}")
        resumed_at = restored.evaluate(x, y, verbose=0)
        second = restored.fit(x, y, epochs=6, initial_epoch=3, **fit)

        straight = build()
        straight.set_weights(initial)
        reference = straight.fit(x, y, epochs=6, **fit)

        losses = first.history["loss"] + second.history["loss"]
        print(f"[{backend}] losses by epoch (stopped after 3, resumed from the file): "
              + ", ".join(f"{v:.5f}" for v in losses))
        print(f"[{backend}] losses of 6 epochs in one go:                         "
              + ", ".join(f"{v:.5f}" for v in reference.history["loss"]))
        print(f"[{backend}] loss when stopping {stopped_at:.6f}, after reloading {resumed_at:.6f}")
        same = np.allclose(losses, reference.history["loss"], rtol=1e-4, atol=1e-6)
        print(f"[{backend}] resumed training matches uninterrupted training: {same}")
        return same and abs(stopped_at - resumed_at) < 1e-6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["numpy", "jax"], action="append")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results = [run(b, folder) for b in (args.backend or ["numpy", "jax"])]
    raise SystemExit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
