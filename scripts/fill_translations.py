"""Fill locale/vi/LC_MESSAGES/django.po from smartdistrict/locale/vi_translations.py.

Run by `make messages` after makemessages; prints any string left untranslated.
"""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from smartdistrict.locale.vi_translations import VI

path = Path(__file__).resolve().parent.parent / "smartdistrict/locale/vi/LC_MESSAGES/django.po"
catalogue = polib.pofile(str(path))
missing = []
for entry in catalogue:
    if entry.msgid in VI:
        entry.msgstr = VI[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    elif not entry.obsolete:
        missing.append(entry.msgid)
catalogue.metadata["Language"] = "vi"
catalogue.metadata["Content-Type"] = "text/plain; charset=UTF-8"
catalogue.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
catalogue.save()
for msgid in missing:
    print(f"untranslated: {msgid!r}")
sys.exit(1 if missing else 0)
