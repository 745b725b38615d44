"""Background jobs (Huey) of the environment app: alert evaluation.

- after each ingested batch, its stations (queued by alerts.hooks.readings_stored);
- every ten minutes, every rule on every station: this is what notices silent stations
  (no reading arrives to trigger anything) and applies rules an officer just edited.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from smartdistrict.environment.alerts.services import alerts_evaluate


@db_task(retries=2, retry_delay=30)
def alerts_check_stations(station_ids: list[int]) -> dict:
    return alerts_evaluate(station_ids=station_ids).as_dict()


@db_periodic_task(crontab(minute="*/10"))
def alerts_check_all() -> dict:
    return alerts_evaluate().as_dict()
