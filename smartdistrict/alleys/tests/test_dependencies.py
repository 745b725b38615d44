"""The alleys app reads feedback and geography through their selectors and services and
never imports the apps above it (the dashboard reads alleys, not the other way round)."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
ABOVE = ("smartdistrict.dashboard", "smartdistrict.console", "smartdistrict.portal",
         "smartdistrict.open311", "smartdistrict.demo")
FEEDBACK_ALLOWED = ("smartdistrict.feedback.models", "smartdistrict.feedback.selectors",
                    "smartdistrict.feedback.near_lines", "smartdistrict.feedback.services",
                    "smartdistrict.feedback.photos", "smartdistrict.feedback.photo_budget",
                    "smartdistrict.feedback.api.schemas",
                    "smartdistrict.feedback.report_input")


def imports() -> list[tuple[str, str]]:
    found = []
    for path in APP.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.append((str(path.relative_to(APP)), node.module))
            elif isinstance(node, ast.Import):
                found += [(str(path.relative_to(APP)), alias.name) for alias in node.names]
    return found


def test_alleys_never_imports_the_apps_above_it():
    assert [(f, m) for f, m in imports() if m.startswith(ABOVE)] == []


def test_alleys_reads_feedback_through_its_public_modules():
    used = {m for _f, m in imports() if m.startswith("smartdistrict.feedback")}
    assert used and all(m.startswith(FEEDBACK_ALLOWED) for m in used), used
