"""Figures → what a page, the PDF and the spreadsheet show: labels, values in the
viewer's number format, the change against the previous period, and links."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.dashboard.links import queue_url
from smartdistrict.dashboard.selectors.figures import Breakdown, Figures
from smartdistrict.feedback.models import Channel

CHANNEL_LABELS = dict(Channel.choices) | {"other": gettext_lazy("other channels")}


def number(value: float | None, decimals: int = 0) -> str:
    """In the viewer's format, grouped by thousands: "1.234,5" in Vietnamese, "1,234.5" in
    English (the grouping: core/formats)."""
    if value is None:
        return "—"
    return formats.number_format(round(value, decimals), decimal_pos=decimals,
                                 use_l10n=True, force_grouping=True)


def percent(share: float | None, decimals: int = 1) -> str:
    return "—" if share is None else f"{number(share * 100, decimals)} %"


def hours(seconds: float | None) -> str:
    return "—" if seconds is None else _("%(n)s h") % {"n": number(seconds / 3600, 1)}


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    value: str
    previous: str
    change: str
    trend: str  # "better", "worse" or "" (neutral or unknown)
    link: str
    raw: float | None
    raw_previous: float | None
    note: str = ""  # what the figure counts, where two cards could be misread together


def _change(current: float | None, before: float | None, kind: str) -> str:
    if current is None or before is None:
        return "—"
    difference = current - before
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    size = abs(difference)
    if kind == "count":
        relative = f" ({sign}{number(size / before * 100, 1)} %)" if before else ""
        return f"{sign}{number(size)}{relative}"
    if kind == "share":
        return _("%(sign)s%(n)s points") % {"sign": sign, "n": number(size * 100, 1)}
    if kind == "seconds":
        return f"{sign}{hours(size)}"
    return f"{sign}{number(size, 2)}"


def _trend(current: float | None, before: float | None, better: str) -> str:
    if current is None or before is None or current == before or not better:
        return ""
    up = current > before
    return "better" if up == (better == "up") else "worse"


def cards(found: Figures, *, unit_code: str = "") -> list[Card]:
    """The headline figures in their display order."""
    now, was, period = found.current, found.before, found.period
    received = queue_url(period, unit_code=unit_code)
    closed = queue_url(period, unit_code=unit_code, status="closed")
    rows = [
        ("received", _("Reports received"), now.received, was.received, "count", "",
         received),
        ("resolved", _("Reports resolved"), now.resolved, was.resolved, "count", "up", closed),
        ("on_time", _("Resolved on time"), now.on_time_rate, was.on_time_rate, "share", "up",
         closed),
        ("overdue", _("Overdue now"), found.overdue_now, found.overdue_before, "count", "down",
         queue_url(None, unit_code=unit_code, status="open", overdue=True)),
        ("response", _("Median time to first response"), found.median_response_s,
         found.median_response_s_before, "seconds", "down", received),
        ("resolution", _("Median time to resolution"), found.median_resolution_s,
         found.median_resolution_s_before, "seconds", "down", closed),
        ("rating", _("Mean rating (1–5)"), now.mean_rating, was.mean_rating, "rating", "up",
         closed),
        ("satisfied", _("Ratings of 4 or 5"), now.share_good, was.share_good, "share", "up",
         closed),
    ]
    # "96 % on time" beside "49 overdue" reads as a contradiction unless each says what it
    # counts: the first, reports resolved in the period; the second, open ones today.
    notes = {
        "on_time": _("Of the reports resolved in this period, the share resolved by their "
                     "deadline."),
        "overdue": _("Reports still open today past their deadline, whenever they were "
                     "received: not limited to this period."),
    }
    shown = []
    for key, label, value, before, kind, better, link in rows:
        text = {"count": number, "share": percent, "seconds": hours,
                "rating": lambda v: number(v, 2)}[kind]
        shown.append(Card(key, label, text(value), text(before), _change(value, before, kind),
                          _trend(value, before, better), link, value, before,
                          notes.get(key, "")))
    return shown


@dataclass(frozen=True)
class ChannelShare:
    channel: str
    label: str
    count: int
    share: str
    previous: str
    change: str


def channel_shares(found: Figures) -> list[ChannelShare]:
    now, was = found.current.channels(), found.before.channels()
    total, total_before = found.current.received, found.before.received
    result = []
    for channel, count in now.items():
        if not count and not was.get(channel):
            continue
        share = count / total if total else None
        before = was.get(channel, 0) / total_before if total_before else None
        result.append(ChannelShare(channel, str(CHANNEL_LABELS.get(channel, channel)), count,
                                   percent(share), percent(before),
                                   _change(share, before, "share")))
    return sorted(result, key=lambda c: -c.count)


@dataclass(frozen=True)
class Row:
    name: str
    former: bool
    received: str
    resolved: str
    on_time: str
    overdue: str
    mean_resolution: str
    mean_rating: str
    satisfied: str
    link: str
    on_time_value: float | None


def rows(breakdowns: list[Breakdown], found: Figures, *, by: str, unit_code: str = "") -> list[Row]:
    """A breakdown's table rows, worst first; each links to its reports in the queue."""
    shown = []
    for item in breakdowns:
        sums = item.sums
        if by == "ward":
            link = queue_url(found.period, unit_code=item.code)
        else:
            link = queue_url(found.period, unit_code=unit_code, **{by: item.code})
        shown.append(Row(
            item.name, item.former, number(sums.received), number(sums.resolved),
            percent(sums.on_time_rate), number(sums.overdue),
            hours(sums.mean_resolution_hours * 3600 if sums.mean_resolution_hours else None),
            number(sums.mean_rating, 2), percent(sums.share_good), link, sums.on_time_rate,
        ))
    return shown
