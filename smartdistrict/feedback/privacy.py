"""The public-text guard: phone numbers, e-mail addresses and ID numbers that residents
write into free text never leave through a public page or API.

Residents put their own contact into descriptions and addresses ("gọi 0912 345 678"),
and staff sometimes into public notes. Every presenter that shows such text to the
public passes it through ``public_text``; staff pages keep the original. The purge of
personal data (services.privacy) uses the same function to mask the stored text in place.

What is masked (PRIVACY_PUBLIC_MASKS; all three by default):

- ``email``: anything shaped like name@domain.tld;
- ``phone``: a Vietnamese number, national (0 then 9–10 digits: 0912 345 678, 091.234.5678,
  (028) 3829 1234) or international (+84 / 0084 / 84 then 9–10 digits, "+84 (0)…" too),
  digits grouped by spaces, dots or hyphens;
- ``national_id``: 9 digits (the old CMND) or 12 digits (CCCD), written together or in
  groups of three or four separated by spaces.

It errs on the side of hiding: a bare run of 9 or 12 digits is hidden even when it is
not an ID. Report codes (HCM-2026-000123), dates, times, money written with dots
(1.500.000) and coordinates are left alone.
"""

from __future__ import annotations

import re
from functools import cache

from django.conf import settings
from django.utils.translation import gettext as _

KINDS = ("phone", "email", "national_id")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
# A run of at least nine digits with single separators (space, dot, hyphen, brackets)
# between them, maybe after a "+": every phone and ID number is one (or part of one).
# Shorter numbers never match, so most text costs one scan and no Python call.
_RUN = re.compile(r"(?<![\d+])(?:\+\s?)?\(?\d(?:[ .\-()]{0,3}\d){8,}\)?")
# The same run without its optional start: a quick test (the look-behind and the optional
# prefix make _RUN try every position of the text) before the substitution.
_ANY_RUN = re.compile(r"\d(?:[ .\-()]{0,3}\d){8,}")
_TOKEN = re.compile(r"\S+")
_PHONE_CHARS = re.compile(r"[+()\d.\-]+")


def _placeholder(kind: str) -> str:
    return {
        "phone": _("[phone number hidden]"),
        "email": _("[e-mail hidden]"),
        "national_id": _("[ID number hidden]"),
    }[kind]


@cache
def _kinds(configured: tuple[str, ...]) -> frozenset[str]:
    unknown = set(configured) - set(KINDS)
    if unknown:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"PRIVACY_PUBLIC_MASKS: unknown kinds {sorted(unknown)}; use {', '.join(KINDS)}"
        )
    return frozenset(configured)


def masked_kinds() -> frozenset[str]:
    """The kinds the deployment masks (PRIVACY_PUBLIC_MASKS; empty turns the guard off)."""
    return _kinds(tuple(settings.PRIVACY_PUBLIC_MASKS))


def _classify(tokens: list[str]) -> str | None:
    """What a group of adjacent tokens (split at spaces) is, if it is personal."""
    text = "".join(tokens)
    if not _PHONE_CHARS.fullmatch(text):
        return None
    digits = re.sub(r"\D", "", text)
    international = text.startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("840") and len(digits) in (12, 13):  # +84 (0)912…
        digits = "84" + digits[3:]
    if digits.startswith("84") and len(digits) in (11, 12) and (
        international or len(tokens) > 1 or len(digits) == 11
    ):
        return "phone"
    if digits.startswith("0") and len(digits) in (10, 11) and not international:
        return "phone"
    plain = all(t.isdigit() for t in tokens)
    if plain and len(digits) in (9, 12) and (
        len(tokens) == 1 or all(3 <= len(t) <= 4 for t in tokens)
    ):
        return "national_id"
    return None


def _mask_run(run: str, kinds: frozenset[str]) -> str:
    """Mask the personal numbers in one run of digits: at each token, the longest group
    of tokens that is a phone or ID number is replaced; other tokens stay."""
    spans = [m.span() for m in _TOKEN.finditer(run)]
    tokens = [run[a:b] for a, b in spans]
    out, last, i = [], 0, 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            kind = _classify(tokens[i:j])
            if kind and kind in kinds:
                start, end = spans[i][0], spans[j - 1][1]
                out += [run[last:start], _placeholder(kind)]
                last, i = end, j
                break
        else:
            i += 1
    out.append(run[last:])
    return "".join(out)


def public_text(text: str | None, *, kinds: frozenset[str] | None = None) -> str:
    """``text`` as the public may see it: phone, e-mail and ID numbers (the kinds
    PRIVACY_PUBLIC_MASKS names, unless ``kinds`` are given) replaced by a translated
    placeholder. Empty and None give ""."""
    if not text:
        return ""
    kinds = masked_kinds() if kinds is None else kinds
    if not kinds:
        return text
    if "email" in kinds and "@" in text:
        text = _EMAIL.sub(lambda m: _placeholder("email"), text)
    if kinds & {"phone", "national_id"} and _ANY_RUN.search(text):
        text = _RUN.sub(lambda m: _mask_run(m.group(0), kinds), text)
    return text


def holds_personal_data(text: str | None) -> bool:
    """Whether the guard would change ``text`` (with every kind masked)."""
    if not text:
        return False
    return bool(("@" in text and _EMAIL.search(text)) or any(
        _mask_run(m.group(0), frozenset(KINDS)) != m.group(0) for m in _RUN.finditer(text)
    ))


def personal_data_masked(text: str | None) -> str:
    """``text`` with every kind masked, whatever the public guard is set to: what the
    purge of personal data stores in place of the original."""
    return public_text(text, kinds=frozenset(KINDS))
