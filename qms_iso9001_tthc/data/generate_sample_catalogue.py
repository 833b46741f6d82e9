"""Write qms_tthc_sample_catalogue.xlsx: real procedures as public portals published them.

Every value below was read on the page named in its row's source ("Nguồn") and is copied as
printed there, wording, numbering and punctuation included; a cell the page did not publish is
left empty. Most portal lists print no national code: those rows are imported as local
procedures and flagged. The file is the demo catalogue of the import and the test that the
import takes published data as it is (tests/test_tthc_import.py).

Run with the Odoo venv's python: python generate_sample_catalogue.py
"""

import pathlib

import xlsxwriter

HEADERS = [
    "STT",
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Thời hạn giải quyết",
    "Phí, lệ phí",
    "Mức độ dịch vụ công trực tuyến",
    "Cơ quan thực hiện",
    "Nguồn",
]

# Sources (pages read in 2026)
QUANG_HANH = (
    "https://phuongquanghanh.campha.gov.vn/phuongquanghanh/thu-tuc-hanh-chinh/"
    "tieude-/linhvuc-0/donvi-0"
)
HUE_3 = "https://tthc.thuathienhue.gov.vn/Content/Dichvucong/donvi?iDonVi=1&iMucDo=3"
HUE_4 = "http://tthc.thuathienhue.gov.vn/Content/Dichvucong/donvi?iDonVi=1&iMucDo=4"
NAM_GIANG = "http://namgiang.quangnam.gov.vn/Default.aspx?tabid=141"
LAO_CAI = "https://dichvucong.laocai.gov.vn/yenbai/tra-cuu/chi-tiet-thu-tuc?ma-thu-tuc=117241"
DIEN_BIEN = (
    "http://huyendienbien.gov.vn/nongthonmoi/T/HC/View/"
    "Thu-tuc-chung-thuc-chu-ky-trong-cac-giay-to-van-ban-ap-dung-cho-ca-truong-hop-chung-thuc"
)

LIMIT_15_WORKING_DAYS = "Tối đa không quá 15 ngày làm việc, kể từ ngày nộp đủ hồ sơ theo quy định."
LIMIT_30_WORKING_DAYS = "30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"

# (code, name, field, level, time limit, fees, online level, agency, source)
ROWS = [
    (
        "",
        "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo "
        "hiểm y tế cho trẻ em dưới 6 tuổi",
        "Lĩnh vực Hộ tịch",
        "",
        LIMIT_15_WORKING_DAYS,
        "Miễn lệ phí",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Liên thông các thủ tục hành chính về đăng ký khai sinh, cấp Thẻ bảo hiểm y tế cho trẻ "
        "em dưới 6 tuổi",
        "Lĩnh vực Hộ tịch",
        "",
        LIMIT_15_WORKING_DAYS,
        "Miễn lệ phí",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Thủ tục xác nhận thông tin hộ tịch",
        "Lĩnh vực Hộ tịch",
        "",
        "03 ngày làm việc, trường hợp phải xác minh thì thời hạn giải quyết không quá 10 ngày "
        "làm việc.",
        "8.000 đồng/văn bản",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Thủ tục cấp bản sao Trích lục hộ tịch",
        "Lĩnh vực Hộ tịch",
        "",
        "Ngay trong ngày tiếp nhận yêu cầu, trường hợp nhận hồ sơ sau 15 giờ mà không giải "
        "quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo",
        "8.000đồng/bản sao trích lục/sự kiện hộ tịch đã đăng ký",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Thủ tục đăng ký khai tử lưu động",
        "Lĩnh vực Hộ tịch",
        "",
        "5 ngày",
        "5.000 đồng Miễn lệ phí đối với trường hợp đăng ký khai tử đúng hạn; đăng ký cho người "
        "thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật.",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Thủ tục đăng ký kết hôn lưu động",
        "Lĩnh vực Hộ tịch",
        "",
        "5 ngày",
        "Miễn lệ phí",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Thủ tục đăng ký khai sinh lưu động",
        "Lĩnh vực Hộ tịch",
        "",
        "5 ngày",
        # the page's fee cell was cut off where it was read: left empty
        "",
        "",
        "",
        QUANG_HANH,
    ),
    (
        "",
        "Thủ tục công nhận ban vận động thành lập hội",
        "Tổ chức phi chính phủ",
        "",
        "15 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục thành lập hội",
        "Tổ chức phi chính phủ",
        "",
        LIMIT_30_WORKING_DAYS,
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục phê duyệt điều lệ hội",
        "Tổ chức phi chính phủ",
        "",
        LIMIT_30_WORKING_DAYS,
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục chia, tách; sáp nhập; hợp nhất đối với hội",
        "Tổ chức phi chính phủ",
        "",
        LIMIT_30_WORKING_DAYS,
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục đổi tên hội",
        "Tổ chức phi chính phủ",
        "",
        LIMIT_30_WORKING_DAYS,
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục tự giải thể đối với hội",
        "Tổ chức phi chính phủ",
        "",
        "15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục báo cáo tổ chức đại hội nhiệm kỳ, đại hội bất thường cấp huyện",
        "Tổ chức phi chính phủ",
        "",
        "15 ngày làm việc (trường hợp cần lấy ý kiến thì tối đa không quá 25 ngày làm việc) kể "
        "từ ngày nhận đủ hồ sơ hợp lệ.",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        'Thủ tục tặng danh hiệu "Chiến sĩ thi đua cơ sở" (Cấp huyện)',
        "Thi đua - Khen thưởng",
        "",
        "",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        'Thủ tục tặng danh hiệu "Lao động tiên tiến" (Cấp huyện)',
        "Thi đua - Khen thưởng",
        "",
        "",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục tặng danh hiệu “Tập thể lao động tiên tiến” (Cấp huyện)",
        "Thi đua - Khen thưởng",
        "",
        "",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục tặng Giấy khen của Chủ tịch UBND cấp huyện huyện theo công trạng (Cấp huyện)",
        "Thi đua - Khen thưởng",
        "",
        "",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục tặng Giấy khen của Chủ tịch UBND cấp huyện về khen thưởng cho hộ gia đình "
        "(Cấp huyện)",
        "Thi đua - Khen thưởng",
        "",
        "",
        "",
        "Mức độ 3",
        "",
        HUE_3,
    ),
    (
        "",
        "Thủ tục thay đổi, cải chính, bổ sung hộ tịch, xác định lại dân tộc",
        "Hộ tịch",
        "Cấp huyện",
        "03 ngày làm việc đối với việc thay đổi, cải chính hộ tịch, xác định lại dân tộc. "
        "Trường hợp cần phải xác minh thì thời hạn được kéo dài không quá 06 ngày làm việc.",
        "",
        "Mức độ 4",
        "",
        HUE_4,
    ),
    (
        "",
        "Thủ tục miễn nhiệm báo cáo viên pháp luật huyện",
        "Phổ biến giáo dục pháp luật",
        "Cấp huyện",
        "Trong thời hạn 05 ngày làm việc kể từ ngày nhận được văn bản đề nghị miễn nhiệm.",
        "",
        "Mức độ 4",
        "",
        HUE_4,
    ),
    (
        "",
        "Thủ tục công nhận báo cáo viên pháp luật huyện",
        "Phổ biến giáo dục pháp luật",
        "Cấp huyện",
        "Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ văn bản đề nghị công nhận báo cáo "
        "viên pháp luật có đầy đủ thông tin theo quy định.",
        "",
        "Mức độ 4",
        "",
        HUE_4,
    ),
    (
        "",
        "Thủ tục giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp huyện",
        "Đất đai",
        "Cấp huyện",
        "Không quá 45 ngày",
        "",
        "Mức độ 4",
        "",
        HUE_4,
    ),
    (
        "",
        "Thủ tục giao đất, cho thuê đất cho hộ gia đình, cá nhân; giao đất cho cộng đồng dân cư "
        "đối với trường hợp giao đất, cho thuê đất không thông qua hình thức đấu giá quyền sử "
        "dụng đất",
        "Đất đai",
        "Cấp huyện",
        "+ Không quá 20 ngày (không kể thời gian giải phóng mặt bằng; không kể thời gian thực "
        "hiện nghĩa vụ tài chính của người sử dụng đất).",
        "",
        "Mức độ 4",
        "",
        HUE_4,
    ),
    (
        "",
        "Thủ tục thẩm định nhu cầu sử dụng đất để xem xét giao đất, cho thuê đất không thông "
        "qua hình thức đấu giá quyền sử dụng đất đối với hộ gia đình, cá nhân, cộng đồng dân cư",
        "Đất đai",
        "Cấp huyện",
        "Không quá 30 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "",
        "Mức độ 4",
        "",
        HUE_4,
    ),
    (
        "",
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "",
        "Ngay sau khi nhận được yêu cầu.",
        "",
        "",
        "",
        NAM_GIANG,
    ),
    (
        "",
        "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
        "Hộ tịch",
        "",
        "05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
        "",
        "",
        "",
        NAM_GIANG,
    ),
    (
        "",
        "Đăng ký lại khai tử có yếu tố nước ngoài",
        "Hộ tịch",
        "",
        "- 05 ngày làm việc; - Trường hợp cần xác minh thì thời hạn giải quyết không quá 10 ngày.",
        "",
        "",
        "",
        NAM_GIANG,
    ),
    (
        "",
        "Đăng ký lại kết hôn có yếu tố nước ngoài",
        "Hộ tịch",
        "",
        "",
        "",
        "",
        "",
        NAM_GIANG,
    ),
    (
        "1.000948.H38",
        "Cấp lại Giấy phép chế biến nguyên liệu thuốc lá",
        "Công nghiệp tiêu dùng",
        "",
        "",
        "",
        "Một phần",
        "Ủy ban nhân dân cấp Tỉnh",
        LAO_CAI,
    ),
    (
        "",
        "Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng "
        "thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ "
        "được)",
        "Chứng thực",
        "",
        "Trực tiếp: Trong ngày cơ quan, tổ chức tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp "
        "theo, nếu tiếp nhận yêu cầu sau 15 giờ. Trường hợp trả kết quả trong ngày làm việc "
        "tiếp theo thì người tiếp nhận hồ sơ phải có phiếu hẹn ghi rõ thời gian (giờ, ngày) trả "
        "kết quả cho người yêu cầu chứng thực.",
        "Phí : 10 USD (Tại cơ quan đại diện: 10 USD/bản) Phí : 10.000 Đồng (Tại UBND cấp huyện "
        "và UBND cấp xã: 10.000 đồng/trường hợp (trường hợp được tính là một hoặc nhiều chữ ký "
        "trong một giấy tờ, văn bản).) Phí : 10.000 Đồng (Tại Tổ chức hành nghề công chứng: Phí "
        "chứng thực chữ ký trong giấy tờ, văn bản: 10 nghìn đồng/trường hợp (trường hợp hiểu là "
        "một hoặc nhiều chữ ký trong một giấy tờ, văn bản).)",
        "",
        "",
        DIEN_BIEN,
    ),
]


def main():
    path = pathlib.Path(__file__).with_name("qms_tthc_sample_catalogue.xlsx")
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Danh mục TTHC")
    bold = workbook.add_format({"bold": True, "border": 1, "text_wrap": True})
    cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet.write(0, 0, "DANH MỤC THỦ TỤC HÀNH CHÍNH (MẪU TỪ CÁC CỔNG THÔNG TIN ĐÃ CÔNG BỐ)")
    for col, header in enumerate(HEADERS):
        sheet.write(2, col, header, bold)
        sheet.set_column(col, col, 45 if col in (2, 5, 6) else 18)
    for index, row in enumerate(ROWS, start=1):
        for col, value in enumerate((index, *row)):
            sheet.write(2 + index, col, value, cell)
    workbook.close()


if __name__ == "__main__":
    main()
