"""Realistic Vietnamese report descriptions for the demo data and the suggester's seed model.

seed_demo creates up to a million reports, so generation must be cheap: every
template is parsed once at import into (literal, choices) pairs, and a call only
draws random numbers, joins strings and, for some texts, applies one str.translate
or a dictionary lookup per word. No regular expression runs per call.

Residents do not write like officials: some texts lose their diacritics (old phones,
foreign keyboards), use SMS abbreviations ("ko", "đc", "p.", "hxh") or contain a
typo. The generator reproduces that mix so that the suggester trained on these texts
has seen all three forms.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from string import Formatter

from smartdistrict.feedback.suggest.demo_data import CATEGORIES
from smartdistrict.feedback.suggest.demo_data import common as data

__all__ = ["CATEGORY_CODES", "demo_description", "demo_training_set"]

MIN_LENGTH = 40
MAX_LENGTH = 400

# Share of texts in each style; drawn independently, so styles combine.
P_OPENING = 0.25
P_DETAIL = 0.4
P_DURATION = 0.3
P_CLOSING = 0.45
P_NO_DIACRITICS = 0.15
P_ABBREVIATIONS = 0.2
P_TYPO = 0.1
P_LOWER_CASE = 0.15

# A compiled template: literal text followed by the choices for the slot after it.
_Parts = tuple[tuple[str, tuple[str, ...] | None], ...]


def _compile(template: str, slots: Mapping[str, Sequence[str]]) -> _Parts:
    """Parse ``template`` once; unknown slot names fail at import, not in production."""
    parts = []
    for literal, field, _spec, _conv in Formatter().parse(template):
        if field is None:
            parts.append((literal, None))
            continue
        if field not in slots:
            raise KeyError(f"unknown slot {{{field}}} in demo template {template!r}")
        parts.append((literal, tuple(slots[field])))
    return tuple(parts)


def _compile_all(templates: Sequence[str], slots: Mapping[str, Sequence[str]]) -> list[_Parts]:
    return [_compile(template, slots) for template in templates]


_OPENINGS = _compile_all(data.OPENINGS, data.COMMON_SLOTS)
_DURATIONS = _compile_all(data.DURATION_SENTENCES, data.COMMON_SLOTS)
_CLOSINGS = _compile_all(data.CLOSINGS, data.COMMON_SLOTS)


def _compile_category(spec: Mapping[str, object]) -> tuple[list[_Parts], list[_Parts]]:
    slots = {**data.COMMON_SLOTS, **spec["slots"]}  # type: ignore[dict-item]
    return (
        _compile_all(spec["core"], slots),  # type: ignore[arg-type]
        _compile_all(spec["detail"], slots),  # type: ignore[arg-type]
    )


_CATEGORIES = {code: _compile_category(spec) for code, spec in CATEGORIES.items()}
CATEGORY_CODES: tuple[str, ...] = tuple(_CATEGORIES)


def _no_diacritics_table() -> dict[int, str]:
    """Strip diacritics but keep case: "Đường" → "Duong" (fold() would also lower-case)."""
    table = {}
    for code in range(0x00C0, 0x1EFF + 1):
        decomposed = unicodedata.normalize("NFD", chr(code))
        if len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha():
            table[code] = decomposed[0]
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    return table


_NO_DIACRITICS = _no_diacritics_table()

# Multi-word phrases residents shorten; checked with ``in`` before str.replace.
_PHRASES = (
    ("Ủy ban nhân dân", "UBND"),
    ("hẻm xe hơi", "hxh"),
    ("bình thường", "bt"),
    ("anh chị", "a/c"),
    ("công an", "CA"),
)
# Single words and the short forms that replace them.
_WORDS: dict[str, tuple[str, ...]] = {
    "không": ("ko", "k", "hông", "khg", "ko"),
    "được": ("dc", "đc"),
    "phường": ("p.", "P.", "F"),
    "người": ("ng",),
    "với": ("vs",),
    "rồi": ("r", "rùi"),
    "quá": ("wa", "qá"),
    "cũng": ("cx", "cũg"),
    "biết": ("bít",),
    "vậy": ("v", "zậy"),
    "đường": ("đg", "đường"),
    "trước": ("trc",),
}


def _abbreviate(text: str, rnd: Callable[[], float]) -> str:
    for phrase, short in _PHRASES:
        if phrase in text:
            text = text.replace(phrase, short)
    words = text.split(" ")
    for i, word in enumerate(words):
        shorts = _WORDS.get(word)
        if shorts is not None and rnd() < 0.7:
            words[i] = shorts[int(rnd() * len(shorts))]
    return " ".join(words)


def _typo(text: str, rnd: Callable[[], float]) -> str:
    """One keyboard slip: two letters swapped, a letter dropped or doubled."""
    i = 1 + int(rnd() * (len(text) - 3))
    kind = rnd()
    if kind < 0.4:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind < 0.75:
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]


def _fill(parts: _Parts, rnd: Callable[[], float]) -> str:
    out = []
    for literal, choices in parts:
        out.append(literal)
        if choices is not None:
            out.append(choices[int(rnd() * len(choices))])
    return "".join(out)


def _pick(options: Sequence[_Parts], rnd: Callable[[], float]) -> str:
    return _fill(options[int(rnd() * len(options))], rnd)


def demo_description(category_code: str, rng: random.Random) -> str:
    """Return one report description for ``category_code``, deterministic for ``rng``'s state.

    Raises KeyError for an unknown code. The result is 40–400 characters long.
    """
    core, detail = _CATEGORIES[category_code]
    rnd = rng.random
    sentences = []
    if rnd() < P_OPENING:
        sentences.append(_pick(_OPENINGS, rnd))
    main = _pick(core, rnd)
    sentences.append(main[0].upper() + main[1:])
    if rnd() < P_DETAIL:
        sentences.append(_pick(detail, rnd))
    if rnd() < P_DURATION:
        sentences.append(_pick(_DURATIONS, rnd))
    if rnd() < P_CLOSING:
        sentences.append(_pick(_CLOSINGS, rnd))
    text = " ".join(sentences)
    if len(text) > MAX_LENGTH:
        text = text[: text.rfind(" ", 0, MAX_LENGTH - 1)]

    folded = lowered = False
    if rnd() < P_ABBREVIATIONS:
        text = _abbreviate(text, rnd)
    if rnd() < P_NO_DIACRITICS:
        text, folded = text.translate(_NO_DIACRITICS), True
    if rnd() < P_LOWER_CASE:
        text, lowered = text.lower(), True
    if rnd() < P_TYPO:
        text = _typo(text, rnd)
    while len(text) < MIN_LENGTH:
        # Styling may shorten a text ("Ủy ban nhân dân" → "UBND"): pad in the same style.
        closing = _pick(_CLOSINGS, rnd)
        closing = closing.translate(_NO_DIACRITICS) if folded else closing
        text += " " + (closing.lower() if lowered else closing)
    return text


def demo_training_set(n_per_category: int = 150, seed: int = 1) -> list[tuple[str, str]]:
    """Return ``n_per_category`` (text, category_code) pairs per category, interleaved.

    This is the seed model's training data until staff re-categorisations exist;
    interleaving keeps any prefix of the list balanced across categories.
    """
    rng = random.Random(seed)
    return [
        (demo_description(code, rng), code)
        for _ in range(n_per_category)
        for code in CATEGORY_CODES
    ]
