from smartdistrict.feedback.tests.conftest import make_report, officer  # noqa: F401  (shared fixtures)
