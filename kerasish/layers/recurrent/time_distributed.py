"""TimeDistributed: applies a layer to every time step of its input (as
keras.layers.TimeDistributed).

The steps are folded into the batch, `(batch, time, ...) -> (batch * time, ...)`, and the layer
runs once on them: one call instead of a Python loop over steps, identical for every layer that
treats batch entries independently (Dense, Conv2D, ...). A layer whose training-mode output
mixes batch entries (BatchNormalization's batch statistics) sees all steps at once, where Keras
calls it once per step.
"""
from kerasish import ops
from kerasish.layers.call_signature import call_signature
from kerasish.layers.recurrent.wrapper import Wrapper, build_sublayer


class TimeDistributed(Wrapper):
    def __init__(self, layer, **kwargs):
        super().__init__(layer, **kwargs)
        self.supports_masking = True

    def _child_input_shape(self, input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            raise ValueError(
                f"TimeDistributed layer {self.name!r} expects inputs with at least 3 dimensions "
                f"(batch, time, ...); received input shape {input_shape}.")
        return (input_shape[0], *input_shape[2:])

    def build(self, input_shape):
        build_sublayer(self.layer, self._child_input_shape(tuple(input_shape)))
        self.built = True

    def call(self, inputs, training=None, mask=None):
        self._child_input_shape(tuple(inputs.shape))
        batch, steps = ops.shape(inputs)[0], ops.shape(inputs)[1]
        kwargs = {}
        signature = call_signature(type(self.layer))
        if signature.has_training:
            kwargs["training"] = training
        if mask is not None:
            self._check_mask(inputs, mask)
            if signature.has_mask:
                kwargs["mask"] = ops.reshape(mask, (-1,) + tuple(mask.shape[2:]))
        folded = ops.reshape(inputs, (-1,) + tuple(inputs.shape[2:]))
        outputs = self.layer(folded, **kwargs)
        return ops.reshape(outputs, (batch, steps) + tuple(outputs.shape[1:]))

    def _check_mask(self, inputs, mask):
        if len(mask.shape) < 2:
            raise ValueError(
                f"The `mask` passed to the TimeDistributed layer {self.name!r} must be at least "
                f"2D (batch_size, timesteps); received a mask of shape {tuple(mask.shape)}.")
        if tuple(mask.shape[:2]) != tuple(inputs.shape[:2]):
            raise ValueError(
                f"The `mask` passed to the TimeDistributed layer {self.name!r} has shape "
                f"{tuple(mask.shape)}, incompatible with the input shape {tuple(inputs.shape)}: "
                f"its first two dimensions (batch size and timesteps) must match the input's.")
