"""Who may open the dashboard at all (no history needed: see conftest.history)."""

from __future__ import annotations

from django.test import Client


def test_anonymous_visitors_go_to_the_console_login(db):
    response = Client().get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/console/login/")


def test_an_account_without_a_role_is_refused(db, django_user_model):
    user = django_user_model.objects.create_user("khach", password="x")
    client = Client()
    client.force_login(user)
    assert client.get("/dashboard/").status_code == 403
