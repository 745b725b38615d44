"""The units ranked per 1,000 residents equal an independent recomputation from the
reports and the populations, and show where they should (city page, a ward's page, the
brief's workbook), in Vietnamese number format."""

from __future__ import annotations

import datetime as dt
import io
import statistics
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F, Q
from openpyxl import load_workbook

from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.models import Brief
from smartdistrict.dashboard.presenters import number
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.ranking import ranking, sums_of
from smartdistrict.dashboard.selectors.scope import Period, selection_in_scope
from smartdistrict.feedback.models import Report
from smartdistrict.geography.models import Succession, Unit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
D = dt.date
PERIODS = [
    Period(D(2025, 9, 16), D(2025, 10, 15)),  # the last 30 days of the history
    Period(D(2025, 6, 1), D(2025, 8, 31)),  # across 1 July 2025: former wards count
]


# --- the independent recomputation: plain ORM, no dashboard or geography code -------------
def _units_on(day: dt.date) -> dict[int, Unit]:
    return {u.id: u for u in Unit.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), level="ward")}


def _owner_on(day: dt.date, units: dict[int, Unit]) -> dict[int, int]:
    """Report ward id → the unit valid on ``day`` holding it, following successions."""
    successors: dict[int, list[int]] = {}
    for old, new in Succession.objects.values_list("predecessor_id", "successor_id"):
        successors.setdefault(old, []).append(new)
    owner: dict[int, int] = {}
    for ward_id in set(Report.objects.values_list("ward_id", flat=True)):
        current, seen = [ward_id], set()
        while current and not any(c in units for c in current):
            seen.update(current)
            current = sorted({n for c in current for n in successors.get(c, []) if n not in seen})
        found = sorted(c for c in current if c in units)
        if found:
            owner[ward_id] = found[0]
    return owner


def _expected(period: Period) -> dict:
    units = _units_on(period.end)
    owner = _owner_on(period.end, units)
    low = dt.datetime.combine(period.start, dt.time.min, tzinfo=TZ)
    high = dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min, tzinfo=TZ)
    received = Counter(owner.get(w) for w in Report.objects.filter(
        created_at__gte=low, created_at__lt=high).values_list("ward_id", flat=True))
    resolved = Report.objects.filter(resolved_at__gte=low, resolved_at__lt=high)
    done = Counter(owner.get(w) for w in resolved.values_list("ward_id", flat=True))
    on_time = Counter(owner.get(w) for w in resolved.filter(resolved_at__lte=F("due_at"))
                      .values_list("ward_id", flat=True))
    rates = {i: received[i] * 1000 / u.population for i, u in units.items() if u.population}
    shares = {i: on_time[i] / done[i] for i in units if done[i]}

    def rank(values: dict[int, float], unit_id: int) -> int | None:
        if unit_id not in values:
            return None
        return 1 + sum(1 for v in values.values() if v > values[unit_id])

    return {
        "units": units, "received": received, "rates": rates, "shares": shares,
        "rank": {i: rank(rates, i) for i in units},
        "on_time_rank": {i: rank(shares, i) for i in units},
        "median": statistics.median(rates.values()),
        "median_on_time": statistics.median(shares.values()) if shares else None,
    }


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}..{p.end}")
def test_the_ranking_equals_an_independent_recomputation(history, period):
    expected = _expected(period)
    found = ranking(period)
    assert {r.unit.id for r in found.rows} == set(expected["units"])
    assert found.ranked == len(expected["rates"]) == 168
    assert sum(r.received for r in found.rows) == sum(
        n for unit_id, n in expected["received"].items() if unit_id is not None)
    for row in found.rows:
        unit_id = row.unit.id
        assert row.received == expected["received"][unit_id], row.unit.name
        assert row.per_1000 == pytest.approx(expected["rates"][unit_id])
        assert row.rank == expected["rank"][unit_id], row.unit.name
        assert row.on_time_rank == expected["on_time_rank"][unit_id], row.unit.name
        if unit_id in expected["shares"]:
            assert row.on_time_rate == pytest.approx(expected["shares"][unit_id])
    assert found.median_per_1000 == pytest.approx(expected["median"])
    assert found.median_on_time == pytest.approx(expected["median_on_time"])
    # Ranked first, by rank; ties share one (the demo leaves many units at zero).
    ranks = [r.rank for r in found.rows]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert len(set(ranks)) < len(ranks)


def test_the_city_page_figures_give_the_same_ranking_without_a_query(
    history, django_assert_num_queries, settings
):
    settings.CONFIG_VERSION_CHECK_SECONDS = 3600  # the index as a server keeps it
    period = PERIODS[0]
    found = figures(selection_in_scope(Scope(everything=True)), period)
    with django_assert_num_queries(0):
        reused = ranking(period, sums_of(found.by_ward))
    read = ranking(period)
    assert [(r.unit.id, r.received, r.rank, r.on_time_rank) for r in reused.rows] == [
        (r.unit.id, r.received, r.rank, r.on_time_rank) for r in read.rows]


PAGE = "/dashboard/?start=2025-09-16&end=2025-10-15"


def test_the_city_page_ranks_every_unit_with_the_median(history, login):
    expected = _expected(PERIODS[0])
    html = login("lanhdao").get(PAGE).content.decode()
    assert 'id="ranking-table"' in html
    assert html.count('<tr id="rank-') == 168
    median = number(expected["median"], 2)
    assert f"Trung vị của 168 đơn vị: {median} phản ánh trên 1.000 dân" in html
    assert "," in median  # Vietnamese decimal comma
    top = max(expected["rates"], key=expected["rates"].get)
    row = html.split(f'<tr id="rank-{expected["units"][top].code}">')[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in row
    population = expected["units"][top].population
    assert number(population) in row and (population < 1000 or "." in number(population))


def test_a_wards_page_shows_its_rank_out_of_168_and_the_median(history, login):
    expected = _expected(PERIODS[0])
    unit = Unit.objects.get(code="26911")
    for user in ("lanhdao", "canbo.binhquoi"):
        html = login(user).get(PAGE + "&unit=26911").content.decode()
        assert f"hạng {expected['rank'][unit.id]}/168" in html, user
        assert f"trung vị {number(expected['median'], 2)}" in html
        assert 'id="ranking-table"' not in html  # one unit's page: its place only


def test_who_does_not_see_the_ranking(history, login):
    html = login("kthtdt.thanhmytay").get(PAGE).content.decode()
    assert 'id="ranking"' not in html
    # A ward officer sees their own ward's place, not the city's table.
    officer = login("canbo.binhquoi").get(PAGE).content.decode()
    assert 'id="ranking-table"' not in officer


def test_the_brief_workbook_has_a_ranking_sheet(history, login,
                                                django_capture_on_commit_callbacks):
    client = login("lanhdao")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dashboard/briefs/", {"start": "2025-09-16", "end": "2025-10-15"},
                    HTTP_HX_REQUEST="true")
    made = Brief.objects.get()
    response = client.get(f"/dashboard/briefs/{made.id}/brief.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert "Xếp hạng" in book.sheetnames
    rows = list(book["Xếp hạng"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "Hạng"))
    body = [r for r in rows[header + 1:] if r and r[1]]
    assert len(body) == 168
    expected = _expected(PERIODS[0])
    by_code = {u.code: i for i, u in expected["units"].items()}
    for rank, code, _name, population, received, rate, *_rest in body:
        assert population == expected["units"][by_code[code]].population
        unit_id = by_code[code]
        assert rank == expected["rank"][unit_id] and received == expected["received"][unit_id]
        assert rate == pytest.approx(expected["rates"][unit_id])
    assert rows[1][1] == pytest.approx(expected["median"])
