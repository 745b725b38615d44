"""One staff bar on every staff page (the areas, who is logged in with their role, the
log-out), never on a resident's visit; and the site's icon."""

import pytest

from smartdistrict.accounts.models import User

STAFF_PAGES = ["/console/", "/dashboard/", "/targets/", "/environment/staff/alerts"]


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["lanhdao", "admin"])
def test_every_staff_page_carries_the_staff_bar(client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    for path in STAFF_PAGES:
        page = client.get(path).content.decode()
        assert 'id="staff-bar"' in page, path
        for area in STAFF_PAGES[:3]:
            assert f'href="{area}"' in page, (path, area)
        assert 'id="logout"' in page and (user.get_full_name() or user.username) in page
        assert ('id="staff-admin"' in page) == user.is_staff


@pytest.mark.django_db
def test_residents_see_no_staff_bar(client):
    assert 'id="staff-bar"' not in client.get("/").content.decode()


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_static_icon(client):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 302 and answer["Location"].endswith(".svg")
    assert "core/favicon" in answer["Location"]
