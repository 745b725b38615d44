"""The pages: public programme and accounts, voting, the ward's pages and actions."""

from __future__ import annotations

import pytest
from django.test import Client

from smartdistrict.alleys.models import State, Vote
from smartdistrict.alleys.tests.conftest import SECRET_HOUSEHOLD

pytestmark = pytest.mark.django_db


def staff_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_public_pages_show_totals_and_consenting_names_only(client, project_in_works):
    code = project_in_works.code
    listing = client.get("/alleys/").content.decode()
    assert project_in_works.alley.name in listing and f"/alleys/{code}/" in listing
    page = client.get(f"/alleys/{code}/").content.decode()
    assert "16.000.000" in page  # received: 9,000,000 + 7,000,000
    assert "Gia đình bà Lan" in page and "Lê Văn Giám Sát" in page
    for secret in (*SECRET_HOUSEHOLD.values(), "12/99", "Nguyễn Thị Lan"):
        assert secret not in page
    assert 'id="ballot-result" data-passed="yes"' in page
    geojson = client.get("/alleys/alleys.geojson").json()
    assert {f["properties"]["code"] for f in geojson["features"]} >= {code}


def test_a_draft_is_not_public(client, alley, make_proposal):
    draft = make_proposal(alley)
    assert client.get(f"/alleys/{draft.code}/").status_code == 404
    assert draft.code not in client.get("/alleys/").content.decode()


def test_staff_pages_are_for_staff_in_scope(client, project_in_works, officer, other_officer):
    code = project_in_works.code
    assert client.get("/alleys/staff/").status_code == 302  # to the log-in page
    mine = staff_client(officer)
    for url in ("/alleys/staff/", "/alleys/staff/candidates/", f"/alleys/staff/p/{code}/",
                f"/alleys/staff/alleys/{project_in_works.alley.code}/",
                "/alleys/staff/alleys/new/"):
        assert mine.get(url).status_code == 200, url
    page = mine.get(f"/alleys/staff/p/{code}/").content.decode()
    assert SECRET_HOUSEHOLD["head_name"] in page  # staff see the households
    theirs = staff_client(other_officer)
    assert theirs.get(f"/alleys/staff/p/{code}/").status_code == 404
    ranked = theirs.get("/alleys/staff/candidates/").content.decode()
    assert project_in_works.alley.name not in ranked


def test_an_action_refused_says_why_and_changes_nothing(project_in_works, officer):
    client = staff_client(officer)
    response = client.post(f"/alleys/staff/p/{project_in_works.code}/transition",
                           {"to": "accepted"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    project_in_works.refresh_from_db()
    assert project_in_works.state == State.WORKS
    assert 'class="error"' in page
    assert client.post(f"/alleys/staff/p/{project_in_works.code}/nonsense").status_code == 404


def test_a_household_votes_online_with_its_code(client, alley, add_households, make_proposal,
                                                officer):
    from smartdistrict.alleys.services import ballots

    add_households(alley, 3)
    proposal = make_proposal(alley, consult=True)
    opened = ballots.ballot_open(proposal=proposal, actor=officer, online=True)
    code = opened.codes[0].code
    assert client.get("/alleys/vote/").status_code == 200
    wrong = client.post("/alleys/vote/", {"code": "ZZZZ-ZZZZ"})
    assert wrong.status_code == 400 and 'id="vote-error"' in wrong.content.decode()
    ballot_page = client.post("/alleys/vote/", {"code": code}).content.decode()
    assert 'id="own-share"' in ballot_page and "13.334.000 đ" in ballot_page  # 40 m / 3
    no_choice = client.post("/alleys/vote/", {"code": code, "step": "cast"})
    assert no_choice.status_code == 200 and 'id="cast-form"' in no_choice.content.decode()
    done = client.post("/alleys/vote/", {"code": code, "step": "cast", "choice": "yes"})
    assert 'id="vote-done"' in done.content.decode()
    vote = Vote.objects.get(ballot=opened.ballot, household=opened.codes[0].household)
    assert vote.choice == "yes"
    again = client.post("/alleys/vote/", {"code": code})
    assert again.status_code == 400


def test_guessing_codes_is_rate_limited(client, settings):
    settings.ALLEYS_VOTE_RATES = ["3/m"]
    answers = [client.post("/alleys/vote/", {"code": f"AAAA-AAA{n}"}).status_code
               for n in range(5)]
    assert answers[:3] == [400, 400, 400] and answers[3] == 429


def test_the_export_has_the_meeting_layout(project_in_works, officer):
    import io

    from openpyxl import load_workbook

    response = staff_client(officer).get("/alleys/staff/export.xlsx?ward=26911")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert any("PHƯỜNG BÌNH QUỚI" in t.upper() for t in texts)
    assert project_in_works.alley.name in texts and "Tổng cộng" in texts
    assert "100000000" in "".join(texts)  # the estimate as a number, formatted by Excel
    assert len(book.worksheets) == 2


def test_progress_photos_go_through_the_photo_pipeline(project_in_works, officer, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from smartdistrict.feedback.tests.photo_samples import (
        assert_metadata_free,
        encode,
        gps_exif,
        two_colour,
    )

    staff = staff_client(officer)
    url = f"/alleys/staff/p/{project_in_works.code}/photos"
    from_a_phone = encode(two_colour((400, 300)), "JPEG", exif=gps_exif())
    upload = SimpleUploadedFile("tien-do.jpg", from_a_phone, content_type="image/jpeg")
    page = staff.post(url, {"photos": [upload], "caption": "Đổ bê tông"}, follow=True)
    assert page.status_code == 200
    photo = project_in_works.photos.get()
    with photo.image.open("rb") as stored:
        assert_metadata_free(stored.read())  # no GPS, no camera
    assert photo.thumbnail.url in client.get(f"/alleys/{project_in_works.code}/").content.decode()
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    refused = staff.post(url, {"photos": [fake]}, follow=True)
    assert 'class="error"' in refused.content.decode() and project_in_works.photos.count() == 1
