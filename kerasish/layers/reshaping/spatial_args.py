"""Argument checks shared by the padding and cropping layers: `padding`/`cropping` given as an
int, one int per spatial axis, or one (before, after) pair per spatial axis."""
from kerasish.layers.convolutional.conv_args import is_int, standardize_tuple


def amounts_per_axis(value, rank, name, layer):
    """`value` as `rank` (before, after) pairs of non-negative ints (Keras's accepted forms)."""
    if rank == 1:
        return (standardize_tuple(value, 2, name, layer, allow_zero=True),)
    if is_int(value):
        if value < 0:
            raise ValueError(f"{layer}: `{name}` cannot be negative. Received: {name}={value}.")
        return ((int(value), int(value)),) * rank
    if not hasattr(value, "__len__") or isinstance(value, str):
        raise ValueError(
            f"{layer}: `{name}` should be either an int, a tuple of {rank} ints, or a tuple of "
            f"{rank} tuples of 2 ints ((before, after) for each spatial dimension). Received: "
            f"{name}={value!r}.")
    if len(value) != rank:
        raise ValueError(f"{layer}: `{name}` should have {rank} elements. Received: "
                         f"{name}={value!r}.")
    ordinals = ["1st", "2nd", "3rd"]
    return tuple(standardize_tuple(v, 2, f"{ordinals[i]} entry of {name}", layer, allow_zero=True)
                 for i, v in enumerate(value))


def spatial_axes(rank, data_format):
    """The spatial axes of a (batch, ..., channels) or (batch, channels, ...) input."""
    start = 1 if data_format == "channels_last" else 2
    return tuple(range(start, start + rank))
