"""What `adapt` accumulates for the lookup layers: token counts and, for TF-IDF, how many
documents each token appears in; then the vocabulary Keras would learn from them."""
import collections
import math

import numpy as np


class VocabularyCounts:
    def __init__(self):
        self.reset()

    def reset(self):
        self.token_counts = collections.Counter()
        self.document_counts = collections.Counter()
        self.num_documents = 0

    def update(self, documents):
        """`documents`: a sequence of documents, each an iterable of hashable tokens."""
        for document in documents:
            tokens = list(document)
            self.token_counts.update(tokens)
            self.document_counts.update(set(tokens))
            self.num_documents += 1

    def most_frequent(self, exclude, limit):
        """Tokens by decreasing count, ties broken by decreasing token (as Keras's
        `np.lexsort((tokens, counts))[::-1]`), without `exclude`, at most `limit` of them."""
        items = [(count, token) for token, count in self.token_counts.items()
                 if token not in exclude]
        items.sort(reverse=True)
        tokens = [token for _, token in items]
        return tokens if limit is None else tokens[:max(limit, 0)]

    def inverse_document_frequency(self, tokens):
        """log(1 + num_documents / (1 + document count)) of each token, as Keras."""
        return np.array([math.log(1 + self.num_documents / (1 + self.document_counts[t]))
                         for t in tokens], dtype="float64")
