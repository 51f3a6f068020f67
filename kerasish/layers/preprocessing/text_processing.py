"""The string steps of TextVectorization, on NumPy arrays of Python str, matching the TensorFlow
ops Keras uses: tf.strings.lower (ASCII letters only), the punctuation regex Keras strips,
tf.strings.split (ASCII whitespace), tf.strings.unicode_split and tf.strings.ngrams."""
import re

import numpy as np

# Keras's punctuation class (",-\." is the range ',' to '.').
_PUNCTUATION = re.compile(r'[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']')
_WHITESPACE = re.compile(r"[ \t\n\r\v\f]+")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

STANDARDIZE_MODES = ("lower_and_strip_punctuation", "lower", "strip_punctuation")
SPLIT_MODES = ("whitespace", "character")


def _map(array, fn):
    return np.array([fn(s) for s in array.reshape(-1)], dtype=object).reshape(array.shape)


def standardize(array, mode):
    """`array` (object array of str) with the named standardization applied."""
    if mode in ("lower", "lower_and_strip_punctuation"):
        array = _map(array, lambda s: s.translate(_ASCII_LOWER))
    if mode in ("strip_punctuation", "lower_and_strip_punctuation"):
        array = _map(array, lambda s: _PUNCTUATION.sub("", s))
    return array


def split(strings, mode):
    """A list of token lists, one per string of the 1-D sequence `strings`."""
    if mode == "whitespace":
        return [[t for t in _WHITESPACE.split(s) if t] for s in strings]
    return [list(s) for s in strings]  # "character": one token per code point


def ngrams(tokens, widths):
    """All n-grams (joined by a space) of `tokens` for each width in `widths`, grouped by
    width in the given order (as tf.strings.ngrams)."""
    result = []
    for width in widths:
        result.extend(" ".join(tokens[i:i + width]) for i in range(len(tokens) - width + 1))
    return result
