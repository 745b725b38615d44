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
