"""Amounts in đồng as people write them: 1.500.000 đ in Vietnamese, 1,500,000 VND in English.

Grouped by three in both languages (the Vietnamese grouping: core/formats).
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import get_language


def grouped(value: int) -> str:
    return number_format(int(value), use_l10n=True, force_grouping=True)


def vnd(value: int | None) -> str:
    if value is None or value == "":
        return "—"
    if (get_language() or "").startswith("en"):
        return f"{grouped(value)} VND"
    return f"{grouped(value)} đ"
