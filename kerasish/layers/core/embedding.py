"""Embedding: turns non-negative integer indices into rows of a trainable
(input_dim, output_dim) matrix (as keras.layers.Embedding)."""
import numbers
import warnings

from kerasish import constraints, initializers, ops, regularizers
from kerasish.backend import standardize_dtype
from kerasish.layers.layer import Layer


def _positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value <= 0:
        raise ValueError(
            f"Embedding: `{name}` must be a positive integer. Received: {name}={value!r} "
            f"(of type {type(value).__name__}).")
    return int(value)


class Embedding(Layer):
    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False,
                 weights=None, lora_rank=None, lora_alpha=None, quantization_config=None,
                 **kwargs):
        input_dim = _positive_int("input_dim", input_dim)
        output_dim = _positive_int("output_dim", output_dim)
        if kwargs.pop("input_length", None) is not None:  # a Keras 2 argument Keras 3 ignores
            warnings.warn("Argument `input_length` is deprecated. Just remove it.", stacklevel=2)
        super().__init__(**kwargs)
        if lora_rank is not None or quantization_config is not None:
            raise NotImplementedError(
                "Embedding: LoRA (lora_rank) and quantization are not supported by kerasish yet.")
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.mask_zero = bool(mask_zero)
        self.supports_masking = self.mask_zero
        self.autocast = False  # indices must not be cast to the float compute dtype
        if weights is not None:
            self.build()
            one_array = isinstance(weights, list) and len(weights) == 1
            self.set_weights(weights if one_array else [weights])

    def build(self, input_shape=None):
        if self.built:
            return  # already built from `weights`
        self.embeddings = self.add_weight(
            name="embeddings", shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer, regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint)
        self.built = True

    def call(self, inputs):
        if standardize_dtype(inputs.dtype) not in ("int32", "int64"):
            inputs = ops.cast(inputs, "int32")  # as Keras: floats and other ints become int32
        return ops.cast(ops.take(self.embeddings, inputs, axis=0), self.compute_dtype)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        return (*input_shape, self.output_dim)

    def get_config(self):
        return {**super().get_config(), "input_dim": self.input_dim,
                "output_dim": self.output_dim,
                "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
                "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
                "activity_regularizer": regularizers.serialize(self.activity_regularizer),
                "embeddings_constraint": constraints.serialize(self.embeddings_constraint),
                "mask_zero": self.mask_zero, "quantization_config": None}
