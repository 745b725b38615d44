"""Charts drawn with matplotlib (object API, no pyplot state): SVG for the pages, PNG
for the PDF brief. Text uses DejaVu Sans, which covers Vietnamese."""

from __future__ import annotations

import base64
import io
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from smartdistrict.dashboard.selectors.trend import Point

FONT = {"font.family": "DejaVu Sans", "font.size": 9, "svg.fonttype": "none",
        "svg.hashsalt": "smartdistrict-dashboard"}
RECEIVED, RESOLVED, RATE = "#0b57d0", "#6aa84f", "#b45f06"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _render(figure: Figure, kind: str) -> bytes:
    buffer = io.BytesIO()
    with rc_context(FONT):
        figure.savefig(buffer, format=kind, dpi=150 if kind == "png" else 72,
                       metadata={"Date": None} if kind == "svg" else None)
    return buffer.getvalue()


def data_uri(svg: bytes) -> str:
    """An <img> source for a chart: the page's Content-Security-Policy forbids the inline
    styles matplotlib writes into SVG, but not data: images (which are their own document)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _label(point: Point, step: str) -> str:
    return point.start.strftime("%d/%m") if step == "week" else point.start.strftime("%m/%Y")


def trend_chart(points: list[Point], step: str, kind: str = "svg") -> bytes:
    """Bars: received and resolved; line (right axis): share resolved on time."""
    data = tuple((_label(p, step), p.sums.received, p.sums.resolved, p.sums.resolved_on_time)
                 for p in points)
    return _trend_chart(data, step, kind, get_language())


@lru_cache(maxsize=64)  # drawing costs far more than reading: same figures, same chart
def _trend_chart(data: tuple, step: str, kind: str, language: str) -> bytes:
    labels = [row[0] for row in data]
    received = [row[1] for row in data]
    resolved = [row[2] for row in data]
    rates = [row[3] / row[2] if row[2] else None for row in data]
    with rc_context(FONT):
        figure = Figure(figsize=(8, 3.2), layout="constrained")
        axes = figure.add_subplot()
        positions = range(len(data))
        width = 0.38
        axes.bar([p - width / 2 for p in positions], received, width, label=_("received"),
                 color=RECEIVED)
        axes.bar([p + width / 2 for p in positions], resolved, width, label=_("resolved"),
                 color=RESOLVED)
        axes.set_xticks(list(positions), labels, rotation=45 if step == "week" else 0,
                        fontsize=8)
        axes.set_ylabel(_("reports"))
        # Reports are counted in whole numbers: no "2.5" on the axis (nor a decimal point
        # on a Vietnamese page).
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        rate_axes = axes.twinx()
        rate_axes.plot([i for i, r in enumerate(rates) if r is not None],
                       [r * 100 for r in rates if r is not None], color=RATE, marker="o",
                       label=_("on time (%)"))
        rate_axes.set_ylim(0, 105)
        rate_axes.set_ylabel(_("on time (%)"))
        rate_axes.spines[["top"]].set_visible(False)
        handles = axes.get_legend_handles_labels()
        extra = rate_axes.get_legend_handles_labels()
        figure.legend(handles[0] + extra[0], handles[1] + extra[1], loc="outside upper left",
                      fontsize=8, frameon=False, ncols=3)
        return _render(figure, kind)


def weekly_hours_chart(grid: list[list[int]], kind: str = "svg") -> bytes:
    """A heat map: days of the week down, hours of the day across."""
    return _weekly_hours_chart(tuple(tuple(row) for row in grid), kind, get_language())


@lru_cache(maxsize=64)
def _weekly_hours_chart(grid: tuple, kind: str, language: str) -> bytes:
    with rc_context(FONT):
        figure = Figure(figsize=(8, 2.6), layout="constrained")
        axes = figure.add_subplot()
        image = axes.imshow(grid, aspect="auto", cmap="YlOrRd", interpolation="nearest")
        axes.set_yticks(range(7), [_(day) for day in WEEKDAYS])
        axes.set_xticks(range(0, 24, 2), [f"{h}h" for h in range(0, 24, 2)])
        axes.set_xlabel(_("hour of the day"))
        colorbar = figure.colorbar(image, ax=axes, pad=0.01)
        colorbar.set_label(_("reports"))
        colorbar.locator = MaxNLocator(integer=True)
        colorbar.update_ticks()
        return _render(figure, kind)


def bar_chart(labels: list[str], values: list[float], title: str, kind: str = "png",
              percent: bool = False) -> bytes:
    """Horizontal bars (worst first at the top), for the brief's breakdowns."""
    with rc_context(FONT):
        figure = Figure(figsize=(7, 0.32 * max(len(labels), 3) + 0.8), layout="constrained")
        axes = figure.add_subplot()
        axes.barh(range(len(labels)), values, color=RECEIVED)
        axes.set_yticks(range(len(labels)), labels, fontsize=8)
        axes.invert_yaxis()
        axes.set_title(title, fontsize=10, loc="left")
        if percent:
            axes.set_xlim(0, 100)
        axes.spines[["top", "right"]].set_visible(False)
        return _render(figure, kind)
