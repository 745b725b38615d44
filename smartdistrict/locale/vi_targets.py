"""Vietnamese of the targets tracker (smartdistrict/targets), merged by vi_translations.py."""

VI = {
    "Targets and programmes": "Chỉ tiêu và chương trình",
    # models
    "higher is better": "cao hơn là tốt",
    "lower is better": "thấp hơn là tốt",
    "reach the target by the target year": "đạt mức mục tiêu vào năm mục tiêu",
    "meet the target in every period": "đạt mục tiêu trong mỗi kỳ",
    "yearly": "hằng năm",
    "quarterly": "hằng quý",
    "monthly": "hằng tháng",
    "planned": "kế hoạch",
    "under way": "đang thực hiện",
    "completed": "hoàn thành",
    "stalled": "đình trệ",
    "cancelled": "đã hủy",
    "owner": "đơn vị chủ trì",
    "owner department": "phòng ban phụ trách",
    "illustrative": "minh họa",
    "Demonstration content, not an official figure or list.": (
        "Nội dung minh họa, không phải số liệu hay danh mục chính thức."
    ),
    "source": "nguồn",
    "budget (billion VND)": "kinh phí (tỷ đồng)",
    "start": "bắt đầu",
    "end": "kết thúc",
    "description (Vietnamese)": "mô tả (tiếng Việt)",
    "description (English)": "mô tả (tiếng Anh)",
    "position": "thứ tự",
    "programme": "chương trình",
    "programmes": "chương trình",
    "location (GeoJSON geometry, WGS84)": "vị trí (hình học GeoJSON, WGS84)",
    "A Point or a LineString (canals, roads) in longitude, latitude order.": (
        "Một điểm (Point) hoặc một đường (LineString — kênh rạch, tuyến đường), theo thứ tự "
        "kinh độ, vĩ độ."
    ),
    "location is approximate": "vị trí gần đúng",
    "project": "dự án",
    "projects": "dự án",
    "planned date": "ngày theo kế hoạch",
    "actual date": "ngày thực tế",
    "milestone": "mốc tiến độ",
    "milestones": "mốc tiến độ",
    "unit of measure": "đơn vị tính",
    "direction": "chiều",
    "kind of target": "loại mục tiêu",
    "baseline value": "giá trị gốc",
    "baseline year": "năm gốc",
    "target value": "giá trị mục tiêu",
    "target year": "năm mục tiêu",
    "periodicity": "kỳ báo cáo",
    "administrative unit": "đơn vị hành chính",
    "Empty: the whole jurisdiction (the district).": "Để trống: toàn địa bàn (cả quận).",
    "notes": "ghi chú",
    "indicator": "chỉ tiêu",
    "indicators": "chỉ tiêu",
    "period": "kỳ",
    "period start": "ngày đầu kỳ",
    "period end": "ngày cuối kỳ",
    "actual": "thực hiện",
    "updated by": "người cập nhật",
    "measurement": "số liệu",
    "measurements": "số liệu",
    # periods and values
    "A quarter is numbered 1 to 4.": "Quý được đánh số từ 1 đến 4.",
    "A month is numbered 1 to 12.": "Tháng được đánh số từ 1 đến 12.",
    "The year must lie between %(low)s and %(high)s.": "Năm phải nằm trong khoảng %(low)s đến %(high)s.",
    "Write the period as a year (2024), a quarter (2024-Q2) or a month (2024-05).": (
        "Ghi kỳ dưới dạng năm (2024), quý (2024-Q2) hoặc tháng (2024-05)."
    ),
    "“%(text)s” is not a number.": "“%(text)s” không phải là số.",
    "Enter a finite number.": "Hãy nhập một số hữu hạn.",
    "Enter a year between 1975 and 2100.": "Hãy nhập năm trong khoảng 1975 đến 2100.",
    "Direction “%(text)s” not understood: write “tăng” (higher is better) or “giảm” (lower is better).": (
        "Không hiểu chiều “%(text)s”: ghi “tăng” (cao hơn là tốt) hoặc “giảm” (thấp hơn là tốt)."
    ),
    "Periodicity “%(text)s” not understood: write “năm”, “quý” or “tháng”.": (
        "Không hiểu kỳ báo cáo “%(text)s”: ghi “năm”, “quý” hoặc “tháng”."
    ),
    "Kind of target “%(text)s” not understood: write “đạt mức” (reach the target by the target year) or “mỗi kỳ” (meet it in every period).": (
        "Không hiểu loại mục tiêu “%(text)s”: ghi “đạt mức” (đạt mục tiêu vào năm mục tiêu) "
        "hoặc “mỗi kỳ” (đạt mục tiêu trong mỗi kỳ)."
    ),
    "Write “x” for yes or leave the cell empty.": "Ghi “x” nếu có, hoặc để trống ô.",
    # services
    "The code must be 1 to 40 letters, digits, dots, hyphens or underscores.": (
        "Mã gồm 1 đến 40 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới."
    ),
    "The name is required.": "Tên là bắt buộc.",
    "The unit of measure is required.": "Đơn vị tính là bắt buộc.",
    "Unknown direction.": "Chiều không hợp lệ.",
    "Unknown kind of target.": "Loại mục tiêu không hợp lệ.",
    "Unknown periodicity.": "Kỳ báo cáo không hợp lệ.",
    "The target year must come after the baseline year.": "Năm mục tiêu phải sau năm gốc.",
    "The target lies on the worse side of the baseline for this direction: check the direction, or use the kind “meet the target in every period”.": (
        "Mục tiêu nằm ở phía kém hơn giá trị gốc theo chiều đã chọn: kiểm tra lại chiều, "
        "hoặc chọn loại “đạt mục tiêu trong mỗi kỳ”."
    ),
    "This indicator is reported %(periodicity)s: it takes no %(kind)s periods.": (
        "Chỉ tiêu này báo cáo %(periodicity)s: không nhận số liệu theo kỳ %(kind)s."
    ),
    "Enter an actual or a planned value.": "Hãy nhập giá trị thực hiện hoặc kế hoạch.",
    "Unknown status.": "Trạng thái không hợp lệ.",
    "The budget cannot be negative.": "Kinh phí không được âm.",
    "A completed milestone needs its actual date.": "Mốc đã hoàn thành cần có ngày thực tế.",
    "Each position is [longitude, latitude].": "Mỗi vị trí có dạng [kinh độ, vĩ độ].",
    "A position lies outside the range of longitudes and latitudes.": (
        "Có vị trí nằm ngoài phạm vi kinh độ, vĩ độ."
    ),
    "The location is not valid JSON.": "Vị trí không phải JSON hợp lệ.",
    "The location must be a GeoJSON Point, LineString or MultiLineString.": (
        "Vị trí phải là GeoJSON dạng Point, LineString hoặc MultiLineString."
    ),
    "A line needs at least two positions.": "Một đường cần ít nhất hai vị trí.",
    "No indicator has this code.": "Không có chỉ tiêu nào mang mã này.",
    # workbook
    "Unique code of the indicator, e.g. KT-01.": "Mã riêng của chỉ tiêu, ví dụ KT-01.",
    "Name in Vietnamese.": "Tên tiếng Việt.",
    "Unit of measure: %, billion VND, m²/person…": "Đơn vị tính: %, tỷ đồng, m²/người…",
    "“tăng” (higher is better) or “giảm” (lower is better).": (
        "“tăng” (cao hơn là tốt) hoặc “giảm” (thấp hơn là tốt)."
    ),
    "Value in the baseline year.": "Giá trị tại năm gốc.",
    "Year of the baseline value.": "Năm của giá trị gốc.",
    "Value to reach (or to meet every period).": "Giá trị cần đạt (hoặc cần đạt trong mỗi kỳ).",
    "Year by which the target is due.": "Năm phải đạt mục tiêu.",
    "Name in English (optional).": "Tên tiếng Anh (không bắt buộc).",
    "“đạt mức” (reach the target by the target year, the default) or “mỗi kỳ” (meet it in every period, e.g. growth per year).": (
        "“đạt mức” (đạt mục tiêu vào năm mục tiêu, mặc định) hoặc “mỗi kỳ” (đạt mục tiêu "
        "trong mỗi kỳ, ví dụ tốc độ tăng hằng năm)."
    ),
    "“năm” (default), “quý” or “tháng”.": "“năm” (mặc định), “quý” hoặc “tháng”.",
    "Code of the programme the indicator serves (optional).": (
        "Mã chương trình mà chỉ tiêu phục vụ (không bắt buộc)."
    ),
    "Code of the ward or district; empty for the whole district.": (
        "Mã phường hoặc quận; để trống nếu là toàn quận."
    ),
    "Who answers for the figures.": "Đơn vị chịu trách nhiệm về số liệu.",
    "Code of that department in the platform: its staff may enter figures.": (
        "Mã phòng ban đó trên hệ thống: cán bộ của phòng ban được nhập số liệu."
    ),
    "“x” for demonstration content that is not an official figure.": (
        "“x” nếu là nội dung minh họa, không phải số liệu chính thức."
    ),
    "Where the figures come from.": "Số liệu lấy từ đâu.",
    "Anything else.": "Thông tin khác.",
    "No header row found: the first %(rows)s rows have no “Mã” (code) column.": (
        "Không tìm thấy dòng tiêu đề: %(rows)s dòng đầu không có cột “Mã”."
    ),
    "The column “%(name)s” appears twice.": "Cột “%(name)s” xuất hiện hai lần.",
    "Required columns are missing: %(names)s.": "Thiếu các cột bắt buộc: %(names)s.",
    "%(column)s: this cell is required.": "%(column)s: ô này là bắt buộc.",
    "This file is not an Excel workbook (.xlsx).": "Tệp này không phải là tệp Excel (.xlsx).",
    "The sheet has more than %(rows)s rows.": "Trang tính có hơn %(rows)s dòng.",
    "No programme has the code “%(code)s”.": "Không có chương trình nào mang mã “%(code)s”.",
    "No administrative unit has the code “%(code)s”.": (
        "Không có đơn vị hành chính nào mang mã “%(code)s”."
    ),
    "No department has the code “%(code)s”.": "Không có phòng ban nào mang mã “%(code)s”.",
    "The code “%(code)s” already appears in row %(row)s.": "Mã “%(code)s” đã có ở dòng %(row)s.",
    "Indicators": "Chỉ tiêu",
    "Guide": "Hướng dẫn",
    "Column": "Cột",
    "Meaning": "Ý nghĩa",
    "required": "bắt buộc",
    "optional": "không bắt buộc",
    "A year: the actual value of that year.": "Một năm: giá trị thực hiện của năm đó.",
    "“KH” and a year: the planned value of that year.": (
        "“KH” và một năm: giá trị kế hoạch của năm đó."
    ),
    "Empty year cells leave stored values as they are.": (
        "Ô năm để trống thì giữ nguyên số liệu đã lưu."
    ),
    "indicators-workbook": "chi-tieu",
    # explanations
    "on track": "đúng tiến độ",
    "at risk": "có nguy cơ chậm",
    "off track": "chậm tiến độ",
    "no data": "chưa có số liệu",
    "linear trend (least squares)": "xu hướng tuyến tính (bình phương nhỏ nhất)",
    "compound growth (CAGR)": "tăng trưởng kép (CAGR)",
    "overdue": "quá hạn",
    "done late": "hoàn thành trễ",
    "No actual value has been recorded yet.": "Chưa có giá trị thực hiện nào.",
    "The target is reached.": "Đã đạt mục tiêu.",
    "The target is exceeded (%(raw)s %% of the way); shown as 100 %%.": (
        "Đã vượt mục tiêu (%(raw)s %% chặng đường); hiển thị là 100 %%."
    ),
    "The value is worse than the baseline; progress is shown as zero.": (
        "Giá trị kém hơn giá trị gốc; tiến độ hiển thị là 0."
    ),
    "The target equals the baseline (keep the level), and it is held.": (
        "Mục tiêu bằng giá trị gốc (giữ vững mức), và đang giữ được."
    ),
    "The target equals the baseline (keep the level), and it is not held.": (
        "Mục tiêu bằng giá trị gốc (giữ vững mức), nhưng chưa giữ được."
    ),
    "The target of the period is met.": "Đạt mục tiêu của kỳ.",
    "The target of the period is missed.": "Không đạt mục tiêu của kỳ.",
    "No actual value yet: the status cannot be judged.": (
        "Chưa có giá trị thực hiện: chưa đánh giá được tình trạng."
    ),
    "The latest period reached %(progress)s %% of its target. On track from %(tolerance)s points below 100 %%, at risk down to %(gap)s points below.": (
        "Kỳ gần nhất đạt %(progress)s %% mục tiêu. Đúng tiến độ nếu thiếu không quá "
        "%(tolerance)s điểm so với 100 %%, có nguy cơ chậm nếu thiếu đến %(gap)s điểm."
    ),
    "%(progress)s %% of the way covered where a steady path would have covered %(expected)s %%. On track if no more than %(tolerance)s points behind, at risk up to %(gap)s points behind, off track beyond.": (
        "Đã đi được %(progress)s %% chặng đường, trong khi nếu tiến đều thì phải được "
        "%(expected)s %%. Đúng tiến độ nếu chậm không quá %(tolerance)s điểm, có nguy cơ chậm "
        "nếu chậm đến %(gap)s điểm, chậm tiến độ nếu hơn nữa."
    ),
    "Fewer than two values: no forecast.": "Ít hơn hai giá trị: chưa dự báo được.",
    "Compound growth needs positive first and last values: the linear trend is used.": (
        "Tăng trưởng kép cần giá trị đầu và cuối dương: dùng xu hướng tuyến tính."
    ),
    "Only two values, which both methods fit exactly: the simpler linear trend is used.": (
        "Chỉ có hai giá trị, cả hai phương pháp đều khớp hoàn toàn: dùng xu hướng tuyến tính "
        "vì đơn giản hơn."
    ),
    "The method whose curve passes closer to the recorded values (smaller root-mean-square error) is used; the linear trend on a tie.": (
        "Dùng phương pháp có đường đi sát các giá trị đã ghi nhận hơn (sai số bình phương "
        "trung bình nhỏ hơn); nếu bằng nhau thì dùng xu hướng tuyến tính."
    ),
    # chart
    "baseline": "giá trị gốc",
    "target": "mục tiêu",
    "steady path to the target": "lộ trình đều đến mục tiêu",
    "forecast: %(method)s%(chosen)s": "dự báo: %(method)s%(chosen)s",
    " (chosen)": " (được chọn)",
    # forms
    "Period": "Kỳ",
    "A year (2024), a quarter (2024-Q2) or a month (2024-05).": (
        "Năm (2024), quý (2024-Q2) hoặc tháng (2024-05)."
    ),
    "Actual": "Thực hiện",
    "Planned": "Kế hoạch",
    "Source": "Nguồn",
    "Note": "Ghi chú",
    "Workbook (.xlsx)": "Tệp Excel (.xlsx)",
    "The file is larger than 5 MB.": "Tệp lớn hơn 5 MB.",
    "Choose an Excel workbook (.xlsx).": "Hãy chọn tệp Excel (.xlsx).",
    # views
    "The figures of %(period)s are saved.": "Đã lưu số liệu kỳ %(period)s.",
    "The figures of %(period)s are deleted.": "Đã xóa số liệu kỳ %(period)s.",
    # templates
    "Download Excel": "Tải Excel",
    "Import Excel": "Nhập từ Excel",
    "Programmes and projects": "Chương trình và dự án",
    "Not allowed": "Không được phép",
    "You cannot do this here": "Bạn không thể thực hiện việc này",
    "Your account does not have the role this page needs. Ask an administrator.": (
        "Tài khoản của bạn không có vai trò mà trang này yêu cầu. Hãy liên hệ quản trị viên."
    ),
    "The term's targets": "Chỉ tiêu của nhiệm kỳ",
    "Indicators marked “illustrative” are demonstration content: they show the kinds of targets a district sets, not the congress's list.": (
        "Các chỉ tiêu ghi “minh họa” là nội dung trình diễn: cho thấy những loại chỉ tiêu "
        "một quận đặt ra, không phải danh mục của Đại hội."
    ),
    "Indicators by status": "Số chỉ tiêu theo tình trạng",
    "Other indicators": "Chỉ tiêu khác",
    "progress": "tiến độ",
    "forecast": "dự báo",
    "linear": "tuyến tính",
    "compound growth": "tăng trưởng kép",
    "reaches the target": "đạt mục tiêu",
    "falls short": "không đạt",
    "no forecast": "chưa dự báo",
    "No indicators yet.": "Chưa có chỉ tiêu nào.",
    "Import them from Excel.": "Nhập từ tệp Excel.",
    "All indicators": "Tất cả chỉ tiêu",
    "Unit of measure": "Đơn vị tính",
    "Direction": "Chiều",
    "Kind of target": "Loại mục tiêu",
    "Baseline": "Giá trị gốc",
    "Target": "Mục tiêu",
    "Periodicity": "Kỳ báo cáo",
    "Administrative unit": "Địa bàn",
    "the whole district": "toàn quận",
    "Programme": "Chương trình",
    "Data owner": "Đơn vị phụ trách",
    "Notes": "Ghi chú",
    "Progress": "Tiến độ",
    "latest": "gần nhất",
    "Forecast to the target year": "Dự báo đến năm mục tiêu",
    "Method": "Phương pháp",
    "Value in %(year)s": "Giá trị năm %(year)s",
    "Trend": "Xu hướng",
    "Error (RMSE)": "Sai số (RMSE)",
    "chosen": "được chọn",
    "year": "năm",
    "not applicable": "không áp dụng được",
    "At this pace the target is reached.": "Với nhịp độ này sẽ đạt mục tiêu.",
    "At this pace the target is not reached.": "Với nhịp độ này sẽ không đạt mục tiêu.",
    "Chart: baseline, actual and planned values, the target and the forecasts.": (
        "Biểu đồ: giá trị gốc, thực hiện, kế hoạch, mục tiêu và các dự báo."
    ),
    "Figures": "Số liệu",
    "Delete": "Xóa",
    "No figures yet.": "Chưa có số liệu.",
    "Record figures": "Ghi số liệu",
    "A period that already has figures is updated.": "Kỳ đã có số liệu sẽ được cập nhật.",
    "Save": "Lưu",
    "Key programmes and projects": "Chương trình và công trình trọng điểm",
    "Programmes marked “illustrative” are demonstration content. Project locations marked “approximate” are drawn by hand, not surveyed; milestone dates other than those cited in the sources are illustrative.": (
        "Các chương trình ghi “minh họa” là nội dung trình diễn. Vị trí dự án ghi “gần đúng” "
        "được vẽ tay, không phải số liệu đo đạc; các ngày của mốc tiến độ, trừ những ngày có "
        "dẫn nguồn, đều là minh họa."
    ),
    "Projects": "Dự án",
    "delayed": "chậm tiến độ",
    "Map of the projects": "Bản đồ các dự án",
    "approximate location": "vị trí gần đúng",
    "on schedule": "đúng tiến độ",
    "billion VND": "tỷ đồng",
    "Other projects": "Dự án khác",
    "Owner": "Đơn vị chủ trì",
    "Start – end": "Thời gian thực hiện",
    "Budget": "Kinh phí",
    "days past the end": "số ngày quá hạn kết thúc",
    "Location": "Vị trí",
    "several wards": "nhiều phường",
    "not placed": "chưa xác định vị trí",
    "approximate": "gần đúng",
    "Milestones": "Mốc tiến độ",
    "Milestone": "Mốc",
    "Delay": "Chậm",
    "days overdue": "số ngày quá hạn",
    "done late, days": "hoàn thành trễ, số ngày",
    "No projects in this programme yet.": "Chương trình này chưa có dự án.",
    "Import indicators from Excel": "Nhập chỉ tiêu từ tệp Excel",
    "This preview has expired or was already imported. Upload the file again.": (
        "Bản xem trước đã hết hạn hoặc đã được nhập. Hãy tải tệp lên lại."
    ),
    "Imported": "Đã nhập",
    "Preview (nothing is saved yet)": "Xem trước (chưa lưu gì)",
    "New indicators": "Chỉ tiêu mới",
    "Indicators updated": "Chỉ tiêu được cập nhật",
    "Unchanged": "Không đổi",
    "Figures written": "Số liệu được ghi",
    "Rows with errors (left out)": "Dòng có lỗi (bỏ qua)",
    "Columns not recognised (ignored)": "Cột không nhận ra (bỏ qua)",
    "Rows with errors": "Các dòng có lỗi",
    "Row": "Dòng",
    "Code": "Mã",
    "Reason": "Lý do",
    "Good rows": "Các dòng hợp lệ",
    "Indicator name": "Tên chỉ tiêu",
    "What happens": "Kết quả",
    "new indicator": "tạo mới",
    "updated": "cập nhật",
    "unchanged": "không đổi",
    "new figures": "số liệu mới",
    "figures changed": "số liệu thay đổi",
    "Import the good rows": "Nhập các dòng hợp lệ",
    "Nothing to import: the file matches the stored data.": (
        "Không có gì để nhập: tệp trùng khớp với dữ liệu đã lưu."
    ),
    "See the indicators": "Xem các chỉ tiêu",
    "Upload a workbook": "Tải tệp Excel lên",
    "One row per indicator: code, name, unit, direction, baseline, baseline year, target, target year, then one column per year with the actual values (“KH 2024” for planned values). Rows with errors are listed and left out; the others can be imported.": (
        "Mỗi dòng một chỉ tiêu: mã, tên, đơn vị tính, chiều, giá trị gốc, năm gốc, mục tiêu, "
        "năm mục tiêu, sau đó mỗi năm một cột ghi giá trị thực hiện (“KH 2024” cho giá trị "
        "kế hoạch). Các dòng có lỗi được liệt kê và bỏ qua; các dòng còn lại có thể nhập."
    ),
    "Download the current workbook as a template.": "Tải tệp hiện có để làm mẫu.",
    "Preview": "Xem trước",
    "The actual date cannot be in the future.": "Ngày thực tế không thể ở tương lai.",
    "Enter a valid date.": "Hãy nhập một ngày hợp lệ.",
    "The milestone “%(name)s” is updated.": "Đã cập nhật mốc “%(name)s”.",
    "Actual date of": "Ngày thực tế của",
}
