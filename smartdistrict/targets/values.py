"""Reading the values officials type: numbers with a decimal comma, words for choices.

Shared by the workbook import and the pages' forms, so that "19,81", "19.81" and 19.81
mean the same everywhere, and "tăng", "cao hơn là tốt", "higher" and "↑" all mean
higher-is-better. Each parser raises InvalidInput with a translatable reason.
"""

from __future__ import annotations

import functools
import math
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import fold
from smartdistrict.targets.models import Direction, Periodicity, TargetKind

_GROUPED_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 5.380 / 1.234.567 (Vietnamese grouping)
_GROUPED_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")  # 5,380 / 1,234,567 (English grouping)


def parse_number(raw: object) -> float:
    """A finite number from a cell or a form field.

    Text may carry spaces, a trailing %, a decimal comma ("19,81") or a decimal point.
    A separator that groups thousands is read as grouping only when it is unambiguous:
    "1.234.567" and "1,234,567"; a single "5.380" is five point three eight, as a
    spreadsheet would read it — type 5380 to mean five thousand three hundred and eighty.
    """
    if isinstance(raw, bool):
        raise InvalidInput(_("Enter a number."))
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
        if not text:
            raise InvalidInput(_("Enter a number."))
        if text.count(".") > 1 and _GROUPED_DOT.match(text):
            text = text.replace(".", "")
        elif text.count(",") > 1 and _GROUPED_COMMA.match(text):
            text = text.replace(",", "")
        elif "," in text and "." in text:
            # The last separator is the decimal one: 1.234,5 or 1,234.5.
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        else:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise InvalidInput(
                _("“%(text)s” is not a number.") % {"text": str(raw).strip()[:40]}
            ) from None
    if not math.isfinite(value):
        raise InvalidInput(_("Enter a finite number."))
    return value


def parse_year(raw: object) -> int:
    value = parse_number(raw)
    if value != int(value) or not 1975 <= value <= 2100:
        raise InvalidInput(_("Enter a year between 1975 and 2100."))
    return int(value)


_DIRECTIONS = {
    Direction.HIGHER: {"higher", "higher is better", "tang", "cao", "cao hon", "cao hon la tot",
                       "cang cao cang tot", "↑", "+", "up"},
    Direction.LOWER: {"lower", "lower is better", "giam", "thap", "thap hon", "thap hon la tot",
                      "cang thap cang tot", "↓", "-", "down"},
}
_PERIODICITIES = {
    Periodicity.YEARLY: {"yearly", "year", "annual", "nam", "hang nam"},
    Periodicity.QUARTERLY: {"quarterly", "quarter", "quy", "hang quy"},
    Periodicity.MONTHLY: {"monthly", "month", "thang", "hang thang"},
}
_KINDS = {
    TargetKind.LEVEL: {"level", "dat muc", "muc", "den nam muc tieu", "by the target year",
                       "reach the target by the target year"},
    TargetKind.EACH_PERIOD: {"each period", "each_period", "moi ky", "hang nam", "moi nam",
                             "every period", "meet the target in every period"},
}
_TRUE = {"x", "yes", "co", "true", "1", "minh hoa", "illustrative"}
_FALSE = {"", "no", "khong", "false", "0"}


@functools.lru_cache(maxsize=64)
def _labels(choices: type, value: str) -> frozenset[str]:
    """The folded labels of a choice in every language the platform speaks."""
    words = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.add(fold(str(choices(value).label)))
    return frozenset(words)


def _choice(raw: object, choices: type, table: dict[str, set[str]], message: str) -> str:
    key = fold(str(raw or "")).strip()
    for value, words in table.items():
        if key == value or key in words or key in _labels(choices, str(value)):
            return str(value)
    raise InvalidInput(message % {"text": str(raw or "").strip()[:40]})


def parse_direction(raw: object) -> str:
    return _choice(
        raw, Direction, _DIRECTIONS,
        _("Direction “%(text)s” not understood: write “tăng” (higher is better) or “giảm” "
          "(lower is better)."),
    )


def parse_periodicity(raw: object) -> str:
    if raw is None or str(raw).strip() == "":
        return Periodicity.YEARLY
    return _choice(
        raw, Periodicity, _PERIODICITIES,
        _("Periodicity “%(text)s” not understood: write “năm”, “quý” or “tháng”."),
    )


def parse_kind(raw: object) -> str:
    if raw is None or str(raw).strip() == "":
        return TargetKind.LEVEL
    return _choice(
        raw, TargetKind, _KINDS,
        _("Kind of target “%(text)s” not understood: write “đạt mức” (reach the target by "
          "the target year) or “mỗi kỳ” (meet it in every period)."),
    )


def parse_flag(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    key = fold(str(raw or "")).strip()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise InvalidInput(_("Write “x” for yes or leave the cell empty."))
