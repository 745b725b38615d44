"""Words for the codes of ``progress.py`` and ``schedule.py``, in the active language."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.targets.progress import (
    OFF_TRACK_GAP_PP,
    ON_TRACK_TOLERANCE_PP,
    Assessment,
    Choice,
    Method,
    Note,
    Status,
)
from smartdistrict.targets.schedule import Delay

STATUS_LABELS = {
    Status.ON_TRACK: gettext_lazy("on track"),
    Status.AT_RISK: gettext_lazy("at risk"),
    Status.OFF_TRACK: gettext_lazy("off track"),
    Status.NO_DATA: gettext_lazy("no data"),
}
METHOD_LABELS = {
    Method.LINEAR: gettext_lazy("linear trend (least squares)"),
    Method.COMPOUND: gettext_lazy("compound growth (CAGR)"),
}
DELAY_LABELS = {
    Delay.OVERDUE: gettext_lazy("overdue"),
    Delay.LATE: gettext_lazy("done late"),
}


def number(value: float | None, decimals: int = 2) -> str:
    """A number in the active locale (19,81 in Vietnamese), trailing zeros dropped."""
    if value is None:
        return "—"
    rounded = round(float(value), decimals)
    places = 0
    while places < decimals and round(rounded, places) != rounded:
        places += 1
    return formats.number_format(rounded, decimal_pos=places, use_l10n=True,
                                 force_grouping=True)


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])


def progress_note(assessment: Assessment) -> str:
    note = assessment.progress.note
    return {
        Note.NONE: "",
        Note.NO_DATA: _("No actual value has been recorded yet."),
        Note.REACHED: _("The target is reached."),
        Note.EXCEEDED: _("The target is exceeded (%(raw)s %% of the way); shown as 100 %%.")
        % {"raw": number(assessment.progress.raw_percent, 1)},
        Note.REGRESSED: _("The value is worse than the baseline; progress is shown as zero."),
        Note.FLAT_MET: _("The target equals the baseline (keep the level), and it is held."),
        Note.FLAT_MISSED: _(
            "The target equals the baseline (keep the level), and it is not held."
        ),
        Note.MET: _("The target of the period is met."),
        Note.MISSED: _("The target of the period is missed."),
    }[note]


def status_reason(assessment: Assessment, each_period: bool) -> str:
    """One sentence saying why the status is what it is."""
    if assessment.status == Status.NO_DATA:
        return _("No actual value yet: the status cannot be judged.")
    progress = assessment.progress.percent or 0.0
    if progress >= 100.0:
        return _("The target is reached.")
    values = {
        "progress": number(progress, 1),
        "expected": number(assessment.expected, 1),
        "tolerance": number(ON_TRACK_TOLERANCE_PP, 0),
        "gap": number(OFF_TRACK_GAP_PP, 0),
    }
    if assessment.target_year_over and not each_period:
        return _(
            "The target year is over: the latest value covers %(progress)s %% of the way "
            "to the target. On track if no more than %(tolerance)s points short, at risk "
            "up to %(gap)s points short, off track beyond."
        ) % values
    if assessment.held_back_by_forecast:
        return _(
            "%(progress)s %% of the way covered where a steady path would have covered "
            "%(expected)s %%, which would be on track; but at this pace the target is not "
            "reached by the target year, so the status is at risk."
        ) % values
    if each_period:
        return _(
            "The latest period reached %(progress)s %% of its target. On track from "
            "%(tolerance)s points below 100 %%, at risk down to %(gap)s points below."
        ) % values
    return _(
        "%(progress)s %% of the way covered where a steady path would have covered "
        "%(expected)s %%. On track if no more than %(tolerance)s points behind, at risk up "
        "to %(gap)s points behind, off track beyond."
    ) % values


def choice_reason(choice: Choice) -> str:
    return {
        Choice.NOT_ENOUGH_DATA: _("Fewer than two values: no forecast."),
        Choice.ONLY_LINEAR: _(
            "Compound growth needs positive first and last values: the linear trend is used."
        ),
        Choice.TWO_POINTS: _(
            "Only two values, which both methods fit exactly: the simpler linear trend is used."
        ),
        Choice.TARGET_YEAR_OVER: _(
            "The target year is over: there is nothing left to forecast. The status judges "
            "the latest value against the target."
        ),
        Choice.BETTER_FIT: _(
            "The method whose curve passes closer to the recorded values (smaller "
            "root-mean-square error) is used; the linear trend on a tie."
        ),
    }[choice]
