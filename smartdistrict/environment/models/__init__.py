"""Canal water quality: stations, parameters, readings and who may send them."""

from smartdistrict.environment.models.readings import (
    LatestReading,
    Quality,
    Reading,
    Source,
)
from smartdistrict.environment.models.stations import (
    DataProvider,
    IngestToken,
    Parameter,
    Station,
    StationKind,
    StationParameter,
)

__all__ = [
    "DataProvider",
    "IngestToken",
    "LatestReading",
    "Parameter",
    "Quality",
    "Reading",
    "Source",
    "Station",
    "StationKind",
    "StationParameter",
]

# Alerts (rules and the alerts they open), smartdistrict/environment/models/alerts.py.
from smartdistrict.environment.models.alerts import (
    Alert,
    AlertKind,
    AlertRule,
    QcvnThreshold,
)

# What unattended channels sent that could not be stored (models/dead_letters.py).
from smartdistrict.environment.models.dead_letters import DeadLetter

__all__ += ["Alert", "AlertKind", "AlertRule", "DeadLetter", "QcvnThreshold"]
