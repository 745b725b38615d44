"""The survey's pages and API through the test client: answering once, the QR code
(decoded), staff results in scope, the Excel report, dossiers, and query budgets."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from smartdistrict.accounts.models import User
from smartdistrict.feedback.models import Report
from smartdistrict.survey.models import Dossier, Response
from smartdistrict.survey.services.responses import response_submit
from smartdistrict.survey.tests.conftest import BINH_QUOI, GIA_DINH, GOOD

pytestmark = pytest.mark.django_db


def _form(answers: dict, **extra) -> dict:
    return {**{k: "" if v is None else str(v) for k, v in answers.items()}, **extra}


def _login(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def test_answer_page_then_once_only(client, make_dossier):
    dossier = make_dossier()
    url = reverse("survey:answer", args=[dossier.token])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert dossier.procedure.name in html and 'id="servant-1"' in html
    assert 'lang="vi"' in html
    answer = client.post(url, _form(GOOD, statements=["servant-polite"], improve=["access"]))
    assert answer.status_code == 302 and answer["Location"].endswith("/thanks")
    assert Response.objects.get(dossier=dossier).statements == ["servant-polite"]
    again = client.post(url, _form(GOOD))
    assert again.status_code == 200 and 'id="answered"' in again.content.decode()
    assert Response.objects.filter(dossier=dossier).count() == 1


def test_missing_answer_is_shown_next_to_its_question(client, make_dossier):
    dossier = make_dossier()
    page = client.post(reverse("survey:answer", args=[dossier.token]),
                       _form({**GOOD, "result": None}, comment="giữ lại"))
    html = page.content.decode()
    assert page.status_code == 400 and 'id="error-result"' in html
    assert "giữ lại" in html and 'id="access-5" name="access" value="5" checked' in html
    assert not Response.objects.exists()


def test_low_score_thanks_page_gives_the_report_code_and_tracking_link(client, make_dossier):
    dossier = make_dossier()
    client.post(reverse("survey:answer", args=[dossier.token]),
                _form({**GOOD, "servant": 1}, comment="Thái độ không tốt."))
    thanks = client.get(reverse("survey:thanks", args=[dossier.token]))
    report = Report.objects.get(code=Response.objects.get(dossier=dossier).report_code)
    html = thanks.content.decode()
    assert report.code in html and 'id="track-link"' in html
    track = client.get(thanks.context["track_url"])
    assert track.status_code == 200 and report.code in track.content.decode()


def test_unknown_token_and_home_page(client, make_dossier):
    assert client.get("/survey/AAAAAAAAAAAAAAAA").status_code == 404
    assert client.get(reverse("survey:home")).status_code == 200
    dossier = make_dossier()
    spaced = " ".join(dossier.token[i:i + 4] for i in range(0, 16, 4))
    found = client.get(reverse("survey:home"), {"code": spaced})
    assert found.status_code == 302 and found["Location"].endswith(dossier.token)
    assert client.get(reverse("survey:home"), {"code": "nope"}).status_code == 404


def test_qr_codes_decode_to_the_survey_link(client, make_dossier):
    import zxingcpp

    dossier = make_dossier()
    png = client.get(reverse("survey:qr", args=[dossier.token, "png"]))
    assert png["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert [d.text for d in decoded] == [f"http://testserver/survey/{dossier.token}"]
    svg = client.get(reverse("survey:qr", args=[dossier.token, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert client.get(f"/survey/{dossier.token}/qr.gif").status_code == 404


def test_results_are_scoped_like_the_console(client, make_dossier, settings):
    settings.SURVEY_LOW_SCORE = 0
    for unit in (BINH_QUOI, BINH_QUOI, GIA_DINH):
        response_submit(token=make_dossier(unit=unit).token, answers=GOOD)
    assert client.get(reverse("survey:results")).status_code == 302  # log in first
    officer = _login(client, "canbo.binhquoi").get(reverse("survey:results"))
    html = officer.content.decode()
    assert officer.status_code == 200 and 'id="ranking-26911"' in html
    assert 'id="ranking-26944"' not in html and 'id="few-caveat"' in html
    leader = _login(client, "lanhdao").get(reverse("survey:results"))
    assert 'id="ranking-26944"' in leader.content.decode()
    detail = client.get(reverse("survey:results"), {"unit": BINH_QUOI})
    assert 'id="procedures-DEMO-HT-01"' in detail.content.decode()
    assert _login(client, "kthtdt.thanhmytay").get(reverse("survey:results")).status_code == 403


def test_excel_report(client, make_dossier, settings):
    settings.SURVEY_LOW_SCORE = 0
    response_submit(token=make_dossier().token, answers={**GOOD, "servant": 2})
    response_submit(token=make_dossier().token, answers=GOOD)
    answer = _login(client, "canbo.binhquoi").get(reverse("survey:export"), {"unit": BINH_QUOI})
    assert answer.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    assert book.sheetnames == ["Tổng hợp", "Theo thủ tục", "Theo quầy", "Theo tháng",
                               "Phương pháp"]
    rows = {row[1]: row for row in book["Tổng hợp"].iter_rows(values_only=True) if row[1:]}
    servant = rows["Công chức trực tiếp giải quyết công việc"]
    assert servant[2:5] == (2, 1, 50.0)
    assert rows["Chỉ số hài lòng (trung bình 5 yếu tố)"][4] == pytest.approx(87.5)


def test_register_a_dossier_and_print_its_receipt(client):
    from smartdistrict.survey.catalogue import catalogue_load
    from smartdistrict.survey.tests.conftest import DEMO

    catalogue_load(DEMO, commit=True)
    _login(client, "canbo.binhquoi")
    form = client.get(reverse("survey:dossier-new"))
    assert form.status_code == 200 and "DEMO-HT-02" in form.content.decode()
    made = client.post(reverse("survey:dossier-new"),
                       {"unit": BINH_QUOI, "procedure": "DEMO-HT-02", "counter": "Q1",
                        "servant": "CC01", "code": "000.26911.2025.0001"})
    assert made.status_code == 302
    dossier = Dossier.objects.get(code="000.26911.2025.0001")
    receipt = client.get(made["Location"])
    assert receipt.status_code == 200
    assert reverse("survey:qr", args=[dossier.token, "svg"]) in receipt.content.decode()
    bad = client.post(reverse("survey:dossier-new"),
                      {"unit": BINH_QUOI, "procedure": "NOPE", "counter": ""})
    assert bad.status_code == 400
    assert _login(client, "lanhdao").get(reverse("survey:dossier-new")).status_code == 403
    _login(client, "canbo.giadinh")
    assert client.get(reverse("survey:receipt", args=[dossier.code])).status_code == 404


def test_list_views_keep_their_query_budget(client, make_dossier, settings,
                                            django_assert_max_num_queries):
    settings.SURVEY_LOW_SCORE = 0
    for n in range(12):
        dossier = make_dossier(unit=(BINH_QUOI, GIA_DINH)[n % 2],
                               procedure=("DEMO-HT-01", "DEMO-CT-01")[n % 2])
        if n % 3:
            response_submit(token=dossier.token, answers=GOOD)
    _login(client, "lanhdao")
    client.get(reverse("survey:results"))  # warm caches (geography index, session)
    with django_assert_max_num_queries(8):
        client.get(reverse("survey:results"))
    with django_assert_max_num_queries(10):
        client.get(reverse("survey:results"), {"unit": BINH_QUOI})
    _login(client, "admin")
    client.get(reverse("survey:dossiers"))
    with django_assert_max_num_queries(6):
        page = client.get(reverse("survey:dossiers"))
    assert page.content.decode().count('id="dossier-T-') == 12
    with django_assert_max_num_queries(6):
        client.get("/api/v1/survey/indices")
    with django_assert_max_num_queries(4):
        client.get("/api/v1/survey/procedures")
    with django_assert_max_num_queries(4):
        client.get("/api/v1/survey/counters")


def test_api_register_answer_and_read(client, catalogue):
    api = "/api/v1/survey/"
    refused = client.post(api + "dossiers", {"unit": BINH_QUOI, "procedure": "DEMO-HT-01"},
                          content_type="application/json")
    assert refused.status_code == 403
    _login(client, "canbo.binhquoi")
    made = client.post(api + "dossiers", {"unit": BINH_QUOI, "procedure": "DEMO-HT-01",
                                          "counter": "Q2", "code": "API-1"},
                       content_type="application/json")
    assert made.status_code == 201
    body = made.json()
    assert body["survey_url"].endswith(body["token"]) and body["qr_png"].endswith("qr.png")
    again = client.post(api + "dossiers", {"unit": BINH_QUOI, "procedure": "DEMO-HT-01",
                                           "code": "API-1"}, content_type="application/json")
    assert again.status_code == 200 and again.json()["token"] == body["token"]
    answer = client.post(api + "responses", {"token": body["token"],
                                             "answers": {**GOOD, "procedure": 1}},
                         content_type="application/json")
    assert answer.status_code == 201 and answer.json()["report_code"].startswith("HCM-")
    twice = client.post(api + "responses", {"token": body["token"], "answers": GOOD},
                        content_type="application/json")
    assert twice.status_code == 409 and twice.json()["code"] == "already_answered"
    bad = client.post(api + "responses", {"token": body["token"], "answers": "5"},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "answers"
    indices = client.get(api + "indices", {"by": "counter", "unit": BINH_QUOI}).json()
    assert indices["lines"][0]["code"] == "Q2"
    assert indices["total"]["items"]["procedure"]["value"] == 0.0
    assert client.get(api + "indices", {"start": "2025-13"}).status_code == 400
    assert client.get(api + "indices", {"unit": GIA_DINH}).status_code == 404
    procedures = client.get(api + "procedures", {"unit": BINH_QUOI}).json()
    assert len(procedures["results"]) == 8


def test_schema_lists_the_survey_api(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in ("indices", "procedures", "counters", "dossiers", "responses"):
        assert f"/api/v1/survey/{path}" in schema["paths"]


@pytest.mark.parametrize("returned_at", ["2025-13-45T09:00:00+07:00", "0001-01-01T00:00:00+07:00",
                                         "2025-07-01T09:00:00", "9999-12-31T23:59:59-07:00",
                                         "hôm qua"])
def test_api_refuses_a_bad_return_time_and_stores_nothing(client, catalogue, returned_at):
    _login(client, "canbo.binhquoi")
    answer = client.post("/api/v1/survey/dossiers",
                         {"unit": BINH_QUOI, "procedure": "DEMO-HT-01", "code": "API-T",
                          "returned_at": returned_at}, content_type="application/json")
    assert answer.status_code == 400 and answer.json()["field"] == "returned_at"
    assert not Dossier.objects.filter(code="API-T").exists()


def test_schema_describes_the_catalogue_lists_as_cursor_pages(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path, item in (("procedures", "ProcedureOut"), ("counters", "CounterOut")):
        ref = schema["paths"][f"/api/v1/survey/{path}"]["get"]["responses"]["200"]["content"][
            "application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        page = schema["components"]["schemas"][ref]["properties"]
        assert set(page) == {"next", "previous", "results"}
        assert page["results"]["items"]["$ref"].endswith(item)


def test_api_refuses_a_dossier_that_is_not_an_object(client, catalogue):
    _login(client, "canbo.binhquoi")
    answer = client.post("/api/v1/survey/dossiers", [None, None], content_type="application/json")
    assert answer.status_code == 400 and "JSON" in answer.json()["detail"]
