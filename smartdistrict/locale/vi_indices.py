"""Vietnamese for the environment indices (VN_WQI, VN_AQI, QCVN 08): calculator, command."""

VI = {
    "Unknown parameter %(parameter)s. Known parameters: %(known)s.":
        "Tham số %(parameter)s không được hỗ trợ. Các tham số hợp lệ: %(known)s.",
    "%(parameter)s must be a number from 0 to %(max)s; got %(value)s.":
        "%(parameter)s phải là một số từ 0 đến %(max)s; giá trị nhận được: %(value)s.",
    "%(parameter)s must be a number, zero or more; got %(value)s.":
        "%(parameter)s phải là một số không âm; giá trị nhận được: %(value)s.",
    "Every column must be one-dimensional and of the same length.":
        "Mọi cột phải là mảng một chiều và có cùng độ dài.",
    "Give a value for %(parameter)s.": "Hãy nhập giá trị cho %(parameter)s.",
    "Group IV (organic matter and nutrients) needs at least %(needed)d usable parameters; "
    "%(given)d given. Add any of: %(candidates)s.":
        "Nhóm IV (hữu cơ và dinh dưỡng) cần ít nhất %(needed)d thông số dùng được; mới có "
        "%(given)d. Hãy bổ sung một trong các thông số: %(candidates)s.",
    "At least %(needed)d of the 5 parameter groups need data; %(given)d have it. "
    "Add data for any of the groups: %(candidates)s.":
        "Cần dữ liệu của ít nhất %(needed)d trong 5 nhóm thông số; mới có %(given)d nhóm. "
        "Hãy bổ sung dữ liệu cho một trong các nhóm: %(candidates)s.",
    "DO is used as percent saturation: give the water temperature too.":
        "DO được tính theo phần trăm bão hòa: hãy nhập cả nhiệt độ nước.",
    "Send the options as a JSON object.": "Hãy gửi các tùy chọn dưới dạng một đối tượng JSON.",
    "%(option)s must be one of: %(choices)s.":
        "%(option)s phải là một trong các giá trị: %(choices)s.",
    "Unknown option %(option)s.": "Tùy chọn %(option)s không được hỗ trợ.",
    "Send the sample as a JSON object.": "Hãy gửi mẫu dưới dạng một đối tượng JSON.",
    'Give the measured values as an object "parameters": {"pH": 7.1, ...}.':
        'Hãy gửi các giá trị đo trong đối tượng "parameters": {"pH": 7.1, ...}.',
    "%(where)s: a sample must be a JSON object.":
        "%(where)s: mỗi mẫu phải là một đối tượng JSON.",
    '%(where)s: "parameters" must be a JSON object.':
        '%(where)s: "parameters" phải là một đối tượng JSON.',
    "Cannot read %(file)s: %(error)s": "Không đọc được %(file)s: %(error)s",
    "%(file)s is not valid JSON: %(error)s": "%(file)s không phải JSON hợp lệ: %(error)s",
}
