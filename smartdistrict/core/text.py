"""Vietnamese text: NFC storage, accent folding for matching, legacy 8-bit encodings.

Residents type on phones and old office PCs alike: text arrives as NFC, as NFD
(macOS, some Android keyboards), without diacritics, or as mojibake from the
pre-Unicode TCVN3 (ABC) and VNI fonts still used in some ward offices. Storage is
always NFC; every search compares folded text, so "Thạnh Mỹ Tây", "thanh my tay"
and "THẠNH MỸ TÂY" match, and đ matches d.
"""

from __future__ import annotations

import re
import unicodedata

from smartdistrict.core.errors import LegacyEncodingError

__all__ = [
    "clean_text",
    "detect_legacy_encoding",
    "fold",
    "fold_words",
    "from_legacy",
    "nfc",
]

# --- NFC and folding ------------------------------------------------------------


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the one form the database stores."""
    return unicodedata.normalize("NFC", text)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Every precomposed Latin letter with diacritics that Vietnamese uses, folded once
    # here so that fold() is a single str.translate call on the hot path.
    for code in range(0x00C0, 0x1EFF + 1):
        char = chr(code)
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if len(decomposed) > 1 and base.isascii() and base.isalpha():
            table[code] = base.lower()
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    # Combining marks left over from NFD input are dropped.
    for code in range(0x0300, 0x036F + 1):
        table[code] = None  # type: ignore[assignment]
    for upper in range(ord("A"), ord("Z") + 1):
        table[upper] = chr(upper).lower()
    return table


_FOLD_TABLE = _build_fold_table()
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold ``text`` for matching: lower case, no diacritics, đ → d, spaces collapsed.

    Never store the result; it is a comparison key, not text.
    """
    return _SPACES.sub(" ", text.translate(_FOLD_TABLE).lower()).strip()


_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold_words(text: str) -> str:
    """Fold and replace every run of punctuation with one space ("P.25," → "p 25")."""
    return _NON_WORD.sub(" ", fold(text)).strip()


# --- legacy encodings ---------------------------------------------------------------
# TCVN 5712:1993 "VN3" (the ABC fonts .VnTime…): one byte per lower-case letter.
# Text reaches us already decoded as Windows-1252/Latin-1, e.g. "Ph­êng" for "Phường".
_TCVN3 = {
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
}  # fmt: skip
_TCVN3_TABLE = str.maketrans(_TCVN3)
# Bytes that are punctuation in Latin-1 but letters in TCVN3: a sure sign of TCVN3.
_TCVN3_MARKERS = frozenset("\xa8\xa9\xaa\xab\xac\xad\xae\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xd7")

# VNI Windows: a base letter followed by one byte for the vowel mark and/or tone.
_VNI_TONES = {"\xf9": "\u0301", "\xf8": "\u0300", "\xfb": "\u0309",
              "\xf5": "\u0303", "\xef": "\u0323"}  # fmt: skip
_VNI_CIRCUMFLEX = {"\xe2": "", "\xe1": "\u0301", "\xe0": "\u0300", "\xe5": "\u0309",
                   "\xe3": "\u0303", "\xe4": "\u0323"}  # fmt: skip
_VNI_BREVE = {"\xea": "", "\xe9": "\u0301", "\xe8": "\u0300", "\xfa": "\u0309",
              "\xfc": "\u0303", "\xeb": "\u0323"}  # fmt: skip
_VNI_SINGLE = {
    "\xf4": "ơ", "\xd4": "Ơ", "\xf6": "ư", "\xd6": "Ư", "\xf1": "đ", "\xd1": "Đ",
    "\xed": "í", "\xec": "ì", "\xe6": "ỉ", "\xf3": "ĩ", "\xf2": "ị",
    "\xcd": "Í", "\xcc": "Ì", "\xc6": "Ỉ", "\xd3": "Ĩ", "\xd2": "Ị",
    "\xee": "ỵ", "\xce": "Ỵ",
}  # fmt: skip
# Characters that never occur in Vietnamese written in Unicode but do in VNI mojibake.
_VNI_MARKERS = frozenset(
    "\xf6\xd6\xf1\xd1\xf8\xd8\xef\xcf\xfb\xdb\xe4\xc4\xe5\xc5\xe6\xc6\xeb\xcb\xfc\xdc\xee\xce"
)


def _vni_compose(base: str, mark_byte: str) -> str | None:
    lower = mark_byte.lower()
    tone = ""
    if lower in _VNI_TONES:
        tone = _VNI_TONES[lower]
        vowel_mark = ""
    elif lower in _VNI_CIRCUMFLEX and base.lower() in "aeo":
        vowel_mark, tone = "\u0302", _VNI_CIRCUMFLEX[lower]
    elif lower in _VNI_BREVE and base.lower() == "a":
        vowel_mark, tone = "\u0306", _VNI_BREVE[lower]
    else:
        return None
    return unicodedata.normalize("NFC", base + vowel_mark + tone)


def _from_vni(text: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt and (char.lower() in "aeiouy" or char in "\xf4\xd4\xf6\xd6"):
            base = _VNI_SINGLE.get(char, char)
            composed = _vni_compose(base, nxt)
            if composed is not None:
                out.append(composed)
                i += 2
                continue
        out.append(_VNI_SINGLE.get(char, char))
        i += 1
    return "".join(out)


# Letters a Vietnamese text in Unicode may contain besides ASCII.
_VIETNAMESE_LETTERS = frozenset(
    "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ"
)


_VIETNAMESE_ONLY = frozenset(c for c in _VIETNAMESE_LETTERS if ord(c) > 0xFF)


def _foreign_chars(text: str) -> int:
    """How many characters of ``text`` are neither ASCII nor Vietnamese letters."""
    return sum(1 for c in text if not c.isascii() and c not in _VIETNAMESE_LETTERS)


def _undo_double_encoding(text: str) -> str | None:
    """UTF-8 bytes that were decoded as Windows-1252 (or Latin-1 where 1252 has a hole)."""
    data = bytearray()
    for char in text:
        try:
            data += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            data.append(ord(char))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


_MID_WORD_CAPITAL = re.compile(r"[a-zà-ỹ][À-ỸĂĐĨŨƠƯ]")


def _implausibility(text: str) -> int:
    """A penalty for text that is unlikely Vietnamese: foreign characters, capitals mid-word."""
    return 10 * _foreign_chars(text) + len(_MID_WORD_CAPITAL.findall(text))


def _has_vietnamese_only_letters(text: str) -> bool:
    """Letters such as ơ, ư, đ, ệ lie above Latin-1: 8-bit mojibake can never produce them."""
    return any(c in _VIETNAMESE_ONLY for c in text)


def _legacy_markers(text: str) -> set[str]:
    """Latin-1 characters a Vietnamese text never uses but TCVN3 or VNI bytes become."""
    return {c for c in text if "\xa0" < c <= "\xff" and c not in _VIETNAMESE_LETTERS}


def detect_legacy_encoding(text: str) -> str | None:
    """Name the legacy encoding ``text`` seems to be mojibake of: "tcvn3", "vni", "utf8-latin1".

    ``None`` means the text reads as Unicode Vietnamese (or plain ASCII). A text that
    already holds a letter above Latin-1 (ơ, ư, đ, ệ…) is Unicode whatever symbols it
    also has (–, °, m², ×). Otherwise a conversion is proposed only when it yields such
    letters; TCVN3 and VNI share bytes ("ViÖt" is TCVN3, "Phöôøng" is VNI), so both are
    tried and the reading that looks most like Vietnamese wins.
    """
    if not text or text.isascii() or _has_vietnamese_only_letters(text):
        return None
    repaired = _undo_double_encoding(text)
    if repaired is not None and _has_vietnamese_only_letters(repaired):
        return "utf8-latin1"
    readings = {
        name: reading
        for name, reading in _legacy_readings(text).items()
        if not _legacy_markers(reading)  # the encoding explains every odd character
    }
    if not readings:
        return None
    return min(readings, key=lambda name: (_implausibility(readings[name]), name != "tcvn3"))


def _legacy_readings(text: str) -> dict[str, str]:
    """TCVN3 and VNI readings of a text with legacy markers that yield Vietnamese letters."""
    if _has_vietnamese_only_letters(text) or not _legacy_markers(text):
        return {}
    readings = {name: from_legacy(text, name) for name in ("tcvn3", "vni")}
    return {n: r for n, r in readings.items() if _has_vietnamese_only_letters(r)}


def from_legacy(text: str, encoding: str) -> str:
    """Convert mojibake of ``encoding`` (as named by detect_legacy_encoding) to NFC text."""
    if encoding == "tcvn3":
        return nfc(text.translate(_TCVN3_TABLE))
    if encoding == "vni":
        return nfc(_from_vni(text))
    if encoding == "utf8-latin1":
        repaired = _undo_double_encoding(text)
        if repaired is None:
            raise ValueError("not double-encoded UTF-8")
        return nfc(repaired)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def clean_text(text: str) -> str:
    """Return user input as NFC Unicode, converting TCVN3/VNI/double-encoded UTF-8 input.

    Raises LegacyEncodingError when a legacy encoding explains most but not all of the
    text's odd characters: storing either reading would lose meaning.
    """
    text = nfc(text)
    encoding = detect_legacy_encoding(text)
    if encoding is not None:
        return from_legacy(text, encoding)
    # Mostly, but not wholly, explained by a legacy encoding: refuse rather than guess.
    markers = len(_legacy_markers(text))
    for name, reading in _legacy_readings(text).items():
        if len(_legacy_markers(reading)) * 2 <= markers:
            raise LegacyEncodingError(name)
    return text
