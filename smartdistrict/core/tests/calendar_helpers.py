"""Short ways to write local times and dates in the calendar tests."""

import datetime as dt
from zoneinfo import ZoneInfo

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> dt.datetime:
    """A local time in Ho Chi Minh City, e.g. at("2026-02-13 10:00")."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=HCM)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
