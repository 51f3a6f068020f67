"""TextVectorization: text to token indices or to multi-hot / count / TF-IDF vectors (as
keras.layers.TextVectorization): standardize, split, form n-grams, then look tokens up in a
StringLookup whose mask token is "" (index 0) and OOV token "[UNK]" (index 1). Runs eagerly on
the host (see host_layer). Its config carries the vocabulary (see _config_vocabulary)."""
import numpy as np

from kerasish import ops
from kerasish.layers.preprocessing import text_processing
from kerasish.layers.preprocessing.host_layer import HostLayer, as_text, is_text, to_host_array
from kerasish.layers.preprocessing.string_lookup import StringLookup


def _check_mode(name, value, allowed):
    if not (value is None or callable(value) or value in allowed):
        raise ValueError(
            f"TextVectorization: invalid value for argument `{name}`. Expected one of "
            f"{list(allowed)}, None or a callable. Received: {name}={value!r}")


class TextVectorization(HostLayer):
    def __init__(self, max_tokens=None, standardize="lower_and_strip_punctuation",
                 split="whitespace", ngrams=None, output_mode="int", output_sequence_length=None,
                 pad_to_max_tokens=False, vocabulary=None, idf_weights=None, sparse=False,
                 ragged=False, encoding="utf-8", name=None, **kwargs):
        if sparse or ragged:
            raise ValueError(
                "TextVectorization: `sparse=True` and `ragged=True` can only be used with the "
                "TensorFlow backend (kerasish has no sparse or ragged tensors).")
        _check_mode("standardize", standardize, text_processing.STANDARDIZE_MODES)
        _check_mode("split", split, text_processing.SPLIT_MODES)
        output_mode = {"binary": "multi_hot", "tf-idf": "tf_idf"}.get(output_mode, output_mode)
        if output_mode not in ("int", "one_hot", "multi_hot", "count", "tf_idf"):
            raise ValueError(
                f"TextVectorization: invalid value for argument `output_mode`. Expected one of "
                f"['int', 'one_hot', 'multi_hot', 'count', 'tf_idf']. Received: "
                f"output_mode={output_mode!r}")
        if isinstance(ngrams, list):
            ngrams = tuple(ngrams)
        if not (ngrams is None or isinstance(ngrams, int) or (
                isinstance(ngrams, tuple) and all(isinstance(n, int) for n in ngrams))):
            raise ValueError(f"`ngrams` must be None, an integer, or a tuple of integers. "
                             f"Received: ngrams={ngrams}")
        if output_mode == "int" and not (output_sequence_length is None
                                         or isinstance(output_sequence_length, int)):
            raise ValueError(
                f"`output_sequence_length` must be either None or an integer when "
                f"`output_mode` is 'int'. Received: "
                f"output_sequence_length={output_sequence_length}")
        if output_mode != "int" and output_sequence_length is not None:
            raise ValueError(
                f"`output_sequence_length` must not be set if `output_mode` is not 'int'. "
                f"Received output_sequence_length={output_sequence_length}.")
        has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        vocabulary_size = kwargs.pop("vocabulary_size", None)
        super().__init__(name=name, **kwargs)
        self._standardize = standardize
        self._split = split
        self._ngrams_arg = ngrams
        self._ngrams = tuple(range(1, ngrams + 1)) if isinstance(ngrams, int) else ngrams
        self._ragged = ragged
        self._output_mode = output_mode
        self._output_sequence_length = output_sequence_length
        self._encoding = encoding
        self._lookup_layer = StringLookup(
            max_tokens=max_tokens, vocabulary=vocabulary, idf_weights=idf_weights,
            pad_to_max_tokens=pad_to_max_tokens, mask_token="", output_mode=output_mode,
            sparse=sparse, has_input_vocabulary=has_input_vocabulary, encoding=encoding,
            vocabulary_size=vocabulary_size)

    # -- vocabulary ------------------------------------------------------------------------
    def adapt(self, data, batch_size=None, steps=None):
        """Learns the vocabulary (and IDF weights in "tf_idf" mode) from strings: an array or
        list (one document per entry), or an iterable of such batches."""
        self.reset_state()
        if isinstance(data, (list, tuple, np.ndarray)) or ops.is_tensor(data):
            data = to_host_array(data)
            self.update_state(data[:, None] if data.ndim == 1 else data)
        else:
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        processed = self._preprocess(to_host_array(data))
        if isinstance(processed, np.ndarray):
            processed = [list(row.reshape(-1)) for row in processed.reshape(len(processed), -1)]
        self._lookup_layer.update_documents(processed)

    def finalize_state(self):
        self._lookup_layer.finalize_state()

    def reset_state(self):
        self._lookup_layer.reset_state()

    def get_vocabulary(self, include_special_tokens=True):
        return self._lookup_layer.get_vocabulary(include_special_tokens)

    def vocabulary_size(self):
        return self._lookup_layer.vocabulary_size()

    def set_vocabulary(self, vocabulary, idf_weights=None):
        self._lookup_layer.set_vocabulary(vocabulary, idf_weights=idf_weights)

    # -- calling ---------------------------------------------------------------------------
    def _preprocess(self, array):
        """Standardized strings: a list of token lists (one per example) when splitting or
        forming n-grams, else an object array of the input's shape."""
        if not is_text(array):
            raise ValueError(
                f"TextVectorization layer {self.name!r} expects string inputs; received an "
                f"array of dtype {array.dtype}.")
        text = as_text(array, self._encoding)
        if callable(self._standardize):
            # As Keras on non-TensorFlow backends: the callable gets a NumPy unicode array.
            text = as_text(np.asarray(self._standardize(text.astype(str))), self._encoding)
        elif self._standardize is not None:
            text = text_processing.standardize(text, self._standardize)
        if self._split is None:
            if self._ngrams is None:
                return text
            rows = [list(row) for row in text.reshape(len(text), -1)]
        else:
            if text.ndim > 1:
                if text.shape[-1] != 1:
                    raise ValueError(
                        f"When using `TextVectorization` to tokenize strings, the input rank "
                        f"must be 1 or the last shape dimension must be 1. Received: "
                        f"inputs.shape={text.shape} with rank={text.ndim}")
                text = text.reshape(text.shape[:-1])
            if text.ndim != 1:
                raise ValueError(
                    f"TextVectorization layer {self.name!r}: expected a batch of strings of "
                    f"shape (batch,) or (batch, 1); received shape {array.shape}.")
            if callable(self._split):
                rows = [[str(t) for t in row] for row in self._split(text.astype(str))]
            else:
                rows = text_processing.split(list(text), self._split)
        if self._ngrams is not None:
            rows = [text_processing.ngrams(row, self._ngrams) for row in rows]
        return rows

    def call(self, inputs):
        lookup = self._lookup_layer
        processed = self._preprocess(inputs)
        depth = None if self._output_mode == "int" else lookup._depth()
        if isinstance(processed, np.ndarray):
            indices = lookup.lookup_indices(processed.reshape(-1).tolist())
            indices = indices.reshape(processed.shape)
            if self._output_mode != "int" and indices.ndim <= 1:
                indices = indices.reshape(-1, 1)  # one token per example
        else:
            # Rows of different lengths: pad with the mask (0 in "int" mode; -1, which
            # encodes to zeros, otherwise), truncating to output_sequence_length if set.
            length = self._output_sequence_length
            if length is None:
                length = max((len(row) for row in processed), default=0)
            pad = 0 if self._output_mode == "int" else -1
            indices = np.full((len(processed), length), pad, dtype="int64")
            for i, row in enumerate(processed):
                row = row[:length]  # (output_sequence_length is only set in "int" mode)
                if row:
                    indices[i, :len(row)] = lookup.lookup_indices(row)
        if self._output_mode == "int" and self._output_sequence_length is not None:
            indices = _fit_last_axis(indices, self._output_sequence_length)
        return lookup.encode(indices, depth)

    # -- config ----------------------------------------------------------------------------
    def get_config(self):
        vocabulary, idf_weights = self._lookup_layer._config_vocabulary()
        return {**super().get_config(), "max_tokens": self._lookup_layer.max_tokens,
                "standardize": self._standardize, "split": self._split,
                "ngrams": self._ngrams_arg, "output_mode": self._output_mode,
                "output_sequence_length": self._output_sequence_length,
                "pad_to_max_tokens": self._lookup_layer.pad_to_max_tokens,
                "sparse": self._lookup_layer.sparse, "ragged": self._ragged,
                "vocabulary": vocabulary, "idf_weights": idf_weights, "encoding": self._encoding,
                "vocabulary_size": self.vocabulary_size()}


def _fit_last_axis(indices, length):
    """Truncates or zero-pads the last axis to `length`."""
    indices = indices[..., :length]
    missing = length - indices.shape[-1]
    if missing > 0:
        indices = np.pad(indices, [(0, 0)] * (indices.ndim - 1) + [(0, missing)])
    return indices
