"""Demo templates of complaints about buses and bus stops (category giao-thong-cong-cong,
about 8 % of the city hotline's traffic). Same layout as urban.py."""

from __future__ import annotations

# fmt: off
CATEGORIES: dict[str, dict[str, object]] = {
    "giao-thong-cong-cong": {
        "slots": {
            "route": ("tuyến 8", "tuyến 19", "tuyến 30", "tuyến 36", "tuyến 44", "tuyến 53",
                      "tuyến 56", "tuyến 93", "tuyến 104", "tuyến 148", "số 6",
                      "số 18"),
            "wait": ("40 phút", "gần một tiếng", "hơn 30 phút", "cả tiếng đồng hồ",
                     "45 phút"),
        },
        "core": (
            "Xe buýt {route} chạy ngang trạm {street} không dừng đón khách dù có người vẫy.",
            "Nhà chờ xe buýt trên đường {street} bị tốc mái, ghế ngồi gãy hết.",
            "Tài xế xe buýt {route} chạy ẩu, phanh gấp làm hành khách té ngã.",
            "Phụ xe buýt {route} nói năng thô lỗ với người già, không cho lên xe.",
            "Đứng chờ xe buýt {route} ở trạm {landmark} {wait} mà không có chuyến nào.",
            "Trạm dừng xe buýt {street} bị hàng quán lấn chiếm, khách không có chỗ đứng chờ.",
            "Bảng thông tin ở trạm xe buýt {landmark} ghi sai giờ chạy và số tuyến.",
            "Xe buýt {route} xuống cấp, máy lạnh không chạy, ghế rách, cửa kẹt.",
            "Xe buýt {route} dừng giữa lòng đường cho khách xuống, rất nguy hiểm.",
            "Phụ xe buýt {route} thu tiền vé nhưng không xé vé cho khách.",
            "Trạm xe buýt gần {landmark} bị dời đi mà không có thông báo, khách đứng chờ sai chỗ.",
            "Xe buýt {route} giãn chuyến, giờ cao điểm chờ {wait} mới có xe.",
        ),
        "detail": (
            "Đề nghị đơn vị vận tải chấn chỉnh.",
            "Người đi xe buýt rất bức xúc.",
            "Mong Trung tâm Quản lý giao thông công cộng kiểm tra.",
            "Học sinh và người già đi xe buýt rất khổ.",
        ),
    },
}
# fmt: on
