"""One demo report as staff would have left it by ``now``: its fields drawn with the
rules the services apply (working-time deadline, yearly code, the category's text, a
resident's contact) and a timeline consistent with its final state. Nothing here reads
the database, so that the seeding's worker processes can draft reports (demo.batches)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

import h3

from smartdistrict.demo.profile import Profile, Residents
from smartdistrict.feedback.deadlines import due_time
from smartdistrict.feedback.models import EventKind, Status
from smartdistrict.feedback.search import search_text
from smartdistrict.feedback.selectors import H3_RESOLUTION
from smartdistrict.feedback.suggest.demo_texts import demo_description


@dataclass(frozen=True)
class Drafts:
    """Makers of unsaved rows (demo.copy.draft_maker): a report, an event."""

    report: Callable
    event: Callable


def one_report(*, category, created, year, lat, lon, ward_id, department_id, channel, now,
               rng, calendar, sequences, profile: Profile, drafts: Drafts, prefix: str) -> tuple:
    sequences[year] = sequences.get(year, 0) + 1
    due = due_time(category, created, calendar)
    name, phone, email = _contact(rng, profile.residents)
    code = f"{prefix}-{year}-{sequences[year]:06d}"
    description = demo_description(profile.category_texts.get(category.code, category.code), rng)
    report = drafts.report(
        code=code, category_id=category.id, description=description, lat=lat, lon=lon,
        search_text=search_text(code=code, description=description, address=""),
        h3_cell=h3.latlng_to_cell(lat, lon, H3_RESOLUTION), ward_id=ward_id,
        department_id=department_id, channel=channel, reporter_name=name,
        reporter_phone=phone, reporter_email=email, priority=category.priority,
        due_at=due, created_at=created, status=Status.NEW,
    )
    timeline = [drafts.event(kind=EventKind.CREATED, actor_role="resident",
                             to_status=Status.NEW, created_at=created)]
    _progress(report, timeline, now=now, rng=rng, event=drafts.event)
    return report, timeline


def _progress(report, timeline: list, *, now, rng: random.Random, event: Callable) -> None:
    """Move the report along as staff would have by ``now``; about 8 % end late."""
    age_days = (now - report.created_at).total_seconds() / 86400
    if age_days < 0.2 or rng.random() < max(0.03, 0.6 - age_days / 20):
        if report.due_at < now:
            report.overdue_at = report.due_at
        return
    budget = (report.due_at - report.created_at).total_seconds()
    response = report.created_at + dt.timedelta(seconds=budget * rng.uniform(0.02, 0.2))
    report.first_response_at = min(response, now)
    report.status = Status.IN_PROGRESS
    timeline.append(event(kind=EventKind.TRANSITION, actor_role="ward_officer",
                          from_status=Status.NEW, to_status=Status.IN_PROGRESS,
                          created_at=report.first_response_at))
    roll = rng.random()
    if roll < 0.05:
        report.status = Status.REJECTED
        report.closed_at = report.first_response_at
        timeline.append(event(kind=EventKind.TRANSITION, actor_role="ward_officer",
                              from_status=Status.IN_PROGRESS, to_status=Status.REJECTED,
                              note="Không thuộc thẩm quyền của phường.",
                              created_at=report.closed_at))
        return
    late = rng.random() < 0.08
    fraction = rng.uniform(1.05, 2.5) if late else rng.uniform(0.2, 0.98)
    resolved = report.created_at + dt.timedelta(seconds=budget * fraction)
    if resolved > now:
        if report.due_at < now:
            report.overdue_at = report.due_at
        return
    report.status = Status.RESOLVED
    report.resolved_at = resolved
    timeline.append(event(kind=EventKind.TRANSITION, actor_role="ward_officer",
                          from_status=Status.IN_PROGRESS, to_status=Status.RESOLVED,
                          note="Đã kiểm tra và xử lý xong.", created_at=resolved))
    if (report.reporter_email or report.reporter_phone) and rng.random() < 0.55:
        rating = rng.choices([1, 2, 3, 4, 5], weights=[4, 6, 15, 35, 40])[0]
        rated_at = resolved + dt.timedelta(hours=rng.uniform(1, 72))
        if rated_at <= now:  # a resident rates after the fix, never in the future
            report.rating, report.rated_at = rating, rated_at
            timeline.append(event(kind=EventKind.RATED, actor_role="resident",
                                  note=f"{report.rating}/5", created_at=report.rated_at))
    if (now - resolved).days > 14:
        report.status = Status.CLOSED
        report.closed_at = resolved + dt.timedelta(days=7)
        timeline.append(event(kind=EventKind.TRANSITION, actor_role="system",
                              from_status=Status.RESOLVED, to_status=Status.CLOSED,
                              created_at=report.closed_at))


def _contact(rng: random.Random, residents: Residents) -> tuple[str, str, str]:
    if rng.random() < 0.25:
        return "", "", ""
    name = residents.name(rng)
    phone = residents.phone_prefix + "".join(str(rng.randrange(10)) for _ in range(8))
    email = f"cudan{rng.randrange(10**7)}@example.com" if rng.random() < 0.4 else ""
    return name, phone, email
