"""Where and when the demo reports happen: points inside their units (a share around
the pack's hotspots), times denser toward the present and by day, drawn for all the
reports of a seeding at once so that they are written oldest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely

from smartdistrict.geography.index import get_index

if TYPE_CHECKING:
    from smartdistrict.demo.profile import Profile

BATCH = 5_000  # reports drawn and written together


def points_in(geometry, rng: np.random.Generator, count: int, hotspots: np.ndarray,
               share: float) -> tuple[np.ndarray, np.ndarray]:
    """``count`` points inside ``geometry``: a share around the hotspots inside it."""
    min_x, min_y, max_x, max_y = geometry.bounds
    inside_spots = hotspots[shapely.contains_xy(geometry, hotspots[:, 1], hotspots[:, 0])] if (
        len(hotspots)) else hotspots
    lats, lons = np.empty(0), np.empty(0)
    while len(lats) < count:
        n = (count - len(lats)) * 2 + 20
        cand_lat = rng.uniform(min_y, max_y, n)
        cand_lon = rng.uniform(min_x, max_x, n)
        if len(inside_spots) and share:
            clustered = rng.random(n) < share
            picked = rng.integers(0, len(inside_spots), int(clustered.sum()))
            cand_lat[clustered] = rng.normal(inside_spots[picked, 0], inside_spots[picked, 2])
            cand_lon[clustered] = rng.normal(inside_spots[picked, 1], inside_spots[picked, 2])
        inside = shapely.contains_xy(geometry, cand_lon, cand_lat)
        lats = np.concatenate([lats, cand_lat[inside]])
        lons = np.concatenate([lons, cand_lon[inside]])
    return lats[:count], lons[:count]


def batch_places(profile: Profile, rng: np.random.Generator, size: int):
    """(lats, lons, unit position) of ``size`` reports, units drawn by their weights."""
    index = get_index()
    positions = rng.choice(len(profile.units), size, p=profile.weights)
    lats, lons = np.empty(size), np.empty(size)
    for position in np.unique(positions):
        slots = np.flatnonzero(positions == position)
        unit_id = profile.units[position]
        lat, lon = points_in(
            index.boundaries[unit_id], rng, len(slots), profile.hotspots,
            profile.hotspot_share if unit_id in profile.focus else 0.0,
        )
        lats[slots], lons[slots] = lat, lon
    return lats, lons, positions


def places_and_times(profile: Profile, rng: np.random.Generator, count: int,
                      spans: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lats, lons, seconds before now) of ``count`` reports, oldest first over all of
    them: written in that order, the table holds them as real intake does (newest last),
    with their codes numbered in time order. Batches written each over the whole two
    years scattered the newest reports over every page of the table, so that a read of
    the latest thousand (Open311's list) touched a page per report at a million."""
    lats, lons, seconds = [], [], []
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        batch_lats, batch_lons, positions = batch_places(profile, rng, size)
        lats.append(batch_lats)
        lons.append(batch_lons)
        seconds.append(_created_times(rng, size, spans[positions]))
    if not seconds:
        return np.empty(0), np.empty(0), np.empty(0, dtype=np.int64)
    all_seconds = np.concatenate(seconds)
    order = np.argsort(-all_seconds, kind="stable")
    return np.concatenate(lats)[order], np.concatenate(lons)[order], all_seconds[order]


def _created_times(rng: np.random.Generator, count: int, span_days: np.ndarray) -> np.ndarray:
    """Seconds before now: more reports recently (intake grows), more by day than at night."""
    spans = span_days * 86400
    ages = ((1 - rng.power(1.3, count)) * spans).astype(np.int64)  # denser near now
    hours = rng.choice(24, count, p=_hour_weights())
    return np.maximum(ages - ages % 86400 + (23 - hours) * 3600 + rng.integers(0, 3600, count),
                      0)


def _hour_weights() -> np.ndarray:
    weights = np.array([1, 1, 1, 1, 1, 2, 4, 6, 8, 8, 7, 6, 5, 5, 6, 6, 7, 8, 9, 9, 8, 6, 4, 2],
                       dtype=float)
    return weights / weights.sum()
