"""Random ops for the JAX backend: jax.random with the uint32 seed of shape (2,) as a raw key
(the same calls as Keras's JAX backend, so the same seed gives Keras's values). Everything is
traceable: the seed may be a tracer inside jax.jit. Signatures: see backends/numpy/random.py."""
import jax
import jax.numpy as jnp

from kerasish.backends.jax.core import convert_to_tensor

__all__ = [
    "random_normal", "random_uniform", "random_truncated_normal", "random_randint",
    "random_categorical", "random_dropout", "random_shuffle",
]


def _key(seed):
    return jnp.asarray(seed, dtype=jnp.uint32)


def random_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32"):
    sample = jax.random.normal(_key(seed), shape=shape, dtype=dtype)
    return (sample * stddev + mean).astype(dtype)


def random_uniform(shape, seed, minval=0.0, maxval=1.0, dtype="float32"):
    return jax.random.uniform(_key(seed), shape=shape, dtype=dtype, minval=minval,
                              maxval=maxval).astype(dtype)


def random_truncated_normal(shape, seed, mean=0.0, stddev=1.0, dtype="float32"):
    sample = jax.random.truncated_normal(_key(seed), -2.0, 2.0, shape=shape, dtype=dtype)
    return (sample * stddev + mean).astype(dtype)


def random_randint(shape, seed, minval, maxval, dtype="int32"):
    return jax.random.randint(_key(seed), shape=shape, minval=minval, maxval=maxval, dtype=dtype)


def random_categorical(logits, num_samples, seed, dtype="int32"):
    logits = convert_to_tensor(logits)
    # As Keras: the classes on axis 1 of (batch, classes, 1), broadcast to (batch, num_samples).
    samples = jax.random.categorical(_key(seed), logits[..., None],
                                     shape=(logits.shape[0], num_samples), axis=1)
    return samples.astype(dtype)


def random_dropout(inputs, rate, seed, noise_shape=None):
    inputs = convert_to_tensor(inputs)
    if rate == 0.0:
        return inputs
    if rate == 1.0:
        return jnp.zeros_like(inputs)
    keep_prob = 1.0 - rate
    noise_shape = inputs.shape if noise_shape is None else tuple(noise_shape)
    # p as float32 (as with Keras, whose JAX runs without x64): the same masks as Keras's.
    p = jnp.asarray(keep_prob, dtype=jnp.float32)
    mask = jnp.broadcast_to(jax.random.bernoulli(_key(seed), p=p, shape=noise_shape), inputs.shape)
    return jax.lax.select(mask, inputs / keep_prob, jnp.zeros_like(inputs))


def random_shuffle(x, seed, axis=0):
    x = convert_to_tensor(x)
    order = jax.random.permutation(_key(seed), x.shape[axis])
    return jnp.take(x, order, axis=axis)
