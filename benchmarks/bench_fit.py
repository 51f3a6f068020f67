"""Fit speed of kerasish against Keras 3 and a hand-written JAX + optax loop, side by side.

    python benchmarks/bench_fit.py                          # every model and implementation
    python benchmarks/bench_fit.py --models mlp --impls kerasish-jax,keras

Models (benchmarks/fit_models.py): an MLP 784-512-512-10, Keras's MNIST convnet and an
Embedding + LSTM(64) classifier, batch 128, Adam, on synthetic data. Implementations: kerasish on
JAX, kerasish on NumPy, Keras 3 on JAX, and jax+optax (benchmarks/jax_reference.py).

Each (model, implementation) runs in a fresh process, so first-epoch times include every compile
and peak memory is the process's own. kerasish-JAX runs twice against one empty compilation cache
folder: "cold" is a first run on a machine, "warm" a rerun (kerasish turns JAX's persistent cache
on by default; Keras and the plain loop run as their users get them, without it).
Reported: steady-state samples/s (median over the epochs after the first), the first epoch's
wall time (model build and compiles included) and peak resident memory.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
IMPLEMENTATIONS = ["kerasish-jax", "kerasish-numpy", "keras", "jax-optax"]
EPOCHS = {"kerasish-numpy": 2}  # NumPy is slow on the convnet: one steady epoch is enough
DEFAULT_EPOCHS = 4


# -- worker side: one model, one implementation, in this process --------------------------------
def _peak_memory_mb():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _fit_with_keras_api(lib, model_name, epochs):
    from fit_models import BATCH_SIZE, LOSSES, MODELS, data
    x, y = data(model_name)
    epoch_ends = []

    class EpochTimer(lib.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            epoch_ends.append(time.perf_counter())

    start = time.perf_counter()
    model = MODELS[model_name](lib)
    model.compile(optimizer="adam", loss=LOSSES[model_name])
    model.fit(x, y, batch_size=BATCH_SIZE, epochs=epochs, verbose=0, callbacks=[EpochTimer()])
    return len(x), start, epoch_ends


def _fit_with_jax_loop(model_name, epochs):
    import numpy as np
    import jax_reference
    from fit_models import BATCH_SIZE, data
    x, y = data(model_name)
    rng = np.random.default_rng(0)
    start = time.perf_counter()
    trainer = jax_reference.Trainer(model_name)
    epoch_ends = []
    for _ in range(epochs):
        trainer.epoch(x, y, BATCH_SIZE, rng)
        epoch_ends.append(time.perf_counter())
    return len(x), start, epoch_ends


def worker(implementation, model_name, epochs):
    sys.path.insert(0, HERE)
    if implementation == "keras":
        os.environ["KERAS_BACKEND"] = "jax"
        import keras
        samples, start, ends = _fit_with_keras_api(keras, model_name, epochs)
    elif implementation == "jax-optax":
        samples, start, ends = _fit_with_jax_loop(model_name, epochs)
    else:
        import kerasish
        with kerasish.backend.use_backend(implementation.split("-")[1]):
            samples, start, ends = _fit_with_keras_api(kerasish, model_name, epochs)
    steady = sorted(b - a for a, b in zip(ends, ends[1:]))
    median = steady[len(steady) // 2] if steady else float("nan")
    print(json.dumps({"samples_per_s": samples / median, "first_epoch_s": ends[0] - start,
                      "peak_memory_mb": _peak_memory_mb()}))


# -- driver side: one process per run, one table ---------------------------------------------------
def _run(implementation, model_name, env):
    epochs = EPOCHS.get(implementation, DEFAULT_EPOCHS)
    command = [sys.executable, os.path.abspath(__file__), "--worker", implementation, model_name,
               "--epochs", str(epochs)]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description="Fit speed: kerasish vs Keras 3 vs jax+optax.")
    parser.add_argument("--models", default="mlp,cnn,lstm")
    parser.add_argument("--impls", default=",".join(IMPLEMENTATIONS))
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--worker", nargs=2, metavar=("IMPL", "MODEL"), help=argparse.SUPPRESS)
    parser.add_argument("--epochs", type=int, default=DEFAULT_EPOCHS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(*args.worker, args.epochs)

    base_env = {k: v for k, v in os.environ.items() if k not in ("JAX_COMPILATION_CACHE_DIR", "KERASISH_JAX_CACHE")}
    base_env.setdefault("JAX_PLATFORMS", "cpu")
    # NumPy's BLAS gets one thread (XLA, which the JAX runs use, has its own pool): on a small,
    # shared CPU, OpenBLAS's thread per core makes small matmuls several times slower.
    base_env.setdefault("OPENBLAS_NUM_THREADS", "1")
    results = {}
    for model_name in args.models.split(","):
        for implementation in args.impls.split(","):
            if implementation == "kerasish-jax":
                cache = tempfile.mkdtemp(prefix="kerasish-bench-cache-")
                env = {**base_env, "KERASISH_JAX_CACHE": cache}
                results[model_name, "kerasish-jax (cold)"] = _run(implementation, model_name, env)
                results[model_name, "kerasish-jax (warm)"] = _run(implementation, model_name, env)
            else:
                env = {**base_env, "KERASISH_JAX_CACHE": "0"}
                results[model_name, implementation] = _run(implementation, model_name, env)
            print(f"done: {model_name} {implementation}", file=sys.stderr, flush=True)
    print(table(results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({f"{m}/{i}": r for (m, i), r in results.items()}, f, indent=1)


def table(results):
    lines = ["| model | implementation | samples/s (steady) | vs Keras 3 | vs jax+optax | first epoch (s) | peak memory (MB) |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for (model_name, implementation), r in results.items():
        if r is None:
            lines.append(f"| {model_name} | {implementation} | failed | | | | |")
            continue
        keras_r, jax_r = results.get((model_name, "keras")), results.get((model_name, "jax-optax"))
        ratio = lambda other: f"{r['samples_per_s'] / other['samples_per_s']:.2f}x" if other else ""
        lines.append(f"| {model_name} | {implementation} | {r['samples_per_s']:.0f} | {ratio(keras_r)} | "
                     f"{ratio(jax_r)} | {r['first_epoch_s']:.1f} | {r['peak_memory_mb']:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
