"""BatchNormalization (as keras.layers.BatchNormalization).

Training (`training=True` and the layer trainable): normalizes with the batch's mean and variance
and moves `moving_mean` / `moving_variance` toward them with `Variable.assign`; inside `fit` the
trainer runs `call` in a stateless scope, so the assignments become functional state updates.
Inference, or a frozen layer (`trainable=False`, as in Keras 3): normalizes with the moving
statistics and changes nothing. With a mask (one rank less than the input), masked entries do not
count toward the batch statistics.

`renorm=True` is batch renormalization (Ioffe, 2017) as Keras does it. `synchronized` is accepted
and kept in the config; one process always sees the whole batch here, so it changes nothing.
"""
from kerasish import constraints, initializers, ops, regularizers
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.layer import Layer
from kerasish.layers.normalization.axes import (check_axes_in_range, check_axis_argument,
                                                float_compute_dtype)

_MASK_EPSILON = 1e-7  # Keras's backend.epsilon(), added to the masked counts


class BatchNormalization(Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones",
                 moving_mean_initializer="zeros", moving_variance_initializer="ones",
                 beta_regularizer=None, gamma_regularizer=None, beta_constraint=None,
                 gamma_constraint=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99,
                 synchronized=False, **kwargs):
        super().__init__(**kwargs)
        # Keras 3 normalizes along one axis only (Keras 2 also took a list).
        self.axis = check_axis_argument("BatchNormalization", axis, allow_list=False)
        self.momentum = float(momentum)
        self.epsilon = float(epsilon)
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)
        self.synchronized = synchronized
        self.renorm = renorm
        if renorm:
            renorm_clipping = _check_renorm_clipping(renorm_clipping)
        self.renorm_clipping = renorm_clipping
        self.renorm_momentum = renorm_momentum
        self.supports_masking = True
        self.gamma = self.beta = self.moving_mean = self.moving_variance = None

    def build(self, input_shape):
        check_axes_in_range(self, [self.axis], input_shape)
        shape = (input_shape[self.axis],)

        def weight(name, initializer, trainable=False, regularizer=None, constraint=None):
            return self.add_weight(name=name, shape=shape, initializer=initializer,
                                   regularizer=regularizer, constraint=constraint,
                                   trainable=trainable, autocast=False)

        if self.scale:
            self.gamma = weight("gamma", self.gamma_initializer, True, self.gamma_regularizer,
                                self.gamma_constraint)
        if self.center:
            self.beta = weight("beta", self.beta_initializer, True, self.beta_regularizer,
                               self.beta_constraint)
        self.moving_mean = weight("moving_mean", self.moving_mean_initializer)
        self.moving_variance = weight("moving_variance", self.moving_variance_initializer)
        if self.renorm:
            # Renorm tracks standard deviations, started at sqrt of the variance initializer.
            def stddev_initializer(shape, dtype=None):
                return ops.sqrt(_clone(self.moving_variance_initializer)(shape, dtype=dtype))

            self.moving_stddev = weight("moving_stddev", stddev_initializer)
            self.renorm_mean = weight("renorm_mean", _clone(self.moving_mean_initializer))
            self.renorm_stddev = weight("renorm_stddev", stddev_initializer)
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: shape[0]})
        self._reduction_axes = [a for a in range(len(input_shape))
                                if a != self.axis % len(input_shape)]
        self.built = True

    def call(self, inputs, training=None, mask=None):
        if mask is not None and len(mask.shape) != len(inputs.shape) - 1:
            raise ValueError(
                f"BatchNormalization layer {self.name!r}: the mask must have one dimension less "
                f"than the inputs; received mask.shape={tuple(mask.shape)}, "
                f"inputs.shape={tuple(inputs.shape)}.")
        # Statistics in float32 at least: half precision overflows.
        inputs = ops.cast(inputs, float_compute_dtype(inputs.dtype))
        dtype = inputs.dtype
        moving_mean = ops.cast(self.moving_mean, dtype)
        moving_variance = ops.cast(self.moving_variance, dtype)
        gamma = ops.cast(self.gamma, dtype) if self.scale else None
        beta = ops.cast(self.beta, dtype) if self.center else None

        if training and self.trainable:
            mean, variance = self._moments(inputs, mask)
            if self.renorm:
                r, d = self._renorm_correction(mean, variance)
                # (x_hat * r + d) * gamma + beta, folded into one scale and offset.
                offset = d if gamma is None else d * gamma
                gamma = r if gamma is None else r * gamma
                beta = offset if beta is None else offset + beta
                self._update_renorm_statistics(mean, variance)
            else:
                self.moving_mean.assign(moving_mean * self.momentum + mean * (1.0 - self.momentum))
                self.moving_variance.assign(
                    moving_variance * self.momentum + variance * (1.0 - self.momentum))
        else:
            mean, variance = moving_mean, moving_variance
        outputs = ops.batch_normalization(inputs, mean, variance, axis=self.axis, offset=beta,
                                          scale=gamma, epsilon=self.epsilon)
        return ops.cast(outputs, self.compute_dtype)

    def _moments(self, inputs, mask):
        if mask is None:
            return ops.moments(inputs, axes=self._reduction_axes, synchronized=self.synchronized)
        # Weighted moments: masked entries count for nothing.
        keep = ops.broadcast_to(ops.expand_dims(ops.cast(mask, "bool"), -1), ops.shape(inputs))
        weights = ops.cast(keep, inputs.dtype)
        count = ops.sum(weights, self._reduction_axes, keepdims=True) + _MASK_EPSILON
        mean = ops.sum(ops.where(keep, inputs, 0.0), self._reduction_axes, keepdims=True) / count
        deviation = ops.where(keep, inputs - mean, 0.0)
        variance = ops.sum(ops.square(deviation), self._reduction_axes, keepdims=True) / count
        return ops.reshape(mean, (-1,)), ops.reshape(variance, (-1,))

    def _renorm_correction(self, mean, variance):
        """The renorm factors r and d (constants for the gradient), clipped as configured."""
        stddev = ops.sqrt(variance + self.epsilon)
        renorm_mean = ops.cast(self.renorm_mean, mean.dtype)
        # Bounded below so early training does not divide by ~0.
        renorm_stddev = ops.maximum(ops.cast(self.renorm_stddev, mean.dtype), self.epsilon ** 0.5)
        r = stddev / renorm_stddev
        d = (mean - renorm_mean) / renorm_stddev
        clipping = self.renorm_clipping
        if clipping.get("rmin") is not None:
            r = ops.maximum(r, clipping["rmin"])
        if clipping.get("rmax") is not None:
            r = ops.minimum(r, clipping["rmax"])
        if clipping.get("dmax") is not None:
            d = ops.clip(d, -clipping["dmax"], clipping["dmax"])
        return ops.stop_gradient(r), ops.stop_gradient(d)

    def _update_renorm_statistics(self, mean, variance):
        stddev = ops.sqrt(variance + self.epsilon)

        def moved(variable, value, momentum):
            return ops.cast(variable, mean.dtype) * momentum + value * (1.0 - momentum)

        self.renorm_mean.assign(moved(self.renorm_mean, mean, self.renorm_momentum))
        self.renorm_stddev.assign(moved(self.renorm_stddev, stddev, self.renorm_momentum))
        self.moving_mean.assign(moved(self.moving_mean, mean, self.momentum))
        moving_stddev = moved(self.moving_stddev, stddev, self.momentum)
        self.moving_stddev.assign(moving_stddev)
        # The inference variance follows from the stddev; relu guards against rounding below 0.
        self.moving_variance.assign(ops.relu(moving_stddev * moving_stddev - self.epsilon))

    def compute_output_shape(self, input_shape):
        check_axes_in_range(self, [self.axis], input_shape, need_size=False)
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "momentum": self.momentum,
                "epsilon": self.epsilon, "center": self.center, "scale": self.scale,
                "beta_initializer": initializers.serialize(self.beta_initializer),
                "gamma_initializer": initializers.serialize(self.gamma_initializer),
                "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
                "moving_variance_initializer": initializers.serialize(
                    self.moving_variance_initializer),
                "beta_regularizer": regularizers.serialize(self.beta_regularizer),
                "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
                "beta_constraint": constraints.serialize(self.beta_constraint),
                "gamma_constraint": constraints.serialize(self.gamma_constraint),
                "synchronized": self.synchronized, "renorm": self.renorm,
                "renorm_clipping": self.renorm_clipping, "renorm_momentum": self.renorm_momentum}


def _check_renorm_clipping(clipping):
    clipping = dict(clipping or {})
    unknown = set(clipping) - {"rmax", "rmin", "dmax"}
    if unknown:
        raise ValueError(
            f"BatchNormalization: invalid keys {sorted(unknown)} in `renorm_clipping`; the "
            f"supported keys are 'rmax', 'rmin' and 'dmax'. Received: renorm_clipping={clipping}.")
    rmax, rmin, dmax = clipping.get("rmax"), clipping.get("rmin"), clipping.get("dmax")
    if rmax is not None and rmin is not None and rmax < rmin:
        raise ValueError(
            f"BatchNormalization: `renorm_clipping` needs rmax >= rmin; received rmax={rmax}, "
            f"rmin={rmin}.")
    if dmax is not None and dmax < 0:
        raise ValueError(
            f"BatchNormalization: `renorm_clipping` needs dmax >= 0; received dmax={dmax}.")
    return clipping


def _clone(initializer):
    """A fresh copy of an initializer (same config, hence the same values for a seeded one)."""
    return type(initializer).from_config(initializer.get_config())
