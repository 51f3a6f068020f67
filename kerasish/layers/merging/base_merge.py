"""Merge: the base of the layers that combine a list of tensors (as Keras 3's base Merge layer).

Subclasses write `_merge_function(inputs)`. The base checks the input shapes when building
(same batch size; the other axes broadcast, aligned on the right), brings inputs of lower rank
up to the highest rank by inserting axes after the batch axis (as Keras does), and combines the
input masks: the output mask is the logical OR of the input masks when every input has one
(a step is kept if any input kept it), and no mask otherwise.
"""
from kerasish import ops
from kerasish.backend.keras_tensor import compute_output_spec
from kerasish.backend.masking import get_keras_mask, set_keras_mask
from kerasish.layers.layer import Layer


class Merge(Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def _merge_function(self, inputs):
        raise NotImplementedError(f"{type(self).__name__} must define `_merge_function`.")

    # -- shapes -----------------------------------------------------------------------------
    def _check_shape_list(self, input_shape):
        """Raises unless `input_shape` is a non-empty list of shapes (one per input)."""
        if not isinstance(input_shape, (list, tuple)) or not input_shape or not all(
                s is None or isinstance(s, (list, tuple)) for s in input_shape):
            if isinstance(input_shape, (list, tuple)) and not input_shape:
                raise ValueError(
                    f"A merge layer ({type(self).__name__}) should be called on a list of at "
                    f"least 1 input. Received an empty list.")
            raise ValueError(
                f"A merge layer should be called on a list of inputs. Received: "
                f"input_shape={input_shape} (not a list of shapes)")

    def _elementwise_shape(self, shape1, shape2):
        """The broadcast of two shapes (batch axis excluded), aligned on the right; None when
        either is unknown."""
        if shape1 is None or shape2 is None:
            return None
        if len(shape1) < len(shape2):
            shape1, shape2 = shape2, shape1
        if not shape2:
            return tuple(shape1)
        lead = len(shape1) - len(shape2)
        output = list(shape1[:lead])
        for i, j in zip(shape1[lead:], shape2):
            if i is None or j is None:
                output.append(None)
            elif i == 1 or j == 1:
                output.append(j if i == 1 else i)
            elif i != j:
                raise ValueError(
                    f"Inputs have incompatible shapes. Received shapes {tuple(shape1)} and "
                    f"{tuple(shape2)}")
            else:
                output.append(i)
        return tuple(output)

    def build(self, input_shape):
        # Only validates: merge layers have no weights.
        self._check_shape_list(input_shape)
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise ValueError(
                f"Cannot merge tensors with different batch sizes. Received tensors with shapes "
                f"{[tuple(s) if s is not None else None for s in input_shape]}")
        output = None if input_shape[0] is None else tuple(input_shape[0][1:])
        for shape in input_shape[1:]:
            output = self._elementwise_shape(output, None if shape is None else tuple(shape[1:]))
        self.built = True

    def compute_output_shape(self, input_shape):
        self._check_shape_list(input_shape)
        output = None if input_shape[0] is None else tuple(input_shape[0][1:])
        for shape in input_shape[1:]:
            output = self._elementwise_shape(output, None if shape is None else tuple(shape[1:]))
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        batch = batch_sizes.pop() if len(batch_sizes) == 1 else None
        return None if output is None else (batch,) + output

    def compute_output_spec(self, inputs):
        # The output's dtype is what `call` really computes (Keras 3 always declares the
        # compute dtype, which is wrong for integer inputs), so evaluate `call` abstractly.
        self._check_inputs(inputs)
        return compute_output_spec(self.call, inputs)

    # -- calling ----------------------------------------------------------------------------
    def _check_inputs(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError(
                f"A merge layer should be called on a list of inputs. Received: inputs={inputs} "
                f"(not a list of tensors)")

    def call(self, inputs):
        self._check_inputs(inputs)
        ranks = [ops.ndim(x) for x in inputs]
        if len(set(ranks)) > 1:
            # Lower-rank inputs get new axes after the batch axis, so (batch, d) broadcasts
            # against (batch, t, d) as Keras does.
            top = max(ranks)
            expanded = []
            for x, rank in zip(inputs, ranks):
                for _ in range(top - rank):
                    x = ops.expand_dims(x, axis=1)
                expanded.append(x)
            inputs = expanded
        return self._merge_function(list(inputs))

    # -- masks ------------------------------------------------------------------------------
    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        _check_mask_list(inputs, mask)
        if any(m is None for m in mask):
            return None
        output = mask[0]
        for m in mask[1:]:
            output = ops.logical_or(output, m)
        return output

    def _apply_merge_op_and_or_mask(self, op, inputs):
        """Folds `inputs` with the binary `op`, where a masked-out value of one input is
        replaced by the other's so it cannot win; the output mask is the OR of the masks
        (for Maximum and Minimum, which have no neutral element)."""
        output = output_mask = None
        for x in inputs:
            mask = _feature_mask(x)
            if output is None:
                output, output_mask = x, mask
                continue
            if mask is not None:
                x = ops.where(mask, x, output)
            if output_mask is not None:
                output = ops.where(output_mask, output, x)
            output_mask = (ops.logical_or(output_mask, mask)
                           if mask is not None and output_mask is not None else None)
            output = op(output, x)
        if output_mask is not None:
            set_keras_mask(output, ops.any(output_mask, axis=-1))
        return output

    def get_config(self):
        return super().get_config()


def _feature_mask(x):
    """x's mask (one value per step, no feature axis) broadcast to x's shape, or None."""
    mask = get_keras_mask(x)
    if mask is None:
        return None
    return ops.broadcast_to(ops.expand_dims(mask, -1), ops.shape(x))


def _check_mask_list(inputs, mask):
    if not isinstance(mask, (list, tuple)):
        raise ValueError(f"`mask` should be a list. Received: mask={mask}")
    if not isinstance(inputs, (list, tuple)):
        raise ValueError(f"`inputs` should be a list. Received: inputs={inputs}")
    if len(mask) != len(inputs):
        raise ValueError(
            f"The lists `inputs` and `mask` should have the same length. Received: inputs of "
            f"length {len(inputs)}, and mask of length {len(mask)}")
