"""The baseline: the same three models as a hand-written JAX + optax training loop (what a JAX
expert would write: one jitted step over donated parameters and optimizer state)."""
import jax
import jax.numpy as jnp
import numpy as np
import optax

from fit_models import VOCABULARY


def _glorot(key, shape):
    fan_in, fan_out = np.prod(shape[:-1]), shape[-1]
    if len(shape) == 4:  # conv HWIO
        receptive = shape[0] * shape[1]
        fan_in, fan_out = shape[2] * receptive, shape[3] * receptive
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return jax.random.uniform(key, shape, jnp.float32, -limit, limit)


def _dense(key, n_in, n_out):
    return {"w": _glorot(key, (n_in, n_out)), "b": jnp.zeros((n_out,), jnp.float32)}


def init(model_name, key):
    keys = jax.random.split(key, 4)
    if model_name == "mlp":
        return [_dense(keys[0], 784, 512), _dense(keys[1], 512, 512), _dense(keys[2], 512, 10)]
    if model_name == "cnn":
        return {"c1": {"w": _glorot(keys[0], (3, 3, 1, 32)), "b": jnp.zeros((32,))},
                "c2": {"w": _glorot(keys[1], (3, 3, 32, 64)), "b": jnp.zeros((64,))},
                "out": _dense(keys[2], 5 * 5 * 64, 10)}
    return {"embedding": jax.random.uniform(keys[0], (VOCABULARY, 64), jnp.float32, -0.05, 0.05),
            "kernel": _glorot(keys[1], (64, 256)), "recurrent": _glorot(keys[2], (64, 256)),
            "bias": jnp.zeros((256,)), "out": _dense(keys[3], 64, 1)}


def _conv(x, p):
    y = jax.lax.conv_general_dilated(x, p["w"], (1, 1), "VALID", dimension_numbers=("NHWC", "HWIO", "NHWC"))
    return jax.nn.relu(y + p["b"])


def _max_pool(x):
    return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 2, 2, 1), (1, 2, 2, 1), "VALID")


def forward(model_name, params, x, key):
    if model_name == "mlp":
        h = jax.nn.relu(x @ params[0]["w"] + params[0]["b"])
        h = jax.nn.relu(h @ params[1]["w"] + params[1]["b"])
        return h @ params[2]["w"] + params[2]["b"]  # logits
    if model_name == "cnn":
        h = _max_pool(_conv(x, params["c1"]))
        h = _max_pool(_conv(h, params["c2"])).reshape(x.shape[0], -1)
        keep = jax.random.bernoulli(key, 0.5, h.shape)
        h = jnp.where(keep, h / 0.5, 0.0)
        return h @ params["out"]["w"] + params["out"]["b"]
    embedded = params["embedding"][x]  # (batch, time, 64)
    inputs = embedded @ params["kernel"] + params["bias"]  # all time steps at once

    def step(carry, x_t):
        h, c = carry
        z = x_t + h @ params["recurrent"]
        i, f, g, o = jnp.split(z, 4, axis=-1)
        c = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(g)
        h = jax.nn.sigmoid(o) * jnp.tanh(c)
        return (h, c), None

    zeros = jnp.zeros((x.shape[0], 64), jnp.float32)
    (h, _), _ = jax.lax.scan(step, (zeros, zeros), jnp.swapaxes(inputs, 0, 1))
    return h @ params["out"]["w"] + params["out"]["b"]


def loss_fn(model_name, params, x, y, key):
    logits = forward(model_name, params, x, key)
    if model_name == "lstm":
        return optax.sigmoid_binary_cross_entropy(logits, y).mean()
    return optax.softmax_cross_entropy_with_integer_labels(logits, y).mean()


class Trainer:
    """fit-like epochs of a jitted optax step; `epoch` returns when the device is done."""

    def __init__(self, model_name, seed=0):
        self.model_name = model_name
        self.params = init(model_name, jax.random.PRNGKey(seed))
        self.optimizer = optax.adam(1e-3)
        self.opt_state = self.optimizer.init(self.params)
        self.key = jax.random.PRNGKey(seed + 1)

        def train_step(params, opt_state, key, x, y):
            key, dropout_key = jax.random.split(key)
            loss, grads = jax.value_and_grad(lambda p: loss_fn(model_name, p, x, y, dropout_key))(params)
            updates, opt_state = self.optimizer.update(grads, opt_state, params)
            return optax.apply_updates(params, updates), opt_state, key, loss

        self.step = jax.jit(train_step, donate_argnums=(0, 1, 2))

    def epoch(self, x, y, batch_size, rng):
        order = rng.permutation(len(x))
        loss = None
        for start in range(0, len(x), batch_size):
            index = order[start:start + batch_size]
            self.params, self.opt_state, self.key, loss = self.step(
                self.params, self.opt_state, self.key, x[index], y[index])
        return float(loss)  # waits for the device
