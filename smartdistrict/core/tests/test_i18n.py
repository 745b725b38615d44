"""The Vietnamese catalogue is complete and compiled: every string has its translation live."""

from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["vi"])
def test_every_message_is_translated_and_compiled(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    entries = [e for e in catalogue if not e.obsolete]
    assert entries
    untranslated = [e.msgid for e in entries if not e.msgstr or "fuzzy" in e.flags]
    assert untranslated == []
    with translation.override(language):
        stale = [e.msgid for e in entries if translation.gettext(e.msgid) != e.msgstr]
    assert stale == [], "run `make messages` to recompile the catalogue"


def test_vietnamese_is_the_default_language(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
