"""CategoryEncoding: integer category ids as one-hot, multi-hot or count vectors of length
`num_tokens` (as keras.layers.CategoryEncoding)."""
from kerasish import ops
from kerasish.layers.layer import Layer
from kerasish.layers.preprocessing.categorical_encoding import encode_categorical


class CategoryEncoding(Layer):
    _convert_input_args = False  # integer ids stay as given (no float autocast)

    def __init__(self, num_tokens=None, output_mode="multi_hot", sparse=False, **kwargs):
        super().__init__(**kwargs)
        if output_mode == "binary":  # Keras's deprecated name
            output_mode = "multi_hot"
        if output_mode not in ("count", "one_hot", "multi_hot"):
            raise ValueError(
                f"CategoryEncoding: unknown arg for output_mode: {output_mode!r}; expected one "
                f"of 'count', 'one_hot', 'multi_hot'.")
        if num_tokens is None:
            raise ValueError(
                "CategoryEncoding: num_tokens must be set to use this layer. If the number of "
                "tokens is not known beforehand, use the IntegerLookup layer instead.")
        if num_tokens < 1:
            raise ValueError(f"CategoryEncoding: `num_tokens` must be >= 1. Received: "
                             f"num_tokens={num_tokens}.")
        if sparse:
            raise ValueError("CategoryEncoding: `sparse=True` is not supported; kerasish has no "
                             "sparse tensors.")
        self.num_tokens = num_tokens
        self.output_mode = output_mode
        self.sparse = sparse

    def call(self, inputs, count_weights=None):
        inputs = ops.convert_to_tensor(inputs)
        if count_weights is not None:
            if self.output_mode != "count":
                raise ValueError(
                    f"CategoryEncoding: `count_weights` is not used when `output_mode` is not "
                    f"'count'. Received `count_weights={count_weights}`.")
            count_weights = ops.convert_to_tensor(count_weights, dtype=self.compute_dtype)
        return encode_categorical(inputs, self.output_mode, self.num_tokens, self.dtype,
                                  count_weights=count_weights)

    def compute_output_shape(self, input_shape):
        input_shape = tuple(input_shape)
        if len(input_shape) == 0:
            return (self.num_tokens,)
        if self.output_mode == "one_hot" and (input_shape[-1] != 1 or len(input_shape) == 1):
            return input_shape + (self.num_tokens,)
        return input_shape[:-1] + (self.num_tokens,)

    def get_config(self):
        return {**super().get_config(), "num_tokens": self.num_tokens,
                "output_mode": self.output_mode}
