"""LayerNormalization (as keras.layers.LayerNormalization): each example normalized over `axis`
(an int or a list), then scaled by `gamma` and shifted by `beta`, both shaped like those axes.

`rms_scaling=True` (deprecated in Keras, kept for its configs) divides by the standard deviation
without centering and has no `beta`; keras.layers.RMSNormalization is the real RMS norm.
"""
import warnings

from kerasish import constraints, initializers, ops, regularizers
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import (check_axes_in_range, check_axis_argument,
                                                float_compute_dtype)


class LayerNormalization(Layer):
    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, beta_initializer="zeros",
                 gamma_initializer="ones", beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, **kwargs):
        rms_scaling = kwargs.pop("rms_scaling", False)
        if rms_scaling:
            warnings.warn(
                "LayerNormalization: `rms_scaling=True` is deprecated (it scales by the variance, "
                "not the root mean square); use keras.layers.RMSNormalization instead.",
                stacklevel=2)
        super().__init__(**kwargs)
        self.axis = check_axis_argument("LayerNormalization", axis)
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rms_scaling = rms_scaling
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.supports_masking = True
        self.autocast = False

    def build(self, input_shape):
        # As Keras, the axis becomes a sorted list at build (so the config shows a list).
        self.axis = sorted(self.axis) if isinstance(self.axis, list) else [self.axis]
        check_axes_in_range(self, self.axis, input_shape)
        shape = tuple(input_shape[a] for a in self.axis)
        self.gamma = self.add_weight(
            name="gamma", shape=shape, initializer=self.gamma_initializer,
            regularizer=self.gamma_regularizer, constraint=self.gamma_constraint, autocast=False,
        ) if self.scale or self.rms_scaling else None
        self.beta = self.add_weight(
            name="beta", shape=shape, initializer=self.beta_initializer,
            regularizer=self.beta_regularizer, constraint=self.beta_constraint, autocast=False,
        ) if self.center and not self.rms_scaling else None
        self.built = True

    def call(self, inputs):
        x = ops.cast(inputs, float_compute_dtype(inputs.dtype))
        rank = len(x.shape)
        # gamma/beta hold only the normalized axes: laid out for broadcasting against x.
        layout = [1] * rank
        for a in self.axis:
            layout[a] = x.shape[a]

        def laid_out(weight):
            return None if weight is None else ops.reshape(ops.cast(weight, x.dtype), layout)

        gamma, beta = laid_out(self.gamma), laid_out(self.beta)
        if self.rms_scaling:
            inv = ops.rsqrt(ops.var(x, axis=self.axis, keepdims=True) + self.epsilon)
            outputs = x * inv if gamma is None else x * inv * gamma
        else:
            mean, variance = ops.moments(x, axes=self.axis, keepdims=True)
            inv = ops.rsqrt(variance + self.epsilon)
            if gamma is not None:
                inv = inv * gamma
            shift = -mean * inv if beta is None else beta - mean * inv
            outputs = x * inv + shift
        return ops.cast(outputs, self.compute_dtype)

    def compute_output_shape(self, input_shape):
        axes = self.axis if isinstance(self.axis, list) else [self.axis]
        check_axes_in_range(self, axes, input_shape, need_size=False)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "epsilon": self.epsilon,
                "center": self.center, "scale": self.scale, "rms_scaling": self.rms_scaling,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
                "beta_constraint": constraints.serialize(self.beta_constraint),
                "gamma_constraint": constraints.serialize(self.gamma_constraint)}
