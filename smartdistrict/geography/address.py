"""Address text → the ward it names, on a given date, across the 2025 reforms.

Residents write "Phường 25, Quận Bình Thạnh", "P.25 Q.BT", "phuong 25 binh thanh",
"F25" or the new names ("Phường Thạnh Mỹ Tây"). The district's own units (from the
database) are the source of truth; matching is on folded text (no diacritics,
đ → d). Anything not recognised with certainty is refused with candidates: a
guess presented as certain would send a report to the wrong ward.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartdistrict.core.errors import NotFound
from smartdistrict.core.text import clean_text, fold, fold_words
from smartdistrict.geography.index import GeographyIndex, UnitRecord, get_index
from smartdistrict.geography.services import DATA_DIR

_WARD_PREFIX = r"(?:phuong|phg|ph|p|f|ward)"
_WARD_NUMBER = re.compile(rf"\b{_WARD_PREFIX} ?0*(\d{{1,2}})\b")
_DISTRICT_PREFIX = r"(?:quan|q|district|huyen|h|thanh pho|tp)"


@dataclass(frozen=True)
class AddressMatch:
    text: str
    date: dt.date
    unit: UnitRecord  # the unit valid on ``date``
    named: UnitRecord  # the unit the text names (a former ward for an old address)
    district_named: bool


class AddressNotResolved(NotFound):
    code = "address_not_resolved"


def _short_name(record: UnitRecord) -> str:
    """"Phường 25" → "25", "Phường Thạnh Mỹ Tây" → "thanh my tay" (folded)."""
    folded = fold(record.name)
    for prefix in ("phuong ", "xa ", "thi tran "):
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


def _other_district_names(own: set[str]) -> list[str]:
    path = DATA_DIR / "hcmc_districts_pre2025.geojson"
    with open(path, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    names = []
    for feature in features:
        short = fold(feature["properties"]["name"])
        for prefix in ("quan ", "huyen ", "thanh pho "):
            short = short.removeprefix(prefix)
        if short not in own:
            names.append(short)
    return names


class AddressResolver:
    def __init__(self, index: GeographyIndex) -> None:
        self.index = index
        self.versions: dict[str, list[UnitRecord]] = defaultdict(list)
        for unit_id in index.wards:
            record = index.units[unit_id]
            self.versions[_short_name(record)].append(record)
        for records in self.versions.values():
            records.sort(key=lambda r: r.valid_from or dt.date.min)
        named = sorted((k for k in self.versions if not k.isdigit()), key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in named) or "(?!)"
        self.ward_with_prefix = re.compile(rf"\b{_WARD_PREFIX} ?({alternation})\b")
        # A bare ward name is enough unless it is also the district's name ("Bình Thạnh").
        district = index.jurisdiction
        self.district_short = _short_name(district).removeprefix("quan ") if district else ""
        bare = [n for n in named if n != self.district_short]
        self.bare_ward = re.compile(rf"\b({'|'.join(map(re.escape, bare)) or '(?!)'})\b")
        initials = "".join(w[0] for w in self.district_short.split())
        own_forms = "|".join(
            map(re.escape, filter(None, [self.district_short, initials]))
        ) or "(?!)"
        self.own_district = re.compile(
            rf"\b(?:{_DISTRICT_PREFIX} ?(?:{own_forms})|q{re.escape(initials)}|"
            rf"{re.escape(self.district_short)})\b"
            if self.district_short
            else "(?!)"
        )
        others = _other_district_names({self.district_short})
        numbered = [n for n in others if n.isdigit()]
        lettered = [n for n in others if not n.isdigit()]
        self.other_district = re.compile(
            rf"\b(?:(?:quan|q|district) ?0*({'|'.join(numbered) or '(?!)'})|"
            rf"(?:{_DISTRICT_PREFIX} )?({'|'.join(map(re.escape, lettered)) or '(?!)'}))\b"
        )
        self.keys = {f"phuong {k}": k for k in self.versions}

    # --- parsing -----------------------------------------------------------------
    def _ward_keys(self, words: str) -> list[str]:
        keys = [m.group(1) for m in self.ward_with_prefix.finditer(words)]
        keys += [m.group(1).lstrip("0") for m in _WARD_NUMBER.finditer(words)]
        if not keys:
            keys = [m.group(1) for m in self.bare_ward.finditer(words)]
        return list(dict.fromkeys(keys))

    def _named_version(self, key: str, date: dt.date) -> UnitRecord:
        versions = self.versions[key]
        for record in versions:
            if record.is_valid_on(date):
                return record
        ended = [r for r in versions if r.valid_to is not None and r.valid_to < date]
        return ended[-1] if ended else versions[0]

    def candidates_for(self, words: str, keys: list[str]) -> list[UnitRecord]:
        """The most similar units to what the text seems to name (for a 404's suggestions)."""
        probes = [f"phuong {k}" for k in keys] or [words]
        found: list[str] = []
        for probe in probes:
            found += difflib.get_close_matches(probe, self.keys, n=5, cutoff=0.5)
        if not found:
            found = [k for k in self.keys if any(w in k.split() for w in words.split())][:5]
        records = [self.versions[self.keys[k]][-1] for k in dict.fromkeys(found)]
        return records[:5]

    def resolve(self, text: str, date: dt.date) -> AddressMatch:
        words = fold_words(clean_text(text))
        keys = self._ward_keys(words)
        own_named = bool(self.own_district.search(words))
        other = self.other_district.search(words)
        if other and not own_named:
            raise AddressNotResolved(
                _("This address is outside the area served by this platform."),
                code="outside_jurisdiction", candidates=[],
            )
        known = [k for k in keys if k in self.versions]
        if len(known) != 1 or len(keys) != 1:
            raise AddressNotResolved(
                _("The ward in this address could not be recognised.")
                if not known
                else _("This address names more than one ward."),
                candidates=[r.brief() for r in self.candidates_for(words, keys)],
            )
        named = self._named_version(known[0], date)
        current = self.index.valid_descendants_on(named.id, date)
        if len(current) != 1:
            raise AddressNotResolved(
                _("On this date the ward named in the address corresponds to several wards.")
                if current
                else _("The ward named in the address did not exist on this date."),
                candidates=[r.brief() for r in current or [named]],
            )
        return AddressMatch(
            text=text, date=date, unit=current[0], named=named, district_named=own_named
        )


def get_resolver() -> AddressResolver:
    index = get_index()
    resolver = getattr(index, "address_resolver", None)
    if resolver is None:
        resolver = AddressResolver(index)
        index.address_resolver = resolver  # cached with the index it was built from
    return resolver


def resolve_address(text: str, date: dt.date | None = None) -> AddressMatch:
    """Resolve ``text`` to the ward valid on ``date`` (default today)."""
    from smartdistrict.geography.selectors import today

    return get_resolver().resolve(text, date or today())
