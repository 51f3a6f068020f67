"""Concatenate: joins a list of inputs along one axis (as keras.layers.Concatenate /
keras.layers.concatenate). All other axes must match."""
from kerasish import ops
from kerasish.layers.merging.base_merge import Merge, _check_mask_list


class Concatenate(Merge):
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        if isinstance(axis, bool) or not isinstance(axis, int):
            raise ValueError(
                f"Concatenate: `axis` must be an integer. Received: axis={axis!r}")
        self.axis = axis
        self.supports_masking = True

    def build(self, input_shape):
        # Only validates: the inputs must agree on every axis except `axis` (unknown sizes agree
        # with anything), and so must have the same rank.
        if not isinstance(input_shape, (list, tuple)) or not input_shape or not all(
                s is None or isinstance(s, (list, tuple)) for s in input_shape):
            raise ValueError(
                f"A `Concatenate` layer should be called on a list of at least 1 input. "
                f"Received: input_shape={input_shape}")
        shapes = [tuple(s) for s in input_shape if s is not None]
        error = ValueError(
            f"A `Concatenate` layer requires inputs with matching shapes except for the "
            f"concatenation axis. Received: input_shape={[tuple(s) for s in shapes]}")
        if len({len(s) for s in shapes}) > 1:
            raise error
        if shapes:
            rank = len(shapes[0])
            if not -rank <= self.axis < rank:
                raise ValueError(
                    f"Concatenate: `axis`={self.axis} is out of range for inputs of rank {rank}. "
                    f"Received: input_shape={shapes}")
            axis = self.axis % rank
            for i in range(rank):
                sizes = {s[i] for s in shapes if s[i] is not None}
                if i != axis and len(sizes) > 1:
                    raise error
        self.built = True

    def _merge_function(self, inputs):
        return ops.concatenate(inputs, axis=self.axis)

    def call(self, inputs):
        # No rank broadcasting here (Merge.call's): ranks must already match.
        self._check_inputs(inputs)
        return self._merge_function(list(inputs))

    def compute_output_shape(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or not input_shape or not isinstance(
                input_shape[0], (list, tuple)):
            raise ValueError(
                f"A `Concatenate` layer should be called on a list of inputs. Received: "
                f"input_shape={input_shape}")
        output = list(input_shape[0])
        for shape in input_shape[1:]:
            if output[self.axis] is None or shape[self.axis] is None:
                output[self.axis] = None
                break
            output[self.axis] += shape[self.axis]
        return tuple(output)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        _check_mask_list(inputs, mask)
        if all(m is None for m in mask):
            return None
        # Bring each mask to its input's shape (an unmasked input keeps everything), join them
        # along `axis`, then a step is kept where any of its features is.
        full = []
        for x, m in zip(inputs, mask):
            if m is None:
                m = ops.ones_like(x, dtype="bool")
            elif ops.ndim(m) < ops.ndim(x):
                m = ops.broadcast_to(ops.expand_dims(m, -1), ops.shape(x))
            full.append(m)
        return ops.any(ops.concatenate(full, axis=self.axis), axis=-1)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis}


def concatenate(inputs, axis=-1, **kwargs):
    """Functional form of `Concatenate`: `concatenate([a, b], axis)` is
    `Concatenate(axis)([a, b])`."""
    return Concatenate(axis=axis, **kwargs)(inputs)
