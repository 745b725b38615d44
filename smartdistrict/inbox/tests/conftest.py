"""Fixtures of the intake doors' tests: feedback's report factory and officer."""

from smartdistrict.feedback.tests.conftest import (  # noqa: F401 — fixtures reused
    make_report,
    officer,
)
