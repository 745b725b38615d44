"""The demo profile: which of today's units get demo reports and how many, since when,
around which hotspots, in which categories and from which residents (the jurisdiction
pack's demo/profile.toml). Apart from the seeder because more than the seeder reads it:
the seed_demo command's default count and the benchmarks' places come from it too."""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from dataclasses import dataclass

import numpy as np

from smartdistrict.geography.index import get_index
from smartdistrict.jurisdictions.reading import pack_path


@dataclass(frozen=True)
class Residents:
    """Who the demo reporters are (the pack's [residents] table): their names' parts, drawn
    independently, and the prefix of their illustrative mobile numbers."""

    family: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    given: tuple[str, ...] = ()
    phone_prefix: str = "0"

    def name(self, rng: random.Random) -> str:
        if not self.family:
            return ""
        return f"{rng.choice(self.family)} {rng.choice(self.middle)} {rng.choice(self.given)}"


@dataclass(frozen=True)
class Profile:
    """Where and since when demo reports fall (the pack's demo/profile.toml)."""

    units: list[int]  # today's units that get reports
    weights: np.ndarray  # share of the reports of each unit
    since: list[dt.date | None]  # earliest date per unit (None: the whole span)
    focus: frozenset[int]
    hotspots: np.ndarray  # (lat, lon, spread) rows, for the focus units
    hotspot_share: float
    years: float
    category_weights: dict[str, float]  # by category code, in draw order ({}: all alike)
    category_texts: dict[str, str]  # whose demo texts a category borrows ({}: its own)
    residents: Residents


def demo_profile(today: dt.date) -> Profile:
    index = get_index()
    settings: dict = {}
    profile = index.profile
    if profile is not None:
        path = pack_path(profile.pack) / "demo" / "profile.toml"
        if path.is_file():
            with open(path, "rb") as handle:
                settings = tomllib.load(handle)
    current = [r for r in index.wards_on(today) if r.id in index.boundaries]
    focus = frozenset(index.by_code[c].id for c in settings.get("focus", ()) if c in index.by_code)
    years = float(settings.get("years", 2))
    others_since = settings.get("others_since")
    others_since = dt.date.fromisoformat(str(others_since)) if others_since else None
    rates = []
    since: list[dt.date | None] = []
    for record in current:
        population = index.population.get(record.id, 10_000)
        if not focus or record.id in focus:
            rate = float(settings.get("focus_reports_per_1000_a_year", 12))
            span, start = years, None
        else:
            rate = float(settings.get("other_reports_per_1000_a_year", 1))
            start = others_since
            span = min(years, (today - start).days / 365.25) if start else years
        rates.append(population / 1000 * rate * max(span, 0.01))
        since.append(start)
    weights = np.array(rates, dtype=float)
    hotspots = np.array(settings.get("hotspots", []), dtype=float).reshape(-1, 3)
    return Profile(
        units=[r.id for r in current], weights=weights / weights.sum(), since=since,
        focus=focus, hotspots=hotspots, hotspot_share=float(settings.get("hotspot_share", 0)),
        years=years,
        category_weights={
            code: float(weight) for code, weight in settings.get("category_weights", {}).items()
        },
        category_texts={code: str(texts) for code, texts in
                        settings.get("category_texts", {}).items()},
        residents=Residents(**{key: tuple(value) if isinstance(value, list) else str(value)
                               for key, value in settings.get("residents", {}).items()}),
    )


def default_count(today: dt.date) -> int:
    """Reports at the profile's rates: about 12 per 1,000 residents a year in the focus."""
    index = get_index()
    profile = demo_profile(today)
    focus_population = sum(index.population.get(u, 0) for u in profile.focus)
    if not focus_population:
        return 2000
    focus_share = sum(w for u, w in zip(profile.units, profile.weights, strict=True)
                      if u in profile.focus)
    return int(focus_population / 1000 * 12 * profile.years / max(focus_share, 1e-9))

