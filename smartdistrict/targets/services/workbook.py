"""Import and export of the indicators workbook (see workbook/layout.py for the layout).

``workbook_import`` is a dry run unless ``commit`` is true: it always answers the plan
(rows to create, update or leave, and each bad row with its number and reasons); with
``commit`` it applies the good rows in one transaction and leaves the bad ones out.
"""

from __future__ import annotations

from typing import IO

from django.db import transaction

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import PermissionDenied
from smartdistrict.targets import policy
from smartdistrict.targets.models import Indicator
from smartdistrict.targets.services.indicators import indicator_upsert, measurement_record
from smartdistrict.targets.workbook.plan import Action, ImportPlan, build_plan
from smartdistrict.targets.workbook.reader import read_sheet
from smartdistrict.targets.workbook.writer import write_workbook


def workbook_import(
    *, source: str | IO[bytes], commit: bool = False, actor: User | None = None
) -> ImportPlan:
    """Read the workbook, plan the import and, with ``commit``, apply the good rows.

    Raises WorkbookError (an InvalidInput) when the file as a whole cannot be read.
    """
    if actor is not None and not policy.can_import(actor):
        raise PermissionDenied()
    sheet = read_sheet(source)
    if not commit:
        return build_plan(sheet)
    with transaction.atomic():
        plan = build_plan(sheet)  # planned again inside the transaction: what is applied
        _apply(plan, actor)
    plan.committed = True
    return plan


def _apply(plan: ImportPlan, actor: User | None) -> None:
    next_position = (
        Indicator.objects.order_by("-position").values_list("position", flat=True).first() or 0
    )
    for row in plan.rows:
        if row.action == Action.UNCHANGED:
            continue
        position = None
        if row.action == Action.CREATE:
            next_position += 1
            position = next_position
        if row.action == Action.CREATE or row.changed_fields:
            indicator, _created = indicator_upsert(
                values=row.values, actor=actor, position=position
            )
        else:
            indicator = Indicator.objects.get(code=row.code)
        for year in sorted(set(row.actuals) | set(row.planned)):
            changes = {}
            if year in row.actuals:
                changes["actual"] = row.actuals[year]
            if year in row.planned:
                changes["planned"] = row.planned[year]
            measurement_record(indicator=indicator, period=str(year), actor=actor, **changes)


def workbook_export(
    *, destination: str | IO[bytes], language: str | None = None, actor: User | None = None
) -> int:
    """Write every indicator with its yearly figures; answers the number of indicators."""
    if actor is not None and not policy.can_view(actor):
        raise PermissionDenied()
    return write_workbook(destination, language=language)
