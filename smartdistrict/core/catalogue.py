"""What a message catalogue still lacks: one definition for `make messages` and the tests."""

from pathlib import Path

import polib


def untranslated(po_path: Path | str) -> list[str]:
    """The msgids of a .po file without a translation, or only a fuzzy one (a guess of
    msgmerge that nobody checked: gettext ignores it, so the page shows English)."""
    missing = []
    for entry in polib.pofile(str(po_path)):
        translated = bool(entry.msgstr) or any(entry.msgstr_plural.values())
        if not entry.obsolete and (not translated or "fuzzy" in entry.flags):
            missing.append(entry.msgid)
    return missing
