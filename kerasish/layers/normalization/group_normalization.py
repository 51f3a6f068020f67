"""GroupNormalization (as keras.layers.GroupNormalization): the channels along `axis` are split
into `groups`; each example is normalized over each group (its channels and all other non-batch
axes), then scaled by `gamma` and shifted by `beta` per channel. groups=-1 is instance
normalization (one group per channel); groups=1 normalizes each example as a whole."""
from kerasish import constraints, initializers, ops, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import (check_axes_in_range, check_axis_argument,
                                                float_compute_dtype, is_int)


class GroupNormalization(Layer):
    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, **kwargs):
        if not is_int(groups) or (groups <= 0 and groups != -1):
            raise ValueError(
                f"GroupNormalization: argument `groups` must be a positive integer (or -1 for "
                f"instance normalization); received groups={groups!r}.")
        super().__init__(**kwargs)
        self.groups = int(groups)
        self.axis = check_axis_argument("GroupNormalization", axis, allow_list=False)
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.autocast = False

    def build(self, input_shape):
        check_axes_in_range(self, [self.axis], input_shape)
        channels = input_shape[self.axis]
        if self.groups == -1:
            self.groups = channels  # as Keras: the config then shows the actual count
        if channels < self.groups or channels % self.groups:
            raise ValueError(
                f"GroupNormalization layer {self.name!r}: the {channels} channels (axis "
                f"{self.axis} of input shape {tuple(input_shape)}) must be a multiple of, and "
                f"at least, groups={self.groups}.")
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: channels})
        self.gamma = self.add_weight(
            name="gamma", shape=(channels,), initializer=self.gamma_initializer,
            regularizer=self.gamma_regularizer, constraint=self.gamma_constraint, autocast=False,
        ) if self.scale else None
        self.beta = self.add_weight(
            name="beta", shape=(channels,), initializer=self.beta_initializer,
            regularizer=self.beta_regularizer, constraint=self.beta_constraint, autocast=False,
        ) if self.center else None
        self.built = True

    def call(self, inputs):
        x = ops.cast(inputs, float_compute_dtype(inputs.dtype))
        rank = len(x.shape)
        axis = self.axis % rank
        channels = x.shape[axis]
        # (..., C, ...) -> (..., groups, C // groups, ...): the group axis sits at `axis`.
        sizes = [ops.shape(x)[i] if d is None else d for i, d in enumerate(x.shape)]
        grouped_shape = ([-1] + sizes[1:axis] + [self.groups, channels // self.groups]
                         + sizes[axis + 1:])
        grouped = ops.reshape(x, grouped_shape)
        reduce_axes = [i for i in range(1, rank + 1) if i != axis]
        mean, variance = ops.moments(grouped, axes=reduce_axes, keepdims=True)
        layout = [1] * (rank + 1)
        layout[axis], layout[axis + 1] = self.groups, channels // self.groups
        inv = ops.rsqrt(variance + self.epsilon)
        if self.gamma is not None:
            inv = inv * ops.reshape(ops.cast(self.gamma, x.dtype), layout)
        shift = -mean * inv
        if self.beta is not None:
            shift = shift + ops.reshape(ops.cast(self.beta, x.dtype), layout)
        outputs = ops.reshape(grouped * inv + shift, ops.shape(x))
        return ops.cast(outputs, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        check_axes_in_range(self, [self.axis], input_shape, need_size=False)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "groups": self.groups, "axis": self.axis,
                "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
                "beta_constraint": constraints.serialize(self.beta_constraint),
                "gamma_constraint": constraints.serialize(self.gamma_constraint)}
