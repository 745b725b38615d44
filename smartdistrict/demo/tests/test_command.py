"""seed_demo leaves a demo that serves its first report as fast as its thousandth."""

from io import StringIO

import pytest
from django.core.management import call_command

from smartdistrict.feedback.models import SuggesterModel
from smartdistrict.feedback.suggestions import current_suggester, invalidate

pytestmark = pytest.mark.django_db


def test_the_category_suggester_is_stored_once():
    out = StringIO()
    call_command("seed_demo", "--reports", "0", stdout=out)
    assert "category suggester trained and stored" in out.getvalue()
    stored = SuggesterModel.objects.get()
    invalidate()
    assert current_suggester().suggest("Rác thải đổ trộm đầy hẻm", k=1)[0].code == "rac-thai"

    again = StringIO()
    call_command("seed_demo", "--reports", "0", stdout=again)
    assert "category suggester" not in again.getvalue()
    assert list(SuggesterModel.objects.values_list("pk", flat=True)) == [stored.pk]


def test_make_demo_ends_its_start_up_with_the_accounts():
    """seed_demo printed them first, and four more seeds scrolled them away: the
    Makefile prints them again last, just before the server starts."""
    from pathlib import Path

    from smartdistrict.demo.data import DEMO_PASSWORD

    call_command("seed_demo", "--reports", "0", stdout=StringIO())
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    assert DEMO_PASSWORD in out.getvalue()
    for username in ("tongdai", "lanhdao", "admin"):
        assert f"  {username} " in out.getvalue()
    makefile = (Path(__file__).resolve().parents[3] / "Makefile").read_text()
    recipe = makefile.split("\ndemo: install")[1]
    recipe = recipe.split("\n\n")[0]
    assert recipe.index("demo_accounts") > recipe.index("dashboard_refresh")
    assert recipe.index("demo_accounts") > recipe.index("seed_alleys")
