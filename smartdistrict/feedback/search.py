"""Full-text search over reports that ignores diacritics ("o ga" finds "ổ gà").

A simple stand-in written by the intake work for Open311's ``q``: the residents' pages
(issue 14) bring the full version, with a folded search column kept up to date, under
the same name and signature, and that one replaces this at merge. This one folds the
stored text in SQL (lower case, each Vietnamese letter with marks replaced by its base
letter, đ → d) without any extension, at the cost of a scan of the filtered rows.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from django.db.models import Func, Q, QuerySet, TextField

from smartdistrict.core.text import fold_words
from smartdistrict.feedback.models import Report

MAX_WORDS = 8  # a longer query is cut: every word is one more condition per row


@cache
def _marked_letters() -> tuple[tuple[str, str], ...]:
    """Every Vietnamese letter with marks (both cases, NFC) and the letter it folds to."""
    pairs = {"đ": "d", "Đ": "d"}
    for base in "aeiouy":
        for mark in ("", "\u0306", "\u0302", "\u031b"):  # ă â ơ ư and bare
            for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
                for letter in (base, base.upper()):
                    composed = unicodedata.normalize("NFC", letter + mark + tone)
                    if len(composed) == 1 and composed.lower() != base:
                        pairs[composed] = base
    return tuple(sorted(pairs.items()))


class Folded(Func):
    """A text column folded in SQL as ``core.text.fold`` folds text (spaces aside):
    ``TRANSLATE(LOWER(x), 'àá…Đ', 'aa…d')`` on PostgreSQL; SQLite has no TRANSLATE, so
    there the connection gets the same Python function the platform folds with."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        inner, params = compiler.compile(self.source_expressions[0])
        marked, plain = _translation()
        return f"(' ' || TRANSLATE(LOWER({inner}), %s, %s))", (*params, marked, plain)

    def as_sqlite(self, compiler, connection, **extra_context):
        inner, params = compiler.compile(self.source_expressions[0])
        connection.ensure_connection()
        connection.connection.create_function(SQLITE_FUNCTION, 1, _fold_or_none,
                                              deterministic=True)
        return f"{SQLITE_FUNCTION}({inner})", params


SQLITE_FUNCTION = "smartdistrict_fold"
PUNCTUATION = ".,;:!?()[]/\\-\"'\n\r\t"  # become spaces, so a word starts after them


def _fold_or_none(text: str | None) -> str | None:
    return None if text is None else " " + fold_words(text)


@cache
def _translation() -> tuple[str, str]:
    pairs = _marked_letters()
    marked = "".join(m for m, _p in pairs) + PUNCTUATION
    return marked, "".join(p for _m, p in pairs) + " " * len(PUNCTUATION)


def reports_matching(queryset: QuerySet[Report], q: str) -> QuerySet[Report]:
    """The reports of ``queryset`` whose code is ``q``, or whose description or address
    holds a word starting with each word of ``q``, diacritics and case ignored ("o ga"
    finds "Ổ gà", not "ngày"; an empty ``q``: all)."""
    words = fold_words(q or "").split()[:MAX_WORDS]
    if not words:
        return queryset
    queryset = queryset.alias(
        search_description=Folded("description"), search_address=Folded("address")
    )
    matches = Q()
    for word in words:
        start = " " + word
        matches &= Q(search_description__contains=start) | Q(search_address__contains=start)
    return queryset.filter(matches | Q(code__iexact=q.strip()))
