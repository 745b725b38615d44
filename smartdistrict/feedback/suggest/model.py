"""Suggest a report's category from its Vietnamese description.

Residents write with or without diacritics, with SMS abbreviations and typos, so
the model reads *folded* text (fold_words: lower case, no diacritics, đ → d) with
common abbreviations expanded, and looks at character n-grams, which survive
typos and word-segmentation differences, as well as word uni- and bigrams. The
categories' own keywords (categories.json) are added as features, so a category
keeps a signal even when training data for it is thin.

The result is only ever shown to the resident or to staff as a suggestion; this
module never changes a report.
"""

from __future__ import annotations

import json
import pickle
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from smartdistrict.core.text import fold_words
from smartdistrict.feedback.suggest.scoring import PipelineScorer

__all__ = [
    "CategorySuggester",
    "KeywordFeatures",
    "Suggestion",
    "category_keywords",
    "category_seed_pairs",
    "default_suggester",
    "normalise",
    "train_suggester",
]

_FORMAT_VERSION = 1
# normalise() already split the text into words: every space-separated token counts,
# one-letter ones included (the default pattern would drop them).
_ANY_WORD = r"\S+"

# Folded short forms residents type, and what they stand for. Only unambiguous ones:
# "hong" (hỏng / hông), "ca" (cá / công an) and "hem" (hẻm) are left alone.
_EXPANSIONS = {
    "ko": "khong", "k": "khong", "kg": "khong", "khg": "khong", "hok": "khong",
    "dc": "duoc", "dk": "duoc", "p": "phuong", "f": "phuong", "q": "quan",
    "ng": "nguoi", "vs": "voi", "r": "roi", "rui": "roi", "wa": "qua", "qa": "qua",
    "cx": "cung", "cug": "cung", "bit": "biet", "zay": "vay", "dg": "duong",
    "trc": "truoc", "bt": "binh thuong", "hxh": "hem xe hoi", "mn": "moi nguoi",
    "j": "gi", "ubnd": "uy ban nhan dan", "xd": "xay dung", "dt": "dien thoai",
    "nc": "nuoc", "ns": "noi", "kp": "khu pho",
}  # fmt: skip


def normalise(text: str) -> str:
    """Fold ``text`` and expand abbreviations: "Đèn ko sáng, P.25" → "den khong sang phuong 25"."""
    return " ".join(_EXPANSIONS.get(word, word) for word in fold_words(text).split())


def _load_categories(path: Path | None) -> list[dict[str, Any]]:
    """The categories of a pack's categories.json, or (no path) the loaded active ones."""
    if path is None:
        from smartdistrict.feedback.selectors import active_categories

        return [{"code": c.code, "name": c.name, "keywords": c.keywords}
                for c in active_categories()]
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def category_keywords(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Return each category code's keywords, normalised like report text."""
    return {
        c["code"]: tuple(normalise(k) for k in c.get("keywords", ()))
        for c in _load_categories(path)
    }


def category_seed_pairs(path: Path | None = None) -> list[tuple[str, str]]:
    """(text, code) pairs made of each category's Vietnamese name and of each keyword.

    Demo descriptions are 40+ characters, but residents also send three-word
    messages ("đèn đường hư"); these short pairs teach the model that a keyword
    alone already points at its category.
    """
    pairs = []
    for category in _load_categories(path):
        code = category["code"]
        pairs.append((category["name"], code))
        pairs.extend((keyword, code) for keyword in category.get("keywords", ()))
    return pairs


class KeywordFeatures(TransformerMixin, BaseEstimator):
    """One column per category: how many of its keywords the (normalised) text contains.

    A keyword matches whole words only (" cay " is not in " cayenne "). The model
    learns how much each column counts, so a keyword shared by two categories
    ("nuoc" in flooding and canal pollution) does not force a wrong answer.
    """

    def __init__(self, keywords: Mapping[str, Sequence[str]] | None = None, weight: float = 1.0):
        self.keywords = keywords
        self.weight = weight

    def fit(self, texts: Iterable[str], y: Any = None) -> KeywordFeatures:
        self.codes_ = sorted(self.keywords or {})
        self.patterns_ = [
            tuple(f" {k} " for k in (self.keywords or {})[code] if k) for code in self.codes_
        ]
        return self

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        texts = list(texts)
        rows, cols, values = [], [], []
        for row, text in enumerate(texts):
            padded = f" {text} "
            for col, patterns in enumerate(self.patterns_):
                hits = sum(1 for p in patterns if p in padded)
                if hits:
                    rows.append(row)
                    cols.append(col)
                    values.append(self.weight * min(hits, 3))
        return sparse.csr_matrix(
            (values, (rows, cols)), shape=(len(texts), len(self.codes_)), dtype=np.float32
        )

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array([f"keyword_{code}" for code in self.codes_], dtype=object)


@dataclass(frozen=True)
class Suggestion:
    """One suggested category: its code and the model's probability (0–1)."""

    code: str
    score: float


def _build_pipeline(keywords: Mapping[str, Sequence[str]], c: float) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), lowercase=False,
                    sublinear_tf=True, min_df=2, max_features=150_000, dtype=np.float32,
                ),
            ),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word", ngram_range=(1, 2), lowercase=False, sublinear_tf=True,
                    token_pattern=_ANY_WORD, min_df=1, max_features=100_000, dtype=np.float32,
                ),
            ),
            ("keywords", KeywordFeatures(keywords)),
        ]
    )  # fmt: skip
    # float32 features keep lbfgs in single precision; tol=1e-3 stops it once the
    # ranking of categories is settled (the default refines probabilities 3× longer).
    classifier = LogisticRegression(C=c, max_iter=300)
    return Pipeline([("features", features), ("classifier", classifier)])


class CategorySuggester:
    """A trainable category suggester: fit on (text, code) pairs, then suggest codes.

    Retraining is a new ``fit`` on the full list of pairs: seed texts plus, later,
    staff re-categorisations appended to it (optionally weighted higher through
    ``sample_weight``). The model is small, so refitting from scratch takes seconds
    and avoids the drift of incremental updates.
    """

    def __init__(self, keywords: Mapping[str, Sequence[str]] | None = None, c: float = 10.0):
        self.keywords = dict(category_keywords() if keywords is None else keywords)
        self.c = c
        self._pipeline: Pipeline | None = None
        self._scorer: PipelineScorer | None = None

    @property
    def classes(self) -> tuple[str, ...]:
        """The category codes this model can suggest, in the order of its scores."""
        if self._pipeline is None:
            return ()
        return tuple(self._pipeline.classes_)

    def fit(
        self,
        texts: Sequence[str],
        labels: Sequence[str],
        sample_weight: Sequence[float] | None = None,
    ) -> CategorySuggester:
        """Train from scratch on ``texts`` and their category ``labels``; returns self."""
        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        if len(set(labels)) < 2:
            raise ValueError("at least two categories are needed to train")
        pipeline = _build_pipeline(self.keywords, self.c)
        fit_params = {} if sample_weight is None else {"classifier__sample_weight": sample_weight}
        pipeline.fit([normalise(t) for t in texts], list(labels), **fit_params)
        self._pipeline = pipeline
        self._scorer = PipelineScorer(pipeline)
        return self

    def _probabilities(self, texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
        if self._pipeline is None:
            raise RuntimeError("CategorySuggester is not trained: call fit() first")
        normalised = [normalise(t) for t in texts]
        return normalised, self._scorer.predict_proba(normalised)  # type: ignore[union-attr]

    def suggest_many(self, texts: Sequence[str], k: int = 3) -> list[list[Suggestion]]:
        """Suggest up to ``k`` categories for each text, best first.

        A text without any letter or digit gets no suggestion (an empty list):
        the model would only echo the class frequencies.
        """
        normalised, probabilities = self._probabilities(texts)
        classes = self._pipeline.classes_  # type: ignore[union-attr]
        k = max(0, min(k, len(classes)))
        results = []
        for text, row in zip(normalised, probabilities, strict=True):
            if not text:
                results.append([])
                continue
            order = np.argsort(-row, kind="stable")[:k]
            results.append([Suggestion(str(classes[i]), float(row[i])) for i in order])
        return results

    def suggest(self, text: str, k: int = 3) -> list[Suggestion]:
        """Suggest up to ``k`` categories for ``text``, highest score first."""
        return self.suggest_many([text], k=k)[0]

    def to_bytes(self) -> bytes:
        """Serialise the trained model (pickle; our own artefact, never user input)."""
        if self._pipeline is None:
            raise RuntimeError("CategorySuggester is not trained: nothing to store")
        payload = {
            "format": _FORMAT_VERSION,
            "sklearn": sklearn.__version__,
            "keywords": self.keywords,
            "c": self.c,
            "pipeline": self._pipeline,
        }
        return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> CategorySuggester:
        """Load a model stored by to_bytes.

        Only load bytes this application wrote itself: unpickling runs code. A model
        stored by another scikit-learn version is refused (ValueError) because
        pickles are not portable across versions; retrain instead.
        """
        payload = pickle.loads(data)  # noqa: S301 - our own artefact, see docstring
        if not isinstance(payload, dict) or payload.get("format") != _FORMAT_VERSION:
            raise ValueError("not a stored CategorySuggester")
        if payload["sklearn"] != sklearn.__version__:
            raise ValueError(
                f"model stored with scikit-learn {payload['sklearn']}, "
                f"running {sklearn.__version__}: retrain it"
            )
        suggester = cls(keywords=payload["keywords"], c=payload["c"])
        suggester._pipeline = payload["pipeline"]
        suggester._scorer = PipelineScorer(payload["pipeline"])
        return suggester


def train_suggester(
    extra: Iterable[tuple[str, str]] = (), *, n_per_category: int = 150, extra_weight: float = 1.0
) -> CategorySuggester:
    """Train on the demo texts, the categories' names and keywords, and ``extra`` pairs.

    ``extra`` are (text, code) pairs such as staff re-categorisations; ``extra_weight``
    lets these real, staff-confirmed reports count more than the demo texts.
    """
    from smartdistrict.feedback.suggest.demo_texts import demo_training_set

    pairs = demo_training_set(n_per_category) + category_seed_pairs()
    weights = [1.0] * len(pairs)
    for text, code in extra:
        pairs.append((text, code))
        weights.append(extra_weight)
    texts, labels = zip(*pairs, strict=True)
    return CategorySuggester().fit(list(texts), list(labels), sample_weight=weights)


_default: CategorySuggester | None = None
_default_lock = threading.Lock()


def default_suggester() -> CategorySuggester:
    """The process-wide suggester trained on demo_training_set(), trained on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = train_suggester()
    return _default
