"""Write qms_tthc_sample_catalogue.xlsx: a commune's TTHC catalogue in the layout provinces
publish (one row per procedure, Vietnamese headers), used by the import demo and tests.

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
    "Quyết định công bố",
    "Căn cứ pháp lý",
    "Kết quả thực hiện",
]
DECISION = "Quyết định số 1520/QĐ-UBND ngày 15/7/2025"
ROWS = [
    (
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "Cấp xã",
        "04 giờ làm việc",
        "Không",
        "Toàn trình",
        "UBND cấp xã",
        "Luật Hộ tịch năm 2014; Nghị định 123/2015/NĐ-CP",
        "Giấy khai sinh",
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "Hộ tịch",
        "Cấp xã",
        "04 giờ làm việc",
        "Không",
        "Toàn trình",
        "UBND cấp xã",
        "Luật Hộ tịch năm 2014; Luật Hôn nhân và gia đình 2014",
        "Giấy chứng nhận kết hôn",
    ),
    (
        "1.000656",
        "Đăng ký khai tử",
        "Hộ tịch",
        "Cấp xã",
        "04 giờ làm việc",
        "Không",
        "Toàn trình",
        "UBND cấp xã",
        "Luật Hộ tịch năm 2014",
        "Trích lục khai tử",
    ),
    (
        "1.004884",
        "Đăng ký lại khai sinh",
        "Hộ tịch",
        "Cấp xã",
        "05 ngày làm việc",
        "Lệ phí: 5.000 đồng",
        "Một phần",
        "UBND cấp xã",
        "Nghị định 123/2015/NĐ-CP",
        "Giấy khai sinh",
    ),
    (
        "1.001022",
        "Đăng ký nhận cha, mẹ, con",
        "Hộ tịch",
        "Cấp xã",
        "03 ngày làm việc",
        "Lệ phí: 15.000 đồng",
        "Một phần",
        "UBND cấp xã",
        "Luật Hộ tịch năm 2014",
        "Trích lục đăng ký nhận cha, mẹ, con",
    ),
    (
        "1.004837",
        "Đăng ký giám hộ",
        "Hộ tịch",
        "Cấp xã",
        "03 ngày làm việc",
        "Lệ phí: 8.000 đồng",
        "Một phần",
        "UBND cấp xã",
        "Luật Hộ tịch năm 2014; Bộ luật Dân sự 2015",
        "Trích lục đăng ký giám hộ",
    ),
    (
        "1.004859",
        "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
        "Hộ tịch",
        "Cấp xã",
        "Trực tiếp: 03 ngày làm việc; Trực tuyến: 02 ngày làm việc",
        "Lệ phí: 15.000 đồng",
        "Một phần",
        "UBND cấp xã",
        "Luật Hộ tịch năm 2014",
        "Trích lục thay đổi, cải chính hộ tịch",
    ),
    (
        "2.000635",
        "Cấp bản sao trích lục hộ tịch",
        "Hộ tịch",
        "Cấp xã",
        "04 giờ làm việc",
        "Lệ phí: 8.000 đồng/bản",
        "Toàn trình",
        "UBND cấp xã",
        "Thông tư 85/2019/TT-BTC",
        "Bản sao trích lục hộ tịch",
    ),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền "
        "của Việt Nam cấp hoặc chứng nhận",
        "Chứng thực",
        "Cấp xã",
        "Trong ngày",
        "Phí chứng thực: 2.000 đồng/trang",
        "Một phần",
        "UBND cấp xã",
        "Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC",
        "Bản sao được chứng thực",
    ),
    (
        "2.000884",
        "Chứng thực chữ ký trong các giấy tờ, văn bản",
        "Chứng thực",
        "Cấp xã",
        "Trong ngày",
        "Phí chứng thực: 10.000 đồng/trường hợp",
        "Một phần",
        "UBND cấp xã",
        "Nghị định 23/2015/NĐ-CP; Thông tư 226/2016/TT-BTC",
        "Giấy tờ, văn bản được chứng thực chữ ký",
    ),
    (
        "2.000913",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        "Chứng thực",
        "Cấp xã",
        "02 ngày làm việc",
        "Phí chứng thực: 50.000 đồng/hợp đồng",
        "Không",
        "UBND cấp xã",
        "Nghị định 23/2015/NĐ-CP",
        "Hợp đồng, giao dịch được chứng thực",
    ),
    (
        "2.000942",
        "Chứng thực di chúc",
        "Chứng thực",
        "Cấp xã",
        "02 ngày làm việc",
        "Phí chứng thực: 50.000 đồng/di chúc",
        "Không",
        "UBND cấp xã",
        "Nghị định 23/2015/NĐ-CP",
        "Di chúc được chứng thực",
    ),
]


def main():
    path = pathlib.Path(__file__).with_name("qms_tthc_sample_catalogue.xlsx")
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Danh mục TTHC")
    bold = workbook.add_format({"bold": True, "border": 1, "text_wrap": True})
    cell = workbook.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet.write(0, 0, "DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND CẤP XÃ")
    for col, header in enumerate(HEADERS):
        sheet.write(2, col, header, bold)
        sheet.set_column(col, col, 45 if col == 2 else 18)
    for index, (code, name, field, level, time, fee, online, agency, legal, result) in enumerate(
        ROWS, start=1
    ):
        values = [
            index,
            code,
            name,
            field,
            level,
            time,
            fee,
            online,
            agency,
            DECISION,
            legal,
            result,
        ]
        for col, value in enumerate(values):
            sheet.write(2 + index, col, value, cell)
    workbook.close()


if __name__ == "__main__":
    main()
