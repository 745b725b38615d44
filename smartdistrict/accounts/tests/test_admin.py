"""The admin site works for an administrator and is closed to other roles."""

import pytest
from django.urls import reverse

from smartdistrict.accounts.models import User
from smartdistrict.demo.data import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:index",
    "admin:geography_unit_changelist",
    "admin:geography_boundary_changelist",
    "admin:organisations_department_changelist",
    "admin:accounts_user_changelist",
]


def test_administrator_logs_in_and_opens_every_page(client):
    response = client.post(
        reverse("admin:login"), {"username": "admin", "password": DEMO_PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name
    unit_id = User.objects.get(username="canbo.binhquoi").units.get().id
    page = client.get(reverse("admin:geography_unit_change", args=[unit_id]))
    assert page.status_code == 200
    boundaries = client.get(reverse("admin:geography_boundary_changelist")).content.decode()
    assert "gần đúng" in boundaries or "approximate" in boundaries


def test_other_roles_cannot_enter_the_admin(client):
    client.login(username="lanhdao", password=DEMO_PASSWORD)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_of_any_role_can_log_in_to_the_api(client):
    response = client.post(
        "/api-auth/login/",
        {"username": "canbo.binhquoi", "password": DEMO_PASSWORD, "next": "/api/v1/reports"},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/reports", HTTP_ACCEPT="application/json").status_code == 200
