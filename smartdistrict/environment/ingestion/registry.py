"""The ingestion sources, registered here explicitly (never by import side effects).

A new source is a Source subclass in this package, added to SOURCES below.
"""

from __future__ import annotations

from smartdistrict.environment.ingestion.base import Source
from smartdistrict.environment.ingestion.files import FileSource
from smartdistrict.environment.ingestion.fiware import FiwareSource
from smartdistrict.environment.ingestion.http import HttpBatchSource
from smartdistrict.environment.ingestion.mqtt import MqttSource

SOURCES: dict[str, Source] = {
    source.name: source
    for source in (HttpBatchSource(), MqttSource(), FileSource(), FiwareSource())
}


def get_source(name: str) -> Source:
    """The registered source ``name`` (KeyError for another name: a programming error)."""
    return SOURCES[name]
