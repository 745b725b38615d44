"""The parameter catalogue: keys, names, units and plausible ranges, loaded from data.

parameters.csv beside this module is the reviewable source. Keys and units follow the
shared water-quality document (Decision 1460/QĐ-TCMT for VN_WQI, QCVN 08:2023/BTNMT);
the plausible ranges are this platform's own sanity bounds — physical limits (pH 0–14,
water 0–50 °C) and generous multiples of the worst canal values — meant to catch a broken
sensor or a typing slip, not to judge quality. An officer may edit them in the admin.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from smartdistrict.core.text import nfc
from smartdistrict.environment.models import Parameter

REFERENCE_CSV = Path(__file__).resolve().parent / "parameters.csv"
SOURCE = (
    "Keys and units: Decision 1460/QĐ-TCMT and QCVN 08:2023/BTNMT (shared water-quality "
    "document); plausible ranges: smartdistrict sanity bounds, for review"
)


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def reference_rows(path: Path = REFERENCE_CSV) -> list[dict]:
    """The rows of the reference file as Parameter field values."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            {
                "code": row["code"].strip(),
                "name": nfc(row["name"].strip()),
                "name_en": row["name_en"].strip(),
                "unit": nfc(row["unit"].strip()),
                "plausible_min": _number(row["plausible_min"]),
                "plausible_max": _number(row["plausible_max"]),
                "aliases": nfc(row["aliases"].strip()),
            }
            for row in csv.DictReader(handle)
        ]


@dataclass(frozen=True)
class ReferenceSummary:
    created: int
    updated: int


@transaction.atomic
def parameters_load(*, path: Path = REFERENCE_CSV, overwrite: bool = False) -> ReferenceSummary:
    """Create the reference parameters that are missing. Existing ones keep an officer's
    edits unless ``overwrite`` (then every field is reset to the file)."""
    created = updated = 0
    for row in reference_rows(path):
        code = row.pop("code")
        if overwrite:
            _, was_created = Parameter.objects.update_or_create(
                code=code, defaults={**row, "source": SOURCE}
            )
        else:
            _, was_created = Parameter.objects.get_or_create(
                code=code, defaults={**row, "source": SOURCE}
            )
        created += was_created
        updated += overwrite and not was_created
    return ReferenceSummary(created=created, updated=updated)
