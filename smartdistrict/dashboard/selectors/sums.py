"""Sums of the daily facts, and the figures derived from them."""

from __future__ import annotations

from dataclasses import dataclass

from smartdistrict.dashboard.facts.daily import MEASURES
from smartdistrict.dashboard.models import CHANNEL_COLUMNS


@dataclass
class Sums:
    received: int = 0
    received_web: int = 0
    received_open311: int = 0
    received_hotline: int = 0
    received_radio: int = 0
    received_email: int = 0
    received_staff: int = 0
    received_sensor: int = 0
    received_zalo: int = 0
    received_survey: int = 0
    received_other: int = 0
    responded: int = 0
    response_s_sum: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    resolution_s_sum: int = 0
    closed: int = 0
    ratings: int = 0
    rating_sum: int = 0
    ratings_good: int = 0
    overdue: int = 0  # live, not from the daily facts

    @classmethod
    def of(cls, row: tuple) -> Sums:
        """Sums from a row of MEASURES in their order (a query's result)."""
        return cls(**dict(zip(MEASURES, row, strict=True)))

    def add(self, values: dict | Sums) -> None:
        mine = self.__dict__
        if isinstance(values, Sums):
            values = values.__dict__
        for name in MEASURES:
            mine[name] += int(values[name] or 0)

    def channels(self) -> dict[str, int]:
        """Reports received per channel ("other": channels added after the columns)."""
        counts = {channel: getattr(self, column) for channel, column in CHANNEL_COLUMNS.items()}
        counts["other"] = self.received_other
        return counts

    @property
    def on_time_rate(self) -> float | None:
        """Share of the reports resolved in the period that were resolved by their due time."""
        return self.resolved_on_time / self.resolved if self.resolved else None

    @property
    def mean_rating(self) -> float | None:
        return self.rating_sum / self.ratings if self.ratings else None

    @property
    def share_good(self) -> float | None:
        """Share of the ratings given in the period that are 4 or 5."""
        return self.ratings_good / self.ratings if self.ratings else None

    @property
    def mean_resolution_hours(self) -> float | None:
        return self.resolution_s_sum / self.resolved / 3600 if self.resolved else None

    @property
    def mean_response_hours(self) -> float | None:
        return self.response_s_sum / self.responded / 3600 if self.responded else None

