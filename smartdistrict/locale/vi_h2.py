"""Vietnamese of the log-in throttle and the intake rate limits (branch h2)."""

VI = {
    # --- log-in throttle ---
    "Log-in refused for a while": "Tạm thời không thể đăng nhập",
    "This protects the account from password guessing. If you forgot your password, ask an administrator to reset it.": "Biện pháp này bảo vệ tài khoản khỏi việc dò mật khẩu. Nếu quên mật khẩu, hãy đề nghị quản trị viên đặt lại.",
    "Back to the log-in page": "Quay lại trang đăng nhập",
    # --- intake rate limits ---
    "Too many submissions from your connection or key: please try again in %(seconds)d seconds.": "Quá nhiều lượt gửi từ kết nối hoặc khóa của bạn: vui lòng thử lại sau %(seconds)d giây.",
    "Many reports were sent from your connection in a short time, so this one was not received. Please send it again in about %(minutes)s min.": "Nhiều phản ánh đã được gửi từ kết nối của bạn trong thời gian ngắn nên phản ánh này chưa được tiếp nhận. Vui lòng gửi lại sau khoảng %(minutes)s phút.",
    "Too many requests from this address, key or account; the Retry-After header (and `retry_after`) says after how many seconds to try again.": "Quá nhiều yêu cầu từ địa chỉ, khóa hoặc tài khoản này; tiêu đề Retry-After (và `retry_after`) cho biết sau bao nhiêu giây thì thử lại.",
    # --- photo limits ---
    "The photos are too large together: the limit is %(limit)s MB per report.": "Tổng dung lượng các ảnh quá lớn: tối đa %(limit)s MB cho mỗi phản ánh.",
    "The photo has too many pixels to process: the limit is %(limit)s megapixels.": "Ảnh có quá nhiều điểm ảnh để xử lý: tối đa %(limit)s megapixel.",
    "The photos have too many pixels together: the limit is %(limit)s megapixels per report. Send fewer or smaller photos.": "Các ảnh có quá nhiều điểm ảnh cộng lại: tối đa %(limit)s megapixel cho mỗi phản ánh. Hãy gửi ít ảnh hơn hoặc ảnh nhỏ hơn.",
}
