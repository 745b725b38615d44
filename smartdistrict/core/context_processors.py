"""Values every template may need: the map's tile server (configurable, OSM by default)."""

from django.conf import settings
from django.http import HttpRequest


def map_settings(request: HttpRequest) -> dict[str, str]:
    return {
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "MAP_TILE_ATTRIBUTION": settings.MAP_TILE_ATTRIBUTION,
    }
