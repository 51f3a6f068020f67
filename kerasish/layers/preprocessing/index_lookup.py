"""IndexLookup: the shared core of StringLookup and IntegerLookup (as Keras's IndexLookup), a
vocabulary held on the host as a Python dict.

Indices: [mask (0, in "int" mode when mask_token is set)] [num_oov_indices OOV slots] [tokens].
Out-of-vocabulary tokens go to the one OOV slot, or with several to a slot picked by hash
(strings; FarmHash as Keras) or by `value % num_oov_indices` (integers, oov_method="floormod").
"""
import numpy as np

from kerasish import ops
from kerasish.backend import floatx
from kerasish.layers.preprocessing.categorical_encoding import (
    check_output_mode, encode_categorical,
)
from kerasish.layers.preprocessing.host_layer import HostLayer
from kerasish.layers.preprocessing.lookup_vocabulary import LookupVocabularyMixin
from kerasish.layers.preprocessing.string_hashing import hash_to_bins
from kerasish.layers.preprocessing.vocabulary_counts import VocabularyCounts


class IndexLookup(LookupVocabularyMixin, HostLayer):
    def __init__(self, max_tokens, num_oov_indices, mask_token, oov_token, vocabulary_dtype,
                 vocabulary=None, idf_weights=None, invert=False, output_mode="int",
                 sparse=False, pad_to_max_tokens=False, oov_method="floormod", name=None,
                 salt=None, **kwargs):
        cls = type(self).__name__
        if max_tokens is not None and max_tokens <= 1:
            raise ValueError(f"{cls}: if set, `max_tokens` must be greater than 1. Received: "
                             f"max_tokens={max_tokens}")
        if pad_to_max_tokens and max_tokens is None:
            raise ValueError(f"{cls}: if pad_to_max_tokens is True, must set `max_tokens`. "
                             f"Received: max_tokens={max_tokens}")
        if num_oov_indices < 0:
            raise ValueError(f"{cls}: `num_oov_indices` must be greater than or equal to 0. "
                             f"Received: num_oov_indices={num_oov_indices}")
        if oov_method not in ("floormod", "farmhash"):
            raise ValueError(f"{cls}: invalid value for argument `oov_method`. Expected one of "
                             f"['floormod', 'farmhash']. Received: oov_method={oov_method!r}")
        if salt is not None:
            if vocabulary_dtype != "string" and oov_method != "farmhash":
                raise ValueError(f"{cls}: `salt` can only be used when `oov_method='farmhash'`. "
                                 f"Received: oov_method={oov_method}")
            if isinstance(salt, (tuple, list)) and len(salt) == 2:
                salt = list(salt)
            elif isinstance(salt, int):
                salt = [salt, salt]
            else:
                raise ValueError(f"The `salt` argument for `{cls}` can only be a tuple of 2 "
                                 f"integers, or a single integer. Received: salt={salt}.")
        output_mode = {"binary": "multi_hot", "tf-idf": "tf_idf"}.get(output_mode, output_mode)
        check_output_mode(cls, output_mode, ("int", "one_hot", "multi_hot", "count", "tf_idf"))
        if invert and output_mode != "int":
            raise ValueError(f"{cls}: `output_mode` must be `'int'` when `invert` is true. "
                             f"Received: output_mode={output_mode}")
        if sparse:
            raise ValueError(f"{cls}: `sparse=True` is not supported; kerasish has no sparse "
                             f"tensors.")
        if idf_weights is not None and output_mode != "tf_idf":
            raise ValueError(f"{cls}: `idf_weights` should only be set if `output_mode` is "
                             f"`'tf_idf'`. Received: idf_weights={idf_weights} and "
                             f"output_mode={output_mode}")
        self._frozen_vocab_size = kwargs.pop("vocabulary_size", None)
        self._has_input_vocabulary = kwargs.pop("has_input_vocabulary", vocabulary is not None)
        kwargs.pop("trainable", None)
        kwargs.pop("dtype", None)
        if kwargs:
            raise ValueError(f"{cls}: unrecognized keyword argument(s): {kwargs}")
        super().__init__(name=name)
        self.invert = invert
        self.max_tokens = max_tokens
        self.num_oov_indices = num_oov_indices
        self.mask_token = mask_token
        self.oov_token = oov_token
        self.output_mode = output_mode
        self.sparse = sparse
        self.pad_to_max_tokens = pad_to_max_tokens
        self.vocabulary_dtype = vocabulary_dtype
        self.oov_method = oov_method
        self.salt = salt
        self.input_vocabulary = vocabulary if not isinstance(vocabulary, str) else None
        self.input_idf_weights = idf_weights
        self._tokens = []  # the learned/given tokens, in index order after the special ones
        self._index = {}  # token -> index
        self.idf_weights = None
        self._counts = VocabularyCounts()
        if output_mode == "tf_idf" and self._has_input_vocabulary and idf_weights is None:
            raise ValueError(
                f"{cls}: when specifying the `vocabulary` argument, in TF-IDF output mode, the "
                f"`idf_weights` argument must also be provided.")
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)

    # -- indices ---------------------------------------------------------------------------
    def _oov_start_index(self):
        return 1 if self.mask_token is not None and self.output_mode == "int" else 0

    def _token_start_index(self):
        return self._oov_start_index() + self.num_oov_indices

    def vocabulary_size(self):
        """The vocabulary's size, mask and OOV indices included."""
        return len(self._tokens) + self._token_start_index()

    def get_vocabulary(self, include_special_tokens=True):
        """The vocabulary, index i holding the token that maps to i (special tokens first
        unless include_special_tokens=False)."""
        vocab = ([self.oov_token] * self._token_start_index()) + list(self._tokens)
        if self.mask_token is not None and self.output_mode == "int":
            vocab[0] = self.mask_token
        if not include_special_tokens:
            vocab = vocab[self._token_start_index():]
        return vocab

    # -- calling ---------------------------------------------------------------------------
    def _standardize_tokens(self, array):
        """Host array -> object array of hashable tokens (str, or int for IntegerLookup)."""
        raise NotImplementedError

    def _oov_slots(self, tokens):
        """The OOV slot (0 .. num_oov_indices-1) of each token in the flat list `tokens`."""
        if self.num_oov_indices == 1:
            return [0] * len(tokens)
        if self.vocabulary_dtype != "string" and self.oov_method != "farmhash":
            return [int(t) % self.num_oov_indices for t in tokens]
        return hash_to_bins([str(t) for t in tokens], self.num_oov_indices, self.salt)

    def lookup_indices(self, tokens):
        """Indices (int64 NumPy array) of a flat list of standardized tokens; the mask token
        maps to 0 in "int" mode and to -1 (encoded as all zeros) otherwise."""
        mask_index = 0 if self.output_mode == "int" else -1
        indices = np.empty(len(tokens), dtype="int64")
        missing = []
        for i, token in enumerate(tokens):
            if self.mask_token is not None and token == self.mask_token:
                indices[i] = mask_index
            else:
                index = self._index.get(token)
                if index is None:
                    missing.append(i)
                else:
                    indices[i] = index
        if missing:
            oov = [tokens[i] for i in missing]
            if self.num_oov_indices == 0:
                raise ValueError(
                    f"{type(self).__name__} layer {self.name!r}: when `num_oov_indices=0` all "
                    f"inputs should be in vocabulary, found OOV values {oov[:10]}, consider "
                    f"setting `num_oov_indices=1`.")
            indices[missing] = np.asarray(self._oov_slots(oov), "int64") + self._oov_start_index()
        return indices

    def invert_indices(self, indices):
        """Tokens (NumPy object array) for a NumPy int array of indices."""
        by_index = {i: t for t, i in self._index.items()}
        flat = []
        for index in indices.reshape(-1).tolist():
            if self.mask_token is not None and index == 0:
                flat.append(self.mask_token)
            else:
                flat.append(by_index.get(index, self.oov_token))
        return np.array(flat, dtype=object).reshape(indices.shape)

    def _depth(self):
        if self.pad_to_max_tokens:
            return self.max_tokens
        if self._frozen_vocab_size is None:
            raise RuntimeError(
                f"When using `output_mode={self.output_mode}` and `pad_to_max_tokens=False`, "
                f"you must set the layer's vocabulary before calling it. Either pass a "
                f"`vocabulary` argument to the layer, or call `adapt` with some sample data.")
        return self._frozen_vocab_size

    def call(self, inputs):
        if self.invert:
            indices = np.asarray(inputs).astype("int64")
            return self._invert_output(self.invert_indices(indices))
        depth = None if self.output_mode == "int" else self._depth()
        tokens = self._standardize_tokens(inputs)
        indices = self.lookup_indices(tokens.reshape(-1).tolist()).reshape(tokens.shape)
        return self.encode(indices, depth)

    def encode(self, indices, depth):
        """Backend tensor from NumPy indices: int64 in "int" mode, else a float32 encoding."""
        indices = ops.convert_to_tensor(indices, "int64")
        if self.output_mode == "int":
            return indices
        mode = "count" if self.output_mode == "tf_idf" else self.output_mode
        output = encode_categorical(indices, mode, depth, floatx())
        if self.output_mode == "tf_idf":
            output = output * ops.convert_to_tensor(self._idf_vector(depth), floatx())
        return output

    def _idf_vector(self, depth):
        weights = np.zeros(depth, dtype="float32")
        if self.idf_weights is not None:
            n = min(depth, len(self.idf_weights))
            weights[:n] = self.idf_weights[:n]
        return weights

    def _invert_output(self, tokens):
        return tokens
