"""IntegerLookup: integers to vocabulary indices, or (invert=True) indices back to integers (as
keras.layers.IntegerLookup). Runs eagerly on the host; returns int64 tensors."""
import numpy as np

from kerasish import ops
from kerasish.layers.preprocessing.index_lookup import IndexLookup


class IntegerLookup(IndexLookup):
    def __init__(self, max_tokens=None, num_oov_indices=1, mask_token=None, oov_token=-1,
                 vocabulary=None, vocabulary_dtype="int64", idf_weights=None, invert=False,
                 output_mode="int", sparse=False, pad_to_max_tokens=False, oov_method="floormod",
                 salt=None, name=None, **kwargs):
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(
                f"If `max_tokens` is set for `IntegerLookup`, it must be greater than 1. "
                f"Received: max_tokens={max_tokens}")
        if num_oov_indices < 0:
            raise ValueError(
                f"The value of `num_oov_indices` argument for `IntegerLookup` must >= 0. "
                f"Received: num_oov_indices={num_oov_indices}")
        if vocabulary_dtype != "int64":
            raise ValueError(
                f"Only `vocabulary_dtype='int64'` is supported at this time. Received: "
                f"vocabulary_dtype={vocabulary_dtype}")
        super().__init__(max_tokens=max_tokens, num_oov_indices=num_oov_indices,
                         mask_token=mask_token, oov_token=oov_token, vocabulary=vocabulary,
                         vocabulary_dtype=vocabulary_dtype, idf_weights=idf_weights,
                         invert=invert, output_mode=output_mode, sparse=sparse,
                         pad_to_max_tokens=pad_to_max_tokens, oov_method=oov_method, salt=salt,
                         name=name, **kwargs)

    def _read_vocabulary_file(self, path):
        return [int(line) for line in super()._read_vocabulary_file(path)]

    def _standardize_tokens(self, array):
        if array.dtype.kind == "O":
            array = np.asarray(array.tolist())
        if array.dtype.kind not in "iub":
            raise ValueError(
                f"IntegerLookup layer {self.name!r} expects integer inputs; received an array "
                f"of dtype {array.dtype}. Use StringLookup for strings.")
        return np.array([int(v) for v in array.reshape(-1)], dtype=object).reshape(array.shape)

    def _invert_output(self, tokens):
        return ops.convert_to_tensor(np.asarray(tokens.tolist(), dtype="int64"), "int64")

    def get_config(self):
        config = super().get_config()
        for key in ("oov_token", "mask_token"):
            if config[key] is not None:
                config[key] = int(config[key])
        if config["vocabulary"] is not None:
            config["vocabulary"] = [int(v) for v in config["vocabulary"]]
        return config
