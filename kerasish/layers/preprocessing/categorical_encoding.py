"""Encoding integer indices as one-hot / multi-hot / count vectors (as Keras's
`numerical_utils.encode_categorical_inputs`), with kerasish ops so it runs inside jit."""
from kerasish import ops

OUTPUT_MODES = ("int", "one_hot", "multi_hot", "count")


def check_output_mode(layer_name, output_mode, allowed=OUTPUT_MODES):
    if output_mode not in allowed:
        raise ValueError(
            f"{layer_name}: invalid value for argument `output_mode`. Expected one of "
            f"{list(allowed)}. Received: output_mode={output_mode!r}")


def encode_categorical(indices, output_mode, depth, dtype, count_weights=None):
    """`indices` (integer tensor) encoded per `output_mode`.

    As Keras: "one_hot" drops a trailing axis of size 1 then appends `depth`; "multi_hot" and
    "count" reduce axis 1 (axis 0 for rank-1 input) of the one-hot encoding, so a batch of
    samples (batch, n) becomes (batch, depth). Indices outside [0, depth) encode to zeros.
    """
    if output_mode == "int":
        return ops.cast(indices, dtype)
    if len(indices.shape) == 0:
        indices = ops.expand_dims(indices, -1)
    if not str(indices.dtype).startswith(("int", "uint")):
        indices = ops.cast(indices, "int32")
    if output_mode == "one_hot":
        if len(indices.shape) > 1 and indices.shape[-1] == 1:
            indices = ops.squeeze(indices, -1)
        return ops.one_hot(indices, depth, dtype=dtype)
    axis = 1 if len(indices.shape) > 1 else 0
    if output_mode == "multi_hot":
        return ops.max(ops.one_hot(indices, depth, dtype=dtype), axis=axis)
    # count
    if count_weights is not None:
        encoded = ops.one_hot(indices, depth, dtype=count_weights.dtype)
        encoded = encoded * ops.expand_dims(count_weights, -1)
    else:
        encoded = ops.one_hot(indices, depth, dtype=dtype)
    return ops.sum(encoded, axis=axis)
