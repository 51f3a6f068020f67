"""StringLookup: strings to vocabulary indices, or (invert=True) indices back to strings (as
keras.layers.StringLookup). Runs eagerly on the host; inverted output is a NumPy object array of
bytes (as Keras's, which come from TensorFlow string tensors)."""
import numpy as np

from kerasish.layers.preprocessing.host_layer import as_text
from kerasish.layers.preprocessing.index_lookup import IndexLookup


class StringLookup(IndexLookup):
    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token="[UNK]",
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 pad_to_max_tokens=False, sparse=False, encoding="utf-8", name=None, salt=None,
                 **kwargs):
        self.encoding = encoding
        kwargs.pop("vocabulary_dtype", None)
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         idf_weights=idf_weights, invert=invert, output_mode=output_mode,
                         pad_to_max_tokens=pad_to_max_tokens, sparse=sparse, name=name,
                         salt=salt, vocabulary_dtype="string", **kwargs)

    def _standardize_tokens(self, array):
        if array.dtype.kind not in "USO":
            raise ValueError(
                f"StringLookup layer {self.name!r} expects string inputs; received an array of "
                f"dtype {array.dtype}. Use IntegerLookup for integer inputs.")
        return as_text(array, self.encoding)

    def _invert_output(self, tokens):
        flat = [t.encode(self.encoding) if isinstance(t, str) else t for t in tokens.reshape(-1)]
        return np.array(flat, dtype=object).reshape(tokens.shape)

    def get_config(self):
        config = super().get_config()
        del config["vocabulary_dtype"]
        return {**config, "encoding": self.encoding}
