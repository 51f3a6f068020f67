"""Forward + backward time per batch of single layers, kerasish (NumPy and JAX) against Keras 3 (JAX).

    python benchmarks/bench_layers.py                       # prints a markdown table
    python benchmarks/bench_layers.py --repeats 30 --append-readme

Each case times one call of `value_and_grad(sum(layer(x)))` with respect to the layer's weights and
its input, written the same way for all three: the layer's `stateless_call` on explicit weight
values, differentiated by the framework's value_and_grad, and jitted on JAX (`kerasish.ops.jit`,
the identity on NumPy; `jax.jit` for Keras). Compiles happen in warm-up calls, then the median of
`--repeats` timed calls is reported (JAX results are blocked on before the clock stops); the
implementations take turns call by call, so that load from other processes hits them alike. The last
columns are ratios to Keras 3: how many times slower than Keras each kerasish backend is.
"""
import argparse
import os
import platform
import statistics
import time

os.environ.setdefault("KERAS_BACKEND", "jax")
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> (layer constructor taking the library, input shape)
CASES = {
    "Conv2D 3x3, 28x28x16 -> 32, batch 32": (
        lambda lib: lib.layers.Conv2D(32, 3, padding="same"), (32, 28, 28, 16)),
    "LSTM 50 steps, 32 -> 64 units, batch 32": (
        lambda lib: lib.layers.LSTM(64), (32, 50, 32)),
}


def _block_jax(tree):
    import jax
    return jax.block_until_ready(tree)


def kerasish_step(backend, make_layer, shape, x):
    """(step, args, block) for a kerasish layer on `backend`."""
    import kerasish
    from kerasish import ops
    with kerasish.backend.use_backend(backend):
        layer = make_layer(kerasish)
        layer.build(shape)
        weights = [ops.convert_to_tensor(v) for v in layer.trainable_variables]
        state = [ops.convert_to_tensor(v) for v in layer.non_trainable_variables]  # seed states

        def loss(weights, x):
            outputs, _ = layer.stateless_call(weights, state, x)
            return ops.sum(outputs)

        step = ops.jit(ops.value_and_grad(loss, argnums=(0, 1)))
        args = (weights, ops.convert_to_tensor(x))

    def call():  # the backend is active while the step runs (NumPy's tape needs it)
        with kerasish.backend.use_backend(backend):
            return step(*args)
    return call, _block_jax if backend == "jax" else (lambda tree: tree)


def keras_step(make_layer, shape, x):
    import jax
    import keras
    layer = make_layer(keras)
    layer.build(shape)
    weights = [jax.numpy.asarray(v) for v in layer.trainable_variables]
    state = [jax.numpy.asarray(v) for v in layer.non_trainable_variables]

    def loss(weights, x):
        outputs, _ = layer.stateless_call(weights, state, x)
        return jax.numpy.sum(outputs)

    step = jax.jit(jax.value_and_grad(loss, argnums=(0, 1)))
    args = (weights, jax.numpy.asarray(x))
    return (lambda: step(*args)), _block_jax


def time_case(make_layer, shape, repeats):
    """Median seconds per call for each implementation. Calls are interleaved round by round, so
    that load from other processes on the machine falls on all implementations alike."""
    import numpy as np
    x = np.random.default_rng(0).normal(size=shape).astype("float32")
    steps = {"kerasish-numpy": kerasish_step("numpy", make_layer, shape, x),
             "kerasish-jax": kerasish_step("jax", make_layer, shape, x),
             "keras-jax": keras_step(make_layer, shape, x)}
    for call, block in steps.values():  # warm-up: compiles on JAX
        for _ in range(2):
            block(call())
    times = {name: [] for name in steps}
    for _ in range(repeats):
        for name, (call, block) in steps.items():
            start = time.perf_counter()
            block(call())
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def machine_description():
    import jax
    import numpy as np
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    return (f"{cpu}, {os.cpu_count()} cores{load}; Python {platform.python_version()}, "
            f"NumPy {np.__version__} (BLAS threads: {blas}), JAX {jax.__version__} "
            f"({jax.default_backend()})")


def run(repeats):
    import keras
    rows = [(name, time_case(make_layer, shape, repeats))
            for name, (make_layer, shape) in CASES.items()]
    header = ("| layer (forward + backward) | kerasish NumPy (ms) | kerasish JAX (ms) | "
              f"Keras {keras.__version__} JAX (ms) | NumPy / Keras | kerasish JAX / Keras |")
    lines = [header, "|---|---:|---:|---:|---:|---:|"]
    for name, t in rows:
        ms = {k: 1000 * v for k, v in t.items()}
        lines.append(f"| {name} | {ms['kerasish-numpy']:.2f} | {ms['kerasish-jax']:.2f} | "
                     f"{ms['keras-jax']:.2f} | {t['kerasish-numpy'] / t['keras-jax']:.1f}x | "
                     f"{t['kerasish-jax'] / t['keras-jax']:.2f}x |")
    return "\n".join(lines)


def append_readme(table, machine, repeats):
    path = os.path.join(HERE, "README.md")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write("# kerasish benchmarks\n")
    section = (f"\n## Layers: forward + backward per batch\n\n"
               f"`python benchmarks/bench_layers.py --repeats {repeats}`: one jitted (on JAX) "
               f"`value_and_grad` of the sum of a layer's outputs with respect to its weights and "
               f"input, median of {repeats} calls after warm-up; ratios are times Keras 3's.\n\n"
               f"{table}\n\nMachine: {machine}.\n")
    with open(path, "a") as f:
        f.write(section)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads for NumPy (0: the library's default, one per core). "
                             "One is fastest for these small matmuls, above all on a busy machine.")
    parser.add_argument("--append-readme", action="store_true",
                        help="append the table and the machine to benchmarks/README.md")
    args = parser.parse_args()
    if args.blas_threads > 0:  # before NumPy is first imported, or BLAS has started its threads
        for variable in BLAS_VARIABLES:
            os.environ[variable] = str(args.blas_threads)
    table = run(args.repeats)
    machine = machine_description()
    print(table)
    print(f"\nMachine: {machine}")
    if args.append_readme:
        append_readme(table, machine, args.repeats)


if __name__ == "__main__":
    main()
