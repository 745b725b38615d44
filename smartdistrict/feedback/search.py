"""Search over reports that ignores diacritics ("o ga" finds "ổ gà", "duong" finds "đường").

Each report keeps its public text folded (core.text.fold_words: punctuation as spaces)
in ``Report.search_text``, with a space at each end,
written by intake (the only service that writes a report's text) through ``search_text``;
the personal-data purge masks what ``public_text`` already masked, so the folded text
stays right. A query is folded the same way and cut into pieces of
at least three letters (short syllables stay with the next word: "ổ gà" is one piece,
"o ga"); a report matches when every piece starts a word of its text (" o ga" is in
" o ga lon ", not in " ba ngay "). The public list (/reports/) and
Open311's ``q`` call ``reports_matching``, so both find the same reports.

On PostgreSQL a trigram index (pg_trgm, migration 0011) answers ``LIKE '%word%'`` without
reading the table; SQLite scans, which is fine at its scale.
"""

from __future__ import annotations

from django.db.models import QuerySet

from smartdistrict.core.text import fold_words
from smartdistrict.feedback.privacy import public_text

# A piece of a query has at least this many letters (a trigram index needs three).
MIN_PIECE = 3
MAX_PIECES = 8
MAX_QUERY = 200


def search_text(*, code: str, description: str, address: str) -> str:
    """The folded text a report is found by: its code, description and address, as the
    public sees them (masked personal numbers are never searchable)."""
    text = fold_words(" ".join([code, public_text(description), public_text(address)]))
    return f" {text} "


def query_pieces(q: str) -> list[str]:
    """The pieces of a query, folded, each with its leading space (a word start): words
    shorter than MIN_PIECE join the next; a short tail joins the piece before it."""
    pieces: list[str] = []
    current: list[str] = []
    for word in fold_words((q or "")[:MAX_QUERY]).split():
        current.append(word)
        if sum(len(w) for w in current) >= MIN_PIECE:
            pieces.append(" ".join(current))
            current = []
    if current:
        if pieces:
            pieces[-1] += " " + " ".join(current)
        else:
            pieces.append(" ".join(current))
    return [f" {piece}" for piece in dict.fromkeys(pieces)][:MAX_PIECES]


def reports_matching(queryset: QuerySet, q: str) -> QuerySet:
    """``queryset`` narrowed to the reports whose text holds every piece of ``q`` at a
    word's start, diacritics, case and punctuation ignored; unchanged for an empty query."""
    for piece in query_pieces(q):
        queryset = queryset.filter(search_text__contains=piece)
    return queryset
