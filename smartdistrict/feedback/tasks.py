"""Background jobs (Huey): notifications, the periodic overdue check, the nightly
retraining and removal of personal data past its retention."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from smartdistrict.feedback.notifications import Message, deliver, send_again
from smartdistrict.feedback.services.overdue import reports_mark_overdue
from smartdistrict.feedback.services.privacy import personal_data_purge
from smartdistrict.feedback.suggestions import suggester_retrain


@db_task(retries=3, retry_delay=60)
def send_notifications(report_id: int, event: str) -> int:
    return deliver(report_id, event)


@db_task(retries=5, retry_delay=300)
def resend(path: str, email: str, phone: str, subject: str, body: str) -> None:
    """A message a channel failed to send, retried by the queue (5 times, 5 minutes apart)."""
    send_again(path, Message(email, phone, subject, body))


@db_periodic_task(crontab(minute="*/10"))
def mark_overdue() -> int:
    return reports_mark_overdue()


@db_periodic_task(crontab(hour="2", minute="30"))
def retrain_suggester() -> int:
    """Nightly: learn from the day's re-categorisations."""
    return suggester_retrain().corrections


@db_periodic_task(crontab(hour="1", minute="20"))
def purge_personal_data() -> int:
    """Nightly: the personal data of reports closed longer ago than the retention period
    (PERSONAL_DATA_RETENTION_MONTHS) is removed; `purge_personal_data` does it by hand."""
    from django.conf import settings

    return personal_data_purge(months=settings.PERSONAL_DATA_RETENTION_MONTHS).reports
