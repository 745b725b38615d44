"""Points where the demo's residents report problems: spread over the jurisdiction's wards
by population, clustered around its hotspots (the same draw as the demo reports)."""

from __future__ import annotations

import numpy as np
from django.utils import timezone

from smartdistrict.demo.draws import batch_places
from smartdistrict.demo.profile import demo_profile


def points(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    lats, lons, _units = batch_places(demo_profile(timezone.localdate()), rng, count)
    return lats, lons
