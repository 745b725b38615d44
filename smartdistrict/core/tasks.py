"""Background jobs of the core: removing expired downloads hourly; building a download is
defined beside what it runs (core.downloads.services) and listed here for the consumer."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from smartdistrict.core.downloads.services import download_build_job, downloads_purge

__all__ = ["download_build_job", "downloads_purge_expired", "periodic_runs_purge"]


@db_periodic_task(crontab(minute="7"))
def downloads_purge_expired() -> int:
    return downloads_purge()


@db_periodic_task(crontab(hour="4", minute="50"))
def periodic_runs_purge() -> int:
    """Nightly: forget the once-per-period claims of more than 30 days ago."""
    from smartdistrict.core.periodic import runs_purge

    return runs_purge()
