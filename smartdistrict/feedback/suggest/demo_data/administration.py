"""Demo templates of complaints about how an administrative procedure was handled at a
one-stop shop (category thu-tuc-hanh-chinh). Same layout as urban.py."""

from __future__ import annotations

# fmt: off
CATEGORIES: dict[str, dict[str, object]] = {
    "thu-tuc-hanh-chinh": {
        "slots": {
            "proc": ("đăng ký khai sinh", "chứng thực bản sao", "đăng ký kết hôn",
                     "xác nhận tình trạng hôn nhân", "trích lục hộ tịch", "đăng ký khai tử",
                     "chứng thực chữ ký", "chứng thực hợp đồng"),
            "days": ("3 ngày", "một tuần", "hai tuần", "10 ngày", "nửa tháng"),
        },
        "core": (
            "Nộp hồ sơ {proc} ở bộ phận một cửa {ward} đã quá hẹn {days} mà chưa có kết quả.",
            "Cán bộ tiếp nhận hồ sơ {proc} ở {ward} thái độ khó chịu, không hướng dẫn.",
            "Làm thủ tục {proc} phải đi lại nhiều lần vì mỗi lần cán bộ đòi thêm một loại giấy.",
            "Hồ sơ {proc} bị trả về mà không ghi rõ lý do, phải nộp lại từ đầu.",
            "Bộ phận một cửa {ward} bắt chờ hơn hai tiếng mới tới lượt nộp hồ sơ {proc}.",
            "Phiếu hẹn trả kết quả {proc} ghi một ngày nhưng tới nơi lại bảo chưa xong.",
            "Cán bộ một cửa yêu cầu nộp giấy tờ không có trong danh mục niêm yết khi làm {proc}.",
            "Quầy tiếp nhận hồ sơ {proc} ở {ward} không có người ngồi trong giờ làm việc.",
            "Thủ tục {proc} niêm yết không rõ ràng, mỗi cán bộ hướng dẫn một kiểu.",
            "Hệ thống lấy số thứ tự ở bộ phận một cửa {ward} bị hư, người dân chen lấn.",
            "Bị thu thêm phí ngoài quy định khi làm {proc} tại phường.",
            "Nộp hồ sơ {proc} trực tuyến {days} rồi vẫn chưa được phường xử lý.",
        ),
        "detail": (
            "Đề nghị phường xem xét thái độ phục vụ.",
            "Mong được giải quyết đúng hẹn.",
            "Người dân mất nhiều ngày công.",
            "Xin phường kiểm tra và trả lời.",
        ),
    },
}
# fmt: on
