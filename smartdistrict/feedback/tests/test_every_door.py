"""Issue 19, acceptance 2: the four doors — the portal's form, the hotline form, REST and
Open311 — give the same error, by code and by field, for the same bad input, and store
nothing. Each door names the field in its own words through its one mapping
(portal.report_form.FORM_FIELDS, console.forms.intake.FORM_FIELDS, open311.intake.FIELDS;
REST uses intake's names); the code is the same everywhere (REST ``code``, Open311
``error_code``, the pages' ``data-error-code``). The same good input creates a report
through each of them."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from smartdistrict.accounts.models import User
from smartdistrict.feedback.config_cache import config_changed
from smartdistrict.feedback.models import Category, Report
from smartdistrict.feedback.report_input import Field, answer_field, question_of
from smartdistrict.feedback.tests.conftest import WARD_POINTS
from smartdistrict.open311 import intake as open311_intake
from smartdistrict.open311.services import api_key_create
from smartdistrict.portal.report_form import FORM_FIELDS as PORTAL_FIELDS
from smartdistrict.portal.report_form import question_field

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]
OUTSIDE = (10.0339, 105.7880)  # Cần Thơ


@dataclass(frozen=True)
class Submission:
    """One submission in intake's terms; each door writes it in its own."""

    category: str = "rac-thai"
    description: str = "Rác thải đổ trộm ở đầu hẻm nhiều ngày, bốc mùi."
    lat: float | None = LAT
    lon: float | None = LON
    address: str = ""
    phone: str = ""
    email: str = ""
    answers: dict = field(default_factory=dict)
    photo: bytes | None = None


def jpeg(side: int = 64) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((side, side), 90).convert("RGB").save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


# --- the four doors: (the field as the door shows it, the code) of each error ------------


def rest(submission: Submission, _: dict) -> tuple[bool, list[tuple[str, str]]]:
    body = {"category": submission.category, "description": submission.description,
            "address": submission.address, "reporter_phone": submission.phone,
            "reporter_email": submission.email,
            **{answer_field(k): v for k, v in submission.answers.items()}}
    if submission.lat is not None:
        body |= {"lat": submission.lat, "lon": submission.lon}
    if submission.photo:
        body["photos"] = [SimpleUploadedFile("p.jpg", submission.photo, "image/jpeg")]
    response = Client().post("/api/v1/reports", body)
    if response.status_code == 201:
        return True, []
    assert response.status_code == 400, response.content
    answer = response.json()
    return False, [(answer.get("field", ""), answer["code"])]


def open311(submission: Submission, context: dict) -> tuple[bool, list[tuple[str, str]]]:
    body = {"api_key": context["api_key"], "service_code": submission.category,
            "description": submission.description, "address_string": submission.address,
            "phone": submission.phone, "email": submission.email,
            **{answer_field(k): v for k, v in submission.answers.items()}}
    if submission.lat is not None:
        body |= {"lat": submission.lat, "long": submission.lon}
    if submission.photo:
        body["media"] = [SimpleUploadedFile("p.jpg", submission.photo, "image/jpeg")]
    response = Client().post("/open311/v2/requests.json", body)
    if response.status_code == 200:
        return True, []
    assert response.status_code in (400, 404), response.content  # 404: unknown service
    return False, [(e["description"].split(":")[0], e["error_code"]) for e in response.json()]


_PAGE_ERROR = re.compile(r'<p class="field-error" id="error-([^"]+)" data-error-for="[^"]+"'
                         r' data-error-code="([^"]+)">')


def _page_form(submission: Submission) -> dict:
    """The fields the portal's and the hotline's forms share, as a browser posts them."""
    return {"category": submission.category, "description": submission.description,
            "lat": "" if submission.lat is None else str(submission.lat),
            "lon": "" if submission.lon is None else str(submission.lon),
            "address": submission.address, "reporter_phone": submission.phone}


def portal(submission: Submission, _: dict) -> tuple[bool, list[tuple[str, str]]]:
    body = {**_page_form(submission),
            "reporter_email": submission.email, "nearby_seen": submission.category,
            "idempotency_key": "portal-" + "b" * 32,
            **{question_field(submission.category, k): v
               for k, v in submission.answers.items()}}
    if submission.photo:
        body["photos"] = [SimpleUploadedFile("p.jpg", submission.photo, "image/jpeg")]
    response = Client().post("/report/", body)
    if response.status_code == 302:
        return True, []
    assert response.status_code == 200  # the form again, each error at its field
    return False, _PAGE_ERROR.findall(response.content.decode())


_FORM_ERROR = re.compile(r'<ul class="errorlist" id="id_([^"]+)_error"><li data-error-code='
                         r'"([^"]+)">')


def hotline(submission: Submission, _: dict) -> tuple[bool, list[tuple[str, str]]]:
    body = {**_page_form(submission), "channel": "hotline", "idempotency_key": "console-every-door",
            **{answer_field(k): v for k, v in submission.answers.items()}}
    client = Client()
    client.force_login(User.objects.get(username="tongdai"))
    response = client.post("/console/intake", body)
    if response.status_code == 302:
        return True, []
    assert response.status_code == 400
    return False, _FORM_ERROR.findall(response.content.decode())


# How each door names intake's field: its one mapping, read here, not restated.
def shown_at(door, name: str, submission: Submission, context: dict) -> str:
    question = question_of(name)
    if door is rest:
        return name
    if door is open311:
        return open311_intake.field_name(name, context["open311_form"](submission))
    if door is portal:
        if question is not None:
            return question_field(submission.category, question)
        return PORTAL_FIELDS[Field(name)]
    from smartdistrict.console.forms.intake import FORM_FIELDS as HOTLINE_FIELDS

    return f"attribute_{question}" if question is not None else HOTLINE_FIELDS[Field(name)]


DOORS = [rest, open311, portal, hotline]
# (the bad input, the field intake names, the code, doors that lack the input's field)
BAD = {
    "unknown category": (dict(category="khong-co"), Field.CATEGORY, "category_invalid", ()),
    "no category": (dict(category=""), Field.CATEGORY, "required", ()),
    "no place": (dict(lat=None, lon=None), Field.PLACE, "required", ()),
    "place outside the city": (dict(lat=OUTSIDE[0], lon=OUTSIDE[1]), Field.PLACE,
                               "outside_jurisdiction", ()),
    "unknown address": (dict(lat=None, lon=None, address="Phường 99 gì đó"), Field.ADDRESS,
                        "address_not_resolved", ()),
    "too short a text": (dict(category="khac", description="ngắn"), Field.DESCRIPTION,
                         "too_short", ()),
    "too long a text": (dict(description="x" * 4001), Field.DESCRIPTION, "too_long", ()),
    "bad phone": (dict(phone="12345"), Field.PHONE, "phone_invalid", ()),
    "bad e-mail": (dict(email="not-an-email"), Field.EMAIL, "email_invalid", (hotline,)),
    "unanswered question": (dict(category="den-giao-thong"), "attribute[tinh_trang]",
                            "required", ()),
    "wrong answer": (dict(category="den-giao-thong", answers={"tinh_trang": "xanh"}),
                     "attribute[tinh_trang]", "invalid", ()),
    "oversized photo": (dict(photo="large"), Field.PHOTOS, "photo_too_large", (hotline,)),
    "no contact where one is needed": (dict(category="tieng-on"), Field.PHONE,
                                       "contact_required", ()),
}


@pytest.fixture
def context(db, settings) -> dict:
    settings.PHOTO_MAX_BYTES = 2_000
    Category.objects.filter(code="tieng-on").update(anonymous_allowed=False)
    config_changed()
    _record, key = api_key_create(name="every door")

    def open311_form(submission: Submission):
        from django.http import QueryDict

        form = QueryDict(mutable=True)
        if submission.lat is not None:
            form.update({"lat": str(submission.lat), "long": str(submission.lon)})
        if submission.address:
            form["address_string"] = submission.address
        return form

    return {"api_key": key, "open311_form": open311_form}


@pytest.mark.parametrize("door", DOORS, ids=lambda d: d.__name__)
@pytest.mark.parametrize("case", list(BAD), ids=str)
def test_the_same_bad_input_is_the_same_error_at_every_door(case, door, context):
    changes, name, code, lacking = BAD[case]
    if door in lacking:
        pytest.skip(f"the {door.__name__} form has no such field")
    changes = dict(changes)
    if changes.get("photo") == "large":
        changes["photo"] = jpeg(200)
        assert len(changes["photo"]) > 2_000
    submission = Submission(**changes)
    created, errors = door(submission, context)
    assert not created, (case, door.__name__)
    assert (shown_at(door, name, submission, context), code) in errors, (case, errors)
    assert not Report.objects.exists()


@pytest.mark.parametrize("door", DOORS, ids=lambda d: d.__name__)
def test_the_same_good_input_is_a_report_at_every_door(door, context):
    created, errors = door(Submission(), context)
    assert created and errors == []
    report = Report.objects.get()
    assert (report.category.code, report.ward.code) == ("rac-thai", "26911")
