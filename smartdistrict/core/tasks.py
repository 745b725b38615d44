"""Background jobs of the core: building downloads, and removing expired ones hourly."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from smartdistrict.core.downloads.services import download_build as build
from smartdistrict.core.downloads.services import downloads_purge


@db_task(retries=0)
def download_build(download_id: str) -> None:
    build(download_id=download_id)


@db_periodic_task(crontab(minute="7"))
def downloads_purge_expired() -> int:
    return downloads_purge()


@db_periodic_task(crontab(hour="4", minute="50"))
def periodic_runs_purge() -> int:
    """Nightly: forget the once-per-period claims of more than 30 days ago."""
    from smartdistrict.core.periodic import runs_purge

    return runs_purge()
