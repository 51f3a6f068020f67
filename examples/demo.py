"""A short training demo on the foundation layer: a two-layer network learns two interleaved spirals,
written once with kerasish.ops and trained on every backend (NumPy's tape and JAX's jit).

    python examples/demo.py                 # both backends
    python examples/demo.py --backend numpy

Layers, Sequential and model.fit arrive on top of these same ops; this shows the math underneath.
"""
import argparse
import time

import numpy as np

import kerasish
from kerasish import ops


def make_spirals(n_per_class=200, seed=0):
    rng = np.random.default_rng(seed)
    t = np.sqrt(rng.uniform(0.05, 1, size=(2, n_per_class))) * 3 * np.pi
    arms = [np.stack([t[c] * np.cos(t[c] + c * np.pi), t[c] * np.sin(t[c] + c * np.pi)], axis=1)
            for c in range(2)]
    x = np.concatenate(arms) / 10 + rng.normal(scale=0.02, size=(2 * n_per_class, 2))
    y = np.repeat(np.arange(2), n_per_class)
    order = rng.permutation(len(y))
    return x[order].astype("float32"), y[order].astype("int32")


def init_params(seed=1, hidden=32):
    rng = np.random.default_rng(seed)
    glorot = lambda fan_in, fan_out: rng.uniform(-1, 1, (fan_in, fan_out)) * np.sqrt(6 / (fan_in + fan_out))
    return {"w1": glorot(2, hidden).astype("float32"), "b1": np.zeros(hidden, "float32"),
            "w2": glorot(hidden, hidden).astype("float32"), "b2": np.zeros(hidden, "float32"),
            "w3": glorot(hidden, 2).astype("float32"), "b3": np.zeros(2, "float32")}


def forward(params, x):
    h = ops.tanh(ops.add(ops.matmul(x, params["w1"]), params["b1"]))
    h = ops.tanh(ops.add(ops.matmul(h, params["w2"]), params["b2"]))
    return ops.add(ops.matmul(h, params["w3"]), params["b3"])


def loss_fn(params, x, y):
    logits = forward(params, x)
    return ops.mean(ops.sparse_categorical_crossentropy(y, logits, from_logits=True))


def adam_update(params, grads, moments, step, learning_rate=0.01, beta1=0.9, beta2=0.999, eps=1e-7):
    """One Adam step, written functionally: old state in, new state out (so it jits)."""
    new_params, new_moments = {}, {}
    for k in params:
        m, v = moments[k]
        m = ops.add(ops.multiply(beta1, m), ops.multiply(1 - beta1, grads[k]))
        v = ops.add(ops.multiply(beta2, v), ops.multiply(1 - beta2, ops.square(grads[k])))
        m_hat = ops.divide(m, 1 - beta1 ** step)
        v_hat = ops.divide(v, 1 - beta2 ** step)
        update = ops.divide(ops.multiply(learning_rate, m_hat), ops.add(ops.sqrt(v_hat), eps))
        new_params[k] = ops.subtract(params[k], update)
        new_moments[k] = (m, v)
    return new_params, new_moments


def train(backend_name, epochs=600):
    with kerasish.backend.use_backend(backend_name):
        x, y = make_spirals()
        params = {k: ops.convert_to_tensor(v) for k, v in init_params().items()}
        moments = {k: (ops.zeros_like(v), ops.zeros_like(v)) for k, v in params.items()}
        x, y = ops.convert_to_tensor(x), ops.convert_to_tensor(y)

        def step(params, moments, step_number, x, y):
            loss, grads = ops.value_and_grad(loss_fn)(params, x, y)
            params, moments = adam_update(params, grads, moments, step_number)
            return params, moments, loss

        step = ops.jit(step)  # one XLA computation on JAX; the identity on NumPy
        start = time.perf_counter()
        for epoch in range(1, epochs + 1):
            step_number = ops.convert_to_tensor(float(epoch))
            params, moments, loss = step(params, moments, step_number, x, y)
            if epoch % 100 == 0 or epoch == 1:
                print(f"  [{backend_name}] step {epoch:3d}  loss {float(ops.convert_to_numpy(loss)):.4f}")
        predicted = ops.convert_to_numpy(ops.argmax(forward(params, x), axis=-1))
        accuracy = float(np.mean(predicted == ops.convert_to_numpy(y)))
        seconds = time.perf_counter() - start
        print(f"  [{backend_name}] training accuracy {accuracy:.3f} after {epochs} steps, {seconds:.1f}s")
        return accuracy


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=kerasish.backend.available_backends(), action="append")
    parser.add_argument("--steps", type=int, default=600)
    args = parser.parse_args()
    for name in args.backend or ["numpy", "jax"]:
        print(f"Training on the {name} backend")
        train(name, epochs=args.steps)


if __name__ == "__main__":
    main()
