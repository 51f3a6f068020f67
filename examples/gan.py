"""A small GAN, trained by a custom loop written once for every backend.

    python examples/gan.py                        # both backends, writes gan_samples.png
    python examples/gan.py --backend numpy --steps 600 --png /tmp/gan.png

The real data are points on a ring of 8 Gaussian blobs. A generator maps noise to points; a
discriminator tells real points from generated ones. One training step updates both, using only
backend-agnostic pieces:

- `model.stateless_call(trainable_values, non_trainable_values, x)` runs a model on explicit values;
- `kerasish.ops.value_and_grad` differentiates a loss of those values;
- `optimizer.stateless_apply(optimizer_values, grads, trainable_values)` returns the new values;
- `kerasish.ops.jit` compiles the whole step (one XLA computation on JAX; eager on NumPy).

Keras 3 needs a different step for each of its backends for this; here the same code runs on JAX
and NumPy. The printed statistic is the share of generated points that land on a blob (within 3
standard deviations of a centre) and how many of the 8 blobs they cover; the PNG shows the real
points and the generated ones before and after training.
"""
import argparse
import os
import struct
import time
import zlib

import numpy as np

import kerasish as keras
from kerasish import layers, ops

MODES, RADIUS, SPREAD, LATENT = 8, 2.0, 0.05, 8
CENTRES = RADIUS * np.stack([np.cos(2 * np.pi * np.arange(MODES) / MODES),
                             np.sin(2 * np.pi * np.arange(MODES) / MODES)], axis=1)


def real_points(rng, n):
    return (CENTRES[rng.integers(0, MODES, n)] + SPREAD * rng.normal(size=(n, 2))).astype("float32")


def build_models():
    generator = keras.Sequential([
        keras.Input((LATENT,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(2),
    ], name="generator")
    discriminator = keras.Sequential([
        keras.Input((2,)),
        layers.Dense(64, activation="leaky_relu"),
        layers.Dense(64, activation="leaky_relu"),
        layers.Dense(1),
    ], name="discriminator")
    return generator, discriminator


def make_train_step(generator, discriminator, g_optimizer, d_optimizer):
    """The GAN step as a pure function of explicit state: no backend-specific code."""
    bce = keras.losses.BinaryCrossentropy(from_logits=True)

    def discriminator_loss(d_values, g_values, real, noise):
        fake, _ = generator.stateless_call(g_values, [], noise)
        real_logits, _ = discriminator.stateless_call(d_values, [], real)
        fake_logits, _ = discriminator.stateless_call(d_values, [], ops.stop_gradient(fake))
        return bce(ops.ones_like(real_logits), real_logits) + bce(ops.zeros_like(fake_logits), fake_logits)

    def generator_loss(g_values, d_values, noise):
        fake, _ = generator.stateless_call(g_values, [], noise)
        fake_logits, _ = discriminator.stateless_call(d_values, [], fake)
        return bce(ops.ones_like(fake_logits), fake_logits)  # "fool the discriminator"

    def train_step(state, real, noise):
        g_values, d_values, g_slots, d_slots = state
        d_loss, d_grads = ops.value_and_grad(discriminator_loss)(d_values, g_values, real, noise)
        d_values, d_slots = d_optimizer.stateless_apply(d_slots, d_grads, d_values)
        g_loss, g_grads = ops.value_and_grad(generator_loss)(g_values, d_values, noise)
        g_values, g_slots = g_optimizer.stateless_apply(g_slots, g_grads, g_values)
        return (g_values, d_values, g_slots, d_slots), d_loss, g_loss

    return ops.jit(train_step)


def sample_quality(points):
    """(share of points within 3 spreads of a blob centre, number of blobs hit by such points)."""
    distances = np.linalg.norm(points[:, None, :] - CENTRES[None], axis=-1)
    nearest, closest = distances.min(axis=1), distances.argmin(axis=1)
    on_blob = nearest < 3 * SPREAD
    return float(on_blob.mean()), int(len(np.unique(closest[on_blob])))


def train(backend, steps=1500, batch_size=128, seed=0, log_every=250, verbose=True):
    """Trains on `backend`; returns {"before": points, "after": points, "history": [...]}."""
    with keras.backend.use_backend(backend):
        keras.utils.set_random_seed(seed)
        rng = np.random.default_rng(seed)
        generator, discriminator = build_models()
        g_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
        d_optimizer = keras.optimizers.Adam(1e-3, beta_1=0.5)
        g_optimizer.build(generator.trainable_variables)
        d_optimizer.build(discriminator.trainable_variables)
        step = make_train_step(generator, discriminator, g_optimizer, d_optimizer)
        state = ([v.value for v in generator.trainable_variables],
                 [v.value for v in discriminator.trainable_variables],
                 [v.value for v in g_optimizer.variables],
                 [v.value for v in d_optimizer.variables])
        probe = rng.normal(size=(1000, LATENT)).astype("float32")  # fixed noise to watch samples

        def generate():
            points, _ = generator.stateless_call(state[0], [], probe)
            return np.asarray(ops.convert_to_numpy(points))

        before, history, start = generate(), [], time.perf_counter()
        for i in range(1, steps + 1):
            noise = rng.normal(size=(batch_size, LATENT)).astype("float32")
            state, d_loss, g_loss = step(state, real_points(rng, batch_size), noise)
            if i % log_every == 0 or i == steps:
                share, blobs = sample_quality(generate())
                history.append({"step": i, "d_loss": float(ops.convert_to_numpy(d_loss)),
                                "g_loss": float(ops.convert_to_numpy(g_loss)),
                                "on_blob": share, "blobs": blobs})
                if verbose:
                    print(f"[{backend}] step {i:5d}  d_loss {history[-1]['d_loss']:.3f}  "
                          f"g_loss {history[-1]['g_loss']:.3f}  on a blob {share:6.1%}  "
                          f"blobs covered {blobs}/{MODES}  ({time.perf_counter() - start:.1f}s)")
        # The trained values go back into the models, as fit does at the end.
        for variable, value in zip(generator.trainable_variables, state[0]):
            variable.assign(value)
        return {"before": before, "after": generate(), "history": history}


# -- a dependency-free PNG of the samples ---------------------------------------------------
def scatter_panel(points, colour, size=160, extent=3.0):
    image = np.full((size, size, 3), 255, np.uint8)
    for x, y in points:
        col, row = int((x + extent) / (2 * extent) * size), int((extent - y) / (2 * extent) * size)
        if 0 <= row < size - 1 and 0 <= col < size - 1:
            image[row:row + 2, col:col + 2] = colour
    image[:, -1] = image[-1, :] = 200  # a thin frame between panels
    return image


def write_png(path, image):
    """Writes an RGB uint8 array as a PNG (zlib and struct only), atomically."""
    height, width, _ = image.shape
    raw = b"".join(b"\x00" + image[row].tobytes() for row in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    payload = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
               + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    temporary = f"{path}.tmp"
    with open(temporary, "wb") as f:
        f.write(payload)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["jax", "numpy", "both"], default="both")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument("--png", default="gan_samples.png")
    args = parser.parse_args()
    backends = ["jax", "numpy"] if args.backend == "both" else [args.backend]
    rows = []
    for backend in backends:
        result = train(backend, steps=args.steps)
        start, end = sample_quality(result["before"]), sample_quality(result["after"])
        print(f"[{backend}] generated points on a blob: {start[0]:.1%} before training, "
              f"{end[0]:.1%} after ({end[1]}/{MODES} blobs covered)")
        real = real_points(np.random.default_rng(1), 1000)
        rows.append(np.concatenate([scatter_panel(real, (30, 30, 30)),
                                    scatter_panel(result["before"], (200, 40, 40)),
                                    scatter_panel(result["after"], (30, 90, 200))], axis=1))
    write_png(args.png, np.concatenate(rows, axis=0))
    print(f"wrote {args.png}: real points (black), generated before (red) and after (blue) "
          f"training; one row per backend ({', '.join(backends)})")


if __name__ == "__main__":
    main()
