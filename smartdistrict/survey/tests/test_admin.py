"""The survey's admin pages open for an administrator; answers and tallies are read-only
and the dossier's token is not shown."""

import pytest
from django.urls import reverse

from smartdistrict.accounts.models import User
from smartdistrict.survey.models import Dossier, Response
from smartdistrict.survey.services.responses import response_submit
from smartdistrict.survey.tests.conftest import GOOD

pytestmark = pytest.mark.django_db


def test_admin_pages(client, make_dossier, settings):
    settings.SURVEY_LOW_SCORE = 0
    dossier = make_dossier()
    response_submit(token=dossier.token, answers=GOOD)
    client.force_login(User.objects.get(username="admin"))
    for model in ("procedure", "counter", "civilservant", "dossier", "response", "monthlytally"):
        assert client.get(reverse(f"admin:survey_{model}_changelist")).status_code == 200, model
    page = client.get(reverse("admin:survey_dossier_change", args=[dossier.pk]))
    assert page.status_code == 200 and dossier.token not in page.content.decode()
    answer = Response.objects.get(dossier=dossier)
    assert client.post(reverse("admin:survey_response_delete", args=[answer.pk]),
                       {"post": "yes"}).status_code == 403
    assert Dossier.objects.filter(pk=dossier.pk).exists()
