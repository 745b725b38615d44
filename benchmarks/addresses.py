"""Addresses resolved per second, over the forms residents write."""

from __future__ import annotations

import datetime as dt
import time

import numpy as np

from benchmarks.report import Figure
from smartdistrict.core.errors import NotFound
from smartdistrict.geography.address import resolve_address

FORMS = [
    "{n} Nguyễn Xí, Phường {w}, Quận Bình Thạnh, TP. Hồ Chí Minh",
    "so {n} xo viet nghe tinh p{w} q binh thanh",
    "{n}/3 Bạch Đằng, P.{w}, Q.BT",
    "hẻm {n} Chu Văn An F{w} Bình Thạnh",
    "{n} Trường Sa, phường {w}, quận Bình Thạnh",
    "{n} Điện Biên Phủ, Phường Thạnh Mỹ Tây, TP.HCM",
    "{n} Thanh Đa, Phường Bình Quới",
    "{n} Lê Quang Định, phường Gia Định",
    "{n} Nơ Trang Long, Phường Bình Lợi Trung, Thành phố Hồ Chí Minh",
]
WARDS = [1, 2, 3, 5, 6, 7, 9, 11, 12, 13, 14, 15, 17, 19, 21, 22, 24, 25, 26, 27, 28]
COUNT = 50_000


def run() -> list[Figure]:
    rng = np.random.default_rng(7)
    texts = [
        FORMS[int(rng.integers(len(FORMS)))].format(
            n=int(rng.integers(1, 500)), w=WARDS[int(rng.integers(len(WARDS)))]
        )
        for _ in range(COUNT)
    ]
    date = dt.date(2026, 1, 1)
    resolve_address(texts[0], date)  # build the resolver
    resolved = refused = 0
    started = time.perf_counter()
    for text in texts:
        try:
            resolve_address(text, date)
            resolved += 1
        except NotFound:
            refused += 1
    elapsed = time.perf_counter() - started
    return [
        Figure(
            name="address → ward",
            value=f"{COUNT / elapsed:,.0f} addresses/s",
            goal="≥ 20,000 addresses/s",
            how=f"`resolve_address` on {COUNT:,} generated addresses in {len(FORMS)} forms "
            f"({resolved:,} resolved, {refused:,} refused: Phường 9 does not exist), "
            "one thread",
        )
    ]
