"""The departments of the Ho Chi Minh City pack (departments.csv), for build_hcmc_pack.py:
one rule per kind of department, from today's units, plus the city's departments and
companies and the former Bình Thạnh's offices that ended with the 2025 reform."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from smartdistrict.core.text import fold


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def write_departments(today: list[dict], *, pack: Path, ended: str) -> None:
    """A People's Committee, an economic/urban office and a police station per unit, and
    the city's departments and companies; the former Bình Thạnh's departments until 2025."""
    names_seen: dict[str, int] = defaultdict(int)
    for unit in today:
        names_seen[fold(unit["name"].split(" ", 1)[1]) if not unit["name"].startswith(
            "Đặc khu") else fold(unit["name"].removeprefix("Đặc khu ").strip())] += 1
    rows = []
    for unit in today:
        short = unit["name"].split(" ", 1)[1] if not unit["name"].startswith("Đặc khu") else (
            unit["name"].removeprefix("Đặc khu ").strip())
        kind_word = {"phuong": "phường", "xa": "xã", "dac_khu": "đặc khu"}[unit["kind"]]
        s = slug(short) if names_seen[fold(short)] == 1 else f"{slug(short)}-{unit['code']}"
        en = unit["name_en"]
        office = ("Phòng Kinh tế, Hạ tầng và Đô thị" if unit["kind"] == "phuong"
                  else "Phòng Kinh tế")
        office_en = ("Economy, Infrastructure and Urban Affairs Office" if unit["kind"] == "phuong"
                     else "Economy Office")
        rows += [
            (f"ubnd-{s}", f"Ủy ban nhân dân {kind_word} {short}", f"People's Committee of {en}",
             "ward_committee", unit["code"], f"ubnd.{s}@example.gov.vn", ""),
            (f"kthtdt-{s}", f"{office} {kind_word} {short}", f"{office_en}, {en}",
             "urban_management", unit["code"], f"kinhte.{s}@example.gov.vn", ""),
            (f"ca-{s}", f"Công an {kind_word} {short}", f"Police of {en}", "police",
             unit["code"], f"congan.{s}@example.gov.vn", ""),
        ]
    everywhere = "79+"
    rows += [
        ("so-xay-dung", "Sở Xây dựng TP.HCM", "Department of Construction, Ho Chi Minh City",
         "urban_management", everywhere, "soxaydung@example.gov.vn", ""),
        ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường TP.HCM",
         "Department of Agriculture and Environment, Ho Chi Minh City", "environment", everywhere,
         "sonnmt@example.gov.vn", ""),
        ("cong-an-tphcm", "Công an TP.HCM", "Ho Chi Minh City Police", "police", everywhere,
         "congan@example.gov.vn", ""),
        ("thoat-nuoc-hcm", "Công ty TNHH MTV Thoát nước Đô thị TP.HCM",
         "Ho Chi Minh City Urban Drainage Company", "public_works", everywhere,
         "thoatnuoc@example.com.vn", ""),
        ("chieu-sang-hcm", "Công ty TNHH MTV Chiếu sáng công cộng TP.HCM",
         "Ho Chi Minh City Public Lighting Company", "public_works", everywhere,
         "chieusang@example.com.vn", ""),
        ("moi-truong-do-thi-hcm", "Công ty TNHH MTV Môi trường Đô thị TP.HCM",
         "Ho Chi Minh City Urban Environment Company", "public_works", everywhere,
         "moitruong@example.com.vn", ""),
        ("cong-vien-cay-xanh-hcm", "Công ty TNHH MTV Công viên Cây xanh TP.HCM",
         "Ho Chi Minh City Parks and Trees Company", "public_works", everywhere,
         "cayxanh@example.com.vn", ""),
        ("qlgtcc-hcm", "Trung tâm Quản lý Giao thông công cộng TP.HCM",
         "Public Transport Management Centre, Ho Chi Minh City", "other", everywhere,
         "giaothongcongcong@example.gov.vn", ""),
        ("cong-ich-binh-thanh", "Công ty TNHH MTV Dịch vụ Công ích Bình Thạnh",
         "Binh Thanh Public Services Company", "public_works",
         "26944+;26929+;26905+;26956+;26911+", "congich.binhthanh@example.com.vn", ""),
        ("qldt-quan-binh-thanh", "Phòng Quản lý đô thị quận Bình Thạnh",
         "Urban Management Office, Binh Thanh District", "urban_management", "765+",
         "", ended),
        ("tnmt-quan-binh-thanh", "Phòng Tài nguyên và Môi trường quận Bình Thạnh",
         "Natural Resources and Environment Office, Binh Thanh District", "environment",
         "765+", "", ended),
        ("ca-quan-binh-thanh", "Công an quận Bình Thạnh", "Binh Thanh District Police", "police",
         "765+", "", ended),
    ]
    for number in (1, 2, 3, 5, 6, 7, 11, 12, 13, 14, 15, 17, 19, 21, 22, 24, 25, 26, 27, 28):
        codes = [f"765.p{number}.2024"] + (
            [f"765.p{number}.2025"] if number not in (3, 6, 15, 21, 24) else [])
        rows.append((f"ubnd-phuong-{number}-cu", f"Ủy ban nhân dân Phường {number} (cũ)",
                     f"People's Committee of former Ward {number}", "ward_committee",
                     ";".join(codes), "", ended))
    with open(pack / "departments.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "name_en", "kind", "units", "email", "valid_to"])
        writer.writerows(rows)
    print(f"departments: {len(rows)}")
