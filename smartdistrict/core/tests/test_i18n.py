"""The Vietnamese catalogue is complete and compiled: every string has its translation live."""

import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

from smartdistrict.core.catalogue import untranslated

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["vi"])
def test_every_message_is_translated_and_compiled(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    entries = [e for e in catalogue if not e.obsolete]
    assert entries
    assert untranslated(LOCALE / language / "LC_MESSAGES" / "django.po") == []
    with translation.override(language):
        stale = [e.msgid for e in entries if _live(e) != _written(e)]
    assert stale == [], "run `make messages` to recompile the catalogue"


def _written(entry: polib.POEntry) -> str:
    return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr


def _live(entry: polib.POEntry) -> str:
    """What Django serves for the entry now (context and plural forms included)."""
    if entry.msgid_plural and entry.msgctxt:
        return translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
    if entry.msgid_plural:
        return translation.ngettext(entry.msgid, entry.msgid_plural, 1)
    if entry.msgctxt:
        return translation.pgettext(entry.msgctxt, entry.msgid)
    return translation.gettext(entry.msgid)


def test_vietnamese_is_the_default_language(settings):
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_no_message_in_the_code_is_missing_from_the_catalogue(tmp_path, settings, monkeypatch):
    """`makemessages` over a copy of the code finds nothing untranslated: a string added
    to the code or a template without its Vietnamese fails here, not in front of a resident."""
    source = LOCALE.parent
    copy = tmp_path / "smartdistrict"
    shutil.copytree(
        source, copy, ignore=shutil.ignore_patterns("tests", "__pycache__", "static", "*.mo")
    )
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command(
        "makemessages", locale=["vi"], no_obsolete=True, add_location="file",
        ignore_patterns=["*/tests/*", "conftest.py"], verbosity=0,
    )
    missing = untranslated(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    assert missing == [], "translate these in locale/vi/LC_MESSAGES/django.po"
