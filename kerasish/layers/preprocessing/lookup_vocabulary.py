"""Setting and learning the vocabulary of the lookup layers (part of IndexLookup): set_vocabulary
(a list or a file, one token a line), adapt, and the config that carries the vocabulary."""
import collections
import os

import numpy as np

from kerasish import ops
from kerasish.layers.preprocessing.host_layer import to_host_array


def _listify(x):
    if x is None:
        return None
    if ops.is_tensor(x):
        x = ops.convert_to_numpy(x)
    if isinstance(x, np.ndarray):
        return x.tolist()
    return list(x)


class LookupVocabularyMixin:
    def _read_vocabulary_file(self, path):
        if not os.path.exists(path):
            raise ValueError(f"Vocabulary file {path} does not exist.")
        with open(path, encoding=getattr(self, "encoding", "utf-8")) as f:
            lines = f.read().splitlines()
        while lines and lines[-1] == "":
            lines.pop()
        return lines

    def set_vocabulary(self, vocabulary, idf_weights=None):
        """Sets the vocabulary (a list, array, or path of a file with one token a line) and,
        in "tf_idf" mode, the IDF weights (one per vocabulary entry)."""
        cls = type(self).__name__
        if self.output_mode == "tf_idf":
            if idf_weights is None:
                raise ValueError(f"{cls}: `idf_weights` must be set if output_mode is 'tf_idf'.")
        elif idf_weights is not None:
            raise ValueError(f"{cls}: `idf_weights` should only be set if output_mode is "
                             f"`'tf_idf'`. Received: output_mode={self.output_mode} and "
                             f"idf_weights={idf_weights}")
        if isinstance(vocabulary, str):
            if self.output_mode == "tf_idf":
                raise ValueError("output_mode `'tf_idf'` does not support loading a vocabulary "
                                 "from file.")
            vocabulary = self._read_vocabulary_file(vocabulary)
        vocabulary = _listify(vocabulary)
        if not vocabulary:
            raise ValueError(f"{cls}: cannot set an empty vocabulary. Received: "
                             f"vocabulary={vocabulary}")
        tokens = list(self._standardize_tokens(to_host_array(vocabulary)).reshape(-1))
        token_start = self._token_start_index()
        special = [self.mask_token] * self._oov_start_index() + [self.oov_token] * \
            self.num_oov_indices
        found_special = tokens[:token_start] == special
        full_length = len(tokens)
        if found_special:
            tokens = tokens[token_start:]
        repeated = [t for t, n in collections.Counter(tokens).items() if n > 1]
        if repeated:
            raise ValueError(
                f"{cls}: the passed vocabulary has at least one repeated term. Please uniquify "
                f"your dataset. The repeated terms are: {repeated}")
        if self.mask_token is not None and self.mask_token in tokens:
            raise ValueError(
                f"{cls}: found reserved mask token at unexpected location in `vocabulary`. Note "
                f"that passed `vocabulary` does not need to include the OOV and mask tokens. "
                f"Either remove all mask and OOV tokens, or include them only at the start of "
                f"the vocabulary in precisely this order: {special}. Received: "
                f"mask_token={self.mask_token!r} at vocabulary index "
                f"{tokens.index(self.mask_token) + (token_start if found_special else 0)}")
        if self.oov_token is not None and self.invert and self.oov_token in tokens:
            raise ValueError(
                f"{cls}: found reserved OOV token at unexpected location in `vocabulary`. "
                f"Either remove all mask and OOV tokens, or include them only at the start of "
                f"the vocabulary in precisely this order: {special}. Received: "
                f"oov_token={self.oov_token!r}")
        if self.max_tokens is not None and token_start + len(tokens) > self.max_tokens:
            raise ValueError(
                f"{cls}: attempted to set a vocabulary larger than the maximum vocab size. "
                f"Received vocabulary size is {token_start + len(tokens)}; `max_tokens` is "
                f"{self.max_tokens}.")
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            weights = np.asarray(_listify(idf_weights), dtype="float64")
            if weights.ndim != 1:
                raise ValueError(f"{cls}: TF-IDF data must be a 1-index array. Received: "
                                 f"idf_weights of shape {weights.shape}")
            if len(weights) != full_length:
                raise ValueError(
                    f"{cls}: `idf_weights` must be the same length as vocabulary. "
                    f"len(idf_weights) is {len(weights)}; len(vocabulary) is {full_length}")
            if not found_special:  # special tokens get the average weight, as in Keras
                weights = np.concatenate([np.full(token_start, np.average(weights)), weights])
            self.idf_weights = weights.astype("float32")

    def _set_tokens(self, tokens):
        start = self._token_start_index()
        self._tokens = list(tokens)
        self._index = {t: start + i for i, t in enumerate(self._tokens)}
        self._record_vocabulary_size()

    def _record_vocabulary_size(self):
        size = self.vocabulary_size()
        if (self.output_mode != "int" and not self.pad_to_max_tokens
                and self._frozen_vocab_size is not None and self.built
                and size != self._frozen_vocab_size):
            raise RuntimeError(
                f"When using `output_mode={self.output_mode}` and `pad_to_max_tokens=False`, "
                f"the vocabulary size cannot be changed after the layer is called. Old vocab "
                f"size is {self._frozen_vocab_size}, new vocab size is {size}")
        self._frozen_vocab_size = size

    # -- adapt -----------------------------------------------------------------------------
    def adapt(self, data, steps=None):
        """Learns the vocabulary (tokens by decreasing frequency, at most max_tokens in all)
        and, in "tf_idf" mode, the IDF weights, from an array or an iterable of batches."""
        self.reset_state()
        if isinstance(data, (list, tuple, np.ndarray)) or ops.is_tensor(data):
            data = to_host_array(data)
            if data.ndim == 1:
                data = data[:, None]  # one document per entry
            self.update_state(data)
        else:
            for i, batch in enumerate(data):
                if steps is not None and i >= steps:
                    break
                self.update_state(batch)
        self.finalize_state()

    def update_state(self, data):
        self.update_documents(self._documents(data))

    def update_documents(self, documents):
        """Counts the tokens of `documents` (lists of standardized tokens) for adapt."""
        if self._has_input_vocabulary:
            raise ValueError(
                f"Cannot adapt layer '{self.name}' after setting a static vocabulary via "
                f"`vocabulary` argument or `set_vocabulary()` method.")
        self._counts.update(documents)

    def _documents(self, data):
        """Documents (lists of tokens) of a batch: the rows of an array (all of it if rank <= 1),
        or the given lists when the batch is ragged (a list of token lists)."""
        if isinstance(data, list) and data and isinstance(data[0], list) and \
                len({len(row) for row in data}) > 1:
            return [list(self._standardize_tokens(to_host_array(row))) for row in data]
        array = self._standardize_tokens(to_host_array(data))
        if array.ndim <= 1:
            array = array.reshape(1, -1)
        return [list(row.reshape(-1)) for row in array]

    def finalize_state(self):
        if self._has_input_vocabulary or not self._counts.token_counts:
            return
        exclude = {t for t in (self.mask_token, self.oov_token) if t is not None}
        start = self._token_start_index()
        limit = self.max_tokens - start if self.max_tokens else None
        tokens = self._counts.most_frequent(exclude, limit)
        self._set_tokens(tokens)
        if self.output_mode == "tf_idf":
            idf = self._counts.inverse_document_frequency(tokens)
            weights = np.concatenate([np.full(start, np.mean(idf)), idf])
            self.idf_weights = weights.astype("float32")
        self.reset_state()

    def reset_state(self):
        self._counts.reset()

    # -- config ----------------------------------------------------------------------------
    def _config_vocabulary(self):
        """The vocabulary and IDF weights for the config: as given to the constructor, or else
        the current (adapted, set or file) vocabulary with its special tokens, so that a layer
        rebuilt from its config looks up the same (Keras saves that as an asset instead)."""
        if self.input_vocabulary is not None:
            return _listify(self.input_vocabulary), _listify(self.input_idf_weights)
        if not self._tokens:
            return None, _listify(self.input_idf_weights)
        vocabulary = self.get_vocabulary(include_special_tokens=True)
        idf = None
        if self.output_mode == "tf_idf" and self.idf_weights is not None:
            idf = [float(w) for w in self.idf_weights[:len(vocabulary)]]
        return vocabulary, idf

    def get_config(self):
        vocabulary, idf_weights = self._config_vocabulary()
        return {**super().get_config(), "invert": self.invert, "max_tokens": self.max_tokens,
                "num_oov_indices": self.num_oov_indices, "oov_token": self.oov_token,
                "mask_token": self.mask_token, "output_mode": self.output_mode,
                "sparse": self.sparse, "pad_to_max_tokens": self.pad_to_max_tokens,
                "vocabulary_dtype": self.vocabulary_dtype, "idf_weights": idf_weights,
                "vocabulary": vocabulary, "vocabulary_size": self._frozen_vocab_size,
                "oov_method": self.oov_method, "salt": self.salt}
