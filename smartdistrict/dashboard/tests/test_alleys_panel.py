"""The alley-upgrade panel: proposals by state and residents' money against the state's,
read through the alleys app's selector, within the viewer's scope."""

from __future__ import annotations

import pytest

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.dashboard.selectors.alleys import alleys_panel

pytestmark = pytest.mark.django_db


def test_the_panel_counts_projects_and_money_in_scope(login):
    from smartdistrict.alleys.tests.privacy import project_with_a_private_household

    officer = User.objects.get(username="canbo.binhquoi")
    project_with_a_private_household(name="Hộ Bí Mật", phone="0900000000", officer=officer)
    panel = alleys_panel(scope_for(officer))
    assert dict((s, n) for s, _label, n in panel.by_state)["consultation"] == 1
    assert panel.pledged_vnd == 10_000_000 and panel.going_ahead == 0
    elsewhere = alleys_panel(scope_for(User.objects.get(username="canbo.giadinh")))
    assert elsewhere.total == 0
    html = login("lanhdao").get("/dashboard/").content.decode()
    assert 'id="alleys-panel"' in html and 'id="alleys-by-state"' in html
    assert "Hộ Bí Mật" not in html


def test_without_proposals_the_panel_says_so(login):
    html = login("lanhdao").get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="alleys-panel"' in html and "No alley proposal yet." in html
