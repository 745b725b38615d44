"""Background jobs (Huey): the periodic overdue check, retraining and the nightly removal
of personal data past its retention; the notification
jobs are defined beside the code they run (feedback.notifications, feedback.channels)
and listed here so the consumer, which imports each app's tasks, knows them."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from smartdistrict.core.periodic import local_crontab
from smartdistrict.feedback.channels import channel_retry, channels_send
from smartdistrict.feedback.channels.zalo_token import zalo_tokens_refresh_due
from smartdistrict.feedback.notifications import send_notifications
from smartdistrict.feedback.services.digest import staff_digest_send
from smartdistrict.feedback.services.followup import followups_send
from smartdistrict.feedback.services.overdue import reports_mark_overdue
from smartdistrict.feedback.services.privacy import personal_data_purge
from smartdistrict.feedback.suggestions import suggester_retrain

__all__ = [
    "ask_was_it_fixed", "channel_retry", "channels_send", "mark_overdue", "purge_personal_data",
    "refresh_zalo_token", "retrain_suggester", "send_notifications", "staff_digest",
]


@db_periodic_task(crontab(minute="*/10"))
def mark_overdue() -> int:
    return reports_mark_overdue()


@db_periodic_task(crontab(minute="3-59/10"))
def refresh_zalo_token() -> bool:
    """Every 10 minutes: renew the Zalo OA access token when it expires within two hours
    (it lives about 25 hours); a failure keeps the old one and is shown (docs/channels.md)."""
    return zalo_tokens_refresh_due()


@db_periodic_task(local_crontab(hour="2", minute="30"))
def retrain_suggester() -> int:
    """Nightly: learn from the day's re-categorisations."""
    return suggester_retrain().corrections


@db_periodic_task(local_crontab(hour="1", minute="20"))
def purge_personal_data() -> int:
    """Nightly: the personal data of reports closed longer ago than the retention period
    (PERSONAL_DATA_RETENTION_MONTHS) is removed; `purge_personal_data` does it by hand."""
    from django.conf import settings

    return personal_data_purge(months=settings.PERSONAL_DATA_RETENTION_MONTHS).reports


@db_periodic_task(local_crontab(minute="5", hour="8-19"))
def ask_was_it_fixed() -> int:
    """Hourly during the day, 08:00–20:00 local (once per slot, core.periodic): "was it
    fixed?" to the residents of reports resolved FOLLOWUP_AFTER_DAYS ago."""
    return followups_send()


@db_periodic_task(local_crontab(minute="0", hour=str(settings.STAFF_DIGEST_HOUR)))
def staff_digest() -> int:
    """Each morning at STAFF_DIGEST_HOUR, local time: staff are sent what is due."""
    return staff_digest_send()
