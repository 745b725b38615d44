"""List the Vietnamese messages still untranslated or fuzzy after `make messages`.

The .po files are the source of the translations: edit them with any PO editor
(Poedit, Lokalize, Weblate) or by hand, then run `make messages` to compile.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from smartdistrict.core.catalogue import untranslated

missing = untranslated(Path(__file__).resolve().parent.parent
                       / "smartdistrict/locale/vi/LC_MESSAGES/django.po")
for msgid in missing:
    print(f"untranslated or fuzzy: {msgid!r}")
sys.exit(1 if missing else 0)
