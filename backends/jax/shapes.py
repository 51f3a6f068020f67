"""Shape manipulation for the JAX backend: thin over jax.numpy (kerasish.ops validated the
arguments). Only static shapes are read, so everything here runs inside jax.jit."""
import jax.numpy as jnp

from kerasish.backends.jax.core import convert_to_tensor
from kerasish.backends.jax.elementwise import promote

__all__ = [
    "reshape", "transpose", "swapaxes", "moveaxis", "expand_dims", "squeeze", "concatenate",
    "stack", "split", "tile", "repeat", "broadcast_to", "pad", "flip", "roll", "take",
    "take_along_axis",
]


def _axes(axis):
    return tuple(axis) if isinstance(axis, list) else axis


def reshape(x, newshape):
    newshape = (newshape,) if isinstance(newshape, int) else tuple(-1 if n is None else n for n in newshape)
    return jnp.reshape(convert_to_tensor(x), newshape)


def transpose(x, axes=None):
    return jnp.transpose(convert_to_tensor(x), None if axes is None else tuple(axes))


def swapaxes(x, axis1, axis2):
    return jnp.swapaxes(convert_to_tensor(x), axis1, axis2)


def moveaxis(x, source, destination):
    return jnp.moveaxis(convert_to_tensor(x), _axes(source), _axes(destination))


def expand_dims(x, axis):
    return jnp.expand_dims(convert_to_tensor(x), _axes(axis))


def squeeze(x, axis=None):
    return jnp.squeeze(convert_to_tensor(x), axis=_axes(axis))


def concatenate(xs, axis=0):
    return jnp.concatenate(promote(*xs), axis=axis)


def stack(x, axis=0):
    return jnp.stack(promote(*x), axis=axis)


def split(x, indices_or_sections, axis=0):
    if not isinstance(indices_or_sections, int):
        indices_or_sections = [int(i) for i in indices_or_sections]
    return jnp.split(convert_to_tensor(x), indices_or_sections, axis=axis)


def tile(x, repeats):
    return jnp.tile(convert_to_tensor(x), repeats)


def repeat(x, repeats, axis=None):
    return jnp.repeat(convert_to_tensor(x), repeats, axis=axis)


def broadcast_to(x, shape):
    return jnp.broadcast_to(convert_to_tensor(x), (shape,) if isinstance(shape, int) else tuple(shape))


def pad(x, pad_width, mode="constant", constant_values=None):
    x = convert_to_tensor(x)
    if mode == "constant":
        return jnp.pad(x, pad_width, mode="constant",
                       constant_values=0 if constant_values is None else constant_values)
    return jnp.pad(x, pad_width, mode=mode)


def flip(x, axis=None):
    return jnp.flip(convert_to_tensor(x), axis=_axes(axis))


def roll(x, shift, axis=None):
    return jnp.roll(convert_to_tensor(x), _axes(shift), axis=_axes(axis))


def take(x, indices, axis=None):
    return jnp.take(convert_to_tensor(x), convert_to_tensor(indices), axis=axis)


def take_along_axis(x, indices, axis=None):
    return jnp.take_along_axis(convert_to_tensor(x), convert_to_tensor(indices), axis=axis)
