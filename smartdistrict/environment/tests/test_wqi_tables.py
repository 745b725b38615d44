"""The data files hold the published tables, and a broken file stops with its line."""

import shutil

import pytest

from smartdistrict.environment.indices import tables
from smartdistrict.environment.indices.tables import TableError, wqi_tables

# Decision 1460/QĐ-TCMT, as in /work/shared/domain/water-air-indices.md (None: "–")
PUBLISHED = {
    "BOD5": (4, 6, 15, 25, 50), "COD": (10, 15, 30, 50, 150), "TOC": (4, 6, 15, 25, 50),
    "N-NH4": (0.3, 0.3, 0.6, 0.9, 5), "N-NO3": (2, 5, 10, 15, 15),
    "N-NO2": (0.05, None, None, None, 0.05), "P-PO4": (0.1, 0.2, 0.3, 0.5, 4),
    "Coliform": (2500, 5000, 7500, 10000, 10000), "E.coli": (20, 50, 100, 200, 200),
    "As": (0.01, 0.02, 0.05, 0.1, 0.1), "Cd": (0.005, 0.005, 0.008, 0.01, 0.1),
    "Pb": (0.02, 0.02, 0.04, 0.05, 0.5), "Cr6+": (0.01, 0.02, 0.04, 0.05, 0.1),
    "Cu": (0.1, 0.2, 0.5, 1.0, 2.0), "Zn": (0.5, 1.0, 1.5, 2.0, 3.0),
    "Hg": (0.001, 0.001, 0.0015, 0.002, 0.01),
}
PESTICIDES = {"Aldrin": 0.1, "BHC": 0.02, "Dieldrin": 0.1, "DDTs": 1.0,
              "Heptachlor & Heptachlorepoxide": 0.2}


def test_breakpoint_tables_are_the_published_ones():
    loaded = wqi_tables()
    for parameter, row in PUBLISHED.items():
        points = [(bp, q) for bp, q in zip(row, (100, 75, 50, 25, 10), strict=True) if bp]
        curve = loaded.curves[parameter]
        assert curve.xs == tuple(bp for bp, _ in points), parameter
        assert curve.qs == tuple(q for _, q in points), parameter
    for parameter, limit in PESTICIDES.items():
        assert loaded.curves[parameter].xs == (limit, limit)
    assert loaded.ph.xs == (5.5, 6, 8.5, 9) and loaded.ph.qs == (50, 100, 100, 50)
    assert loaded.do.xs == (20, 50, 75, 88, 112, 125, 150, 200)
    assert loaded.do.qs == (25, 50, 75, 100, 100, 75, 50, 25)
    assert (loaded.do.below, loaded.do.above, loaded.ph.below) == (10, 10, 10)


def test_bands_cover_0_to_100_with_the_published_colours():
    bands = wqi_tables().bands
    assert [(b.min, b.max, b.name_vi, b.rgb) for b in bands] == [
        (0, 9, "Ô nhiễm rất nặng", (126, 0, 35)),
        (10, 25, "Kém", (255, 0, 0)),
        (26, 50, "Xấu", (255, 126, 0)),
        (51, 75, "Trung bình", (255, 255, 0)),
        (76, 90, "Tốt", (0, 228, 0)),
        (91, 100, "Rất tốt", (51, 51, 255)),
    ]
    assert all(b.hex == "#{:02X}{:02X}{:02X}".format(*b.rgb) for b in bands)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    shutil.copytree(tables.DATA_DIR, tmp_path / "data")
    monkeypatch.setattr(tables, "DATA_DIR", tmp_path / "data")
    wqi_tables.cache_clear()
    yield tmp_path / "data"
    wqi_tables.cache_clear()


def test_a_decreasing_breakpoint_is_reported_with_file_and_line(data_copy):
    path = data_copy / "vn_wqi_breakpoints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "BOD5,IV,mg/L,4,6,15,25,50", "BOD5,IV,mg/L,4,6,15,2.5,50"), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if text.startswith("BOD5"))
    with pytest.raises(TableError, match=rf"vn_wqi_breakpoints.csv:{line}: .*must not decrease"):
        wqi_tables()


def test_a_missing_parameter_or_a_text_cell_is_reported(data_copy):
    path = data_copy / "vn_wqi_breakpoints.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Zn,III,mg/L,0.5,", "Zn,III,mg/L,zero,"), encoding="utf-8")
    with pytest.raises(TableError, match="bp1 is not a number: 'zero'"):
        wqi_tables()
    path.write_text("\n".join(t for t in text.splitlines() if not t.startswith("Zn")),
                    encoding="utf-8")
    wqi_tables.cache_clear()
    with pytest.raises(TableError, match="Zn"):
        wqi_tables()
