"""Demo templates of the environment, public-order and "other" categories.

Same layout as urban.py: per category its slots, core sentences and detail sentences.
"""

from __future__ import annotations

CATEGORIES: dict[str, dict[str, object]] = {
    "rac-thai": {
        "slots": {
            "junk": ("xà bần", "rác sinh hoạt", "nệm cũ", "bàn ghế hư", "rác công nghiệp",
                     "bao rác", "xác động vật", "chất thải xây dựng", "gạch vụn", "lốp xe cũ"),
        },  # fmt: skip
        "core": (
            "Có người đổ trộm {junk} {place} vào ban đêm, chất thành đống.",
            "Rác {place} không được thu gom {dur}, bốc mùi hôi thối.",
            "Bãi rác tự phát hình thành {place}, ruồi muỗi nhiều.",
            "Xe thu gom rác không đến lấy rác {place} {dur}, rác tràn ra đường.",
            "Điểm tập kết rác gần {landmark} quá tải, rác vương vãi khắp vỉa hè.",
            "{junk} bị vứt bừa bãi dọc đường {street}, đề nghị dọn dẹp.",
            "Người dân xả rác bừa bãi {place}, thùng rác đầy mà không ai thu.",
            "Đề nghị lắp camera xử phạt người đổ trộm {junk} {place}.",
            "Thùng rác công cộng {place} đầy tràn, không ai thu gom.",
            "Rác sinh hoạt bị vứt ra góc đường {street}, chó mèo bới tung.",
            "Xe chở rác làm rơi vãi rác dọc đường {street}.",
            "Bao rác, xốp, chai nhựa vứt đầy bãi đất trống {place}.",
        ),
        "detail": (
            "Mùi hôi thối nồng nặc.",
            "Chuột bọ, ruồi nhặng rất nhiều.",
            "Đề nghị đơn vị thu gom xử lý.",
            "Mất vệ sinh quá trời.",
        ),
    },
    "o-nhiem-kenh": {
        "slots": {},
        "core": (
            "Nước {canal} đoạn gần {landmark} đen ngòm, bốc mùi hôi nồng nặc.",
            "Rác thải trôi đầy trên {canal}, ùn ứ dưới chân cầu.",
            "Có cơ sở xả thải trực tiếp xuống {canal}, nước đổi màu.",
            "Cá chết nổi trên mặt {canal} {time}, mùi rất khó chịu.",
            "Người dân sống ven {canal} đổ rác xuống kênh, ô nhiễm nặng.",
            "Đề nghị vớt rác, nạo vét {canal} đoạn gần {landmark}.",
            "Mặt nước {canal} có váng dầu và bọt trắng, nghi xả thải trái phép.",
            "Lục bình và rác kết thành mảng lớn trên {canal}, nước không lưu thông.",
            "Nước {canal} bốc mùi hôi thối, nhất là lúc nước ròng.",
            "Nước thải sinh hoạt chảy thẳng ra {canal} qua đường ống, không qua xử lý.",
            "Bùn đen bồi lắng lòng {canal}, nước tù đọng.",
            "Xác động vật chết trôi trên {canal}, không ai vớt.",
        ),
        "detail": (
            "Mùi hôi bay vào nhà dân ven kênh.",
            "Muỗi rất nhiều.",
            "Đề nghị kiểm tra nguồn xả thải.",
            "Kênh mới nạo vét mà giờ lại bẩn như cũ.",
        ),
    },
    "tieng-on": {
        "slots": {
            "source": ("quán karaoke", "nhà hàng xóm hát karaoke", "quán nhậu mở nhạc",
                       "loa kéo", "công trình thi công", "xưởng cơ khí", "quán bar",
                       "tiệc cưới", "quán cà phê mở nhạc", "cơ sở mộc"),
            "late": ("11 giờ đêm", "12h khuya", "1 giờ sáng", "nửa đêm", "gần sáng"),
            "noise": ("nhạc", "máy móc", "khoan cắt", "loa", "máy bơm", "hát hò"),
            "workshop": ("mộc", "cơ khí", "in lụa", "đóng giày", "cưa sắt"),
        },  # fmt: skip
        "core": (
            "{source} {place} gây tiếng ồn lớn từ tối tới {late}.",
            "Nhà {place} hát karaoke bằng loa kéo rất lớn tới khuya, ảnh hưởng người già.",
            "Tiếng ồn từ {source} {place} kéo dài tới {late}, bà con không ngủ được.",
            "Công trình {place} thi công ồn ào ban đêm, máy khoan, máy cắt chạy tới {late}.",
            "Quán {place} mở nhạc quá to, ồn ào cả khu phố.",
            "Đề nghị xử lý tình trạng hát karaoke gây ồn {place} diễn ra hằng đêm.",
            "Xưởng {place} chạy máy ồn ào liên tục, vượt quy chuẩn tiếng ồn.",
            "Quán cà phê {place} mở nhạc sàn rất lớn cả ngày.",
            "Hàng xóm {place} mở loa nghe nhạc hết cỡ, ồn ào không chịu nổi.",
            "Cơ sở {workshop} {place} hoạt động gây tiếng ồn lớn, cả xóm bị ảnh hưởng.",
            "Tiếng {noise} {place} vang suốt đêm, không ai ngủ được.",
            "Nhà {place} tổ chức tiệc, mở nhạc và hát hò tới {late}.",
            "Xe chạy qua {place} bóp còi, rú ga inh ỏi ban đêm.",
            "Cửa hàng {place} mở loa quảng cáo khuyến mãi ầm ĩ suốt ngày.",
            "Quán nhậu {place} ồn ào tới khuya, khách la hét, cụng ly.",
        ),
        "detail": (
            "Con nhỏ trong nhà không ngủ được.",
            "Đã nhắc nhiều lần nhưng không hiệu quả.",
            "Đề nghị công an phường kiểm tra.",
            "Người già bị mất ngủ nhiều đêm.",
        ),
    },
    "khoi-bui-mui": {
        "slots": {
            "smell": ("từ cơ sở giết mổ", "từ lò mổ", "từ xưởng thuộc da", "từ bãi rác",
                      "từ chuồng heo", "từ cơ sở chế biến thủy sản", "từ cống"),
            "exhaust": ("xưởng in", "lò đốt", "nhà máy nhỏ", "máy phát điện", "xe tải"),
            "burn": ("rác", "than tổ ong", "giấy vụn", "nhựa", "dây điện lấy đồng"),
        },  # fmt: skip
        "core": (
            "Có người đốt rác {place}, khói bay vào nhà dân rất khó thở.",
            "Công trình {place} không che chắn, bụi bay mù mịt.",
            "Mùi hôi {smell} {place} bay ra khu dân cư, rất khó chịu.",
            "Xưởng {place} xả khói đen ra khu dân cư, mùi khét.",
            "Quán nướng {place} xả khói thẳng vào nhà dân, không lắp ống khói.",
            "Xe chở vật liệu không che phủ, làm rơi vãi đất cát, bụi mù đường {street}.",
            "Mùi hóa chất nồng nặc từ cơ sở sản xuất {place}, người dân bị nhức đầu.",
            "Khí thải từ {exhaust} {place} gây ô nhiễm không khí.",
            "Nhà {place} đốt {burn}, khói bay mù mịt cả hẻm.",
            "Khói bụi từ xe tải ra vào {place} làm ô nhiễm không khí.",
            "Cơ sở {place} phun sơn ngoài trời, mùi sơn nồng nặc.",
            "Bụi đất từ bãi vật liệu {place} bay vào nhà, lau hoài không sạch.",
        ),
        "detail": (
            "Người già và trẻ nhỏ bị ho.",
            "Phải đóng kín cửa cả ngày.",
            "Đề nghị kiểm tra, xử lý.",
            "Ngửi riết nhức đầu.",
        ),
    },
    "trom-cap": {
        "slots": {
            "item": ("xe máy", "điện thoại", "xe đạp", "ví tiền", "túi xách", "dây chuyền",
                     "laptop", "bình ắc quy", "đồng hồ nước", "tiền", "giỏ xách"),
        },  # fmt: skip
        "core": (
            "Nhà tôi {place} bị trộm lấy mất {item} {time}.",
            "Bị cướp giật {item} trên đường {street} {time}, đối tượng chạy xe máy.",
            "Kẻ gian bẻ khóa lấy trộm {item} {place}.",
            "Tình trạng trộm cắp xảy ra nhiều lần {place}, đề nghị tăng cường tuần tra.",
            "{time} có đối tượng đột nhập nhà {place} lấy {item}.",
            "Mất {item} khi để trước cửa nhà {place}, camera có ghi hình.",
            "Móc túi ở {landmark}, nhiều người bị mất {item}.",
            "Phản ánh nạn giật {item} trên cầu {bridge} vào buổi tối.",
            "Xe máy dựng trước nhà {place} bị lấy trộm chỉ trong vài phút.",
            "Đối tượng đi xe máy giật {item} của người đi bộ {place}.",
            "Ăn trộm cắt khóa cửa, vào nhà {place} lấy {item}.",
            "Phòng trọ {place} bị trộm lấy {item} khi chủ đi vắng.",
            "Kẻ gian phá cốp xe lấy {item} {place}.",
        ),
        "detail": (
            "Đã trình báo công an phường.",
            "Camera có ghi lại hình đối tượng.",
            "Bà con rất lo lắng.",
            "Khu này tháng nào cũng mất đồ.",
        ),
    },
    "gay-roi": {
        "slots": {},
        "core": (
            "Nhóm thanh niên tụ tập đua xe, lạng lách trên đường {street} {time}.",
            "Một nhóm người say xỉn đánh nhau {place}, gây mất trật tự.",
            "Tụ tập nhậu nhẹt, la hét, chửi thề {place} tới khuya.",
            "Có đối tượng cầm hung khí gây rối {place} {time}.",
            "Thanh niên tụ tập {place}, nghi sử dụng ma túy, bóng cười.",
            "Nhóm người lạ gây gổ, đánh nhau trước {landmark}.",
            "Tình trạng tụ tập đánh bạc {place} diễn ra thường xuyên.",
            "Đua xe trái phép trên cầu {bridge} {time}, bốc đầu, nẹt pô.",
            "Người say rượu la hét, đập phá đồ đạc {place}.",
            "Đánh nhau gây thương tích {place} {time}, có người bị chém.",
            "Người ngáo đá quậy phá, la hét trong hẻm {hem} {street}.",
            "Cãi vã, xô xát giữa mấy hộ kinh doanh {place}.",
            "Có nhóm người tụ tập hút chích {place}.",
        ),
        "detail": (
            "Người dân rất sợ.",
            "Đề nghị công an phường can thiệp.",
            "Trẻ nhỏ đi ngang rất nguy hiểm.",
            "Tình hình an ninh trật tự rất phức tạp.",
        ),
    },
    "khac": {
        "slots": {
            "proc": ("đăng ký tạm trú", "cấp bản sao khai sinh", "chứng thực giấy tờ",
                     "đăng ký kết hôn", "đăng ký hộ kinh doanh", "định danh điện tử VNeID"),
        },  # fmt: skip
        "core": (
            "Chó thả rông không rọ mõm {place}, nhiều người bị rượt cắn.",
            "Dây điện, cáp viễn thông chằng chịt {place}, võng xuống thấp.",
            "Xin hỏi thủ tục {proc} tại phường thì cần giấy tờ gì?",
            "Trạm xe buýt {place} bị hư mái che, không có chỗ ngồi.",
            "Khu vực {place} cúp điện {dur} không có thông báo.",
            "Mất nước sinh hoạt {place} từ {time}, chưa có nước lại.",
            "Đề nghị phun thuốc diệt muỗi {place}, có ca sốt xuất huyết.",
            "Nhà hoang {place} bỏ trống lâu năm, cỏ mọc um tùm.",
            "Biển số nhà, biển tên hẻm {place} bị mất, khó tìm địa chỉ.",
            "Góp ý nên bố trí thêm sân chơi cho trẻ em {place}.",
            "Đề nghị sửa xích đu, dụng cụ thể dục ở công viên {park}.",
            "Xin hỏi lịch tiêm chủng cho trẻ em ở trạm y tế {ward}.",
            "Công viên {park} thiếu ghế đá, xin bổ sung.",
            "Đề nghị cải thiện thái độ tiếp dân của bộ phận một cửa {ward}.",
            "Bảng tin khu phố {place} bị hư, thông tin cũ không cập nhật.",
        ),
        "detail": (
            "Mong phường hướng dẫn.",
            "Người dân rất cần được hỗ trợ.",
            "Không biết phải liên hệ đơn vị nào.",
        ),
    },
}
