"""Idempotent writes of loaded data: change a row only when a value differs, and count.

Loaders (jurisdiction packs, imports) must be able to run twice with the second run
changing nothing, and a dry run must say what a commit would do. ``upsert`` compares
before it saves, so ``auto_now`` stamps and caches keyed on them do not move for
nothing, and ``Tally`` keeps the count per kind of row for the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

CREATED, UPDATED, UNCHANGED, DELETED = "created", "updated", "unchanged", "deleted"


@dataclass
class Tally:
    """Counts per (kind of row, outcome), in the order kinds were first seen."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += n

    def changed(self) -> int:
        return sum(c[CREATED] + c[UPDATED] + c[DELETED] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{kind}: " + ", ".join(
                f"{counter[o]} {o}" for o in (CREATED, UPDATED, DELETED, UNCHANGED) if counter[o]
            )
            for kind, counter in self.counts.items()
        ]


def upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> tuple[M, str]:
    """Create the row matching ``lookup`` or update it with ``values``; save only the
    fields that differ. Returns the row and CREATED, UPDATED or UNCHANGED."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **values), CREATED
    changed = [
        name for name, value in values.items() if _comparable(getattr(row, name)) != value
    ]
    if not changed:
        return row, UNCHANGED
    for name in changed:
        setattr(row, name, values[name])
    auto = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    row.save(update_fields=[_attname(model, n) for n in changed] + auto)
    return row, UPDATED


def _comparable(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name.removesuffix("_id")).name if name.endswith("_id") else name


def sync_rows(
    model: type[M], key: str, rows: list[tuple[Any, dict[str, Any]]], tally: Tally, kind: str
) -> dict[Any, M]:
    """``upsert`` for many rows at once: one read, one bulk insert, one bulk update.

    ``rows`` are (key value, field values); returns every row by its key value.
    """
    existing = {getattr(o, key): o for o in model.objects.filter(
        **{f"{key}__in": [k for k, _ in rows]})}
    create: list[M] = []
    update: list[M] = []
    fields: set[str] = set()
    for value, values in rows:
        row = existing.get(value)
        if row is None:
            create.append(model(**{key: value}, **values))
            continue
        changed = [n for n, v in values.items() if _comparable(getattr(row, n)) != v]
        if changed:
            for name in changed:
                setattr(row, name, values[name])
            fields.update(changed)
            update.append(row)
    model.objects.bulk_create(create, batch_size=500)
    if update:
        auto = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        model.objects.bulk_update(update, [_attname(model, n) for n in fields] + auto,
                                  batch_size=500)
    tally.add(kind, CREATED, len(create))
    tally.add(kind, UPDATED, len(update))
    tally.add(kind, UNCHANGED, len(rows) - len(create) - len(update))
    if create and create[0].pk is None:  # a backend that does not return ids
        existing.update(model.objects.filter(**{f"{key}__in": [getattr(o, key) for o in create]})
                        .in_bulk(field_name=key))
    else:
        existing.update({getattr(o, key): o for o in create})
    return existing
