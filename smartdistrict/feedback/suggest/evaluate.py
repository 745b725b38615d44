"""Measure a suggester on the held-apart evaluation set (data/suggest_eval.csv).

The set was written by hand, not generated, and is never used for fitting: it tells
how well a model trained on demo texts (and later on staff corrections) carries over
to the way residents actually write. See data/SUGGEST_EVAL.md.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support

from smartdistrict.feedback.suggest.model import CategorySuggester

__all__ = ["EVAL_PATH", "CategoryScores", "EvalResult", "evaluate", "load_eval_set"]

EVAL_PATH = Path(__file__).resolve().parent.parent / "data" / "suggest_eval.csv"


@dataclass(frozen=True)
class CategoryScores:
    """Precision, recall and F1 of one category, and how many eval rows it has."""

    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class EvalResult:
    """Top-1 accuracy, macro F1 (every category counts the same), top-3 accuracy."""

    accuracy: float
    macro_f1: float
    top3_accuracy: float
    n: int
    per_category: dict[str, CategoryScores]


def load_eval_set(path: Path = EVAL_PATH) -> list[tuple[str, str]]:
    """Return the (text, category) rows of the evaluation CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["text"], row["category"]) for row in csv.DictReader(handle)]


def evaluate(suggester: CategorySuggester, path: Path = EVAL_PATH) -> EvalResult:
    """Score ``suggester`` on the evaluation set at ``path``."""
    rows = load_eval_set(path)
    texts = [text for text, _ in rows]
    truth = [code for _, code in rows]
    suggestions = suggester.suggest_many(texts, k=3)
    predicted = [s[0].code if s else "" for s in suggestions]
    top3 = sum(code in {s.code for s in top} for code, top in zip(truth, suggestions, strict=True))
    labels = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    per_category = {
        code: CategoryScores(float(p), float(r), float(f), int(s))
        for code, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    }
    return EvalResult(
        accuracy=float(accuracy_score(truth, predicted)),
        macro_f1=float(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)),
        top3_accuracy=top3 / len(rows),
        n=len(rows),
        per_category=per_category,
    )
