"""Demo templates of the urban-order and infrastructure categories.

Each category lists its own slots, core sentences (one is always used) and detail
sentences (sometimes appended). Sentences cover the sub-kinds a ward office meets
for the category, in the words residents use, not the official names.
"""

from __future__ import annotations

CATEGORIES: dict[str, dict[str, object]] = {
    "lan-chiem-via-he": {
        "slots": {
            "biz": ("quán cà phê", "quán nhậu", "tiệm sửa xe", "quán cơm tấm", "tiệm tạp hóa",
                    "quán hủ tiếu", "cửa hàng điện máy", "tiệm tole sắt", "quán bún bò",
                    "tiệm hoa", "quán trà sữa", "quán ốc", "tiệm vải", "cửa hàng gạch men"),
            "stuff": ("bàn ghế", "xe máy của khách", "hàng hóa", "bảng hiệu", "bếp nấu",
                      "thùng đá", "kệ hàng", "dù che nắng", "mái hiên di động", "xe đẩy",
                      "chậu kiểng", "tủ kính", "bạt che"),
            "vendor": ("hàng rong", "xe bán trái cây", "xe bánh mì", "gánh hàng rong",
                       "xe nước mía", "xe hủ tiếu gõ", "người bán vé số", "sạp quần áo",
                       "xe bán bắp", "sạp rau"),
        },  # fmt: skip
        "core": (
            "{biz} {place} bày {stuff} lấn chiếm hết vỉa hè, người đi bộ phải xuống lòng đường.",
            "Vỉa hè {place} bị {biz} chiếm làm chỗ để {stuff}, {time} còn lấn ra cả lòng đường.",
            "Tình trạng buôn bán lấn chiếm lề đường {street} diễn ra thường xuyên, gây ùn tắc.",
            "Xe máy đậu tràn lan trên vỉa hè {place}, không còn lối đi cho người đi bộ.",
            "{vendor} tụ tập trước {landmark} bán dưới lòng đường, rất mất trật tự.",
            "Phản ánh {biz} {place} kê {stuff} ra lề đường buôn bán, nhắc hoài vẫn tái diễn.",
            "Lòng lề đường {street} gần {landmark} bị chiếm dụng làm bãi giữ xe tự phát.",
            "Nhà {place} xây bậc tam cấp, đặt chậu kiểng chiếm hết vỉa hè.",
            "{biz} đầu hẻm bày {stuff} ra chiếm gần nửa hẻm, xe qua lại rất khó.",
            "{vendor} chiếm dụng vỉa hè {place}, người dân phải đi dưới đường.",
            "Chợ tự phát họp trên lòng đường {street} mỗi sáng, xe cộ không lưu thông được.",
            "{biz} {place} căng bạt, dựng mái che ra hết vỉa hè để bán hàng.",
            "Ô tô đậu trên vỉa hè {place} suốt ngày đêm, người đi bộ không có lối đi.",
            "Bày {stuff} ra tận mép đường {street}, cản trở giao thông.",
            "Bãi giữ xe tự phát chiếm vỉa hè trước {landmark}, còn thu tiền người gửi.",
        ),
        "detail": (
            "Người đi bộ phải len xuống lòng đường rất nguy hiểm.",
            "Giờ cao điểm xe cộ ùn ứ kéo dài.",
            "Đội trật tự đô thị dẹp một lần, vài bữa lại bày ra.",
            "Đề nghị lực lượng trật tự đô thị kiểm tra.",
            "Xe lăn, xe đẩy em bé không có chỗ đi.",
            "Vỉa hè là của chung chứ đâu phải của riêng ai.",
        ),
    },
    "xay-dung-khong-phep": {
        "slots": {
            "work": ("xây thêm 2 tầng", "cơi nới ban công", "đổ thêm tầng lửng",
                     "xây lấn ra hẻm", "dựng khung sắt trên sân thượng", "đập tường xây mới",
                     "xây nhà tiền chế", "nâng thêm một tầng", "làm thêm tum trên mái",
                     "xây thêm phòng trọ", "làm gác gỗ, mái tôn ra phía trước",
                     "đổ mái lấn ra không gian hẻm"),
        },  # fmt: skip
        "core": (
            "Nhà {place} đang {work} nhưng không thấy treo giấy phép xây dựng.",
            "Công trình {place} có dấu hiệu sai phép, {work} vượt số tầng được cấp phép.",
            "Hộ dân {place} {work} không phép, thi công cả ban đêm để tránh kiểm tra.",
            "Căn nhà {place} tự ý {work}, lấn ra lối đi chung.",
            "Công trình {place} không có bảng thông tin công trình, không có giấy phép.",
            "Có người xây nhà trái phép trên đất trống {place}, làm rất nhanh trong vài ngày.",
            "Hàng xóm {work} lấn sang phần đất nhà tôi, đề nghị kiểm tra giấy phép.",
            "Đề nghị kiểm tra công trình {place}, nghi xây dựng sai so với giấy phép.",
            "Nhà trọ {place} cơi nới thêm phòng phía sau không phép, mất an toàn.",
            "Chủ nhà {place} {work}, đổ bê tông vào ban đêm, không có giấy phép.",
            "Phát hiện công trình xây dựng trên đất quy hoạch gần {landmark}.",
            "Nhà {place} làm ban công đua ra đường, vượt chỉ giới xây dựng.",
            "Hộ dân xây tường rào lấn ra hành lang an toàn bờ {canal}.",
            "Xin phép sửa chữa nhưng thực chất đập bỏ xây mới toàn bộ {place}.",
        ),
        "detail": (
            "Đã báo tổ dân phố nhưng công trình vẫn tiếp tục thi công.",
            "Công trình không có rào chắn, vật liệu rơi xuống nhà bên cạnh.",
            "Nhà bên cạnh bị nứt tường do thi công.",
            "Đề nghị đội thanh tra xây dựng xuống kiểm tra giấy phép.",
            "Làm vậy thì sau này ai cũng làm theo.",
        ),
    },
    "quang-cao-trai-phep": {
        "slots": {
            "ad": ("quảng cáo khoan cắt bê tông", "quảng cáo cho vay tiền", "tờ rơi bán nhà đất",
                   "số điện thoại thông cống", "rao vặt cho thuê phòng", "quảng cáo rút hầm cầu",
                   "quảng cáo dạy kèm", "tờ rơi tuyển người", "quảng cáo cầm đồ",
                   "quảng cáo vay trả góp", "giấy rao bán đất nền"),
            "surface": ("cột điện", "tường nhà dân", "trụ đèn", "biển báo giao thông",
                        "trạm xe buýt", "cửa cuốn nhà dân", "tủ điện", "lan can cầu",
                        "bảng tin khu phố"),
        },  # fmt: skip
        "core": (
            "{ad} dán đầy {surface} {place}, rất mất mỹ quan.",
            "Tình trạng dán {ad} trái phép trên {surface} dọc đường {street} ngày càng nhiều.",
            "Có người sơn {ad} lên {surface} {place}, mới cạo xong lại bị sơn lại.",
            "Băng rôn quảng cáo treo trái phép trên đường {street}, che khuất biển báo.",
            "Bảng quảng cáo lớn dựng trên nóc nhà {place} không phép, mưa gió rất nguy hiểm.",
            "Rao vặt {ad} dán chi chít trên {surface} gần {landmark}.",
            "Người ta nhét tờ rơi {ad} vào cửa nhà dân {place} mỗi ngày.",
            "Biển quảng cáo của cửa hàng {place} dựng quá khổ, che tầm nhìn.",
            "Phướn, cờ quảng cáo cắm dày đặc trên dải phân cách đường {street}.",
            "Có người đứng phát tờ rơi quảng cáo bất động sản tại {junction}.",
            "Vẽ bậy số điện thoại lên {surface} {place}, bôi bẩn cả bức tường.",
            "Dán {ad} đè lên {surface}, che mất thông tin của khu phố.",
        ),
        "detail": (
            "Đề nghị xử phạt theo số điện thoại in trên quảng cáo.",
            "Cạo đi thì mấy hôm sau lại dán mới.",
            "Khu phố vừa sơn lại tường thì đã bị dán bẩn.",
            "Đề nghị chặn số điện thoại quảng cáo rác.",
        ),
    },
    "hu-hong-duong": {
        "slots": {
            "defect": ("ổ gà lớn", "hố sâu", "đoạn sụt lún", "mặt đường bong tróc",
                       "nắp cống bị vỡ", "hố ga mất nắp", "vỉa hè vỡ", "gạch lát vỉa hè bong",
                       "vết nứt dài", "gờ giảm tốc bị bể", "lỗ thủng giữa đường"),
        },  # fmt: skip
        "core": (
            "Có {defect} trên đường {street}, xe máy đi qua rất dễ té ngã.",
            "Mặt đường {place} xuất hiện {defect}, trời tối không nhìn thấy.",
            "{defect} {place} đã lâu chưa được sửa chữa, nhiều người bị té.",
            "Đoạn đường {street} gần {landmark} hư hỏng nặng, nhiều ổ gà, sụt lún.",
            "Đơn vị thi công đào đường xong không hoàn trả mặt đường {place}, giờ lồi lõm.",
            "Vỉa hè {place} bị vỡ, gạch bong tróc, người đi bộ vấp té.",
            "Nắp cống {place} bị gãy, hở một lỗ lớn, rất nguy hiểm cho trẻ em.",
            "Hẻm {hem} {street} xuống cấp, mặt hẻm toàn ổ gà, đá lởm chởm.",
            "Đường {street} bị lún một đoạn dài, xe tải chạy qua rung nhà.",
            "Mặt đường {street} bị bong lớp nhựa, đá dăm văng tung tóe.",
            "Cầu {bridge} có mặt cầu bị hư, lan can gãy một đoạn.",
            "Vỉa hè {place} sụt lún thành hố sâu, có người đã bị trật chân.",
            "Nắp hố ga {place} lún thấp hơn mặt đường, xe đi qua bị dằn mạnh.",
            "Đường {street} nứt thành nhiều vệt dài, lún theo vệt bánh xe tải.",
        ),
        "detail": (
            "Đã có người bị té ngã ở đây.",
            "Đề nghị cắm biển cảnh báo và sửa chữa sớm.",
            "Xe chạy qua phải thắng gấp, dễ gây tai nạn.",
            "Người già đi bộ rất dễ vấp.",
        ),
    },
    "den-chieu-sang": {
        "slots": {},
        "core": (
            "Đèn đường {place} không sáng {dur}, ban đêm tối om.",
            "Cột đèn chiếu sáng số {n} trên đường {street} bị hư, bóng đèn không sáng.",
            "Đèn đường {street} đoạn gần {landmark} chập chờn, lúc sáng lúc tắt.",
            "Cả dãy đèn chiếu sáng {place} bị tắt, người dân đi lại rất nguy hiểm.",
            "Hẻm {hem} {street} tối thui vì đèn hư, sợ trộm cướp.",
            "Đèn đường {place} sáng cả ban ngày, gây lãng phí điện.",
            "Cột đèn {place} bị nghiêng, dây điện lòi ra ở chân cột.",
            "Bóng đèn đường trước nhà {place} bị cháy, đề nghị thay mới.",
            "Đèn chiếu sáng công viên {park} hư nhiều bóng, buổi tối rất tối.",
            "Bóng đèn đường {place} bị vỡ, chỉ còn trơ cái chao đèn.",
            "Đèn hẻm {hem} hư lâu rồi, tối đi về sợ té.",
            "Đèn đường đoạn {street} chỉ sáng được vài bóng, còn lại tắt hết.",
            "Tủ điều khiển đèn chiếu sáng {place} bị mở nắp, dây điện hở.",
            "Tối rồi mà đèn đường {street} không bật, tới khuya mới sáng.",
        ),
        "detail": (
            "Buổi tối đi làm về rất sợ.",
            "Người già và trẻ em đi lại khó khăn.",
            "Đề nghị đơn vị chiếu sáng công cộng kiểm tra.",
            "Tối quá không thấy đường.",
        ),
    },
    "den-giao-thong": {
        "slots": {
            "state": ("chỉ nhấp nháy vàng", "tắt hoàn toàn", "hai hướng cùng xanh",
                      "đèn đỏ không sáng", "hư một phần", "đếm ngược sai", "cháy bóng đèn xanh",
                      "mất đèn vàng"),
        },  # fmt: skip
        "core": (
            "Đèn tín hiệu giao thông tại {junction} {state}, xe cộ chen lấn rất nguy hiểm.",
            "Đèn giao thông {junction} {state} từ {time}, kẹt xe kéo dài.",
            "Đèn xanh đèn đỏ ở {junction} bị hư, không có ai điều tiết.",
            "Trụ đèn tín hiệu {junction} bị xe tông nghiêng, đèn {state}.",
            "Đèn giao thông {junction} nhấp nháy vàng liên tục, các hướng tranh nhau chạy.",
            "Thời gian đèn đỏ ở {junction} quá dài, đèn xanh quá ngắn, gây ùn tắc.",
            "Đèn cho người đi bộ tại {junction} không hoạt động.",
            "Bảng đếm giây của đèn tín hiệu {junction} bị hư, không biết khi nào chuyển đèn.",
            "Đèn rẽ trái ở {junction} không sáng, xe rẽ trái bị kẹt lại.",
            "Chu kỳ đèn tín hiệu ở {junction} không hợp lý, giờ cao điểm kẹt cứng.",
            "Đề nghị lắp thêm đèn tín hiệu giao thông tại {junction}, tai nạn liên tục.",
            "Đèn tín hiệu {junction} {state}, xe máy với ô tô suýt đâm nhau.",
        ),
        "detail": (
            "Đề nghị cử cảnh sát giao thông điều tiết.",
            "Xém xảy ra tai nạn mấy lần.",
            "Giờ cao điểm ùn tắc kéo dài.",
            "Người đi đường không biết đi sao cho đúng.",
        ),
    },
    "ngap-nuoc": {
        "slots": {
            "depth": ("20cm", "nửa bánh xe", "ngang đầu gối", "gần 40 phân",
                      "ngang mắt cá chân", "quá yên xe"),
        },  # fmt: skip
        "core": (
            "Mỗi khi mưa lớn đường {street} đoạn gần {landmark} ngập sâu {depth}, xe chết máy.",
            "Cống thoát nước {place} bị nghẹt, nước không thoát được, ngập {dur}.",
            "Triều cường dâng cao, nước tràn vào nhà dân {place}.",
            "Hẻm {hem} {street} ngập nước sau cơn mưa {time}, nước ngập {depth}.",
            "Miệng cống {place} bị rác bịt kín, mưa xuống là ngập.",
            "Đề nghị nạo vét hệ thống thoát nước {place}, mưa nhỏ cũng ngập.",
            "Đường {street} ngập lênh láng, nước đọng không rút, người đi đường phải lội nước.",
            "Nước thải từ cống {place} trào ngược lên mặt đường.",
            "Nước đọng {place} không thoát, bốc mùi, muỗi nhiều.",
            "Mưa chiều nay đường {street} lại ngập, nước tràn lên vỉa hè.",
            "Hố ga {place} bị đất cát lấp đầy, nước không chảy xuống được.",
            "Bờ bao ven {canal} bị vỡ, triều cường là nước tràn vào khu dân cư.",
        ),
        "detail": (
            "Xe máy chết máy hàng loạt.",
            "Nước tràn vô nhà làm hư đồ đạc.",
            "Đề nghị ngành thoát nước kiểm tra.",
            "Bà con phải kê đồ lên cao.",
        ),
    },
    "cay-xanh": {
        "slots": {
            "tree": ("cây dầu", "cây me", "cây sao", "cây bàng", "cây phượng", "cây xà cừ",
                     "cây bằng lăng", "cây điệp", "cây gòn", "cây còng", "cây lim xẹt"),
        },  # fmt: skip
        "core": (
            "{tree} {place} bị ngã đổ chắn ngang đường sau cơn mưa {time}.",
            "{tree} trước nhà {place} nghiêng hẳn ra đường, có nguy cơ ngã đổ.",
            "Cành cây {place} bị gãy, treo lơ lửng phía trên lòng đường rất nguy hiểm.",
            "Đề nghị cắt tỉa cây {place}, nhánh cây vướng vào dây điện.",
            "Cây xanh {place} bị mục gốc, rễ bật lên, nguy cơ đổ vào nhà dân.",
            "Nhánh cây khô rơi xuống đường {street}, suýt trúng người đi xe máy.",
            "{tree} ngã đè lên xe máy đậu {place}, cần cưa dọn gấp.",
            "Cây chết khô {place} lâu ngày chưa được đốn hạ.",
            "Rễ {tree} {place} làm nứt nhà, bể vỉa hè, nguy cơ cây đổ.",
            "{tree} trong công viên {park} bị sâu đục thân, tán nghiêng hẳn một bên.",
            "Cây bị mối ăn rỗng ruột {place}, gió mạnh là lắc lư.",
            "Đề nghị đốn hạ cây chết {place} trước mùa mưa bão.",
        ),
        "detail": (
            "Mùa mưa bão sắp tới rất lo.",
            "Đề nghị công ty công viên cây xanh xử lý.",
            "Gió lớn là cành cây rơi lả tả.",
            "Dưới gốc cây là chỗ học sinh đứng chờ.",
        ),
    },
}
