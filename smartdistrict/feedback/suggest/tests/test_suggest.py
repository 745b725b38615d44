"""Tests of the category suggester, its demo texts and its held-apart evaluation set.

No mocks: a real model is trained once per module on the real demo training set and
measured on the real evaluation CSV.
"""

from __future__ import annotations

import collections
import copy
import json
import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from smartdistrict.core.text import fold
from smartdistrict.feedback.suggest import CategorySuggester, Suggestion, normalise
from smartdistrict.feedback.suggest.demo_texts import (
    CATEGORY_CODES,
    demo_description,
    demo_training_set,
)
from smartdistrict.feedback.suggest.evaluate import EVAL_PATH, evaluate, load_eval_set
from smartdistrict.feedback.suggest.model import category_keywords, category_seed_pairs
from smartdistrict.jurisdictions.reading import PACKS_DIR

# The demo texts are written for the categories of the shipped city pack.
CATEGORIES_PATH = PACKS_DIR / "hcmc" / "categories.json"
KEYWORDS = category_keywords(CATEGORIES_PATH)

# Measured with the default demo set (150 per category) and seed pairs: accuracy 0.82,
# macro F1 0.82, top-3 0.96. The floors leave room for harmless changes but catch a
# broken model (a constant or random one scores about 0.07).
ACCURACY_FLOOR = 0.72
MACRO_F1_FLOOR = 0.72
TOP3_FLOOR = 0.86


@pytest.fixture(scope="module")
def known_codes() -> set[str]:
    with CATEGORIES_PATH.open(encoding="utf-8") as handle:
        return {c["code"] for c in json.load(handle)}


@pytest.fixture(scope="module")
def training_pairs() -> list[tuple[str, str]]:
    return demo_training_set() + category_seed_pairs(CATEGORIES_PATH)


@pytest.fixture(scope="module")
def suggester(training_pairs: list[tuple[str, str]]) -> CategorySuggester:
    texts, labels = zip(*training_pairs, strict=True)
    return CategorySuggester(keywords=KEYWORDS).fit(list(texts), list(labels))


# --- the evaluation set --------------------------------------------------------------


def test_eval_set_size_and_labels(known_codes: set[str]) -> None:
    rows = load_eval_set()
    assert len(rows) >= 300
    counts = collections.Counter(code for _, code in rows)
    assert set(counts) == known_codes
    assert min(counts.values()) >= 18
    assert all(text.strip() for text, _ in rows)
    assert EVAL_PATH.read_text(encoding="utf-8").startswith("text,category\n")


def test_eval_texts_are_not_in_training_data(training_pairs: list[tuple[str, str]]) -> None:
    eval_texts = [text for text, _ in load_eval_set()]
    assert len(set(eval_texts)) == len(eval_texts), "duplicate rows in the eval set"
    training = {text for text, _ in training_pairs}
    training_folded = {fold(text) for text in training}
    for text in eval_texts:
        assert text not in training
        assert fold(text) not in training_folded, text


# --- demo texts -------------------------------------------------------------------------


def test_demo_texts_cover_every_category(known_codes: set[str]) -> None:
    assert set(CATEGORY_CODES) == known_codes


def test_demo_texts_are_deterministic_per_seed() -> None:
    assert demo_training_set(5, seed=7) == demo_training_set(5, seed=7)
    assert demo_training_set(5, seed=7) != demo_training_set(5, seed=8)
    first = [demo_description("ngap-nuoc", random.Random(42)) for _ in range(3)]
    assert len(set(first)) == 1


def test_demo_texts_vary_and_respect_length() -> None:
    rng = random.Random(3)
    texts = [demo_description(code, rng) for code in CATEGORY_CODES for _ in range(200)]
    assert len(set(texts)) > 0.9 * len(texts)
    assert all(40 <= len(text) <= 400 for text in texts)
    assert not any("{" in text or "}" in text for text in texts)
    ascii_only = sum(text.isascii() for text in texts) / len(texts)
    assert 0.08 < ascii_only < 0.3, "about 15 % should be written without diacritics"


def test_demo_training_set_is_balanced() -> None:
    pairs = demo_training_set(4)
    assert collections.Counter(code for _, code in pairs) == {c: 4 for c in CATEGORY_CODES}


def test_unknown_category_is_refused() -> None:
    with pytest.raises(KeyError):
        demo_description("no-such-category", random.Random(1))


# --- the model --------------------------------------------------------------------------


def test_accuracy_on_eval_set(suggester: CategorySuggester) -> None:
    result = evaluate(suggester)
    assert result.n == len(load_eval_set())
    assert result.accuracy >= ACCURACY_FLOOR
    assert result.macro_f1 >= MACRO_F1_FLOOR
    assert result.top3_accuracy >= TOP3_FLOOR
    assert result.top3_accuracy >= result.accuracy
    assert set(result.per_category) == set(CATEGORY_CODES)


@pytest.mark.parametrize(
    ("accented", "plain", "expected"),
    [
        ("Đèn đường trước nhà không sáng mấy hôm nay", "den duong truoc nha khong sang may hom nay",
         "den-chieu-sang"),
        ("Hàng xóm hát karaoke ồn ào tới nửa đêm", "hang xom hat karaoke on ao toi nua dem",
         "tieng-on"),
        ("Mưa lớn đường ngập sâu, cống nghẹt", "mua lon duong ngap sau, cong nghet", "ngap-nuoc"),
        ("Bị giật điện thoại trên cầu", "bi giat dien thoai tren cau", "trom-cap"),
        ("Có người đổ trộm xà bần đầu hẻm", "co nguoi do trom xa ban dau hem", "rac-thai"),
    ],
)  # fmt: skip
def test_diacritic_free_text_gets_the_same_top_suggestion(
    suggester: CategorySuggester, accented: str, plain: str, expected: str
) -> None:
    assert suggester.suggest(accented)[0].code == expected
    assert suggester.suggest(plain)[0].code == expected


def test_abbreviations_are_expanded() -> None:
    assert normalise("Đèn ko sáng, P.25, đc 3 ngày") == "den khong sang phuong 25 duoc 3 ngay"


def test_suggest_returns_k_sorted_scores(suggester: CategorySuggester) -> None:
    for k in (1, 3, 5):
        suggestions = suggester.suggest("cây xanh ngã đè lên mái nhà", k=k)
        assert len(suggestions) == k
        assert all(isinstance(s, Suggestion) for s in suggestions)
        scores = [s.score for s in suggestions]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert len({s.code for s in suggestions}) == k
    everything = suggester.suggest("rác", k=100)
    assert len(everything) == len(CATEGORY_CODES)
    assert sum(s.score for s in everything) == pytest.approx(1.0)
    assert suggester.suggest("  ?! ") == []


def test_suggest_many_matches_suggest(suggester: CategorySuggester) -> None:
    texts = ["ổ gà giữa đường", "khói đốt rác", "đèn giao thông tắt"]
    assert suggester.suggest_many(texts) == [suggester.suggest(t) for t in texts]


def test_fast_scoring_matches_the_pipeline(suggester: CategorySuggester) -> None:
    texts = [normalise(text) for text, _ in load_eval_set()[:60]] + ["", "zzz"]
    _, fast = suggester._probabilities(texts)
    reference = suggester._pipeline.predict_proba([normalise(t) for t in texts])
    np.testing.assert_allclose(fast, reference, atol=1e-5)


def test_fast_scoring_is_the_pipeline_in_double_precision(suggester: CategorySuggester) -> None:
    """The pipeline computes its features in float32 (hence 1e-5 above); with its
    vectorisers switched to float64 the same formulas must give the fast scores to 1e-12
    — repeated n-grams, keyword-only texts and texts with no known n-gram included."""
    pipeline = copy.deepcopy(suggester._pipeline)
    for _name, step in pipeline.named_steps["features"].transformer_list:
        if isinstance(step, TfidfVectorizer):
            step.set_params(dtype=np.float64)
    texts = [normalise(text) for text, _ in load_eval_set()[:200]]
    texts += ["", "zzz qqq", "o ga o ga o ga o ga", "rac rac rac rac rac rac", "a"]
    features = pipeline.named_steps["features"].transform(texts).astype(np.float64)
    classifier = pipeline.named_steps["classifier"]
    scores = np.asarray(features @ classifier.coef_.T) + classifier.intercept_
    expected = np.exp(scores - scores.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    _, fast = suggester._probabilities(texts)
    np.testing.assert_allclose(fast, expected, rtol=0, atol=1e-12)


def test_bytes_round_trip(suggester: CategorySuggester) -> None:
    restored = CategorySuggester.from_bytes(suggester.to_bytes())
    texts = [text for text, _ in load_eval_set()[::10]]
    assert restored.suggest_many(texts) == suggester.suggest_many(texts)
    assert restored.classes == suggester.classes


def test_from_bytes_refuses_foreign_data() -> None:
    import pickle

    with pytest.raises(ValueError, match="not a stored"):
        CategorySuggester.from_bytes(pickle.dumps({"format": 999}))


def test_fit_accepts_appended_pairs_with_weights(
    training_pairs: list[tuple[str, str]],
) -> None:
    """Staff corrections are simply appended; a heavy weight makes them count."""
    extra = [("chó sủa cả đêm trong hẻm", "tieng-on")] * 3
    pairs = training_pairs[:600] + extra
    texts, labels = zip(*pairs, strict=True)
    weights = [1.0] * 600 + [20.0] * len(extra)
    model = CategorySuggester(keywords=KEYWORDS).fit(
        list(texts), list(labels), sample_weight=weights
    )
    assert model.suggest("chó sủa cả đêm")[0].code == "tieng-on"


def test_untrained_suggester_refuses_to_suggest() -> None:
    with pytest.raises(RuntimeError):
        CategorySuggester().suggest("đèn đường hư")
    with pytest.raises(ValueError):
        CategorySuggester(keywords=KEYWORDS).fit(["a", "b"], ["khac"])
