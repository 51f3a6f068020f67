"""PReLU: x for x >= 0, alpha * x otherwise, with a learned alpha (as keras.layers.PReLU)."""
from kerasish import activations, constraints, initializers, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer


class PReLU(Layer):
    def __init__(self, alpha_initializer="Zeros", alpha_regularizer=None, alpha_constraint=None,
                 shared_axes=None, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]
        for axis in self.shared_axes or []:
            if isinstance(axis, bool) or not isinstance(axis, int) or axis < 1:
                raise ValueError(
                    f"PReLU: `shared_axes` must hold positive axis indices (axis 0 is the batch). "
                    f"Received: shared_axes={shared_axes!r}")

    def build(self, input_shape):
        ndim = len(input_shape)
        for axis in self.shared_axes or []:
            if axis >= ndim:
                raise ValueError(
                    f"PReLU layer {self.name!r}: shared axis {axis} is out of range for an input "
                    f"of rank {ndim} (shape {tuple(input_shape)}).")
        # One alpha per non-batch position, of size 1 along the shared axes.
        param_shape = [1 if i in (self.shared_axes or []) else d
                       for i, d in enumerate(input_shape) if i > 0]
        if any(d is None for d in param_shape):
            raise ValueError(
                f"PReLU layer {self.name!r}: every non-shared, non-batch dimension must be known "
                f"to create alpha; received input shape {tuple(input_shape)}.")
        self.alpha = self.add_weight(
            shape=param_shape, name="alpha", initializer=self.alpha_initializer,
            regularizer=self.alpha_regularizer, constraint=self.alpha_constraint)
        axes = {i: input_shape[i] for i in range(1, ndim) if i not in (self.shared_axes or [])}
        self.input_spec = InputSpec(ndim=ndim, axes=axes)
        self.built = True

    def call(self, inputs):
        positive = activations.relu(inputs)
        negative = activations.relu(-inputs)
        return positive - self.alpha * negative

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(),
                "alpha_initializer": initializers.serialize(self.alpha_initializer),
                "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
                "alpha_constraint": constraints.serialize(self.alpha_constraint),
                "shared_axes": self.shared_axes}
