"""SpectralNormalization (as keras.layers.SpectralNormalization): wraps a layer that has a
`kernel` (Dense, Conv...) or `embeddings` (Embedding) and, in training, divides that weight by
its largest singular value, estimated by power iteration with a persistent vector `vector_u`.

As Keras, the normalized kernel is assigned back to the wrapped layer's kernel in training
(eagerly it stays; inside `fit` the trainer keeps only non-trainable updates, so the kernel is
normalized on the fly each step), and inference uses the kernel as it is.
"""
from kerasish import initializers, ops
from kerasish.layers.input_spec import InputSpec
from kerasish.layers.normalization.axes import is_int
from kerasish.layers.recurrent.wrapper import Wrapper

_EPSILON = 1e-7  # Keras's backend.epsilon(): floors the norm in the power iteration


def _unit(x):
    """`x` divided by its L2 norm over all entries (as keras.ops.normalize with axis=None)."""
    return x * ops.minimum(ops.rsqrt(ops.sum(ops.square(x))), 1.0 / _EPSILON)


class SpectralNormalization(Wrapper):
    def __init__(self, layer, power_iterations=1, **kwargs):
        super().__init__(layer, **kwargs)
        if not is_int(power_iterations) or power_iterations <= 0:
            raise ValueError(
                f"SpectralNormalization: `power_iterations` must be a positive integer; "
                f"received power_iterations={power_iterations!r}.")
        self.power_iterations = int(power_iterations)

    def build(self, input_shape):
        super().build(input_shape)
        self.input_spec = InputSpec(min_ndim=1, axes={-1: input_shape[-1]})
        kernel = getattr(self.layer, "kernel", None)
        if kernel is None:
            kernel = getattr(self.layer, "embeddings", None)
        if kernel is None:
            raise ValueError(
                f"SpectralNormalization layer {self.name!r}: the wrapped "
                f"{type(self.layer).__name__} has neither a `kernel` nor an `embeddings` weight "
                f"to normalize.")
        self.kernel = kernel  # tracked here too, so the weights come in Keras's order
        self.kernel_shape = tuple(kernel.shape)
        self.vector_u = self.add_weight(
            name="vector_u", shape=(1, self.kernel_shape[-1]),
            initializer=initializers.TruncatedNormal(stddev=0.02), trainable=False,
            dtype=kernel.dtype)
        self.built = True

    def call(self, inputs, training=False):
        if training:
            # An all-zero kernel has no direction to estimate: leave it (and u) as they are.
            new_u, new_kernel = ops.cond(
                ops.all(ops.equal(self.kernel.value, 0)),
                lambda: (self.vector_u.value, self.kernel.value),
                self.normalized_weights)
            self.vector_u.assign(new_u)
            self.kernel.assign(new_kernel)
        return ops.cast(self.layer(inputs), inputs.dtype)

    def normalized_weights(self):
        """(new vector_u, kernel / sigma) after `power_iterations` steps of power iteration."""
        weights = ops.reshape(self.kernel.value, (-1, self.kernel_shape[-1]))
        u = self.vector_u.value
        for _ in range(self.power_iterations):
            v = _unit(ops.matmul(u, ops.transpose(weights)))
            u = _unit(ops.matmul(v, weights))
        u, v = ops.stop_gradient(u), ops.stop_gradient(v)
        sigma = ops.matmul(ops.matmul(v, weights), ops.transpose(u))  # (1, 1)
        kernel = ops.reshape(self.kernel.value / sigma, self.kernel_shape)
        return ops.cast(u, self.vector_u.dtype), ops.cast(kernel, self.kernel.dtype)

    def compute_output_shape(self, input_shape):
        return self.layer.compute_output_shape(input_shape)

    def get_config(self):
        return {**super().get_config(), "power_iterations": self.power_iterations}
