"""The targets pages: who may see and change what, Vietnamese first and English on request,
no inline script or style (the Content-Security-Policy forbids them), query budgets."""

import io
import re

import pytest
from openpyxl import load_workbook

from smartdistrict.core.downloads.services import private_storage
from smartdistrict.core.tests import downloads
from smartdistrict.targets.demo import seed_targets
from smartdistrict.targets.models import Indicator, Measurement
from smartdistrict.targets.services.projects import programme_upsert
from smartdistrict.targets.tests.markup import read
from smartdistrict.targets.tests.test_workbook import officials_file

pytestmark = pytest.mark.django_db

PAGES = ["/targets/", "/targets/indicators/KT-02/", "/targets/indicators/XH-01/",
         "/targets/indicators/CQ-01/", "/targets/indicators/KT-01/", "/targets/projects/"]
# session, user, indicators with their latest actual, their actual figures
LIST_QUERIES = 4


@pytest.fixture
def demo(db):
    return seed_targets()


def test_anonymous_visitors_are_sent_to_the_staff_login(client, demo):
    for url in [*PAGES, "/targets/projects.geojson", "/targets/export.xlsx", "/targets/import/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/console/login/?next="), url


def test_accounts_without_a_role_are_refused(roleless_client, demo):
    assert roleless_client.get("/targets/").status_code == 403


def test_every_page_renders_clean_for_a_reader(leader_client, demo):
    for url in PAGES:
        response = leader_client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        page = read(response.content.decode())
        assert page.inline_scripts == 0 and page.inline_handlers == 0, url
        assert page.style_attributes == 0 and page.style_elements == 0, url
        assert page.headings[0] == 1 and page.heading_jumps() == [], url
        assert page.unlabelled() == [], url


def test_pages_are_vietnamese_by_default_and_english_on_request(leader_client, demo):
    html = leader_client.get("/targets/").content.decode()
    assert '<html lang="vi">' in html
    assert "Chỉ tiêu của nhiệm kỳ" in html
    assert "Thu ngân sách nhà nước trên địa bàn" in html
    assert "minh họa" in html
    assert "<progress" in html
    detail = leader_client.get("/targets/indicators/KT-02/").content.decode()
    assert "Dự báo đến năm mục tiêu" in detail
    assert "7.397,5" in detail or "7397,5" in detail  # the decimal comma
    leader_client.cookies["django_language"] = "en"
    english = leader_client.get("/targets/").content.decode()
    assert '<html lang="en">' in english
    assert "The term's targets" in english
    assert "State budget revenue collected in the district" in english
    projects = leader_client.get("/targets/projects/").content.decode()
    assert "Key programmes and projects" in projects and "Chu Văn An street widening" in projects


def _notice(client) -> str:
    html = client.get("/targets/").content.decode()
    return re.search(r'<p class="notice" id="illustrative-notice">(.*?)</p>', html, re.S)[1]


def test_the_demo_notice_names_todays_units(leader_client, demo):
    """Since July 2025 there are no districts: the notice speaks of a city or a ward."""
    notice = _notice(leader_client)
    assert "thành phố hay một phường" in notice and "quận" not in notice
    leader_client.cookies["django_language"] = "en"
    notice = _notice(leader_client)
    assert "a city or ward sets" in notice and "district" not in notice


def test_list_groups_by_programme_with_status_and_forecast(leader_client, demo):
    html = leader_client.get("/targets/").content.decode()
    assert html.index("Chỉnh trang, phát triển đô thị") < html.index("Cải cách hành chính")
    assert html.index("Phát triển kinh tế") < html.index("Chỉ tiêu khác")  # loose ones last
    assert 'id="indicator-XD-01"' in html
    assert "status-off_track" in html


def test_list_page_query_budget(leader_client, demo, make_indicator, django_assert_num_queries):
    leader_client.get("/targets/")
    with django_assert_num_queries(LIST_QUERIES):
        assert leader_client.get("/targets/").status_code == 200
    for n in range(20):
        make_indicator(f"T-{n:02d}", actuals={2021: 110, 2022: 120})
    with django_assert_num_queries(LIST_QUERIES):
        assert leader_client.get("/targets/").status_code == 200


def test_chart_is_an_svg_image(leader_client, demo):
    response = leader_client.get("/targets/indicators/KT-02/chart.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "tăng trưởng kép (CAGR)" in svg and "kế hoạch" in svg  # legend, in Vietnamese
    assert leader_client.get("/targets/indicators/NOPE/chart.svg").status_code == 404


def test_projects_page_highlights_delays_and_feeds_the_map(leader_client, demo):
    html = leader_client.get("/targets/projects/").content.decode()
    assert 'id="project-ke-thanh-da"' in html
    assert 'class="project delayed" id="project-ke-thanh-da"' in html
    assert "delay-overdue" in html and "delay-late" in html
    assert 'data-geojson-url="/targets/projects.geojson"' in html
    data = leader_client.get("/targets/projects.geojson").json()
    kinds = {f["properties"]["code"]: f["geometry"]["type"] for f in data["features"]}
    assert kinds["rach-xuyen-tam"] == "LineString" and kinds["san-van-dong-gia-dinh"] == "Point"


def test_export_downloads_a_workbook(leader_client, demo):
    name, content = downloads.fetch(leader_client, "/targets/export.xlsx")
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.cell(1, 1).value == "Mã" and sheet.max_row == Indicator.objects.count() + 1


def test_only_administrators_import(leader_client, officer_client, admin_client_demo, demo):
    assert leader_client.get("/targets/import/").status_code == 403
    assert officer_client.post("/targets/import/commit", {"token": "x"}).status_code == 403
    assert admin_client_demo.get("/targets/import/").status_code == 200


def test_upload_preview_then_commit(admin_client_demo, demo):
    programme_upsert(code="ct-thu", name="Chương trình thử")
    upload = io.BytesIO(officials_file().getvalue())
    upload.name = "chi-tieu.xlsx"
    preview = admin_client_demo.post("/targets/import/", {"file": upload})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Xem trước" in html and 'id="count-errors">8<' in html
    assert "“mười” không phải là số" in html
    assert not Indicator.objects.filter(code="N-03").exists()
    token = preview.context["token"]
    result = admin_client_demo.post("/targets/import/commit", {"token": token})
    assert result.status_code == 200 and 'id="count-create">2<' in result.content.decode()
    assert Indicator.objects.filter(code="N-03").exists()
    replay = admin_client_demo.post("/targets/import/commit", {"token": token})
    assert replay.status_code == 400  # a preview is committed once
    assert private_storage().listdir("targets-imports")[1] == []  # the stored upload is gone


def test_upload_of_a_wrong_file_is_refused(admin_client_demo, demo):
    upload = io.BytesIO(b"hello")
    upload.name = "chi-tieu.xlsx"
    response = admin_client_demo.post("/targets/import/", {"file": upload})
    assert response.status_code == 400
    assert "không phải là tệp Excel" in response.content.decode()
    other = io.BytesIO(b"a,b")
    other.name = "chi-tieu.csv"
    assert admin_client_demo.post("/targets/import/", {"file": other}).status_code == 400


def test_figures_are_recorded_by_the_owner_department_or_an_administrator(
    leader_client, owner_client, admin_client_demo, demo
):
    owned = "/targets/indicators/DT-01/"  # owned by the urban management office
    assert "Ghi số liệu" in owner_client.get(owned).content.decode()
    assert "Ghi số liệu" not in leader_client.get(owned).content.decode()
    form = {"period": "2025", "actual": "1,05", "planned": "", "source": "Báo cáo", "note": ""}
    assert leader_client.post(owned + "measurements", form).status_code == 403
    assert owner_client.post("/targets/indicators/KT-01/measurements", form).status_code == 403
    response = owner_client.post(owned + "measurements", form)
    assert response.status_code == 302
    saved = Measurement.objects.get(indicator__code="DT-01", period_label="2025")
    assert (saved.actual, saved.source) == (1.05, "Báo cáo")
    bad = admin_client_demo.post(owned + "measurements", {**form, "period": "2025-Q1"})
    assert bad.status_code == 400 and "errorlist" in bad.content.decode()
    removed = admin_client_demo.post(owned + "measurements/2025/delete")
    assert removed.status_code == 302
    assert not Measurement.objects.filter(indicator__code="DT-01", period_label="2025").exists()
    assert leader_client.post(owned + "measurements/2024/delete").status_code == 403


def test_unknown_indicator_is_404(leader_client, demo):
    assert leader_client.get("/targets/indicators/KHONG-CO/").status_code == 404


def test_administrators_record_when_a_milestone_was_reached(
    admin_client_demo, leader_client, demo
):
    from smartdistrict.targets.models import Milestone

    milestone = Milestone.objects.get(project__code="duong-chu-van-an")
    url = f"/targets/milestones/{milestone.id}/actual"
    assert leader_client.post(url, {"actual_date": "2025-12-20"}).status_code == 403
    page = admin_client_demo.get("/targets/projects/").content.decode()
    assert f'action="{url}"' in page and read(page).unlabelled() == []
    response = admin_client_demo.post(url, {"actual_date": "2025-12-20"})
    assert response.status_code == 302
    assert response["Location"] == "/targets/projects/#project-duong-chu-van-an"
    milestone.refresh_from_db()
    assert (milestone.actual_date.isoformat(), milestone.status) == ("2025-12-20", "completed")
    admin_client_demo.post(url, {"actual_date": "2999-01-01"})
    admin_client_demo.post(url, {"actual_date": "hôm qua"})
    milestone.refresh_from_db()
    assert milestone.actual_date.isoformat() == "2025-12-20"  # both refused
    admin_client_demo.post(url, {"actual_date": ""})
    milestone.refresh_from_db()
    assert (milestone.actual_date, milestone.status) == (None, "planned")


def test_an_indicator_without_figures(leader_client, make_indicator):
    make_indicator("T-EMPTY")
    html = leader_client.get("/targets/indicators/T-EMPTY/").content.decode()
    assert "Chưa có giá trị thực hiện" in html and "Ít hơn hai giá trị" in html
    chart = leader_client.get("/targets/indicators/T-EMPTY/chart.svg")
    assert chart.status_code == 200 and b"<svg" in chart.content


def test_a_target_year_over_is_judged_not_forecast(leader_client, demo, make_indicator):
    """The demo's term ended with 2025: read after it, no "forecast 2025" (stale), and
    the page says why; a target still ahead keeps its forecast."""
    make_indicator("T-2040", target_year=2040, actuals={2021: 110, 2022: 120, 2023: 131})
    html = leader_client.get("/targets/").content.decode()
    assert "dự báo 2025" not in html
    assert "đã qua năm mục tiêu 2025" in html
    assert "dự báo 2040" in html
    detail = leader_client.get("/targets/indicators/KT-02/").content.decode()
    assert 'id="target-year-over"' in detail and "tăng trưởng kép (CAGR)" not in detail
    ahead = leader_client.get("/targets/indicators/T-2040/").content.decode()
    assert 'id="target-year-over"' not in ahead and "tăng trưởng kép (CAGR)" in ahead
