"""Charts of a station's period as SVG (matplotlib, Agg backend, no pyplot: thread-safe).

One parameter: its readings with the QCVN 08:2023 class bounds drawn as labelled lines.
VN_WQI: the index of every instant with enough data, over the six bands' colours. Long
series are reduced to at most MAX_POINTS bins (mean line, min–max band), so a two-year
chart of 5-minute values stays small. Text stays text in the SVG (the browser's fonts
render Vietnamese), and the output is deterministic (fixed ids, no date stamp).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _
from matplotlib.figure import Figure

from smartdistrict.environment.alerts.rules import wqi_bands
from smartdistrict.environment.indices.qcvn import table2

MAX_POINTS = 1500
SIZE = (8.0, 2.8)  # inches; the SVG scales to the page width
LINE = "#1f4e79"
RC = {"svg.fonttype": "none", "svg.hashsalt": "smartdistrict", "font.size": 9}
DATE_FORMATS = ["%Y", "%m/%Y", "%d/%m", "%H:%M", "%H:%M", "%S"]


def _reduce(times: np.ndarray, values: np.ndarray):
    """(times, mean, low, high) in at most MAX_POINTS equal time bins; low/high None when
    the series is short enough to draw as is."""
    if len(values) <= MAX_POINTS:
        return times, values, None, None
    seconds = times.astype("datetime64[s]").astype(np.int64)
    edges = np.linspace(seconds[0], seconds[-1] + 1, MAX_POINTS + 1)
    which = np.clip(np.searchsorted(edges, seconds, side="right") - 1, 0, MAX_POINTS - 1)
    counts = np.bincount(which, minlength=MAX_POINTS)
    present = counts > 0
    sums = np.bincount(which, weights=values, minlength=MAX_POINTS)
    low = np.full(MAX_POINTS, np.inf)
    high = np.full(MAX_POINTS, -np.inf)
    np.minimum.at(low, which, values)
    np.maximum.at(high, which, values)
    centres = ((edges[:-1] + edges[1:]) / 2).astype("datetime64[s]")
    return (centres[present], (sums / np.maximum(counts, 1))[present], low[present],
            high[present])


def _local(times: np.ndarray) -> np.ndarray:
    """UTC datetime64 → local naive datetime64 for the axis (Asia/Ho_Chi_Minh, no DST)."""
    if len(times) == 0:
        return times
    offset = timezone.localtime(dt.datetime.now(dt.UTC)).utcoffset() or dt.timedelta(0)
    return times + np.timedelta64(int(offset.total_seconds()), "s")


def _axis(figure: Figure, start: dt.datetime, end: dt.datetime):
    axes = figure.add_subplot(1, 1, 1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, formats=DATE_FORMATS, zero_formats=["", "%Y", "%m/%Y", "%d/%m", "%H:%M",
                                                     "%H:%M"], show_offset=False))
    axes.set_xlim(timezone.localtime(start).replace(tzinfo=None),
                  timezone.localtime(end).replace(tzinfo=None))
    axes.grid(True, color="#dddddd", linewidth=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return axes


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _empty(axes, message: str) -> None:
    axes.text(0.5, 0.5, message, transform=axes.transAxes, ha="center", va="center",
              color="#555555")


def qcvn_lines(code: str) -> list[tuple[float, str]]:
    """(value, "A/B") of each distinct class bound of a QCVN 08:2023 Table 2 parameter."""
    row = table2().get(code)
    if row is None:
        return []
    labels: dict[float, list[str]] = defaultdict(list)
    for limit in row.limits:
        for bound in (limit.min, limit.max):
            if bound is not None:
                labels[bound].append(limit.klass)
    return sorted((value, "/".join(classes)) for value, classes in labels.items())


def parameter_chart(*, title: str, unit: str, code: str, times: np.ndarray,
                    values: np.ndarray, start: dt.datetime, end: dt.datetime) -> bytes:
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=SIZE)
        axes = _axis(figure, start, end)
        axes.set_title(title, loc="left", fontsize=10)
        if unit:
            axes.set_ylabel(unit)
        if len(values) == 0:
            _empty(axes, _("No readings in this period."))
        else:
            x, mean, low, high = _reduce(times, values)
            x = _local(x)
            if low is not None:
                axes.fill_between(x, low, high, color=LINE, alpha=0.18, linewidth=0,
                                  label=_("range of values"))
            marker = "o" if len(values) <= 120 else None
            axes.plot(x, mean, color=LINE, linewidth=1.1, marker=marker, markersize=3)
        lines = qcvn_lines(code)
        for value, classes in lines:
            axes.axhline(value, color="#b03a2e", linestyle="--", linewidth=0.8)
            axes.annotate(
                _("QCVN 08 %(classes)s: %(value)s") % {"classes": classes, "value": f"{value:g}"},
                xy=(1.0, value), xycoords=("axes fraction", "data"), xytext=(3, 0),
                textcoords="offset points", va="center", fontsize=7, color="#b03a2e")
        if lines:
            _limits_in_view(axes, code, [value for value, _classes in lines], values)
        return _svg(figure)


def _limits_in_view(axes, code: str, bounds: list[float], values: np.ndarray) -> None:
    """Show every class bound with the data: from 0 for concentrations, around the
    bounds for pH (a scale from 0 would flatten it)."""
    low = min(bounds + ([float(np.nanmin(values))] if len(values) else []))
    high = max(bounds + ([float(np.nanmax(values))] if len(values) else []))
    if code == "pH":
        axes.set_ylim(low - 0.5, high + 0.5)
    else:
        axes.set_ylim(0, high * 1.1)


def wqi_chart(*, title: str, times: list[dt.datetime], values: np.ndarray,
              start: dt.datetime, end: dt.datetime) -> bytes:
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=SIZE)
        axes = _axis(figure, start, end)
        axes.set_title(title, loc="left", fontsize=10)
        axes.set_ylim(0, 100)
        for band in wqi_bands():
            axes.axhspan(band.min, min(band.max + 1, 100), color=band.hex, alpha=0.22,
                         linewidth=0)
        if len(values) == 0:
            _empty(axes, _("VN_WQI could not be computed in this period (too few parameters)."))
        else:
            x = np.array([t.astimezone(dt.UTC).replace(tzinfo=None) for t in times],
                         dtype="datetime64[s]")
            x, mean, _low, _high = _reduce(x, values.astype(float))
            axes.plot(_local(x), mean, color="#222222", linewidth=1.1,
                      marker="o" if len(values) <= 120 else None, markersize=3)
        return _svg(figure)
