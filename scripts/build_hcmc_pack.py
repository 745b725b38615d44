"""Build the Ho Chi Minh City jurisdiction pack from the reference data in ../shared/data.

Run once when the reference data changes; the pack's files are committed and loaded by
`smartdistrict pack_load`. Nothing here is typed by hand: the former units (and which
of today's units each became) come from the predecessor column (`truocsapnhap`) of the
official list, the former Bình Thạnh history from its own table, the boundaries from
the official map. Usage: python scripts/build_hcmc_pack.py [SHARED_DATA_DIR]
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "smartdistrict" / "jurisdictions" / "packs" / "hcmc"
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

import shapely  # noqa: E402
from hcmc_pack_departments import slug, write_departments  # noqa: E402
from shapely.geometry import shape  # noqa: E402

from smartdistrict.core.text import fold  # noqa: E402

REFORM = "2025-07-01"
ENDED = "2025-06-30"
LAW_2025 = "Nghị quyết 1685/NQ-UBTVQH15"
LAW_PROVINCES = "Nghị quyết 202/2025/QH15"
KIND_OF_TEXT = {"phuong": "phuong", "xa": "xa", "dac khu": "dac_khu", "thi tran": "thi_tran"}
KIND_PREFIX = {"phuong": "Phường", "xa": "Xã", "dac_khu": "Đặc khu", "thi_tran": "Thị trấn"}
KIND_EN = {"phuong": "Ward", "xa": "Commune", "dac_khu": "Special Zone", "thi_tran": "Township"}
DISTRICT_KINDS = {
    "quan": ("quan", "Quận"), "huyen": ("huyen", "Huyện"), "thi xa": ("thi_xa", "Thị xã"),
    "thanh pho": ("thanh_pho_thuoc", "Thành phố"), "tp": ("thanh_pho_thuoc", "Thành phố"),
}
PROVINCES = {
    "79": ("Thành phố Hồ Chí Minh", "Ho Chi Minh City", "thanh_pho"),
    "74": ("Tỉnh Bình Dương", "Binh Duong Province", "tinh"),
    "77": ("Tỉnh Bà Rịa - Vũng Tàu", "Ba Ria - Vung Tau Province", "tinh"),
}
UNIT_COLUMNS = [
    "code", "gso_code", "level", "kind", "name", "name_en", "parent", "valid_from", "valid_to",
    "predecessors", "legal_basis", "population", "area_km2", "centre_lon", "centre_lat",
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def split_items(text: str) -> list[str]:
    """Split on commas outside parentheses."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [nfc(i) for i in items if i.strip()]


_DISTRICT = re.compile(
    r"\b(quận|huyện|thị xã|thành phố|tp\.?)\s+([^,()]+?)(?:\s+cũ)?\s*(?:,|\(|$)", re.IGNORECASE
)


def district_of(text: str) -> tuple[str, str] | None:
    """(kind, short name) of the last district-level unit named in ``text``."""
    found = None
    text = re.sub(r"\s+", " ", nfc(text))
    for match in _DISTRICT.finditer(text):
        word = fold(match.group(1)).rstrip(".")
        short = re.split(r"\s+(?:tỉnh|và)\s", match.group(2).strip())[0].strip()
        short = nfc(re.sub(r"\s+cũ$", "", short))
        if fold(short).startswith(("ho chi minh", "hcm")):
            continue
        found = (DISTRICT_KINDS[word][0], short)
    if found is None and (bare := re.search(r"\b(Gò Vấp|Hóc Môn|Tân Phú|Bình Tân)\s+cũ\b", text)):
        found = ("quan" if bare.group(1) != "Hóc Môn" else "huyen", bare.group(1))
    return found


def province_of(row: dict) -> str:
    seat = fold(row["trungtamhc"])
    if "binh duong" in seat:
        return "74"
    if "vung tau" in seat:
        return "77"
    return "79"


def parse_predecessors(
    text: str, default: tuple[str, str] | None, itself: str
) -> list[tuple[str, str, tuple]]:
    """[(kind, name, district)] of the units named in the predecessor column.

    "Không sáp nhập" (not merged) means the unit went on as itself; an item without its
    kind ("Rạch Ông" after "Phường 1, Phường 2") takes the kind of the item before it.
    """
    pending: list[tuple[str, str]] = []
    result: list[tuple[str, str, tuple | None]] = []
    previous_kind = None
    for item in split_items(text):
        if fold(item) == "khong sap nhap":
            item = itself
        district = None
        match = re.match(r"^(.*?)\s*\((.*)\)\s*$", item)
        if match:
            item, district = match.group(1), district_of(match.group(2)) or district_of(
                "quận " + match.group(2)
            )
        folded = fold(item)
        kind = next((KIND_OF_TEXT[k] for k in ("thi tran", "dac khu", "phuong", "xa")
                     if folded.startswith(k + " ")), None)
        if kind is None and folded.startswith("huyen "):
            result.append(("huyen", nfc(item), None))
            continue
        if kind is None and previous_kind is not None:
            kind, item = previous_kind, f"{KIND_PREFIX[previous_kind]} {item}"
        if kind is None:
            raise ValueError(f"unknown unit kind in {item!r}")
        previous_kind = kind
        name = nfc(item)
        pending.append((kind, name))
        if district is not None:
            result += [(k, n, district) for k, n in pending]
            pending = []
    result += [(k, n, default) for k, n in pending]
    return result


def main() -> None:
    hcmc = read_csv(SHARED / "hcmc" / "units_2025-07.csv")
    with open(SHARED / "hcmc" / "wards_2025-07.geojson", encoding="utf-8") as handle:
        official = json.load(handle)["features"]
    with open(PACK / "sources" / "hcmc_districts_pre2025.geojson", encoding="utf-8") as h:
        districts_pre = json.load(h)["features"]
    with open(SHARED / "binh-thanh" / "district_outline.geojson", encoding="utf-8") as h:
        outline = json.load(h)["features"][0]
    history = read_csv(PACK / "sources" / "binh_thanh_units.csv")
    legacy_centres = {}
    for row in read_csv(PACK / "sources" / "binh_thanh_wards_2025-01.csv"):
        number = row["address"].split(",")[0].removeprefix("Phường ").strip()
        legacy_centres[f"765.p{number}.2025"] = (row["longitude"], row["latitude"])

    # Exact names first ("Thanh An" and "Thạnh An" are two communes); folded names only
    # bridge the two spellings of a tone ("Bình Hòa" / "Bình Hoà").
    by_name = {nfc(f["properties"]["fullName"]).lower(): f for f in official}
    folded_count: dict[str, int] = defaultdict(int)
    for f in official:
        folded_count[fold(f["properties"]["fullName"])] += 1
    by_folded = {fold(f["properties"]["fullName"]): f for f in official
                 if folded_count[fold(f["properties"]["fullName"])] == 1}
    units: list[dict] = [{
        "code": "79", "gso_code": "79", "level": "city", "kind": "thanh_pho",
        "name": "Thành phố Hồ Chí Minh", "name_en": "Ho Chi Minh City", "parent": "",
        "valid_from": "", "valid_to": "", "predecessors": "74;77", "legal_basis": LAW_PROVINCES,
        # the seat of the city's People's Committee (86 Lê Thánh Tôn, phường Sài Gòn)
        "centre_lon": "106.7009", "centre_lat": "10.7769",
    }]
    for code in ("74", "77"):
        name, name_en, kind = PROVINCES[code]
        units.append({"code": code, "gso_code": code, "level": "city", "kind": kind,
                      "name": name, "name_en": name_en, "valid_to": ENDED})

    # Former district-level units: HCMC's from the official outlines, the provinces' as named.
    districts: dict[tuple[str, str], str] = {}  # (province, folded short name) → code
    for feature in districts_pre:
        props = feature["properties"]
        folded = fold(props["name"])
        word = next(w for w in ("quan", "huyen", "thanh pho") if folded.startswith(w))
        kind, _prefix = DISTRICT_KINDS[word]
        short = props["name"].split(" ", 1 if word != "thanh pho" else 2)[-1]
        districts[("79", fold(short))] = props["code"]
        units.append({
            "code": props["code"], "gso_code": props["code"], "level": "district", "kind": kind,
            "name": props["name"], "name_en": "", "parent": "79", "valid_to": ENDED,
        })

    outlines = [(shape(f["geometry"]), f["properties"]["name"]) for f in districts_pre]

    def district_by_place(feature: dict) -> tuple[str, str] | None:
        """The former HCMC district holding most of the unit (when the seat names none)."""
        geometry = shape(feature["geometry"])
        best = max(outlines, key=lambda o: o[0].intersection(geometry).area)
        if best[0].intersection(geometry).area < 0.5 * geometry.area:
            return None
        name = best[1]
        word = next(w for w in ("quan", "huyen", "thanh pho") if fold(name).startswith(w))
        return DISTRICT_KINDS[word][0], name.split(" ", 1 if word != "thanh pho" else 2)[-1]

    def district_code(province: str, district: tuple[str, str] | None) -> str:
        if district is None:
            return province
        kind, short = district
        key = (province, fold(short))
        if key not in districts:
            code = f"{province}.{slug(short)}"
            districts[key] = code
            prefix = next(p for k, p in DISTRICT_KINDS.values() if k == kind)
            units.append({
                "code": code, "gso_code": "", "level": "district", "kind": kind,
                "name": f"{prefix} {short}", "name_en": "", "parent": province,
                "valid_to": ENDED,
            })
        return districts[key]

    # Former Bình Thạnh (district 765): its own history, kept with its codes.
    for row in history:
        if row["level"] == "ward" and row["valid_from"] != REFORM:
            kind = "phuong"
            centre = legacy_centres.get(row["code"]) or legacy_centres.get(
                row["code"].replace(".2024", ".2025"), ("", ""))
            units.append({**{k: row[k] for k in (
                "code", "gso_code", "level", "name", "name_en", "parent", "valid_from",
                "valid_to", "predecessors", "legal_basis")}, "kind": kind,
                "centre_lon": centre[0], "centre_lat": centre[1]})

    # Today's units, and the former units each was made from.
    former: dict[str, dict] = {}
    successors: dict[str, list[str]] = defaultdict(list)
    names_seen: dict[str, int] = defaultdict(int)
    for row in hcmc:
        names_seen[fold(row["tenhc"])] += 1
    provincial = {fold(d[1]): province_of(r) for r in hcmc
                  if province_of(r) != "79" and (d := district_of(r["trungtamhc"]))}
    for row in sorted(hcmc, key=lambda r: fold(r["tenhc"])):
        full = f"{row['loai']} {row['tenhc']}"
        feature = by_name.get(nfc(full).lower()) or by_folded[fold(full)]
        props = feature["properties"]
        kind = KIND_OF_TEXT[fold(row["loai"])]
        code = props["code"]
        default = district_of(row["trungtamhc"]) or district_by_place(feature)
        province = province_of(row)
        if province == "79" and default and fold(default[1]) in provincial:
            province = provincial[fold(default[1])]
        predecessors = []
        itself = f"{KIND_PREFIX[kind]} {nfc(row['tenhc'])}"
        for old_kind, old_name, district in parse_predecessors(
            row["truocsapnhap"], default, itself
        ):
            if old_kind == "huyen":  # a whole district became this unit (Côn Đảo)
                parent = district_code(province, ("huyen", old_name.split(" ", 1)[1]))
                predecessors.append(parent)
                continue
            parent = district_code(province, district)
            if parent == "765":  # the former Bình Thạnh's own history is already above
                number = old_name.removeprefix("Phường ").strip()
                predecessors.append(f"765.p{number}.2025")
                continue
            old_code = f"{parent}.{slug(old_name)}"
            former.setdefault(old_code, {
                "code": old_code, "gso_code": "", "level": "ward", "kind": old_kind,
                "name": old_name, "name_en": "", "parent": parent, "valid_to": ENDED,
            })
            successors[old_code].append(code)
            predecessors.append(old_code)
        units.append({
            "code": code, "gso_code": code, "level": "ward", "kind": kind,
            "name": f"{KIND_PREFIX[kind]} {nfc(row['tenhc'])}",
            "name_en": props.get("fullNameEn") or f"{props.get('nameEn')} {KIND_EN[kind]}",
            "parent": "79", "valid_from": REFORM, "valid_to": "",
            "predecessors": ";".join(dict.fromkeys(predecessors)), "legal_basis": LAW_2025,
            "population": row["dansonguoi"], "area_km2": row["dientichkm2"],
            "centre_lon": row["kinhdo"], "centre_lat": row["vido"],
        })
    # Parents before children: the city and provinces, districts, the former Bình Thạnh,
    # the former units, today's units.
    top = [u for u in units if u["level"] == "city"]
    district_rows = [u for u in units if u["level"] == "district"]
    history_rows = [u for u in units if u["code"].startswith("765.")]
    today_rows = [u for u in units if u.get("valid_from") == REFORM]
    units = top + district_rows + history_rows + sorted(
        former.values(), key=lambda u: u["code"]) + today_rows

    PACK.mkdir(parents=True, exist_ok=True)
    with open(PACK / "units.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, UNIT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for unit in units:
            writer.writerow({c: unit.get(c, "") for c in UNIT_COLUMNS})

    grown = [shape(f["geometry"]).buffer(0.0002) for f in official]  # closes the seams
    city = shapely.union_all(grown).buffer(-0.0002)
    city = shapely.Polygon(city.exterior) if city.geom_type == "Polygon" else shapely.MultiPolygon(
        [shapely.Polygon(p.exterior) for p in city.geoms if p.area > 1e-7])
    city = shapely.set_precision(city.simplify(0.0002), 1e-6)
    features = [
        {"type": "Feature", "properties": {"code": "79", "name": "Thành phố Hồ Chí Minh",
                                           "derived": "union of the 168 official boundaries"},
         "geometry": json.loads(shapely.to_geojson(city))},
        {"type": "Feature", "properties": {"code": "765", "name": "Quận Bình Thạnh"},
         "geometry": outline["geometry"]},
    ]
    for feature in sorted(official, key=lambda f: f["properties"]["code"]):
        features.append({"type": "Feature",
                         "properties": {"code": feature["properties"]["code"],
                                        "name": feature["properties"]["fullName"]},
                         "geometry": feature["geometry"]})
    with open(PACK / "boundaries.geojson", "w", encoding="utf-8") as handle:
        json.dump({"type": "FeatureCollection", "features": features}, handle,
                  ensure_ascii=False, separators=(",", ":"))

    split = {c: s for c, s in successors.items() if len(set(s)) > 1}
    today = [u for u in units if u.get("valid_from") == REFORM]
    print(f"units: {len(units)} ({len(today)} today, {len(former)} former from the "
          f"predecessor column, {len(split)} of them split between several)")
    write_departments(today, pack=PACK, ended=ENDED)


if __name__ == "__main__":
    main()
