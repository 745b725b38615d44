"""The indicators workbook as officials keep it: one row per indicator, one column per year.

Columns are found by their header, in any order, in Vietnamese or in English, with or
without diacritics. The eight columns of the officials' layout are required; the others
are optional and, when present, describe the indicator completely (an empty cell
empties the field). A header that is a year (2024) holds that year's actual value; "KH
2024" (kế hoạch), "Plan 2024" or "Planned 2024" holds the planned value. An empty year
cell leaves the stored value as it is: a workbook adds and corrects figures, it does
not delete them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from smartdistrict.core.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    vi: str  # the header written on export in Vietnamese (and accepted on import)
    en: str  # the header written on export in English (and accepted on import)
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""

    def header(self, language: str) -> str:
        return self.en if language.startswith("en") else self.vi

    def names(self) -> set[str]:
        return {fold(self.vi), fold(self.en), *(fold(a) for a in self.aliases)}


COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã", "Code", True, ("mã chỉ tiêu", "mã số", "ma so", "indicator code"),
           _("Unique code of the indicator, e.g. KT-01.")),
    Column("name", "Tên chỉ tiêu", "Name", True,
           ("chỉ tiêu", "tên", "name (vietnamese)", "indicator"),
           _("Name in Vietnamese.")),
    Column("unit", "Đơn vị tính", "Unit", True, ("đvt", "đơn vị", "unit of measure"),
           _("Unit of measure: %, billion VND, m²/person…")),
    Column("direction", "Chiều", "Direction", True, ("chiều tốt", "hướng"),
           _("“tăng” (higher is better) or “giảm” (lower is better).")),
    Column("baseline_value", "Giá trị gốc", "Baseline", True,
           ("giá trị cơ sở", "gốc", "baseline value"),
           _("Value in the baseline year.")),
    Column("baseline_year", "Năm gốc", "Baseline year", True, ("năm cơ sở",),
           _("Year of the baseline value.")),
    Column("target_value", "Mục tiêu", "Target", True,
           ("giá trị mục tiêu", "chỉ tiêu mục tiêu", "target value"),
           _("Value to reach (or to meet every period).")),
    Column("target_year", "Năm mục tiêu", "Target year", True, ("năm đạt mục tiêu",),
           _("Year by which the target is due.")),
    Column("name_en", "Tên tiếng Anh", "Name (English)", False, ("english name",),
           _("Name in English (optional).")),
    Column("kind", "Loại mục tiêu", "Kind of target", False, ("loại",),
           _("“đạt mức” (reach the target by the target year, the default) or “mỗi kỳ” "
             "(meet it in every period, e.g. growth per year).")),
    Column("periodicity", "Kỳ báo cáo", "Periodicity", False, ("kỳ",),
           _("“năm” (default), “quý” or “tháng”.")),
    Column("programme", "Chương trình", "Programme", False, ("mã chương trình",),
           _("Code of the programme the indicator serves (optional).")),
    Column("admin_unit", "Địa bàn", "Administrative unit", False, ("mã địa bàn", "unit code"),
           _("Code of the unit; empty for the whole jurisdiction.")),
    Column("owner", "Đơn vị phụ trách", "Data owner", False, ("cơ quan phụ trách", "owner"),
           _("Who answers for the figures.")),
    Column("owner_department", "Mã phòng ban phụ trách", "Owner department code", False, (),
           _("Code of that department in the platform: its staff may enter figures.")),
    Column("illustrative", "Minh họa", "Illustrative", False, (),
           _("“x” for demonstration content that is not an official figure.")),
    Column("source", "Nguồn", "Source", False, (), _("Where the figures come from.")),
    Column("notes", "Ghi chú", "Notes", False, ("notes",), _("Anything else.")),
)
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = tuple(column for column in COLUMNS if column.required)

_YEAR = re.compile(r"^(\d{4})$")
_PLANNED = re.compile(r"^(?:kh|ke hoach|plan|planned|target)\s*[:.-]?\s*(\d{4})$")
PLANNED_PREFIX = {"vi": "KH", "en": "Plan"}


@dataclass(frozen=True)
class YearColumn:
    year: int
    planned: bool  # False: actual values

    def header(self, language: str) -> str | int:
        if not self.planned:
            return self.year
        return f"{PLANNED_PREFIX['en' if language.startswith('en') else 'vi']} {self.year}"


def match_header(raw: object) -> Column | YearColumn | None:
    """What a header cell names: a known column, a year's actual or planned values, or
    nothing (None)."""
    if raw is None:
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = str(int(raw)) if float(raw).is_integer() else str(raw)
    text = fold(str(raw)).strip()
    if match := _YEAR.match(text):
        return YearColumn(int(match[1]), planned=False)
    if match := _PLANNED.match(text):
        return YearColumn(int(match[1]), planned=True)
    for column in COLUMNS:
        if text in column.names():
            return column
    return None
