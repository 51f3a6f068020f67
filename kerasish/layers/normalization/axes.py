"""Axis checks shared by the normalization layers, so they all word their errors the same way."""
import numbers


def is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_axis_argument(layer_name, axis, allow_list=True):
    """`axis` as given (an int, or a list of ints when allowed); a ValueError otherwise."""
    if is_int(axis):
        return int(axis)
    if allow_list and isinstance(axis, (list, tuple)) and axis and all(is_int(a) for a in axis):
        return [int(a) for a in axis]
    expected = "an int or a list/tuple of ints" if allow_list else "an int"
    raise ValueError(
        f"{layer_name}: argument `axis` must be {expected}; received axis={axis!r}.")


def check_axes_in_range(layer, axes, input_shape, need_size=True):
    """Raises a ValueError naming the layer when an axis falls outside the input's rank or, with
    `need_size`, when the input's size along it is unknown (the weights need it)."""
    rank = len(input_shape)
    for axis in axes:
        if not -rank <= axis < rank:
            raise ValueError(
                f"{type(layer).__name__} layer {layer.name!r}: axis {axis} is out of bounds for "
                f"an input of rank {rank} (input shape {tuple(input_shape)}); received "
                f"axis={layer.axis}.")
        if need_size and input_shape[axis] is None:
            raise ValueError(
                f"{type(layer).__name__} layer {layer.name!r}: axis {axis} of the input must "
                f"have a known size; received input shape {tuple(input_shape)}.")


def float_compute_dtype(dtype):
    """The dtype statistics are computed in: float32, or float64 for float64 inputs (as Keras,
    which upcasts half precision to avoid overflow)."""
    return "float64" if str(dtype) == "float64" else "float32"
