import unicodedata

from directive_extract.loaders.base import Block, LoadedText
from directive_extract.normalize import clean, join_wrapped, key, normalize, strip_markdown


def norm(text: str, fmt: str = "txt") -> str:
    return normalize(LoadedText(blocks=[Block(text, None, "raw")], format=fmt)).text


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Đảng ủy phường Vạn Xuân")
    assert nfd != "Đảng ủy phường Vạn Xuân"
    assert norm(nfd) == "Đảng ủy phường Vạn Xuân"


def test_eth_becomes_d_with_stroke():
    assert clean("\u00d0ẢNG ỦY") == "ĐẢNG ỦY"


def test_crlf_and_bom():
    assert norm("\ufeffSố 12/QĐ-UBND\r\n\r\nQUYẾT ĐỊNH\r\n") == "Số 12/QĐ-UBND\n\nQUYẾT ĐỊNH"


def test_markdown_residue_removed_words_kept():
    assert strip_markdown("## **II. NỘI DUNG**") == "II. NỘI DUNG"
    assert strip_markdown("Thường trực Đảng ủy phường (*báo cáo*),") == "Thường trực Đảng ủy phường (báo cáo),"
    assert strip_markdown("\\*  ") == "*"
    assert strip_markdown("- Kính gửi:*") == "- Kính gửi:"


def test_hard_wrapped_lines_with_blank_lines_between_are_joined():
    lines = ["Căn cứ Công văn số 10-CV/TBTT, ngày 03/7/2025 của Tiểu ban tuyên", "",
             "truyền Đại hội về tiếp tục đẩy mạnh công tác tuyên truyền về đại hội", "",
             "đảng bộ các cấp.", "", "I- MỤC ĐÍCH, YÊU CẦU", "", "1. Mục đích"]
    out = [ln for ln in join_wrapped(lines) if ln]
    assert out[0].startswith("Căn cứ") and out[0].endswith("đảng bộ các cấp.")
    assert out[1:] == ["I- MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"]


def test_symbol_broken_at_hyphen_is_rejoined():
    out = join_wrapped(["và Kế hoạch số 72-", "", "KH/TU, ngày 12/9/2024 của Ban Thường vụ"])
    assert "72-KH/TU" in out[0]


def test_page_number_lines_dropped():
    assert "\n2\n" not in norm("đoạn một dài dài.\n2\nđoạn hai.")


def test_key_keeps_length_and_unifies_tone_placement():
    s = "Kế hoạch hoá Uỷ ban, HOÀ BÌNH"
    assert len(key(s)) == len(s)
    assert key("hoá") == key("hóa") and key("Uỷ") == key("Ủy")
    assert key("hoạch") == "hoạch"


def test_blank_line_ends_a_paragraph_unless_the_converter_wraps_that_way():
    from directive_extract.normalize import join_wrapped

    title = "Kết luận của Phó Chủ tịch tại cuộc họp về tiến độ giải ngân vốn đầu tư công năm nay"
    body = "Ngày 05/9/2025, đồng chí Phó Chủ tịch chủ trì cuộc họp nghe báo cáo tiến độ giải ngân."
    paragraphs = ["THÔNG BÁO", title, "", body, "", "1. Giao Sở Tài chính chủ trì.", "2. Các chủ đầu tư hoàn thiện.",
                  "3. Văn phòng theo dõi.", "4. Sở Xây dựng phối hợp.", "5. Kho bạc thanh toán."]
    assert join_wrapped(paragraphs)[1:4] == [title, "", body]
    # a converter that leaves a blank line after every wrapped line: there the blank joins
    wrapped = [x for ln in ["Căn cứ Công văn số 10-CV/TBTT, ngày 03/7/2025 của Tiểu ban tuyên truyền Đại hội",
                            "Đảng bộ tỉnh về tiếp tục đẩy mạnh công tác tuyên truyền về đại hội đảng bộ các cấp",
                            "Kế hoạch số 06-KH/TBTT, ngày 16/5/2025 của Tiểu ban Tuyên truyền Đại hội về tuyên",
                            "truyền đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV.",
                            "I. MỤC ĐÍCH", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG"] for x in (ln, "")]
    assert join_wrapped(wrapped)[0].startswith("Căn cứ Công văn số 10-CV/TBTT") and \
        join_wrapped(wrapped)[0].endswith("lần thứ XIV.")


def test_two_column_plain_text_is_read_one_column_at_a_time():
    from directive_extract.pipeline import extract_text

    layout = ("ĐẢNG BỘ TỈNH HÀ GIANG              ĐẢNG CỘNG SẢN VIỆT NAM\n"
              "ĐẢNG ỦY XÃ MINH TÂN\n"
              "       *                          Minh Tân, ngày 05 tháng 3 năm 2026\n"
              "Số 12-CV/ĐU\n"
              "V/v tuyên truyền bầu cử\n\n"
              "Kính gửi: Các chi bộ trực thuộc.\n\n"
              "Đảng ủy xã đề nghị các chi bộ triển khai thực hiện./.\n\n"
              "Nơi nhận:                           T/M ĐẢNG ỦY\n"
              "- Như trên,                         PHÓ BÍ THƯ\n"
              "- Lưu VP.\n\n\n"
              "                                    Lý Văn Páo\n")
    d = extract_text(layout, markdown=False)
    assert (d.issuer.name, d.issuer.parent) == ("Đảng ủy xã Minh Tân", "Đảng bộ tỉnh Hà Giang")
    assert (d.place, d.issued_date.date, d.number.text) == ("Minh Tân", "2026-03-05", "12-CV/ĐU")
    assert [x.name for x in d.distribution] == ["Như trên", "Lưu VP"]
    assert (d.signature.authority[0].mark, d.signature.position, d.signature.signer) == ("TM", "Phó Bí thư", "Lý Văn Páo")
    # a tabbed data table in the body is not a header: left as it is
    from directive_extract.normalize import split_columns
    table = "STT\tNội dung\tThời gian\n1\tTuyên truyền\tTháng 3"
    assert split_columns(table) == table


def test_blank_slots_are_not_column_gaps():
    from directive_extract.normalize import split_columns

    line = "Số:      /KH-UBND              Lào Cai, ngày      tháng 7 năm 2026"
    assert split_columns("ỦY BAN NHÂN DÂN\n" + line) == \
        "ỦY BAN NHÂN DÂN\nSố:      /KH-UBND\nLào Cai, ngày      tháng 7 năm 2026"
