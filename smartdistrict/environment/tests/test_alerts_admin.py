"""Alert rules are edited in the administration; alerts are read-only there."""

from __future__ import annotations

import pytest

import smartdistrict.environment.alerts.admin  # noqa: F401 — registers the two models
from smartdistrict.accounts.models import User
from smartdistrict.environment.models import AlertKind, AlertRule, Parameter

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, reference):
    client.force_login(User.objects.create_superuser("env-admin", "a@example.org", "x-Pass-9"))
    return client


def test_an_officer_adds_a_rule_in_the_admin(admin_client):
    assert admin_client.get("/admin/environment/alertrule/add/").status_code == 200
    do = Parameter.objects.get(code="DO")
    response = admin_client.post("/admin/environment/alertrule/add/", {
        "name": "DO dưới loại B", "kind": AlertKind.QCVN_CLASS, "active": "on",
        "category_code": "", "station": "", "station_kind": "", "parameter": do.pk,
        "qcvn_class": "B", "wqi_level": "", "silence_factor": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = AlertRule.objects.get()
    assert (rule.kind, rule.parameter, rule.qcvn_class) == (AlertKind.QCVN_CLASS, do, "B")
    assert admin_client.get("/admin/environment/alertrule/").status_code == 200
    assert admin_client.get("/admin/environment/alert/").status_code == 200
    assert admin_client.get("/admin/environment/alert/add/").status_code == 403


def test_the_admin_explains_a_rule_missing_its_condition(admin_client):
    response = admin_client.post("/admin/environment/alertrule/add/", {
        "name": "VN_WQI", "kind": AlertKind.WQI_BAND, "active": "on", "category_code": "",
        "station": "", "station_kind": "", "parameter": "", "qcvn_class": "",
        "wqi_level": "", "silence_factor": "",
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and not AlertRule.objects.exists()
    assert "A VN_WQI rule needs a band level from 1 to 6." in response.content.decode()


def test_a_rule_missing_its_condition_is_refused_by_the_database(reference):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AlertRule.objects.create(name="QCVN thiếu thông số", kind=AlertKind.QCVN_CLASS,
                                 qcvn_class="B")
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertRule.objects.create(name="WQI thiếu mức", kind=AlertKind.WQI_BAND)
    with pytest.raises(IntegrityError), transaction.atomic():
        AlertRule.objects.create(name="Im lặng k = 0", kind=AlertKind.SILENCE, silence_factor=0)
