"""Issue 19, acceptance 1: each rule the doors share has one home (docs/architecture.md,
"Where each rule lives"), and a second copy fails here where it can be seen in the
source. The import contracts (pyproject.toml, core/tests/test_import_contracts.py) keep
the apps' one-way order and forbid cycles inside a package.

The checks read the code as text and syntax trees: they catch the copies a hurried change
writes (a category filtered on ``active``, a deadline counted with the calendar, an
error's field renamed in a view), not every conceivable one."""

from __future__ import annotations

import ast
import importlib
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings as django_settings

from smartdistrict.feedback.report_input import Field

PACKAGE = Path(__file__).resolve().parents[2]  # smartdistrict/
ROOT = PACKAGE.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"


@cache
def sources() -> dict[str, str]:
    """Every module of the project but tests and migrations, by path from the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in relative or relative == "conftest.py":
            continue
        found[relative] = path.read_text(encoding="utf-8")
    return found


def where(pattern: str) -> set[str]:
    regex = re.compile(pattern)
    return {path for path, text in sources().items() if regex.search(text)}


def defined(name: str) -> set[str]:
    """Modules that define a function or class called ``name``."""
    return {
        path for path, text in sources().items()
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name
    }


# --- the rows of the table ---------------------------------------------------------------


def test_a_category_is_read_only_through_feedback_selectors():
    """Exists and usable (category_usable), the active ones in order (active_categories):
    nobody else filters categories on ``active``, reads the configuration snapshot's
    categories, or sorts them."""
    home = {"feedback/selectors.py"}
    assert where(r"Category\.objects\.filter\([^)]*\bactive") == set()
    assert where(r"config\(\)\.categories") <= home
    assert where(r"\b(category|categories|c|cat)\.active\b") <= home
    assert where(r"lambda c: \(c\.order, c\.code\)") <= home
    assert defined("active_categories") == home
    assert defined("category_usable") == home


def test_one_duplicate_query():
    home = {"feedback/selectors.py"}
    assert defined("nearby_open_reports") == home
    assert where(r"def nearby_open_codes|nearby_open_codes\(") == set()
    assert where(r"settings\.DUPLICATE_(RADIUS_M|DAYS)") <= home
    assert where(r"_cells_within\(") <= home


def test_the_deadline_rule_lives_in_feedback_deadlines():
    assert defined("due_time") == {"feedback/deadlines.py"}
    counting = where(r"add_working_(days|hours)\([^)]*deadline")
    assert counting == {"feedback/deadlines.py"}


def test_the_residents_token_lives_in_its_module():
    home = {"feedback/resident_token.py"}
    assert defined("resident_token") == home
    assert defined("resident_token_check") == home
    assert where(r"smartdistrict\.feedback\.resident\b") == home  # the signing salt
    assert where(r"TimestampSigner") <= home | {"core/shown_once.py"}


def test_no_door_renames_an_errors_field_after_the_fact():
    """Each door maps intake's field names in its one table; none rewrites ``.field``."""
    rewrites = set()
    for path, text in sources().items():
        for node in ast.walk(ast.parse(text)):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else [])
            for target in targets:
                if (isinstance(target, ast.Attribute) and target.attr == "field"
                        and not (isinstance(target.value, ast.Name)
                                 and target.value.id == "self")):
                    rewrites.add(path)
    assert rewrites == set()


def test_each_doors_table_names_every_field_of_intake():
    from smartdistrict.console.forms.intake import FORM_FIELDS as HOTLINE
    from smartdistrict.console.forms.intake import IntakeForm
    from smartdistrict.open311.intake import FIELDS as OPEN311
    from smartdistrict.open311.openapi import SCHEMAS
    from smartdistrict.portal.report_form import FORM_FIELDS as PORTAL

    every = set(Field) - {Field.ANSWER}
    assert set(PORTAL) == every
    assert set(HOTLINE) == every
    # Open311 decides the place's and the address's name from what the client sent.
    assert set(OPEN311) == every - {Field.PLACE, Field.ADDRESS}
    page = (PACKAGE / "portal/templates/portal/report_form.html").read_text(encoding="utf-8")
    assert all(f'name="{name}"' in page for name in set(PORTAL.values()) - {"form"})
    form = IntakeForm(categories=[])
    assert set(HOTLINE.values()) - {None} <= set(form.fields)
    parameters = set(SCHEMAS["Open311NewRequest"]["properties"]) | {"media"}
    assert set(OPEN311.values()) <= parameters


def test_the_reopen_window_is_said_by_the_policy_only():
    """No text says "7 days" for it: the notification and the messages take
    policy.RESIDENT_REOPEN_DAYS (see test_jobs for the message itself)."""
    assert where(r"RESIDENT_REOPEN_DAYS\s*=") == {"feedback/policy.py"}
    assert where(r"(?i)reopen[^\n]{0,80}\b7 days|within 7 days") == set()
    for language in ("vi", "en"):
        catalogue = polib.pofile(str(PACKAGE / f"locale/{language}/LC_MESSAGES/django.po"))
        for entry in catalogue:
            if re.search(r"(?i)reopen", entry.msgid):
                assert not re.search(r"\b\d+ (days|ngày)", entry.msgid + entry.msgstr), entry


def test_answers_are_declared_once():
    """The REST API's and Open311's answers are their presenters' return types; no
    serializer class restates them (request bodies are inline, answers are generated)."""
    for package in ("feedback/api", "open311"):
        for path, text in sources().items():
            if not path.startswith(package):
                continue
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.ClassDef):
                    bases = {ast.unparse(b) for b in node.bases}
                    assert not any("Serializer" in b for b in bases), (path, node.name)


# --- the table in docs/architecture.md names an existing home for each row ----------------

_HOME = re.compile(r"`smartdistrict\.([\w.]+)`")


def _rows() -> list[tuple[str, list[str]]]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = text.split("## Where each rule lives", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] and not set(cells[0]) <= {"-", " "} and \
                cells[0] != "rule":
            rows.append((cells[0], _HOME.findall(cells[1])))
    return rows


def test_the_architecture_page_names_a_home_for_every_row_of_the_issue():
    rows = dict(_rows())
    for rule in ("category exists and is usable", "active categories, in order",
                 "open duplicate nearby", "deadline of a category", "resident's token",
                 "which field an error names", "reopen window", "shape of an API answer",
                 "a setting's default"):
        assert any(rule in name for name in rows), f"no row for {rule!r}"
    for name, homes in rows.items():
        assert homes, f"{name}: no home named"


@pytest.mark.parametrize(("rule", "home"), [(r, h) for r, hs in _rows() for h in hs])
def test_each_named_home_exists(rule, home):
    parts = home.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            module = importlib.import_module("smartdistrict." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        target = module
        for attribute in parts[cut:]:
            target = getattr(target, attribute, None)
            if target is None and attribute.isupper():
                target = getattr(django_settings, attribute, None)
            assert target is not None, f"{rule}: {home} does not exist"
        return
    pytest.fail(f"{rule}: no module for {home}")
