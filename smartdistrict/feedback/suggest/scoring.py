"""Fast scoring of a fitted suggester pipeline, one text at a time.

The report form asks for a suggestion per text. Through Pipeline.predict_proba one
text costs about 1.5 ms, almost all of it scikit-learn's input validation; the
arithmetic is a few hundred dictionary lookups. This module replays exactly what the
fitted steps compute (n-gram counts → 1 + log tf → × idf → L2 norm, keyword hits,
then softmax(X·coefᵀ + intercept)) straight from their fitted attributes. A test
checks it against predict_proba.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import repeat

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline

__all__ = ["PipelineScorer"]


class PipelineScorer:
    """Class probabilities of a fitted (FeatureUnion → LogisticRegression) pipeline."""

    def __init__(self, pipeline: Pipeline):
        union = pipeline.named_steps["features"]
        classifier = pipeline.named_steps["classifier"]
        # Rows of coef_ᵀ are features: a text's score is a weighted sum of a few rows.
        self._weights = np.ascontiguousarray(classifier.coef_.T, dtype=np.float64)
        self._intercept = np.asarray(classifier.intercept_, dtype=np.float64)
        self._tfidf: list[tuple[Callable[[str], list[str]], dict[str, int], np.ndarray, int]] = []
        self._keywords: tuple[int, float, list[tuple[str, ...]]] | None = None
        offset = 0
        for _name, transformer in union.transformer_list:
            if isinstance(transformer, TfidfVectorizer):
                if not transformer.sublinear_tf or transformer.norm != "l2":
                    raise ValueError("PipelineScorer expects sublinear_tf and L2 norm")
                self._tfidf.append(
                    (
                        transformer.build_analyzer(),
                        transformer.vocabulary_,
                        np.asarray(transformer.idf_, dtype=np.float64),
                        offset,
                    )
                )
                offset += len(transformer.vocabulary_)
            else:  # KeywordFeatures
                self._keywords = (offset, transformer.weight, transformer.patterns_)
                offset += len(transformer.patterns_)
        if offset != self._weights.shape[0]:
            raise ValueError("feature count does not match the classifier")

    def _scores(self, text: str) -> np.ndarray:
        # Counting, vocabulary look-ups and keyword tests run in C (Counter, map), and the
        # arithmetic on arrays: per text this was mostly Python-level loop overhead. The
        # features keep their first-appearance order, so the sums are the same.
        scores = self._intercept.copy()
        for analyzer, vocabulary, idf, offset in self._tfidf:
            counts = Counter(analyzer(text))
            n = len(counts)
            indices = np.fromiter(map(vocabulary.get, counts, repeat(-1, n)), np.intp, n)
            known = indices >= 0
            if not known.any():
                continue
            indices = indices[known]
            values = np.fromiter(counts.values(), np.float64, n)[known]
            np.log(values, out=values)
            values += 1.0
            values *= idf[indices]
            values /= math.sqrt(float(values @ values))
            scores += values @ self._weights[indices + offset]
        if self._keywords is not None:
            offset, weight, patterns = self._keywords
            contains = f" {text} ".__contains__
            for column, column_patterns in enumerate(patterns):
                hits = sum(map(contains, column_patterns))
                if hits:
                    scores += weight * min(hits, 3) * self._weights[offset + column]
        return scores

    def predict_proba(self, normalised_texts: Sequence[str]) -> np.ndarray:
        """Probabilities, one row per (already normalised) text, columns as classes_."""
        if not normalised_texts:
            return np.empty((0, len(self._intercept)))
        scores = np.vstack([self._scores(text) for text in normalised_texts])
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores
