"""Acceptance 4: the brief is built in the background, opens as a PDF whose pages render
(pdftoppm) and as an Excel workbook; only its requester may download it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from openpyxl import load_workbook

from smartdistrict.core.tests.browser import screenshot_folder
from smartdistrict.dashboard.models import Brief, BriefStatus
from smartdistrict.dashboard.tests import independent
from smartdistrict.dashboard.tests.conftest import TERRITORY

FORM = {"start": "2025-06-01", "end": "2025-07-31", "unit": "26944"}


@pytest.fixture
def brief(history, login, django_capture_on_commit_callbacks):
    client = login("lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/briefs/", FORM, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    made = Brief.objects.get()
    return client, made, response


def test_brief_is_built_and_offered_for_download(brief):
    client, made, response = brief
    assert made.status == BriefStatus.DONE and made.progress == 100
    # The answer to the click polls the status (the job ran after the commit, here at the
    # end of the test's request); the next poll offers the files and stops polling.
    assert f'hx-get="/dashboard/briefs/{made.id}"' in response.content.decode()
    status = client.get(f"/dashboard/briefs/{made.id}", HTTP_HX_REQUEST="true").content.decode()
    assert f"/dashboard/briefs/{made.id}/brief.pdf" in status and 'id="brief-xlsx"' in status
    assert "hx-trigger" not in status


def test_pdf_is_valid_and_its_pages_render(brief, tmp_path):
    client, made, _ = brief
    response = client.get(f"/dashboard/briefs/{made.id}/brief.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert b"DejaVuSans" in data  # the embedded font that covers Vietnamese
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: page rendering not checked")
    path = tmp_path / "brief.pdf"
    path.write_bytes(data)
    pdftoppm, pdftotext = shutil.which("pdftoppm"), shutil.which("pdftotext")
    subprocess.run([pdftoppm, "-png", "-r", "40", str(path), str(tmp_path / "page")],  # noqa: S603
                   check=True, capture_output=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and p.stat().st_size > 2000
               for p in pages)
    text = subprocess.run([pdftotext, str(path), "-"], capture_output=True,  # noqa: S603
                          check=True, timeout=60).stdout.decode()
    assert "Phường Gia Định" in text and "Xử lý đúng hạn" in text


def test_workbook_opens_and_holds_the_same_figures(brief):
    client, made, _ = brief
    response = client.get(f"/dashboard/briefs/{made.id}/brief.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.sheetnames) >= 6
    rows = list(book[book.sheetnames[0]].iter_rows(values_only=True))
    import datetime as dt

    expected = independent.figures(dt.date(2025, 6, 1), dt.date(2025, 7, 31),
                                   ward_codes=TERRITORY["26944"])
    values = {row[0]: row[1] for row in rows if row and row[0]}
    # the official heading, as on the PDF's first page
    assert rows[0][0] == "ỦY BAN NHÂN DÂN" and rows[0][2] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert rows[1][0] == "PHƯỜNG GIA ĐỊNH" and rows[1][2] == "Độc lập - Tự do - Hạnh phúc"
    assert re.match(r"Phường Gia Định, ngày \d{2} tháng \d{1,2} năm \d{4}$", rows[2][2])
    assert values["Phản ánh tiếp nhận"] == expected["received"]
    assert values["Phản ánh đã xử lý"] == expected["resolved"]


def test_only_the_requester_may_see_or_download_it(brief, login):
    _, made, _ = brief
    other = login("admin")
    assert other.get(f"/dashboard/briefs/{made.id}").status_code == 404
    assert other.get(f"/dashboard/briefs/{made.id}/brief.pdf").status_code == 404
    assert Path(made.pdf_name).suffix == ".pdf"


def test_without_htmx_the_request_redirects_to_the_status_page(history, login,
                                                              django_capture_on_commit_callbacks):
    client = login("lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/briefs/", FORM)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"brief.xlsx" in page.content


def test_a_pending_brief_polls_every_second(history, login):
    from smartdistrict.accounts.models import User

    user = User.objects.get(username="lanhdao")
    pending = Brief.objects.create(requested_by=user, start="2025-06-01", end="2025-06-30",
                                   progress=40, status=BriefStatus.RUNNING)
    html = login("lanhdao").get(f"/dashboard/briefs/{pending.id}",
                                HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html


def test_old_briefs_are_purged(brief):
    import datetime as dt

    from django.utils import timezone

    from smartdistrict.core.downloads.services import private_storage
    from smartdistrict.dashboard.brief.services import briefs_purge

    _, made, _ = brief
    assert private_storage().exists(made.pdf_name)
    assert briefs_purge(days=30, now=timezone.now() + dt.timedelta(days=31)) == 1
    assert not private_storage().exists(made.pdf_name)


# A figure written with a decimal point: digits, a point, digits (a date 07/12/2026 or a
# grouped Vietnamese number 1.234 has three digits after its point, which is not a decimal:
# those are told apart by the grouping rule below).
DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])|(?<![\d.,])\d+\.\d{4,}")


def _pdf(brief, tmp_path) -> Path:
    client, made, _ = brief
    response = client.get(f"/dashboard/briefs/{made.id}/brief.pdf")
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"".join(response.streaming_content))
    return path


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_first_page_carries_the_national_heading(brief, tmp_path):
    """Decree 30/2020/NĐ-CP: the issuing body at the top left, the national heading and
    motto at the top right, then the number and the place and date line. pdftotext finds
    where each word is drawn; the page rendered by pdftoppm has ink there."""
    from PIL import Image

    path = _pdf(brief, tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1",  # noqa: S603,S607
                    str(path), str(tmp_path / "first")], check=True, timeout=60)
    rendered = next(tmp_path.glob("first-*.png"))
    folder = screenshot_folder()  # kept for a person to look at, beside the screenshots
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(rendered, folder / "dashboard-brief-page1.png")
    page = Image.open(rendered).convert("L")
    words = _words_on_first_page(path)
    heading = _line(words, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto = _line(words, "Độc lập - Tự do - Hạnh phúc")
    issuer = _line(words, "ỦY BAN NHÂN DÂN")
    width, height = page.size
    # On top (the upper sixth), heading over motto, the issuing body on the left half.
    assert heading["y"] < motto["y"] < height / 6
    assert heading["x0"] > width * 0.4 and issuer["x1"] < width * 0.5
    assert _line(words, "PHƯỜNG GIA ĐỊNH")["y"] > issuer["y"]
    assert _line(words, "Số:")["y"] > issuer["y"]
    assert re.search(r"Phường Gia Định, ngày \d{2} tháng \d{1,2} năm \d{4}", _text(path, 1))
    assert "BÁO CÁO" in _text(path, 1)
    for line in (heading, motto, issuer):  # drawn: dark pixels where the words are
        box = page.crop((int(line["x0"]), int(line["y"] - 8), int(line["x1"]), int(line["y"] + 2)))
        assert min(box.getdata()) < 100, line


def test_no_figure_is_written_with_a_decimal_point(brief, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils is not installed")
    text = _text(_pdf(brief, tmp_path))
    assert re.search(r"\d,\d", text)  # there are decimal figures, written the Vietnamese way
    assert DECIMAL_POINT.findall(text) == []
    assert "docs/" not in text and "Getis" not in text  # plain language, no file paths


def _text(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"],  # noqa: S603,S607
                          capture_output=True, check=True, timeout=60).stdout.decode()


def _words_on_first_page(path: Path) -> list[dict]:
    """Each word of page 1 with its box, in points (72 dpi, as the page rendered above)."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1",  # noqa: S603,S607
                           str(path), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode()
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                       r"([^<]*)</word>", html)
    return [{"x0": float(a), "y0": float(b), "x1": float(c), "y": float(d),
             "word": unescape(w)} for a, b, c, d, w in found]


def _line(words: list[dict], phrase: str) -> dict:
    """The box of the first run of words that spells ``phrase``."""
    wanted = phrase.split()
    for start in range(len(words)):
        run = words[start:start + len(wanted)]
        if [w["word"] for w in run] == wanted:
            return {"x0": run[0]["x0"], "x1": run[-1]["x1"], "y": run[0]["y"]}
    raise AssertionError(f"{phrase!r} is not on the first page")
