"""Normalization: `(x - mean) / sqrt(var)` per feature, with mean and variance given or learned
by `adapt` (as keras.layers.Normalization); `invert=True` maps normalized values back."""
import math

import numpy as np

from kerasish import backend, ops
from kerasish.layers.layer import Layer


class Normalization(Layer):
    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        if axis is None:
            axis = ()
        elif isinstance(axis, int):
            axis = (axis,)
        else:
            axis = tuple(axis)
        self.axis = axis
        self.input_mean = mean
        self.input_variance = variance
        self.invert = invert
        self.supports_masking = True
        self._build_input_shape = None
        if (mean is not None) != (variance is not None):
            raise ValueError(
                f"Normalization: when setting values directly, both `mean` and `variance` must "
                f"be set. Received: mean={mean} and variance={variance}")
        if mean is not None:
            if np.shape(mean) != np.shape(variance):
                raise ValueError(
                    f"Normalization: `mean` and `variance` must have the same shape. Received: "
                    f"mean shape {np.shape(mean)} and variance shape {np.shape(variance)}")
            if len(np.shape(mean)) > len(self.axis):
                raise ValueError(
                    f"Normalization: the rank of `mean` must be less than or equal to the number "
                    f"of axes ({len(self.axis)}). Received: mean shape {np.shape(mean)} for "
                    f"axis {self.axis}")

    def build(self, input_shape):
        if input_shape is None:
            return
        input_shape = tuple(input_shape)
        ndim = len(input_shape)
        self._build_input_shape = input_shape
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise ValueError(
                f"Normalization: all `axis` values must be in the range [-ndim, ndim). Received "
                f"inputs with ndim={ndim}, while axis={self.axis}")
        self._keep_axis = tuple(sorted(a % ndim for a in self.axis))
        for d in self._keep_axis:
            if input_shape[d] is None:
                raise ValueError(
                    f"Normalization: all `axis` values to be kept must have a known shape. "
                    f"Received axis={self.axis}, inputs.shape={input_shape}, with unknown axis "
                    f"at index {d}")
        self._reduce_axis = tuple(d for d in range(ndim) if d not in self._keep_axis)
        self._broadcast_shape = tuple(input_shape[d] if d in self._keep_axis else 1
                                      for d in range(ndim))
        self._mean_and_var_shape = tuple(input_shape[d] for d in self._keep_axis)
        if self.input_mean is None:
            self.adapt_mean = self.add_weight(name="mean", shape=self._mean_and_var_shape,
                                              initializer="zeros", trainable=False)
            self.adapt_variance = self.add_weight(name="variance", shape=self._mean_and_var_shape,
                                                  initializer="ones", trainable=False)
            self.count = self.add_weight(name="count", shape=(), dtype="int", initializer="zeros",
                                         trainable=False)  # kept for Keras's weight layout
        else:
            self._given_mean = self._broadcast_given(self.input_mean)
            self._given_variance = self._broadcast_given(self.input_variance)
        self.built = True

    def _broadcast_given(self, value):
        """A given mean/variance as a NumPy array of the broadcast shape: a scalar applies to
        every feature; otherwise its dims align with the kept axes from the right."""
        value = np.asarray(value, dtype="float64")
        expanded = [1] * len(self._broadcast_shape)
        for i in range(1, value.ndim + 1):
            expanded[self._keep_axis[-i]] = value.shape[-i]
        return np.broadcast_to(value.reshape(expanded), self._broadcast_shape)

    def adapt(self, data):
        """Sets mean and variance from `data`: an array, or an iterable of batches (combined
        exactly, batch by batch, as Keras does)."""
        batches = self._batches(data)
        first = batches[0]
        if not self.built:
            self.build(first.shape)
        else:
            for d in self._keep_axis:
                if first.shape[d] != self._build_input_shape[d]:
                    raise ValueError(
                        f"Normalization: the layer was built with input_shape="
                        f"{self._build_input_shape}, but adapt() is being called with data with "
                        f"an incompatible shape, data.shape={first.shape}")
        if self.input_mean is not None:
            raise ValueError("Normalization: cannot adapt a layer created with `mean` and "
                             "`variance`.")
        if len(batches) == 1:
            total_mean = np.mean(first, axis=self._reduce_axis)
            total_var = np.var(first, axis=self._reduce_axis)
        else:
            total_mean = np.zeros(self._mean_and_var_shape)
            total_var = np.zeros(self._mean_and_var_shape)
            total_count = 0
            for batch in batches:
                for d in self._keep_axis:
                    if batch.shape[d] != self._build_input_shape[d]:
                        raise ValueError(
                            f"Normalization: adapt() yielded a batch with incompatible shape. "
                            f"Expected {self._build_input_shape}, got {batch.shape}.")
                batch_mean = np.mean(batch, axis=self._reduce_axis)
                batch_var = np.var(batch, axis=self._reduce_axis)
                count = math.prod(batch.shape[d] for d in self._reduce_axis)
                total_count += count
                w = count / total_count
                new_mean = total_mean * (1 - w) + batch_mean * w
                # Lack-of-fit sum of squares: combines the two variances around the new mean.
                total_var = ((total_var + (total_mean - new_mean) ** 2) * (1 - w)
                             + (batch_var + (batch_mean - new_mean) ** 2) * w)
                total_mean = new_mean
        self.adapt_mean.assign(np.asarray(total_mean, dtype="float32"))
        self.adapt_variance.assign(np.asarray(total_var, dtype="float32"))

    def _batches(self, data):
        def to_array(x):
            x = x[0] if isinstance(x, tuple) else x
            return np.asarray(ops.convert_to_numpy(x) if ops.is_tensor(x) else x,
                              dtype=self.compute_dtype)
        if isinstance(data, np.ndarray) or ops.is_tensor(data):
            return [to_array(data)]
        if not hasattr(data, "__iter__"):
            raise TypeError(
                f"Normalization.adapt: unsupported data type {type(data).__name__}; expected a "
                f"NumPy array, a tensor, or an iterable of batches.")
        batches = [to_array(b) for b in data]
        if not batches:
            raise ValueError("Normalization.adapt() received an empty iterable (no batches).")
        return batches

    def _mean_variance(self):
        if self.input_mean is not None:
            return (ops.convert_to_tensor(self._given_mean, self.compute_dtype),
                    ops.convert_to_tensor(self._given_variance, self.compute_dtype))
        # Read from the variables on every call, so set_weights and stateless calls apply.
        mean = ops.reshape(ops.cast(self.adapt_mean, self.compute_dtype), self._broadcast_shape)
        variance = ops.reshape(ops.cast(self.adapt_variance, self.compute_dtype),
                               self._broadcast_shape)
        return mean, variance

    def call(self, inputs):
        inputs = ops.cast(inputs, self.compute_dtype)
        mean, variance = self._mean_variance()
        std = ops.maximum(ops.sqrt(variance), backend.epsilon())
        if self.invert:
            return mean + inputs * std
        return (inputs - mean) / std

    def compute_output_shape(self, input_shape):
        return tuple(input_shape)

    def get_config(self):
        return {**super().get_config(), "axis": self.axis, "invert": self.invert,
                "mean": np.array(self.input_mean).tolist(),
                "variance": np.array(self.input_variance).tolist()}
