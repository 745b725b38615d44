"""Vietnamese of the residents' portal (home, report form, confirmation, tracking).

Strings shared with other areas ("Category", "Name", "Photos"…) are translated in their
tables (vi_translations.py, vi_console.py) and not repeated here, so that one msgid has one
translation."""

VI = {
    # Frame and home
    "Residents": "Người dân",
    "Residents' reports": "Phản ánh của người dân",
    "Report a problem": "Gửi phản ánh",
    "Report a problem in your neighbourhood": "Phản ánh vấn đề nơi bạn sống",
    "A flooded alley, a broken street light, rubbish dumped on the pavement: tell the ward, "
    "follow the answer.":
        "Hẻm ngập nước, đèn đường hỏng, rác đổ trên vỉa hè: báo cho phường và theo dõi kết quả "
        "xử lý.",
    "This month (%(month)s)": "Tháng này (%(month)s)",
    "Reports received": "Phản ánh tiếp nhận",
    "Reports resolved": "Phản ánh đã xử lý",
    "Resolved on time": "Xử lý đúng hạn",
    "Recent reports on the map": "Phản ánh gần đây trên bản đồ",
    "Map of the wards and of recent reports": "Bản đồ các phường và các phản ánh gần đây",
    "The map needs JavaScript. The wards are listed below.":
        "Bản đồ cần JavaScript. Danh sách các phường ở bên dưới.",
    "The background map could not be loaded; ward outlines and reports are still shown.":
        "Không tải được nền bản đồ; ranh giới phường và các phản ánh vẫn được hiển thị.",
    "approximate boundary": "ranh giới gần đúng",
    "Follow this report": "Theo dõi phản ánh này",
    "Legend": "Chú giải",
    "approximate ward boundary": "ranh giới phường gần đúng",
    "Wards": "Các phường",
    "For staff and developers": "Dành cho cán bộ và nhà phát triển",
    # Report form
    "Two short steps; then you get a code to follow your report.":
        "Hai bước ngắn; sau đó bạn nhận mã để theo dõi phản ánh.",
    "Please check the fields marked below.": "Vui lòng kiểm tra các ô được đánh dấu bên dưới.",
    "For safety, photos are not kept when the form is shown again: please choose them again.":
        "Vì an toàn, ảnh không được giữ lại khi biểu mẫu hiện lại: vui lòng chọn lại ảnh.",
    "Finding your location…": "Đang xác định vị trí của bạn…",
    "Your location could not be found: place the pin on the map or type the address.":
        "Không xác định được vị trí của bạn: hãy ghim trên bản đồ hoặc nhập địa chỉ.",
    "At most %(n)s photos.": "Tối đa %(n)s ảnh.",
    "Preparing photos…": "Đang chuẩn bị ảnh…",
    "Remove": "Bỏ",
    "Chosen photo": "Ảnh đã chọn",
    "Sending…": "Đang gửi…",
    "The report could not be sent (no connection?). Nothing was lost: try again.":
        "Chưa gửi được phản ánh (mất kết nối?). Không có gì bị mất: hãy thử lại.",
    "Where is the problem?": "Vấn đề ở đâu?",
    "Tap the map to place a pin (drag it to adjust), use your location, or type the address "
    "with its ward.":
        "Chạm vào bản đồ để ghim vị trí (kéo ghim để chỉnh), dùng vị trí của bạn, hoặc nhập "
        "địa chỉ có tên phường.",
    "Map: tap to place the pin": "Bản đồ: chạm để ghim vị trí",
    "The problem is here": "Vấn đề ở đây",
    "The map needs JavaScript: type the address with its ward below.":
        "Bản đồ cần JavaScript: hãy nhập địa chỉ có tên phường bên dưới.",
    "The background map could not be loaded; ward outlines are still shown.":
        "Không tải được nền bản đồ; ranh giới phường vẫn được hiển thị.",
    "Use my location": "Dùng vị trí của tôi",
    "(street and ward)": "(số nhà, đường và phường)",
    "Find the ward": "Tìm phường",
    "For example: 12 Nguyễn Xí, Phường Bình Lợi Trung. With a pin, the address only helps "
    "staff find the place.":
        "Ví dụ: 12 Nguyễn Xí, Phường Bình Lợi Trung. Khi đã ghim trên bản đồ, địa chỉ chỉ giúp "
        "cán bộ tìm đến nơi.",
    "Ward:": "Phường:",
    "formerly %(named)s": "trước đây là %(named)s",
    "approximate boundary: near a ward's edge, staff check the ward":
        "ranh giới gần đúng: nếu ở sát ranh giới, cán bộ sẽ kiểm tra lại phường",
    "What is the problem?": "Vấn đề là gì?",
    "Describe the problem": "Mô tả vấn đề",
    "What, since when, how serious. At least 10 characters.":
        "Chuyện gì, từ khi nào, mức độ ra sao. Ít nhất 10 ký tự.",
    "Suggested from your description:": "Gợi ý theo mô tả của bạn:",
    "Choose one, or pick another category in the list.":
        "Chọn một gợi ý, hoặc chọn lĩnh vực khác trong danh sách.",
    "Only for “%(name)s”": "Chỉ cho “%(name)s”",
    "(required)": "(bắt buộc)",
    "Photos (optional, up to %(n)s)": "Ảnh (không bắt buộc, tối đa %(n)s ảnh)",
    "JPEG, PNG or WebP, at most %(mb)s MB each. They are made smaller on your phone before "
    "sending, and any location data inside them is removed.":
        "JPEG, PNG hoặc WebP, mỗi ảnh tối đa %(mb)s MB. Ảnh được thu nhỏ ngay trên điện thoại "
        "trước khi gửi, và dữ liệu vị trí trong ảnh được xóa bỏ.",
    "Your contact (optional)": "Thông tin liên hệ (không bắt buộc)",
    "Only the staff handling your report see your name, phone and e-mail: to ask you about "
    "the problem and to tell you the outcome (by e-mail, with a link to rate the answer). "
    "They never appear on public pages, and are deleted %(months)s months after the report "
    "is closed. Without them you can still follow your report with its code.":
        "Chỉ cán bộ xử lý phản ánh mới thấy họ tên, số điện thoại và e-mail của bạn: để hỏi "
        "thêm về vấn đề và báo kết quả cho bạn (qua e-mail, kèm đường dẫn để đánh giá). Các "
        "thông tin này không bao giờ hiện trên trang công khai và được xóa %(months)s tháng "
        "sau khi phản ánh kết thúc. Không để lại liên hệ, bạn vẫn theo dõi được phản ánh bằng mã.",
    "Send the report": "Gửi phản ánh",
    "Already reported nearby?": "Đã có người phản ánh gần đây?",
    "These open reports of the same kind are close to your pin. If one of them is your "
    "problem, say so: the department sees how many residents it affects. Otherwise, send "
    "yours.":
        "Các phản ánh cùng loại này đang được xử lý, ở gần vị trí bạn ghim. Nếu một trong số đó "
        "là vấn đề của bạn, hãy bấm xác nhận: đơn vị xử lý sẽ thấy có bao nhiêu người dân bị "
        "ảnh hưởng. Nếu không, hãy gửi phản ánh của bạn.",
    "%(distance)s m away": "cách %(distance)s m",
    "Residents with the same problem:": "Số người dân gặp cùng vấn đề:",
    "This is my problem too": "Tôi cũng gặp vấn đề này",
    "Thank you: noted.": "Cảm ơn bạn: đã ghi nhận.",
    "Reports of this kind are already open close by: if one of them is your problem, "
    "support it; otherwise send yours again.":
        "Gần đó đã có phản ánh cùng loại đang được xử lý: nếu một trong số đó là vấn đề của bạn, "
        "hãy xác nhận “Tôi cũng gặp vấn đề này”; nếu không, hãy bấm gửi lại phản ánh của bạn.",
    "You have already said this is your problem too.":
        "Bạn đã xác nhận gặp vấn đề này rồi.",
    "Too many requests from your connection: please try again later.":
        "Có quá nhiều yêu cầu từ kết nối của bạn: vui lòng thử lại sau.",
    "Thank you: the department sees that more residents have this problem.":
        "Cảm ơn bạn: đơn vị xử lý sẽ thấy có thêm người dân gặp vấn đề này.",
    "Other": "Khác",
    # Confirmation
    "Report %(code)s received": "Đã tiếp nhận phản ánh %(code)s",
    "Thank you: your report was received": "Cảm ơn bạn: phản ánh đã được tiếp nhận",
    "Its code:": "Mã phản ánh:",
    "Answer due by": "Hạn trả lời",
    "Keep this link: with it you can follow the report, rate the answer and reopen the "
    "report if the problem comes back.":
        "Hãy giữ đường dẫn này: với nó bạn có thể theo dõi phản ánh, đánh giá kết quả và mở lại "
        "phản ánh nếu vấn đề tái diễn.",
    "If you gave an e-mail address, the link is also sent to you. Anyone can follow the "
    "report with its code alone.":
        "Nếu bạn để lại e-mail, đường dẫn cũng được gửi cho bạn. Ai cũng có thể theo dõi phản "
        "ánh chỉ bằng mã.",
    "Report another problem": "Gửi phản ánh khác",
    # Tracking
    "This report was merged into:": "Phản ánh này đã được gộp vào:",
    "on time": "đúng hạn",
    "late": "trễ hạn",
    "now “%(status)s”": "chuyển sang “%(status)s”",
    "The resident who sent this report can rate the answer with the link they received.":
        "Người gửi phản ánh có thể đánh giá kết quả bằng đường dẫn đã nhận.",
    "Follow another report": "Theo dõi phản ánh khác",
}
