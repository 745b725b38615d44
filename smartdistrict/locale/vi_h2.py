"""Vietnamese of the log-in throttle and the intake rate limits (branch h2)."""

VI = {
    # --- log-in throttle ---
    "Log-in refused for a while": "Tạm thời không thể đăng nhập",
    "This protects the account from password guessing. If you forgot your password, ask an administrator to reset it.": "Biện pháp này bảo vệ tài khoản khỏi việc dò mật khẩu. Nếu quên mật khẩu, hãy đề nghị quản trị viên đặt lại.",
    "Back to the log-in page": "Quay lại trang đăng nhập",
}
