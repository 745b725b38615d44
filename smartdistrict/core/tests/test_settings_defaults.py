"""Each setting has its default in one place: the settings package, read from the environment and
documented in .env.example. Code reads ``settings.X``; a ``getattr(settings, "X", default)``
would be a second default that drifts from the first (issue 19)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
SETTINGS = PACKAGE / "settings"  # one module per topic
ENV_EXAMPLE = PACKAGE.parent / ".env.example"


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _is_settings(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "settings") or (
        isinstance(node, ast.Attribute) and node.attr == "settings")


def settings_defaults_in(source: str) -> list[int]:
    """Lines of ``getattr(settings, name, default)`` calls in ``source``."""
    return [
        node.lineno for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == "getattr" and len(node.args) == 3 and _is_settings(node.args[0])
    ]


def test_the_scan_finds_a_second_default():
    assert settings_defaults_in('getattr(settings, "X", 5)\ngetattr(settings, "Y")') == [1]
    assert settings_defaults_in("getattr(django.conf.settings, name, None)") == [1]
    assert settings_defaults_in("getattr(other, 'X', 5)") == []


def test_no_code_gives_a_setting_a_default_of_its_own():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in _modules() for line in settings_defaults_in(path.read_text())
    ]
    assert not found, f"read settings.X (the default belongs in the settings package): {found}"


def _environment_names() -> tuple[set[str], set[str]]:
    """Variables the settings read (``env.int("X", ...)``, ``env("X")``), and among them
    the older names read only as another's default (documented by mention)."""
    names: set[str] = set()
    aliases: set[str] = set()

    def env_name(node: ast.AST) -> str | None:
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        reads_env = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id == "env")
        if reads_env and node.args and isinstance(node.args[0], ast.Constant) and isinstance(
                node.args[0].value, str):
            return node.args[0].value
        return None

    nodes = (node for path in sorted(SETTINGS.glob("*.py"))
             for node in ast.walk(ast.parse(path.read_text())))
    for node in nodes:
        name = env_name(node)
        if name:
            names.add(name)
            for keyword in node.keywords:
                if keyword.arg == "default" and env_name(keyword.value):
                    aliases.add(env_name(keyword.value))
    return names, aliases


def test_every_variable_settings_reads_is_documented_in_env_example():
    names, aliases = _environment_names()
    assert {"SECRET_KEY", "PHOTO_MAX_SIDE", "DATABASE_URL"} <= names
    text = ENV_EXAMPLE.read_text()
    listed = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, re.M))
    missing = sorted(name for name in names - aliases if name not in listed)
    assert not missing, f"add these to .env.example with their default: {missing}"
    unmentioned = sorted(name for name in aliases if not re.search(rf"\b{name}\b", text))
    assert not unmentioned, f"mention these older names in .env.example: {unmentioned}"
