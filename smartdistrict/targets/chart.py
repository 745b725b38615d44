"""The indicator chart as SVG: actuals, planned values, the target, the steady path and
both forecasts (the chosen one drawn bold).

Drawn server-side with matplotlib's object API (no pyplot state, safe in threads) on the
Agg backend, and served as its own image/svg+xml response: the page's
Content-Security-Policy forbids inline styles, which matplotlib's SVG carries.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from smartdistrict.targets.explain import METHOD_LABELS, number
from smartdistrict.targets.models import Indicator, Measurement, TargetKind
from smartdistrict.targets.periods import axis_of
from smartdistrict.targets.progress import Assessment, Method

COLOURS = {
    "actual": "#0b57d0",
    "planned": "#7a5c00",
    "target": "#b3261e",
    "path": "#888888",
    Method.LINEAR: "#137333",
    Method.COMPOUND: "#8e24aa",
}
SVG_OPTIONS = {"svg.fonttype": "none", "svg.hashsalt": "smartdistrict-targets"}


def _steps(start: float, end: float, count: int = 24) -> list[float]:
    return [start + (end - start) * i / count for i in range(count + 1)]


def indicator_chart_svg(
    indicator: Indicator, measurements: list[Measurement], assessment: Assessment
) -> bytes:
    """The chart of one indicator, labels in the active language."""
    with matplotlib.rc_context(SVG_OPTIONS):
        figure = Figure(figsize=(7.2, 3.8), layout="constrained")
        axes = figure.add_subplot()
        actual = sorted((axis_of(m.period_end), m.actual) for m in measurements
                        if m.actual is not None)
        planned = sorted((axis_of(m.period_end), m.planned) for m in measurements
                         if m.planned is not None)
        baseline = (float(indicator.baseline_year), indicator.baseline_value)
        target_year = float(indicator.target_year)
        axes.plot(*baseline, marker="s", color=COLOURS["actual"], linestyle="none",
                  label=_("baseline"))
        if actual:
            axes.plot([t for t, _v in actual], [v for _t, v in actual], marker="o",
                      color=COLOURS["actual"], linewidth=2, label=_("actual"))
        if planned:
            axes.plot([t for t, _v in planned], [v for _t, v in planned], marker="D",
                      markerfacecolor="white", color=COLOURS["planned"], linestyle=":",
                      label=_("planned"))
        axes.axhline(indicator.target_value, color=COLOURS["target"], linestyle="--",
                     linewidth=1.2, label=_("target"))
        axes.plot([target_year], [indicator.target_value], marker="*", markersize=12,
                  color=COLOURS["target"], linestyle="none")
        if indicator.kind == TargetKind.LEVEL:
            axes.plot([baseline[0], target_year], [baseline[1], indicator.target_value],
                      color=COLOURS["path"], linestyle="-.", linewidth=1,
                      label=_("steady path to the target"))
        outlook = assessment.forecast
        # Each trend is drawn over the recorded years and on to the target year, so the
        # reader sees how well it follows the values before trusting its end.
        first = outlook.points[0][0] if outlook.points else None
        if first is not None:
            for method in (Method.LINEAR, Method.COMPOUND):
                fit = outlook.fit(method)
                if fit is None or not fit.applicable:
                    continue
                times = _steps(first, max(target_year, outlook.points[-1][0]))
                chosen = method == outlook.chosen
                floor = outlook.floor if outlook.floor is not None else float("-inf")
                axes.plot(times, [max(fit.at(t), floor) for t in times], color=COLOURS[method],
                          linestyle="--", linewidth=2.2 if chosen else 1,
                          alpha=1.0 if chosen else 0.7,
                          label=_("forecast: %(method)s%(chosen)s") % {
                              "method": METHOD_LABELS[method],
                              "chosen": _(" (chosen)") if chosen else "",
                          })
        axes.set_ylabel(indicator.unit)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: f"{x:.0f}"))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: number(y)))
        axes.grid(True, color="#dddddd", linewidth=0.6)
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=3, frameon=False,
                    fontsize="small")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()
