"""Address text → the unit it names, on a given date, across the 2025 reforms.

Residents write today's names with or without their kind ("Phường Gia Định", "Gia
Định", "xa Can Gio"), and the forms of before July 2025 with the district ("P.14, Q.3",
"Xã Nhị Bình, Hóc Môn", "Phường Bến Nghé, Quận 1", "F25 Q.BT"). Every name comes from the
units the jurisdiction's pack loaded (today's and the former units each was made from),
matched on folded text (no diacritics, đ → d). Anything not recognised with certainty is
refused with candidates: a guess presented as certain would send a report to the wrong
ward. A former unit split between several of today's answers with all of them, unless a
point says which.

Folding makes different names alike: "Xã Thanh An" (former Dầu Tiếng) and "Xã Thạnh An"
(former Cần Giờ) both fold to "xa thanh an". Units are told apart by their spelling with
its marks (tone marks placed either way, "Hòa" or "Hoà"); a resident who writes marks
means the unit spelt as written, and one who writes none is answered with every unit
the folded name fits.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from smartdistrict.core.errors import NotFound
from smartdistrict.core.text import clean_text, fold, fold_words, nfc
from smartdistrict.geography.index import GeographyIndex, UnitRecord, get_index
from smartdistrict.geography.models import Level

# Folded prefixes residents use, and the kinds of unit they can name.
_WARD_WORDS = {
    "phuong": {"phuong"}, "phg": {"phuong"}, "ph": {"phuong"}, "p": {"phuong"},
    "f": {"phuong"}, "ward": {"phuong"}, "xa": {"xa"}, "commune": {"xa"},
    "thi tran": {"thi_tran"}, "tt": {"thi_tran"}, "dac khu": {"dac_khu"},
}
_DISTRICT_WORDS = ("quan", "q", "district", "huyen", "h", "thanh pho", "tp", "thi xa", "tx")
_KIND_PREFIXES = ("phuong ", "xa ", "thi tran ", "dac khu ", "quan ", "huyen ", "thi xa ",
                  "thanh pho ", "tinh ")


@dataclass(frozen=True)
class AddressMatch:
    text: str
    date: dt.date
    unit: UnitRecord  # the unit valid on ``date``
    named: UnitRecord  # the unit the text names (a former unit for an old address)
    district_named: bool


class AddressNotResolved(NotFound):
    code = "address_not_resolved"


def short_name(record: UnitRecord) -> str:
    """"Phường 25" → "25", "Xã Nhị Bình" → "nhi binh", "Quận 3" → "3" (folded)."""
    folded = fold(record.name)
    for prefix in _KIND_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_OLD_STYLE_OA = re.compile(rf"o([{_TONE_MARKS}])([ae])(?!\w)")
_OLD_STYLE_UY = re.compile(rf"(?<!q)u([{_TONE_MARKS}])y(?!\w)")
_WORD_CHARACTER = re.compile(r"[0-9a-z]")


def spelling(text: str) -> str:
    """A comparison key that keeps the marks: lower case, NFC, and the tone mark of "oa",
    "oe", "uy" at the end of a word on its second letter whichever way it was typed
    ("Hòa" and "Hoà" alike; "Thanh" and "Thạnh" apart)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    decomposed = _OLD_STYLE_OA.sub(r"o\2\1", decomposed)
    decomposed = _OLD_STYLE_UY.sub(r"uy\1", decomposed)
    return nfc(decomposed)


def marked_words(text: str) -> str | None:
    """``text`` cut as fold_words cuts it but keeping its marks, so that a span of the one
    is the same span of the other ("Xã Thạnh-An" → "xã thạnh an"); None in the rare case
    where they do not line up (then what was written is not known)."""
    pieces = []
    for character in nfc(text).lower():
        folded = fold(character) if not character.isspace() else " "
        if not folded:
            continue  # a combining mark left over
        pieces.append(character if _WORD_CHARACTER.fullmatch(folded) else " ")
    marked = re.sub(" +", " ", "".join(pieces)).strip()
    return marked if fold_words(marked) == fold_words(text) and len(marked) == len(
        fold_words(text)) else None


def short_spelling(record: UnitRecord) -> str:
    """short_name with its marks: "Xã Thạnh An" → "thạnh an"."""
    short = short_name(record)
    lower = nfc(record.name).lower()
    return spelling(lower[len(lower) - len(short):]) if len(lower) >= len(short) else short


def _alternation(names) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(n) for n in ordered) or "(?!)"


@dataclass(frozen=True)
class _Mention:
    short: str
    kinds: frozenset[str]  # empty: any kind
    span: tuple[int, int]
    written: str = ""  # the name as written, with its marks ("" for a number or unknown)


class AddressResolver:
    def __init__(self, index: GeographyIndex) -> None:
        self.index = index
        self.by_short: dict[str, list[UnitRecord]] = defaultdict(list)
        self.district_of: dict[int, int | None] = {}
        districts: dict[str, set[int]] = defaultdict(set)
        for unit_id in index.wards:
            record = index.units[unit_id]
            self.by_short[short_name(record)].append(record)
            district = self._district(record)
            self.district_of[unit_id] = district
            if district is not None:
                districts[short_name(index.units[district])].add(district)
        # The jurisdiction's own name ("Thành phố Hồ Chí Minh") is never a district.
        root = short_name(index.jurisdiction) if index.jurisdiction else None
        self.districts = {k: v for k, v in districts.items() if k != root}
        initials: dict[str, set[int]] = defaultdict(set)
        for name, ids in self.districts.items():
            words = name.split()
            if len(words) > 1 and not name[0].isdigit():
                initials["".join(w[0] for w in words)].update(ids)
        self.initials = {k: v for k, v in initials.items() if k not in _WARD_WORDS}
        lettered = [k for k in self.by_short if not k.isdigit()]
        ward_words = _alternation(_WARD_WORDS)
        self.prefixed_ward = re.compile(
            rf"\b({ward_words}) ?(?:(0*\d{{1,2}})|({_alternation(lettered)}))\b"
        )
        self.bare_ward = re.compile(rf"\b({_alternation(lettered)})\b")
        district_names = [k for k in self.districts if not k.isdigit()]
        numbered = [k for k in self.districts if k.isdigit()]
        self.prefixed_district = re.compile(
            rf"\b(?:{_alternation(_DISTRICT_WORDS)}) ?(?:0*({_alternation(numbered)})|"
            rf"({_alternation(district_names)}))\b"
        )
        self.initials_district = re.compile(
            rf"\bq ?({_alternation(self.initials)})\b"
        )
        self.bare_district = re.compile(rf"\b({_alternation(district_names)})\b")

    def _district(self, record: UnitRecord) -> int | None:
        parent_id = record.parent_id
        while parent_id is not None:
            parent = self.index.units[parent_id]
            if parent.level == Level.DISTRICT:
                return parent.id
            parent_id = parent.parent_id
        return None

    # --- parsing -----------------------------------------------------------------
    def _district_mentions(self, words: str, taken: list[tuple[int, int]]) -> set[int]:
        found: set[int] = set()
        spans: list[tuple[int, int]] = []
        for match in self.prefixed_district.finditer(words):
            key = (match.group(1) or "").lstrip("0") or match.group(2)
            found |= self.districts.get(key, set())
            spans.append(match.span())
        for match in self.initials_district.finditer(words):
            found |= self.initials[match.group(1)]
            spans.append(match.span())
        for match in self.bare_district.finditer(words):
            inside = any(a <= match.start() < b for a, b in taken + spans)
            if not inside:
                found |= self.districts[match.group(1)]
        return found

    def _ward_mentions(self, words: str, marked: str | None) -> list[_Mention]:
        mentions = []
        for match in self.prefixed_ward.finditer(words):
            word, number, name = match.groups()
            # "q binh thanh" is a district; "p 25" and "phuong gia dinh" are wards
            short = number.lstrip("0") if number else name
            written = marked[match.start(3):match.end(3)] if name and marked else ""
            mentions.append(
                _Mention(short, frozenset(_WARD_WORDS[word]), match.span(), written)
            )
        return mentions

    def _bare_mentions(self, words: str, districts: set[int],
                       marked: str | None) -> list[_Mention]:
        district_names = {short_name(self.index.units[d]) for d in districts} | set(
            self.districts
        )
        mentions = []
        for match in self.bare_ward.finditer(words):
            if match.group(1) in district_names:
                continue  # "Bình Thạnh" alone is the former district, not the ward
            written = marked[match.start(1):match.end(1)] if marked else ""
            mentions.append(_Mention(match.group(1), frozenset(), match.span(), written))
        return mentions

    # --- matching ----------------------------------------------------------------
    def _versions(self, mention: _Mention, districts: set[int],
                  marks_written: bool) -> list[list[UnitRecord]]:
        """Groups of units the mention may name; each group is one ward over time (same
        kind, district and spelling). When the resident writes marks, the groups spelt as
        written are preferred (if any is)."""
        units = [
            u for u in self.by_short.get(mention.short, [])
            if not mention.kinds or u.kind in mention.kinds or not u.kind
        ]
        if districts:
            inside = [u for u in units if self.district_of[u.id] in districts]
            units = inside or [u for u in units if self.district_of[u.id] is None]
        groups: dict[tuple, list[UnitRecord]] = defaultdict(list)
        for unit in units:
            groups[(unit.kind, self.district_of[unit.id], short_spelling(unit))].append(unit)
        if marks_written and mention.written:
            written = spelling(mention.written)
            exact = {key: g for key, g in groups.items() if key[2] == written}
            groups = exact or groups
        return [sorted(g, key=lambda r: r.valid_from or dt.date.min) for g in groups.values()]

    @staticmethod
    def _version_on(versions: list[UnitRecord], date: dt.date) -> UnitRecord:
        for record in versions:
            if record.is_valid_on(date):
                return record
        ended = [r for r in versions if r.valid_to is not None and r.valid_to < date]
        return ended[-1] if ended else versions[0]

    def candidates_for(self, words: str, shorts: list[str], districts: set[int]) -> list:
        """The most similar units to what the text seems to name (for a 404's suggestions)."""
        pool = [
            u for units in self.by_short.values() for u in units
            if not districts or self.district_of[u.id] in districts
        ]
        keys: dict[str, dict[str, UnitRecord]] = defaultdict(dict)
        for unit in sorted(pool, key=lambda r: r.valid_from or dt.date.min):
            keys[short_name(unit)][short_spelling(unit)] = unit  # "Thanh An", "Thạnh An"
        found: list[str] = []
        for probe in shorts or [words]:
            found += difflib.get_close_matches(probe, list(keys), n=5, cutoff=0.5)
        return [u for k in dict.fromkeys(found) for u in keys[k].values()][:5]

    def resolve(
        self, text: str, date: dt.date, point: tuple[float, float] | None = None
    ) -> AddressMatch:
        """``point`` (lat, lon) decides between the units a split former unit became."""
        cleaned = clean_text(text)
        words = fold_words(cleaned)
        marked = marked_words(cleaned)
        marks_written = marked is not None and marked != words
        mentions = self._ward_mentions(words, marked)
        districts = self._district_mentions(words, [m.span for m in mentions])
        if not mentions:
            mentions = self._bare_mentions(words, districts, marked)
        if not mentions and districts:
            return self._district_only(text, date, districts)
        shorts = list(dict.fromkeys(m.short for m in mentions))
        groups = [g for m in mentions for g in self._versions(m, districts, marks_written)]
        unique = {tuple(r.id for r in g): g for g in groups}
        groups = list(unique.values())
        if len(groups) > 1:
            # Units valid on the date before former ones of the same name (these live on
            # in them); several of today's units alike stay candidates.
            valid_now = [g for g in groups if any(r.is_valid_on(date) for r in g)]
            groups = valid_now or groups
        if len(groups) != 1 or len(shorts) != 1:
            if len(shorts) > 1:
                message = _("This address names more than one ward.")
                candidates = [self._version_on(g, date) for g in groups]
            elif groups:
                message = _("Several units have this name: add the former district "
                            "(e.g. “Phường 14, Quận 3”) or place a pin.")
                candidates = [self._version_on(g, date) for g in groups]
            else:
                message = _("The ward in this address could not be recognised.")
                candidates = self.candidates_for(words, shorts, districts)
            raise AddressNotResolved(
                message, candidates=[self.candidate(r) for r in candidates[:10]]
            )
        named = self._version_on(groups[0], date)
        current = self.index.valid_descendants_on(named.id, date)
        if len(current) > 1 and point is not None:
            current = self._by_point(current, point, date) or current
        if len(current) != 1:
            raise AddressNotResolved(
                _("On this date the unit named in the address corresponds to several units: "
                  "place a pin to choose.")
                if current
                else _("The ward named in the address did not exist on this date."),
                code="address_split" if current else "address_not_resolved",
                candidates=[r.brief() for r in current or [named]],
            )
        return AddressMatch(
            text=text, date=date, unit=current[0], named=named, district_named=bool(districts)
        )

    def candidate(self, record: UnitRecord) -> dict:
        """A unit's brief with the district it was in, to tell "Phường 14"s apart."""
        district = self.district_of.get(record.id)
        return {**record.brief(),
                "within": self.index.units[district].name if district is not None else None}

    def _district_only(self, text: str, date: dt.date, districts: set[int]) -> AddressMatch:
        """Only a former district is named ("Côn Đảo", "Bình Thạnh"): the answer when its
        territory is one unit on ``date``, else its units as candidates."""
        current: dict[int, UnitRecord] = {}
        for unit_id, district in self.district_of.items():
            if district in districts:
                for record in self.index.valid_descendants_on(unit_id, date):
                    current[record.id] = record
        district = self.index.units[min(districts)]
        for district_id in districts:
            for record in self.index.valid_descendants_on(district_id, date):
                if record.level == Level.WARD:
                    current[record.id] = record
        units = sorted(current.values(), key=lambda r: r.code)
        if len(units) != 1:
            raise AddressNotResolved(
                _("The address names a former district but no ward: add the ward or place "
                  "a pin."),
                candidates=[r.brief() for r in units[:10]],
            )
        return AddressMatch(text=text, date=date, unit=units[0], named=district,
                            district_named=True)

    def _by_point(self, units, point, date) -> list[UnitRecord]:
        from smartdistrict.geography.selectors import lookup_point

        try:
            found = lookup_point(point[0], point[1], date)
        except NotFound:
            return []
        return [u for u in units if found.ward is not None and u.id == found.ward.id]


def get_resolver() -> AddressResolver:
    index = get_index()
    resolver = getattr(index, "address_resolver", None)
    if resolver is None:
        resolver = AddressResolver(index)
        index.address_resolver = resolver  # cached with the index it was built from
    return resolver


def resolve_address(
    text: str, date: dt.date | None = None, point: tuple[float, float] | None = None
) -> AddressMatch:
    """Resolve ``text`` to the unit valid on ``date`` (default today)."""
    from smartdistrict.geography.selectors import today

    return get_resolver().resolve(text, date or today(), point)
