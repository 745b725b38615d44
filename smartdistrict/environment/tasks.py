"""Background jobs (Huey) of the environment app: alert evaluation, dead-letter purge.

- after each ingested batch, its stations (alerts.hooks: the job is defined beside the
  hook that queues it, and listed here);
- every ten minutes, every rule on every station: this is what notices silent stations
  (no reading arrives to trigger anything) and applies rules an officer just edited;
- nightly, dead letters older than ENVIRONMENT_DEAD_LETTER_DAYS are deleted.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from smartdistrict.core.periodic import local_crontab
from smartdistrict.environment.alerts.hooks import alerts_check_stations
from smartdistrict.environment.alerts.services import alerts_evaluate
from smartdistrict.environment.services.dead_letters import dead_letters_purge

__all__ = ["alerts_check_all", "alerts_check_stations", "dead_letters_purge_old"]


@db_periodic_task(crontab(minute="*/10"))
def alerts_check_all() -> dict:
    return alerts_evaluate().as_dict()


@db_periodic_task(local_crontab(hour="3", minute="40"))
def dead_letters_purge_old() -> int:
    return dead_letters_purge()
