"""Amounts in đồng as people write them: 1.500.000 đ in Vietnamese, 1,500,000 VND in English.

Django's Vietnamese formats name "." as the thousands separator but no grouping size,
so ``number_format`` would print 1500000; amounts are grouped by three here.
"""

from __future__ import annotations

from django.utils.formats import get_format
from django.utils.translation import get_language


def grouped(value: int) -> str:
    separator = get_format("THOUSAND_SEPARATOR") or "."
    return f"{int(value):,}".replace(",", separator)


def vnd(value: int | None) -> str:
    if value is None or value == "":
        return "—"
    if (get_language() or "").startswith("en"):
        return f"{grouped(value)} VND"
    return f"{grouped(value)} đ"
