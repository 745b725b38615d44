"""docs/security.md names, for each promise, the tests that hold it: every test module and
test function it names must exist, or the promise would rest on nothing."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOC = ROOT / "docs" / "security.md"
PACKAGE = ROOT / "smartdistrict"

MODULE = re.compile(
    r"(?:smartdistrict/)?([a-z0-9_]+/tests/test_[a-z0-9_]+\.py)(?:::(test_[a-z0-9_]+))?"
)
BARE_TEST = re.compile(r"`(test_[a-z0-9_]+)`")
BARE_MODULE = re.compile(r"`(test_[a-z0-9_]+\.py)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def _all_tests() -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): _tests_in(p) for p in PACKAGE.glob("*/tests/test_*.py")}


def test_every_test_the_security_doc_names_exists():
    text = DOC.read_text(encoding="utf-8")
    tests = _all_tests()
    named = MODULE.findall(text)
    assert len(named) >= 15  # the doc does name its tests
    for module, function in named:
        assert module in tests, f"docs/security.md names {module}, which does not exist"
        if function:
            assert function in tests[module], f"{module}::{function} does not exist"
    every_function = set().union(*tests.values())
    for function in BARE_TEST.findall(text):
        assert function in every_function, f"docs/security.md names {function}: no such test"
    modules = {Path(m).name for m in tests}
    for module in BARE_MODULE.findall(text):
        assert module in modules, f"docs/security.md names {module}: no such test module"


def test_each_promise_names_its_tests():
    """Every section that makes a promise says which tests hold it."""
    sections = re.split(r"^## ", DOC.read_text(encoding="utf-8"), flags=re.M)[1:]
    assert len(sections) >= 8
    for section in sections:
        title = section.splitlines()[0]
        if "Promise" in section:
            assert MODULE.search(section) or BARE_TEST.search(section), title
