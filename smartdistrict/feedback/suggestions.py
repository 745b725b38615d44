"""The category suggester in service: learned from staff corrections, shared across hosts.

Retraining (nightly, or `smartdistrict retrain_suggester`) adds every report whose
category staff changed, with its final category, to the demo texts, and stores the
model in the database; each process picks up the newest within a few minutes.
"""

from __future__ import annotations

import threading
import time

from django.db import transaction

from smartdistrict.feedback.models import Event, EventKind, Report, SuggesterModel
from smartdistrict.feedback.suggest import CategorySuggester, default_suggester, train_suggester

CORRECTION_WEIGHT = 3.0  # a staff-confirmed real report counts as three demo texts
CHECK_SECONDS = 300

_lock = threading.Lock()
_loaded: tuple[int | None, CategorySuggester] | None = None
_checked_at = 0.0


def staff_corrections() -> list[tuple[str, str]]:
    """(description, final category code) of every report staff re-categorised."""
    report_ids = Event.objects.filter(kind=EventKind.RECATEGORISED).values("report_id")
    return list(
        Report.objects.filter(id__in=report_ids).values_list("description", "category__code")
    )


def suggester_retrain() -> SuggesterModel:
    """Train (seconds, no lock held), then store the model in one short transaction."""
    corrections = staff_corrections()
    model = train_suggester(corrections, extra_weight=CORRECTION_WEIGHT)
    with transaction.atomic():
        stored = SuggesterModel.objects.create(
            data=model.to_bytes(), corrections=len(corrections)
        )
        SuggesterModel.objects.exclude(pk=stored.pk).delete()
        transaction.on_commit(invalidate)
    return stored


def current_suggester() -> CategorySuggester:
    """The newest stored model, else the one trained from the demo texts in this process."""
    global _loaded, _checked_at
    now = time.monotonic()
    if _loaded is not None and now - _checked_at < CHECK_SECONDS:
        return _loaded[1]
    with _lock:
        newest = SuggesterModel.objects.order_by("-created_at").values_list("id", flat=True).first()
        if newest is None:
            _loaded = (None, default_suggester())
            _checked_at = now
            return _loaded[1]
        if _loaded is None or _loaded[0] != newest:
            data = SuggesterModel.objects.get(pk=newest).data
            try:
                _loaded = (newest, CategorySuggester.from_bytes(bytes(data)))
            except ValueError:  # trained under another scikit-learn: use the default
                _loaded = (newest, default_suggester())
        _checked_at = now
        return _loaded[1]


def invalidate() -> None:
    global _loaded, _checked_at
    with _lock:
        _loaded = None
        _checked_at = 0.0
