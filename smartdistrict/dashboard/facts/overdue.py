"""Today's overdue count per (ward, department, category), kept in OverdueSnapshot.

Counted in full (one INSERT … SELECT over the open facts past due) by the first refresh
of a day, after a full rebuild and after the nightly check repaired facts. Every other
refresh of the day moves the count from the moment it was last taken (``since``) to
``now`` by delta, exactly: the facts that changed in between subtract what their old
version counted at ``since`` and add what their new version counts at ``since``, and the
open facts that fell due in between (due in [since, now), a short range of the partial
index on due_at) are added. The full count read every open report past due, a number
that grows with the table (issue 18).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count

from smartdistrict.dashboard.facts.daily import KEY
from smartdistrict.dashboard.facts.delta import add_rows
from smartdistrict.dashboard.facts.rows import FACT_FIELDS, local_day
from smartdistrict.dashboard.models import OverdueSnapshot, RefreshState, ReportFact

_AT = {name: FACT_FIELDS.index(name) for name in FACT_FIELDS}
Pairs = Iterable[tuple[tuple | None, tuple | None]]


def count(now: dt.datetime) -> None:
    """Replace today's rows by a count of the facts open and past due at ``now`` (one
    INSERT … SELECT grouped on the covering index: the rows never travel to Python), with
    a marker row (ward 0) that says a count was taken that day even when nothing was
    overdue."""
    day = local_day(now)
    snapshot, facts = OverdueSnapshot._meta.db_table, ReportFact._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        OverdueSnapshot.objects.filter(day=day).delete()
        cursor.execute(
            f"INSERT INTO {snapshot} (day, ward_id, department_id, category_id, overdue) "  # noqa: S608
            f"SELECT %s, ward_id, department_id, category_id, COUNT(*) FROM {facts} "
            "WHERE is_open AND due_at < %s GROUP BY ward_id, department_id, category_id",
            [connection.ops.adapt_datefield_value(day),
             connection.ops.adapt_datetimefield_value(now)])
        OverdueSnapshot.objects.create(day=day, ward_id=0, department_id=0, category_id=0,
                                       overdue=0)


def _key(fact: tuple | None, moment: dt.datetime) -> tuple | None:
    """The key a fact counts under at ``moment``; None when it is not overdue then."""
    if fact is None or not fact[_AT["is_open"]] or fact[_AT["due_at"]] >= moment:
        return None
    return tuple(fact[_AT[name]] for name in KEY)


def changes(since: dt.datetime, now: dt.datetime, pairs: Pairs) -> dict[tuple, int]:
    """The net change of the counts from ``since`` to ``now``: the changed facts (old
    version, new version; None: absent) as they stood at ``since``, then the open facts
    (as stored now, after this refresh wrote them) that fell due in between."""
    found: dict[tuple, int] = defaultdict(int)
    for before, after in pairs:
        if (key := _key(before, since)) is not None:
            found[key] -= 1
        if (key := _key(after, since)) is not None:
            found[key] += 1
    for *key, n in (ReportFact.objects.filter(is_open=True, due_at__gte=since, due_at__lt=now)
                    .order_by().values_list(*KEY).annotate(n=Count("*"))):
        found[tuple(key)] += n
    return {key: n for key, n in found.items() if n}


def _counted_today(record: RefreshState, now: dt.datetime) -> bool:
    since = record.overdue_at
    return (since is not None and since <= now and local_day(since) == local_day(now)
            and OverdueSnapshot.objects.filter(day=local_day(now), ward_id=0).exists())


def snapshot_overdue(now: dt.datetime, record: RefreshState, pairs: Pairs | None = None) -> None:
    """Bring today's counts to ``now``: by delta over ``pairs`` (every fact change since the
    last count, as the incremental refresh applied them) when that count was taken today;
    in full otherwise (``pairs`` None: the facts changed by other means). Records the
    moment in ``record.overdue_at``; runs in the caller's transaction when there is one,
    so that the counts and the facts they follow are committed together."""
    with transaction.atomic():
        if pairs is not None and _counted_today(record, now):
            add_rows(OverdueSnapshot, ("day", *KEY), ("overdue",),
                     [(connection.ops.adapt_datefield_value(local_day(now)), *key, n)
                      for key, n in changes(record.overdue_at, now, pairs).items()],
                     ("overdue",))
        else:
            count(now)
        record.overdue_at = now
        record.save(update_fields=["overdue_at"])
