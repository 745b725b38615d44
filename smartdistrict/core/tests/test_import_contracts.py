"""The import contracts of pyproject.toml (docs/architecture.md) hold: the apps depend one
way and no package has a cycle between its modules. ``make lint`` runs the same check;
this keeps ``make test`` honest about it too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run(  # noqa: S603 — our own tool, no shell, fixed arguments
        [str(lint_imports), "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True,
        text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout
