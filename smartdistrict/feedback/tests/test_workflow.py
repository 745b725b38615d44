"""The workflow: legal moves recorded, illegal ones refused (acceptance 5 of issue 3)."""

import datetime as dt

import pytest
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.feedback.models import Category, Event, Status
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services.duplicates import report_merge
from smartdistrict.feedback.services.residents import (
    report_rate,
    report_reopen_by_resident,
    report_support,
)
from smartdistrict.feedback.services.workflow import (
    IllegalTransition,
    allowed_transitions,
    report_recategorise,
    report_transition,
)

pytestmark = pytest.mark.django_db


def test_full_life_is_recorded_in_the_timeline(make_report, officer):
    report = make_report()
    report_transition(report=report, to=Status.ASSIGNED, actor=officer, assignee=officer)
    report_transition(report=report, to=Status.IN_PROGRESS, actor=officer)
    report_transition(report=report, to=Status.RESOLVED, actor=officer,
                      note="Đã cho xe thu gom rác.")
    report_transition(report=report, to=Status.CLOSED, actor=officer)
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert report.first_response_at and report.resolved_at and report.closed_at
    moves = list(
        Event.objects.filter(report=report, kind="transition").values_list(
            "from_status", "to_status", "actor__username"
        )
    )
    assert moves == [
        ("new", "assigned", "canbo.binhquoi"),
        ("assigned", "in_progress", "canbo.binhquoi"),
        ("in_progress", "resolved", "canbo.binhquoi"),
        ("resolved", "closed", "canbo.binhquoi"),
    ]


def test_officer_of_another_ward_cannot_assign(make_report, other_officer):
    report = make_report(ward="26911")
    with pytest.raises(IllegalTransition):
        report_transition(report=report, to=Status.ASSIGNED, actor=other_officer,
                          assignee=other_officer)
    report.refresh_from_db()
    assert report.status == Status.NEW
    assert not Event.objects.filter(report=report, kind="transition").exists()
    assert allowed_transitions(report=report, actor=other_officer) == []


@pytest.mark.parametrize("username", ["lanhdao", "tongdai"])
def test_reading_roles_cannot_move_reports(make_report, username):
    with pytest.raises(IllegalTransition):
        report_transition(report=make_report(), to=Status.IN_PROGRESS,
                          actor=User.objects.get(username=username))


def test_a_resident_cannot_close(make_report):
    report = make_report()
    with pytest.raises(PermissionDenied):
        report_transition(report=report, to=Status.CLOSED, actor=None)


def test_impossible_moves_and_missing_notes(make_report, officer):
    report = make_report()
    with pytest.raises(IllegalTransition):
        report_transition(report=report, to=Status.CLOSED, actor=officer)
    with pytest.raises(InvalidInput) as caught:
        report_transition(report=report, to=Status.REJECTED, actor=officer)
    assert caught.value.field == "note"
    with pytest.raises(InvalidInput) as caught:
        report_transition(report=report, to=Status.ASSIGNED, actor=officer)
    assert caught.value.field == "assignee"
    with pytest.raises(InvalidInput) as caught:  # assignee outside the report's scope
        report_transition(report=report, to=Status.ASSIGNED, actor=officer,
                          assignee=User.objects.get(username="canbo.giadinh"))
    assert caught.value.field == "assignee"


def test_department_staff_act_on_their_departments_reports(make_report):
    staff = User.objects.get(username="kthtdt.thanhmytay")
    theirs = make_report(ward="26956", category="lan-chiem-via-he")
    assert theirs.department.code == "kthtdt-thanh-my-tay"
    report_transition(report=theirs, to=Status.IN_PROGRESS, actor=staff)
    not_theirs = make_report(ward="26956", category="trom-cap")
    with pytest.raises(IllegalTransition):
        report_transition(report=not_theirs, to=Status.IN_PROGRESS, actor=staff)


def test_resident_rates_once_and_reopens_within_seven_days(make_report, officer):
    report = make_report()
    token = resident_token(report)
    with pytest.raises(InvalidInput):  # not resolved yet
        report_rate(report=report, token=token, score=5)
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã xử lý.")
    with pytest.raises(PermissionDenied):
        report_rate(report=report, token="forged", score=5)
    report_rate(report=report, token=token, score=4, comment="Nhanh, cảm ơn.")
    with pytest.raises(InvalidInput) as caught:
        report_rate(report=report, token=token, score=5)
    assert caught.value.code == "already_rated"
    report_reopen_by_resident(report=report, token=token, reason="Rác lại bị đổ.")
    report.refresh_from_db()
    assert report.status == Status.REOPENED
    assert report.resolved_at is None


def test_resident_cannot_reopen_after_seven_days(make_report, officer):
    report = make_report()
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã xử lý.")
    report.resolved_at = timezone.now() - dt.timedelta(days=8)
    report.save(update_fields=["resolved_at"])
    with pytest.raises(PermissionDenied):
        report_reopen_by_resident(report=report, token=resident_token(report), reason="Chưa.")
    report_transition(report=report, to=Status.REOPENED, actor=officer, note="Kiểm tra lại.")


def test_merge_moves_supporters_and_closes_the_duplicate(make_report, officer):
    original = make_report()
    duplicate = make_report()
    report_support(report=duplicate)
    report_merge(duplicate=duplicate, original=original, actor=officer)
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.status == Status.DUPLICATE
    assert duplicate.duplicate_of == original
    assert original.supporters == 2  # the duplicate's reporter and its supporter
    assert Event.objects.filter(report=original, kind="merged", note=duplicate.code).exists()


def test_recategorise_reroutes(make_report, officer):
    report = make_report(category="khac")
    assert report.department.kind == "ward_committee"
    report_recategorise(report=report, category=Category.objects.get(code="trom-cap"),
                        actor=officer)
    report.refresh_from_db()
    assert report.department.code == "ca-binh-quoi"


def test_reopening_starts_a_new_clock_and_undoes_a_merge(make_report, officer):
    original = make_report()
    report = make_report()
    report_merge(duplicate=report, original=original, actor=officer)
    past = timezone.now() - dt.timedelta(days=3)
    type(report).objects.filter(pk=report.pk).update(due_at=past, overdue_at=past)
    report_transition(report=report, to=Status.REOPENED, actor=officer, note="Không trùng.")
    report.refresh_from_db()
    assert report.duplicate_of is None
    assert report.overdue_at is None
    assert report.due_at > timezone.now()


def test_merges_cannot_make_a_cycle(make_report, officer):
    first, second = make_report(), make_report()
    report_merge(duplicate=second, original=first, actor=officer)
    with pytest.raises(InvalidInput):  # first → second would point back at itself
        report_merge(duplicate=first, original=second, actor=officer)
    first.refresh_from_db()
    assert first.status == Status.NEW


def test_merge_into_a_closed_report_is_refused(make_report, officer):
    original, report = make_report(), make_report()
    report_transition(report=original, to=Status.REJECTED, actor=officer, note="Không hợp lệ.")
    with pytest.raises(InvalidInput):
        report_merge(duplicate=report, original=original, actor=officer)
