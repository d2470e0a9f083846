"""Cosine similarity of TF-IDF vectors over any features (word stems, character n-grams).

A few hundred short documents (the bank's questions, the call's passages): an inverted
index of numpy arrays answers a query in well under a millisecond. (scikit-learn's
TfidfVectorizer does the same with scipy's sparse matrices, at the price of about 100 MB
of dependencies and a second of import time.)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Vector = dict[str, float]


class TfidfIndex:
    """Documents as L2-normalised TF-IDF vectors (sublinear term frequency)."""

    def __init__(
        self, documents: Sequence[Sequence[str]], idf: dict[str, float] | None = None
    ) -> None:
        """`idf`: weights taken from a larger index (a handful of FAQ questions weighed as
        the bank weighs words); a feature it does not know weighs as the rarest."""
        self.size = len(documents)
        if idf is None:
            df: Counter[str] = Counter()
            for features in documents:
                df.update(set(features))
            self.idf = {f: math.log((1 + self.size) / (1 + n)) + 1.0 for f, n in df.items()}
        else:
            rarest = max(idf.values(), default=1.0)
            self.idf = dict(idf)
            self.idf.update({f: rarest for d in documents for f in d if f not in idf})
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for index, features in enumerate(documents):
            for feature, weight in self.vector(features).items():
                docs, weights = postings.setdefault(feature, ([], []))
                docs.append(index)
                weights.append(weight)
        # The postings in three arrays (a feature's documents and weights are a slice of
        # them): one array each, not two per feature, is what makes the disk cache quick
        # to load.
        self._slices: dict[str, tuple[int, int]] = {}
        docs_all: list[int] = []
        weights_all: list[float] = []
        for feature, (docs, weights) in postings.items():
            self._slices[feature] = (len(docs_all), len(docs_all) + len(docs))
            docs_all.extend(docs)
            weights_all.extend(weights)
        self._docs = np.asarray(docs_all, dtype=np.int64)
        self._weights = np.asarray(weights_all, dtype=np.float64)

    def vector(self, features: Sequence[str]) -> Vector:
        """The normalised vector of a feature list (features unknown to the index dropped)."""
        counts = Counter(f for f in features if f in self.idf)
        raw = {f: (1.0 + math.log(n)) * self.idf[f] for f, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values()))
        return {f: v / norm for f, v in raw.items()} if norm else {}

    def similarities(self, features: Sequence[str]) -> npt.NDArray[np.float64]:
        """Cosine similarity of the query to every document (0 for an empty query)."""
        scores = np.zeros(self.size, dtype=np.float64)
        for feature, weight in self.vector(features).items():
            where = self._slices.get(feature)
            if where is not None:
                start, end = where
                scores[self._docs[start:end]] += weight * self._weights[start:end]
        return scores


def char_ngrams(words: Sequence[str], sizes: tuple[int, ...] = (3, 4)) -> list[str]:
    """Character n-grams of each word with its boundaries ("^sal", "sala", …, "res$"): a
    typo changes a few of them, not the whole word."""
    grams: list[str] = []
    for word in words:
        padded = f"^{word}$"
        for size in sizes:
            grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams
