"""A resident's request to see or erase their data: found reports, deadline on the working
calendar, export through a background download, erasure through the purge, the log."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.test import TestCase
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.core.downloads.services import download_for, private_storage
from smartdistrict.core.errors import InvalidInput, NotFound, PermissionDenied
from smartdistrict.core.models import DownloadStatus
from smartdistrict.feedback.models import DataRequestKind, DataRequestStatus, Report
from smartdistrict.feedback.personal_data import phone_variants, reports_of_person
from smartdistrict.feedback.services.data_requests import (
    data_request_close,
    data_request_erase,
    data_request_export,
    data_request_register,
    data_request_reports_add,
)

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
SECRET = "Gọi tôi 0912 345 678 hoặc an.nguyen@example.com khi dọn xong rác ở đầu hẻm."


@pytest.fixture
def admin() -> User:
    return User.objects.get(username="admin")


@pytest.fixture
def reports(make_report):
    """Two reports of the resident (phone written two ways, e-mail in another case), one
    of someone else."""
    mine = make_report(reporter_phone="0912345678", reporter_email="", description=SECRET)
    also = make_report(ward="26944", reporter_phone="+84912345678",
                       reporter_email="An.Nguyen@Example.com")
    other = make_report(reporter_phone="0987654321", reporter_email="khac@example.com")
    return mine, also, other


def _register(admin, kind=DataRequestKind.ERASURE, **extra):
    values = {"name": "Nguyễn Văn An", "phone": "0912.345.678", "email": "", **extra}
    return data_request_register(kind=kind, actor=admin, **values)


def test_the_persons_reports_are_found_by_any_written_form_of_phone_or_email(reports, admin):
    mine, also, _other = reports
    assert set(phone_variants("0912345678")) == {"0912345678", "+84912345678", "84912345678"}
    assert set(reports_of_person(phone="+84912345678")) == {mine, also}
    assert set(reports_of_person(email="an.nguyen@EXAMPLE.com")) == {also}
    assert list(reports_of_person()) == []
    request = _register(admin)
    assert set(request.reports.all()) == {mine, also}
    entry = request.entries.get()
    assert entry.action == "registered" and entry.actor == admin
    assert "2" in entry.note


def test_the_answer_is_due_two_working_days_after_receipt(admin, reports):
    friday = dt.datetime(2026, 12, 4, 16, 0, tzinfo=HCM)  # a Friday afternoon
    request = _register(admin, received_at=friday)
    assert timezone.localtime(request.due_at, HCM) == dt.datetime(2026, 12, 8, 16, 0, tzinfo=HCM)
    # Received on the eve of the 30 April and 1 May holidays (Thursday, Friday).
    eve = dt.datetime(2026, 4, 29, 10, 0, tzinfo=HCM)
    request = _register(admin, received_at=eve)
    assert timezone.localtime(request.due_at, HCM) == dt.datetime(2026, 5, 5, 10, 0, tzinfo=HCM)


def test_the_deadline_follows_its_setting(admin, reports, settings):
    settings.DATA_REQUEST_ANSWER_WORKING_DAYS = 5
    friday = dt.datetime(2026, 12, 4, 9, 0, tzinfo=HCM)
    request = _register(admin, received_at=friday)
    assert timezone.localtime(request.due_at, HCM) == dt.datetime(2026, 12, 11, 9, 0, tzinfo=HCM)


@pytest.mark.parametrize("values, field", [
    ({"phone": "", "email": ""}, "phone"),
    ({"phone": "12ab"}, "phone"),
    ({"phone": "", "email": "not-an-email"}, "email"),
    ({"received_at": timezone.now() + dt.timedelta(days=1)}, "received_at"),
])
def test_bad_requests_are_refused_with_their_field(admin, values, field):
    with pytest.raises(InvalidInput) as refused:
        _register(admin, **values)
    assert refused.value.field == field


def test_only_administrators_handle_requests(officer, admin, reports):
    with pytest.raises(PermissionDenied):
        _register(officer)
    request = _register(admin)
    for act in (lambda: data_request_erase(request=request, actor=officer),
                lambda: data_request_export(request=request, actor=officer)):
        with pytest.raises(PermissionDenied):
            act()
    assert Report.objects.filter(personal_data_removed_at__isnull=False).count() == 0


def test_reports_named_by_code_are_added_and_unknown_codes_refused(admin, reports):
    mine, also, other = reports
    request = _register(admin, phone="", email="an.nguyen@example.com")
    assert data_request_reports_add(request=request, codes=f"{mine.code.lower()}, ",
                                    actor=admin) == 1
    assert set(request.reports.all()) == {mine, also}
    with pytest.raises(InvalidInput) as refused:
        data_request_reports_add(request=request, codes=f"{other.code} XX-0000-9", actor=admin)
    assert "XX-0000-9" in str(refused.value.message) and refused.value.field == "codes"
    assert other not in request.reports.all()


def test_the_export_is_a_background_file_of_the_persons_data_for_the_asker_only(admin, reports):
    mine, also, _other = reports
    request = _register(admin, kind=DataRequestKind.ACCESS)
    with TestCase.captureOnCommitCallbacks(execute=True):
        download = data_request_export(request=request, actor=admin)
    download.refresh_from_db()
    assert download.status == DownloadStatus.DONE and download.rows == 2
    assert download.owner_id == admin.id
    with private_storage().open(download.files[0]["name"]) as handle:
        data = json.loads(handle.read())
    by_code = {r["code"]: r for r in data["reports"]}
    assert set(by_code) == {mine.code, also.code}
    assert by_code[mine.code]["description"] == SECRET  # their own data, as written
    assert by_code[also.code]["reporter"]["email"] == "An.Nguyen@Example.com"
    assert by_code[mine.code]["timeline"][0]["at"].endswith("+07:00")
    with pytest.raises(NotFound):
        download_for(download.id, User.objects.get(username="lanhdao"))
    entry = request.entries.get(action="exported")
    assert entry.download_id == download.id


def test_erasure_removes_the_persons_data_through_the_purge_service(admin, reports):
    mine, also, other = reports
    request = _register(admin)
    result = data_request_erase(request=request, actor=admin)
    assert result.reports == 2 and result.contacts == 2
    mine.refresh_from_db()
    also.refresh_from_db()
    other.refresh_from_db()
    assert mine.personal_data_removed_at and also.personal_data_removed_at
    assert (mine.reporter_phone, also.reporter_phone, also.reporter_email) == ("", "", "")
    assert "0912 345 678" not in mine.description and "an.nguyen@" not in mine.description
    assert "đầu hẻm" in mine.description  # the rest of the text stays for the figures
    assert other.reporter_phone == "0987654321" and other.personal_data_removed_at is None
    entry = request.entries.get(action="erased")
    assert entry.note.startswith("2 ")  # the purge's own summary
    data_request_close(request=request, actor=admin, answer="Đã xoá, báo qua điện thoại.")
    request.refresh_from_db()
    assert request.status == DataRequestStatus.ANSWERED and request.answered_at
    assert [e.action for e in request.entries.all()] == ["registered", "erased", "answered"]
    with pytest.raises(InvalidInput):  # answered: nothing more is done under it
        data_request_erase(request=request, actor=admin)


def test_a_request_to_see_cannot_erase_and_an_answer_needs_its_text(admin, reports):
    request = _register(admin, kind=DataRequestKind.ACCESS)
    with pytest.raises(InvalidInput):
        data_request_erase(request=request, actor=admin)
    with pytest.raises(InvalidInput) as refused:
        data_request_close(request=request, actor=admin, answer="  ")
    assert refused.value.field == "answer"
    data_request_close(request=request, actor=admin, answer="Không xác minh được danh tính.",
                       refused=True)
    request.refresh_from_db()
    assert request.status == DataRequestStatus.REFUSED
    assert Report.objects.filter(personal_data_removed_at__isnull=False).count() == 0


def test_the_list_shows_open_requests_first_by_deadline(admin, reports):
    from smartdistrict.feedback.personal_data import data_request_list

    answered = _register(admin, received_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=HCM))
    data_request_close(request=answered, actor=admin, answer="Đã trả lời.")
    refused = _register(admin, received_at=dt.datetime(2026, 12, 2, 9, 0, tzinfo=HCM))
    data_request_close(request=refused, actor=admin, answer="Từ chối.", refused=True)
    later = _register(admin, received_at=dt.datetime(2026, 12, 4, 9, 0, tzinfo=HCM))
    sooner = _register(admin, received_at=dt.datetime(2026, 12, 3, 9, 0, tzinfo=HCM))
    assert list(data_request_list())[:2] == [sooner, later]
    assert list(data_request_list(open_only=True)) == [sooner, later]
