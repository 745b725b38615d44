"""The indicators workbook: good rows in, each bad row listed with its row and reason,
and export → import gives the same data (acceptance 3 of issue 7)."""

import io

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook, load_workbook

from smartdistrict.geography.models import Unit
from smartdistrict.targets.demo import seed_targets
from smartdistrict.targets.models import Indicator, Measurement
from smartdistrict.targets.services.indicators import measurement_record
from smartdistrict.targets.services.projects import programme_upsert
from smartdistrict.targets.services.workbook import workbook_export, workbook_import
from smartdistrict.targets.workbook.reader import WorkbookError

pytestmark = pytest.mark.django_db

HEADER = ["Mã", "Tên chỉ tiêu", "Đơn vị tính", "Chiều", "Giá trị gốc", "Năm gốc", "Mục tiêu",
          "Năm mục tiêu", 2021, 2022, "KH 2022", "Chương trình", "Cột lạ"]


def xlsx(rows: list[list]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def officials_file() -> io.BytesIO:
    """A sheet as an office sends it: a title, a blank line, the header, good and bad rows."""
    return xlsx([
        ["BIỂU CHỈ TIÊU NHIỆM KỲ 2020–2025 (minh họa)"],
        [],
        HEADER,
        ["N-01", "Tỷ lệ thử một", "%", "tăng", 10, 2020, 20, 2025, 12, "13,5", 14, "ct-thu", ""],
        ["N-02", "Giá trị gốc sai", "%", "tăng", "mười", 2020, 20, 2025, None, None, None, None],
        ["N-03", "Tỷ lệ hộ nghèo thử", "%", "giảm", 1.2, 2020, 0, 2025, 0.9, None, None, None],
        ["N-04", None, "%", "tăng", 10, 2020, 20, 2025],
        ["N-01", "Trùng mã", "%", "tăng", 10, 2020, 20, 2025],
        ["N-05", "Chiều sai", "%", "ngang", 10, 2020, 20, 2025],
        ["N-06", "Năm sai", "%", "tăng", 10, 2020, 20, 2019],
        ["N-07", "Ô năm sai", "%", "tăng", 10, 2020, 20, 2025, "n/a"],
        ["N-08", "Chương trình lạ", "%", "tăng", 10, 2020, 20, 2025, None, None, None,
         "khong-co"],
        [],
        ["N-09", "Mục tiêu ngược chiều", "%", "tăng", 10, 2020, 5, 2025],
    ])


@pytest.fixture
def programme():
    return programme_upsert(code="ct-thu", name="Chương trình thử")


def test_dry_run_lists_each_bad_row_with_its_row_and_reason_in_vietnamese(programme):
    with translation.override("vi"):
        plan = workbook_import(source=officials_file())
    assert not plan.committed
    assert [(r.row, r.code, r.action) for r in plan.rows] == [
        (4, "N-01", "create"), (6, "N-03", "create")]
    assert plan.rows[0].actuals == {2021: 12.0, 2022: 13.5}
    assert plan.rows[0].planned == {2022: 14.0}
    assert plan.rows[0].new_measurements == 2
    errors = {e.row: (e.code, " ".join(e.reasons)) for e in plan.errors}
    assert sorted(errors) == [5, 7, 8, 9, 10, 11, 12, 14]
    assert errors[5] == ("N-02", "Giá trị gốc: “mười” không phải là số.")
    assert "Tên chỉ tiêu: ô này là bắt buộc." in errors[7][1]
    assert "đã có ở dòng 4" in errors[8][1]
    assert errors[9][1].startswith("Chiều: Không hiểu chiều “ngang”")
    assert "Năm mục tiêu phải sau năm gốc" in errors[10][1]
    assert errors[11][1] == "2021: “n/a” không phải là số."
    assert "khong-co" in errors[12][1]
    assert "phía kém hơn" in errors[14][1]
    assert plan.ignored_columns == ["Cột lạ"]
    assert not Indicator.objects.filter(code__startswith="N-").exists()


def test_commit_imports_the_good_rows_and_leaves_the_bad_ones_out(programme):
    plan = workbook_import(source=officials_file(), commit=True)
    assert plan.committed and len(plan.errors) == 8
    assert set(Indicator.objects.filter(code__startswith="N-").values_list("code", flat=True)) == {
        "N-01", "N-03"}
    first = Indicator.objects.get(code="N-01")
    assert (first.programme, first.direction, first.baseline_value) == (programme, "higher", 10)
    figures = {m.period_label: (m.actual, m.planned) for m in first.measurements.all()}
    assert figures == {"2021": (12.0, None), "2022": (13.5, 14.0)}
    assert Indicator.objects.get(code="N-03").direction == "lower"


def test_reimporting_changes_only_what_differs(programme):
    workbook_import(source=officials_file(), commit=True)
    again = workbook_import(source=officials_file())
    assert [(r.code, r.action) for r in again.rows] == [("N-01", "unchanged"),
                                                       ("N-03", "unchanged")]
    changed = xlsx([HEADER[:10], ["N-01", "Tỷ lệ thử một", "%", "tăng", 10, 2020, 25, 2025,
                                  None, 13.6]])
    plan = workbook_import(source=changed, commit=True)
    row = plan.rows[0]
    assert (row.action, row.changed_fields, row.changed_measurements) == (
        "update", ["target_value"], 1)
    first = Indicator.objects.get(code="N-01")
    figures = {m.period_label: (m.actual, m.planned) for m in first.measurements.all()}
    # The empty 2021 cell left 2021 alone; the planned value of 2022 was not in the file.
    assert figures == {"2021": (12.0, None), "2022": (13.6, 14.0)}
    assert first.programme == programme  # the column was absent: unchanged


def snapshot(codes=None) -> dict:
    """Every indicator's fields and yearly figures, keyed by code (ids and times left out)."""
    data = {}
    queryset = Indicator.objects.all() if codes is None else Indicator.objects.filter(
        code__in=codes)
    for indicator in queryset.prefetch_related("measurements"):
        fields = {
            f.attname: getattr(indicator, f.attname)
            for f in Indicator._meta.concrete_fields
            if f.attname not in {"id", "updated_at", "position"}
        }
        fields["figures"] = sorted(
            (m.period_label, m.actual, m.planned)
            for m in indicator.measurements.all() if len(m.period_label) == 4
        )
        data[indicator.code] = fields
    return data


@pytest.fixture
def rich_data(make_indicator, owner_department):
    """The demo indicators plus one that uses every optional column."""
    seed_targets()
    indicator = make_indicator(
        "T-ALL", actuals={2021: 101.5, 2023: 130.25}, name_en="Everything", kind="each_period",
        periodicity="monthly", owner="Phòng thử", owner_department=owner_department,
        illustrative=True, source="Nguồn\nhai dòng", notes="Ghi chú",
        admin_unit=Unit.objects.get(code="26911"),
    )
    measurement_record(indicator=indicator, period="2024", planned=150.0)
    measurement_record(indicator=indicator, period="2024-03", actual=1.0)  # not in the workbook
    return indicator


@pytest.mark.parametrize("language", ["vi", "en"])
def test_export_then_import_gives_the_same_data(rich_data, language):
    before = snapshot()
    order = list(Indicator.objects.order_by("position", "code").values_list("code", flat=True))
    buffer = io.BytesIO()
    assert workbook_export(destination=buffer, language=language) == len(before)
    Indicator.objects.all().delete()
    buffer.seek(0)
    plan = workbook_import(source=buffer, commit=True)
    assert plan.errors == [] and plan.creates == len(before)
    assert snapshot() == before
    assert list(Indicator.objects.order_by("position", "code").values_list(
        "code", flat=True)) == order


def test_reimporting_an_export_changes_nothing(rich_data):
    before = snapshot()
    figures_before = sorted(Measurement.objects.values_list(
        "indicator__code", "period_label", "actual", "planned", "source"))
    buffer = io.BytesIO()
    workbook_export(destination=buffer)
    buffer.seek(0)
    plan = workbook_import(source=buffer, commit=True)
    assert plan.errors == [] and not plan.has_changes
    assert plan.unchanged == len(before)
    assert snapshot() == before
    assert sorted(Measurement.objects.values_list(
        "indicator__code", "period_label", "actual", "planned", "source")) == figures_before


def test_exported_layout_is_the_officials_one(rich_data):
    buffer = io.BytesIO()
    workbook_export(destination=buffer, language="vi")
    buffer.seek(0)
    sheet = load_workbook(buffer, read_only=True).worksheets[0]
    header = next(sheet.iter_rows(values_only=True))
    assert list(header[:8]) == HEADER[:8]
    years = [h for h in header if isinstance(h, int)]
    # one column per year, the earliest baseline to the latest target (the 2025–2030 term)
    assert years == list(range(2020, 2031))
    assert "KH 2024" in header


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "không phải là tệp Excel"),
        (xlsx([["Tên", "Đơn vị"], ["A", "%"]]).getvalue(), "Không tìm thấy dòng tiêu đề"),
        (xlsx([["Mã", "Tên chỉ tiêu", "Đơn vị tính"]]).getvalue(), "Thiếu các cột bắt buộc"),
        (xlsx([[*HEADER[:8], 2021, "2021"]]).getvalue(), "xuất hiện hai lần"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_whole(content, message):
    with translation.override("vi"), pytest.raises(WorkbookError) as error:
        workbook_import(source=io.BytesIO(content))
    assert message in str(error.value.message)


def test_english_headers_and_text_numbers_are_read(programme):
    plan = workbook_import(source=xlsx([
        ["Code", "Name", "Unit", "Direction", "Baseline", "Baseline year", "Target",
         "Target year", "Plan 2024", "2024", "Kind of target", "Periodicity"],
        ["E-01", "Growth", "%", "higher is better", "6,5", "2020", 11, 2025, "11", "19,81",
         "mỗi kỳ", "năm"],
    ]), commit=True)
    assert plan.errors == []
    indicator = Indicator.objects.get(code="E-01")
    assert (indicator.baseline_value, indicator.kind) == (6.5, "each_period")
    assert indicator.measurements.get().actual == 19.81


def test_commands(tmp_path, programme):
    source = tmp_path / "chi-tieu.xlsx"
    source.write_bytes(officials_file().getvalue())
    out, err = io.StringIO(), io.StringIO()
    call_command("targets_import", str(source), stdout=out, stderr=err)
    assert "dry run" in out.getvalue() and "row 5: N-02" in out.getvalue()
    assert "8 rows have errors" in err.getvalue()
    assert not Indicator.objects.filter(code="N-01").exists()
    call_command("targets_import", str(source), "--commit", stdout=io.StringIO(),
                 stderr=io.StringIO())
    assert Indicator.objects.filter(code="N-01").exists()
    target = tmp_path / "out.xlsx"
    out = io.StringIO()
    call_command("targets_export", str(target), stdout=out)
    assert target.exists() and "indicators written" in out.getvalue()


def test_a_sheet_with_too_many_rows_is_refused(monkeypatch):
    from smartdistrict.targets.workbook import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 2)
    rows = [HEADER[:8]] + [[f"R-{n}", "Thử", "%", "tăng", 1, 2020, 2, 2025] for n in range(30)]
    with translation.override("vi"), pytest.raises(WorkbookError) as error:
        workbook_import(source=xlsx(rows))
    assert "hơn 2 dòng" in str(error.value.message)
