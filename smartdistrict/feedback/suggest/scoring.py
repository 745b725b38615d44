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
from collections.abc import Callable, Sequence

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
        scores = self._intercept.copy()
        for analyzer, vocabulary, idf, offset in self._tfidf:
            counts: dict[int, int] = {}
            for gram in analyzer(text):
                index = vocabulary.get(gram)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            if not counts:
                continue
            indices = np.fromiter(counts, dtype=np.intp, count=len(counts))
            tf = np.fromiter(
                (1.0 + math.log(c) for c in counts.values()), dtype=np.float64, count=len(counts)
            )
            values = tf * idf[indices]
            values /= math.sqrt(float(values @ values))
            scores += values @ self._weights[indices + offset]
        if self._keywords is not None:
            offset, weight, patterns = self._keywords
            padded = f" {text} "
            for column, column_patterns in enumerate(patterns):
                hits = sum(1 for p in column_patterns if p in padded)
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
