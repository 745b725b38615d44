"""Shared raw material for demo report texts: Bình Thạnh places, times, polite phrases.

Templates use ``{slot}`` fields; a slot is one of COMMON_SLOTS or one that the
category defines (urban.py, environment.py). demo_texts.py checks every field at
import, so a misspelt slot fails loudly instead of producing "{stret}".
"""

from __future__ import annotations

import random

STREETS = (
    "Xô Viết Nghệ Tĩnh", "Bạch Đằng", "Điện Biên Phủ", "Nơ Trang Long", "Phan Đăng Lưu",
    "Lê Quang Định", "Đinh Bộ Lĩnh", "Chu Văn An", "Nguyễn Xí", "Ung Văn Khiêm",
    "Phạm Viết Chánh", "Nguyễn Hữu Cảnh", "Bình Quới", "Thanh Đa", "Trường Sa",
    "Nguyễn Văn Đậu", "Phan Văn Trị", "Bùi Đình Túy", "Đinh Tiên Hoàng", "Vạn Kiếp",
    "Phan Xích Long", "Nguyễn Gia Trí", "Lê Văn Duyệt", "Bùi Hữu Nghĩa", "Phạm Văn Đồng",
    "Hoàng Hoa Thám", "Nguyễn Thiện Thuật", "Võ Oanh", "Huỳnh Đình Hai", "Trần Bình Trọng",
)  # fmt: skip

LANDMARKS = (
    "chợ Bà Chiểu", "chợ Thị Nghè", "chợ Bình Hòa", "chợ Văn Thánh", "cầu Thị Nghè",
    "cầu Bình Triệu", "cầu Sài Gòn", "cầu Kinh Thanh Đa", "cầu Bình Lợi", "ngã tư Hàng Xanh",
    "Lăng Ông Bà Chiểu", "bến xe Miền Đông cũ", "bệnh viện Nhân dân Gia Định",
    "bệnh viện Ung Bướu", "chung cư Thanh Đa", "khu du lịch Bình Quới", "Landmark 81",
    "trường tiểu học Bình Hòa", "công viên Văn Thánh", "UBND phường",
)  # fmt: skip

WARDS = (
    "phường 1", "phường 2", "phường 3", "phường 5", "phường 7", "phường 11", "phường 12",
    "phường 13", "phường 14", "phường 15", "phường 17", "phường 19", "phường 21",
    "phường 22", "phường 24", "phường 25", "phường 26", "phường 27", "phường 28",
    "phường Bình Thạnh", "phường Gia Định", "phường Bình Lợi Trung", "phường Thạnh Mỹ Tây",
    "phường Bình Quới",
)  # fmt: skip

TIMES = (
    "tối qua", "sáng nay", "chiều nay", "lúc 10 giờ đêm", "khoảng 2 giờ sáng", "hồi trưa",
    "chiều hôm qua", "từ sáng sớm", "tối hôm kia", "lúc 5h chiều", "khoảng 11h đêm",
    "sáng chủ nhật", "đêm qua", "lúc 7 giờ sáng",
)  # fmt: skip

DURATIONS = (
    "đã 3 ngày", "cả tuần nay", "hơn 1 tháng", "mấy hôm nay", "gần 2 tuần", "đã 5 ngày",
    "từ đầu tháng", "cả tháng nay", "đã mấy bữa", "từ tuần trước",
)  # fmt: skip

CANALS = (
    "rạch Xuyên Tâm", "rạch Văn Thánh", "kênh Nhiêu Lộc – Thị Nghè", "rạch Cầu Bông",
    "rạch Cầu Sơn", "rạch Lăng", "rạch Miếu Nổi", "kênh Thanh Đa", "rạch Ông Tranh",
)  # fmt: skip

BRIDGES = (
    "Thị Nghè", "Bình Triệu", "Sài Gòn", "Bình Lợi", "Kinh Thanh Đa", "Văn Thánh",
    "Bông", "Điện Biên Phủ",
)  # fmt: skip

PARKS = ("Văn Thánh", "bờ sông Sài Gòn", "Thanh Đa", "Lê Văn Tám", "khu phố", "Bình Quới")


def _render_places(rng: random.Random, count: int) -> tuple[str, ...]:
    """Pre-render addresses once so that filling a template is only a list lookup."""
    forms = (
        "hẻm {n} {s}", "trước nhà số {n} {s}", "đầu hẻm {n}/{m} {s}", "gần {l}",
        "đoạn {s} gần {l}", "hẻm xe hơi {n} {s}", "khu phố {k}, {w}", "trong hẻm {n} {s}",
        "số {n}/{m} {s}", "cuối hẻm {n} {s}", "ngay {l}", "trên đường {s}, {w}",
    )  # fmt: skip
    places = []
    for _ in range(count):
        form = rng.choice(forms)
        places.append(
            form.format(
                n=rng.randint(1, 480),
                m=rng.randint(1, 60),
                s=rng.choice(STREETS),
                l=rng.choice(LANDMARKS),
                k=rng.randint(1, 9),
                w=rng.choice(WARDS),
            )
        )
    return tuple(places)


def _render_junctions(rng: random.Random, count: int) -> tuple[str, ...]:
    kinds = ("ngã tư", "giao lộ", "ngã ba", "nút giao")
    junctions = ["ngã tư Hàng Xanh", "vòng xoay Hàng Xanh", "ngã năm Bình Hòa"]
    while len(junctions) < count:
        first, second = rng.sample(STREETS, 2)
        junctions.append(f"{rng.choice(kinds)} {first} - {second}")
    return tuple(junctions)


_PLACE_RNG = random.Random(20240601)

COMMON_SLOTS: dict[str, tuple[str, ...]] = {
    "street": STREETS,
    "landmark": LANDMARKS,
    "ward": WARDS,
    "time": TIMES,
    "dur": DURATIONS,
    "place": _render_places(_PLACE_RNG, 600),
    "hem": tuple(str(n) for n in range(2, 400, 3)),
    "n": tuple(str(n) for n in range(1, 60)),
    "canal": CANALS,
    "bridge": BRIDGES,
    "park": PARKS,
    "junction": _render_junctions(_PLACE_RNG, 80),
}

OPENINGS = (
    "Kính gửi UBND phường.", "Chào anh chị cán bộ phường,", "Xin phản ánh:",
    "Bà con khu phố phản ánh:", "Cho em phản ánh việc này:", "Kính gửi Ủy ban nhân dân phường,",
    "Dạ chào phường,", "Tôi là người dân {ward}, xin phản ánh:", "Nhờ phường xem giúp:",
    "Phản ánh khẩn:", "Gửi cán bộ khu phố,",
)  # fmt: skip

DURATION_SENTENCES = (
    "Tình trạng này {dur} rồi.", "Đã {dur} mà chưa ai xử lý.", "Chuyện này kéo dài {dur}.",
    "Đã báo tổ dân phố, {dur} vẫn vậy.", "Tình trạng kéo dài {dur}, không ai xử lý.",
    "Trước đây vẫn bình thường, {dur} mới bị như vậy.",
)  # fmt: skip

CLOSINGS = (
    "Kính đề nghị chính quyền xử lý.", "Mong chính quyền xử lý sớm.", "Xin cảm ơn.",
    "Mong phường sớm kiểm tra.", "Nhờ anh chị xuống xem giùm.", "Kính đề nghị UBND phường xem xét.",
    "Rất mong được phản hồi.", "Cảm ơn phường nhiều.", "Mong cơ quan chức năng vào cuộc.",
    "Đề nghị xử lý dứt điểm.", "Bà con ở đây hết chịu nổi rồi.", "Khổ quá trời luôn.",
    "Mong được giải quyết sớm, bà con khổ lắm.", "Nhờ phường làm giùm, cảm ơn nhiều.",
)  # fmt: skip
