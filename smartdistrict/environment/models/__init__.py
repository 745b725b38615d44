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
