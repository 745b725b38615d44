"""Vietnamese for issue 13, items 1, 5 and 6: reading time window, dead letters, request guard."""

VI = {
    "The time %(value)s is before %(earliest)s, the earliest time this platform accepts.": "Thời điểm %(value)s trước %(earliest)s, thời điểm sớm nhất hệ thống chấp nhận.",
    "The time %(value)s has a time-zone offset no place uses; give whole minutes from -12:00 to +14:00, e.g. +07:00.": "Thời điểm %(value)s có độ lệch múi giờ không nơi nào dùng; hãy ghi số phút tròn trong khoảng -12:00 đến +14:00, ví dụ +07:00.",
    "Storing this message failed (%(error)s); it was not stored.": "Lưu bản tin này bị lỗi (%(error)s); bản tin chưa được lưu.",
    "origin": "nơi gửi",
    "The MQTT topic, the HTTP path and token, or the file name.": "Chủ đề MQTT, đường dẫn HTTP và mã khóa, hoặc tên tệp.",
    "payload": "nội dung",
    "The message or row as received (long payloads are cut).": "Bản tin hoặc dòng dữ liệu như khi nhận được (nội dung dài bị cắt bớt).",
    "reason code": "mã lý do",
    "reason": "lý do",
    "dead letter": "bản tin không lưu được",
    "dead letters": "bản tin không lưu được",
    "Dead letters: %(day)d in the last 24 hours, %(week)d in 7 days, %(total)d kept": "Bản tin không lưu được: %(day)d trong 24 giờ qua, %(week)d trong 7 ngày, %(total)d đang lưu giữ",
    "Messages or readings from the stations that could not be stored in the last 7 days: %(n)s.": "Số bản tin hoặc số liệu từ các trạm không lưu được trong 7 ngày qua: %(n)s.",
    "See why": "Xem lý do",
    "Give a time between the years %(first)d and %(last)d.": "Hãy nhập thời điểm trong khoảng từ năm %(first)d đến năm %(last)d.",
    "Too many files in one request: send at most %(max)d.": "Quá nhiều tệp trong một yêu cầu: gửi tối đa %(max)d tệp.",
    "Too many fields in one request: send at most %(max)d.": "Quá nhiều trường trong một yêu cầu: gửi tối đa %(max)d trường.",
    "The request is too large.": "Yêu cầu quá lớn.",
    "Choose a date from %(first)s to %(last)s.": "Hãy chọn ngày từ %(first)s đến %(last)s.",
}
