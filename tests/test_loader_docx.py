"""DOCX loader: the sample DOCX files, documents built here, broken and hostile files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from directive_extract.errors import ExtractError
from directive_extract.loaders import load
from directive_extract.loaders import docx as docx_loader
from directive_extract.loaders.docx import load_docx
from directive_extract.loaders.legacy import encode_tcvn3, encode_vni

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DOCX = sorted((SAMPLES / "docx").glob("*.docx"))


def texts(loaded):
    return [b.text for b in loaded.blocks]


def index_of(loaded, pred):
    for i, b in enumerate(loaded.blocks):
        if pred(b.text):
            return i
    raise AssertionError("no such block")


def seed_words(stem: str) -> set[str]:
    raw = (SAMPLES / f"{stem}.txt").read_text(encoding="utf-8")
    raw = re.sub(r"[*#\\¹²³⁴⁵⁶⁷⁸⁹⁰]", " ", raw)
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", raw)))


# --------------------------------------------------------------------------------------------
# The sample DOCX files

def test_there_are_five_samples():
    assert [p.stem for p in DOCX] == sorted(p.stem for p in SAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_sample_is_lossless_and_clean(path):
    loaded = load(path)
    assert loaded.format == "docx" and loaded.pages is None and loaded.encoding is None
    assert loaded.warnings == []
    body = "\n".join(texts(loaded))
    assert body == unicodedata.normalize("NFC", body)
    assert "**" not in body and "#" not in body and "\t" not in body
    # every word of the seed is in the DOCX text (the builder invents nothing and loses nothing
    # but the fixed national heading lines it adds)
    words = set(re.findall(r"\w+", body))
    assert seed_words(path.stem) - words == set()
    assert {b.kind for b in loaded.blocks} <= {"para", "cell", "footnote"}


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.stem[:3])
def test_sample_header_and_footer_order(path):
    loaded = load(path)
    kinds = {b.text: b.kind for b in loaded.blocks}
    heading = index_of(loaded, lambda t: t in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert loaded.blocks[heading].kind == "cell"
    numbers = [i for i, b in enumerate(loaded.blocks) if b.text.startswith("Số ")]
    if numbers:  # left cell (number) before the right cell (heading, date)
        assert loaded.blocks[numbers[0]].kind == "cell" and numbers[0] < heading
    noi = index_of(loaded, lambda t: t.startswith("Nơi nhận"))
    assert kinds["Nơi nhận:"] == "cell"
    # the Nơi nhận list comes before the signature lines, all of them cells
    tail = loaded.blocks[noi:]
    assert all(b.kind in ("cell", "footnote") for b in tail)
    list_end = max(i for i, b in enumerate(tail) if b.text.startswith("- "))
    sign = [b.text for b in tail[list_end + 1:] if b.kind == "cell"]
    assert sign, "no signature lines"
    assert not any(s.startswith("- ") for s in sign)


def test_sample_000_cong_van():
    loaded = load(SAMPLES / "docx" / "000_a87da02fcde4650a.docx")
    t = texts(loaded)
    assert t[:4] == ["Số 411-CV/ĐU", "V/v thực hiện cao điểm công tác tuyên truyền\nĐại hội XIV của Đảng",
                     "ĐẢNG CỘNG SẢN VIỆT NAM", "Vạn Xuân, ngày 14 tháng 01 năm 2026"]
    assert all(b.kind == "cell" for b in loaded.blocks[:4])
    assert t[4] == "Kính gửi:"
    assert t[5] == "- Các cơ quan chuyên trách tham mưu, giúp việc Đảng ủy,"
    # automatic numbering rendered as printed
    for label in ("1. Căn cứ chức năng", "2. Các đảng bộ", "5. Trung tâm Dịch vụ", "6. Nội dung tuyên truyền trọng tâm:",
                  "- Tuyên truyền làm nổi bật"):
        assert any(x.startswith(label) for x in t), label
    # the page-break split paragraph of the seed is one paragraph again
    assert any("khẳng định" in x and "Cộng sản Việt Nam” và sử dụng" in x for x in t)
    # footnote: reference in the text, note as a "footnote" block with its number
    assert any("các ngành chức năng¹. Chú trọng" in x for x in t)
    notes = [b for b in loaded.blocks if b.kind == "footnote"]
    assert len(notes) == 1 and notes[0].text.startswith("1 Hướng dẫn số 101-HD/BTGTU, ngày 01/10/2024")
    assert t.index("Nơi nhận:") < t.index("T/M BAN THƯỜNG VỤ") < t.index("PHÓ BÍ THƯ THƯỜNG TRỰC") \
        < t.index("Nguyễn Nho Huấn")
    assert "- Thường trực Đảng ủy phường (báo cáo)," in t


def test_sample_001_numbering_restarts_where_the_seed_does():
    t = texts(load(SAMPLES / "docx" / "001_b52a71c16220c3a6.docx"))
    labels = [x.split(" ", 1)[0] for x in t if re.match(r"^\d+- ", x)]
    assert labels == ["1-", "2-", "3-", "4-", "5-", "7-", "8-"]  # the seed has no "6-"
    assert "Kính gửi: Các Cấp ủy, Chi bộ" in t
    assert t[:2] == ["*", "Số -CV/ĐUVP"]
    assert "Sơn La, ngày tháng 01 năm 2026" in t


def test_sample_002_outline():
    loaded = load(SAMPLES / "docx" / "002_c09283dee7dc6ffb.docx")
    t = texts(loaded)
    assert t[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert t[2] == "KẾ HOẠCH" and t[3].startswith("Tuyên truyền Đại hội đại biểu Đảng bộ thành phố")
    for label in ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "II. NỘI DUNG, THỜI GIAN", "1.1. Đợt 1:",
                  "a) Thời gian: Từ tháng 12/2024", "b) Nội dung tuyên truyền:", "1.5. Đợt 5:", "2.5. Tổ chức triển lãm",
                  "+ Tâm tư, tình cảm", "V. TỔ CHỨC THỰC HIỆN", "10. UBND các xã, phường"):
        assert any(x.startswith(label) for x in t), label
    assert not any(x.startswith(("Số ", "ngày")) for x in t[:4])  # the seed has neither
    assert t[-4:] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lý Ngọc Phong"]


def test_sample_003_mixed_roman_styles():
    t = texts(load(SAMPLES / "docx" / "003_d7b9cf3705d76a4d.docx"))
    for label in ("I. MỤC ĐÍCH, YÊU CẦU", "II - NỘI DUNG TUYÊN TRUYỀN", "III - HÌNH THỨC", "IV. TỔ CHỨC THỰC HIỆN",
                  "(1) Quy chế làm việc", "(14) Ban Chấp hành", "3. Ủy ban Mặt trận Tổ quốc"):
        assert any(x.startswith(label) for x in t), label
    assert t[2] == "KẾ HOẠCH"
    assert t[3] == "tuyên truyền kết quả Hội nghị lần thứ hai\nBan Chấp hành Trung ương Đảng khóa XIV"
    assert t[-1] == "Tô Thị Thu Hường"


def test_sample_004_hard_wrapped_seed():
    t = texts(load(SAMPLES / "docx" / "004_4b482df31260f2c2.docx"))
    opening = next(x for x in t if x.startswith("Căn cứ Công văn số 10-CV/TBTT"))
    assert opening.endswith("Kế hoạch triển khai công tác tuyên truyền như sau:")
    assert "I- MỤC ĐÍCH, YÊU CẦU" in t and "2. Yêu cầu" in t
    assert any(x.startswith("1. Đợt 1: Từ nay đến thời điểm hoàn thành Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII")
               for x in t)


def test_vntime_sample_equals_unicode_sample():
    legacy = load(SAMPLES / "legacy" / "000_a87da02fcde4650a.vntime.docx")
    plain = load(SAMPLES / "docx" / "000_a87da02fcde4650a.docx")
    assert legacy.encoding == "tcvn3"
    assert texts(legacy) == texts(plain)
    raw = zipfile.ZipFile(SAMPLES / "legacy" / "000_a87da02fcde4650a.vntime.docx").read("word/document.xml")
    assert b'w:ascii=".VnTime"' in raw and b'w:ascii=".VnTimeH"' in raw


# --------------------------------------------------------------------------------------------
# Documents built here

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def make_docx(path: Path, body_xml: str, numbering_xml: str | None = None, styles_xml: str = "",
              header: str | None = None, footer_page_field: bool = False, sections: int = 1) -> Path:
    """A DOCX whose body is `body_xml` (w:p / w:tbl elements), optionally with numbering."""
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    body = doc.element.body
    sect = body[-1]
    wrapper = parse_xml(f"<w:body {NS}>{body_xml}</w:body>")
    for child in list(wrapper):
        sect.addprevious(child)
    if numbering_xml is not None:
        doc.part.numbering_part._element = parse_xml(f"<w:numbering {NS}>{numbering_xml}</w:numbering>")
    if styles_xml:
        for st in parse_xml(f"<w:styles {NS}>{styles_xml}</w:styles>"):
            doc.styles.element.append(st)
    for k in range(1, sections):
        doc.add_section()
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    if footer_page_field:
        p = doc.sections[0].footer.paragraphs[0]
        p._p.append(parse_xml(f'<w:r {NS}><w:t xml:space="preserve">Trang </w:t></w:r>'))
        for frag in ('<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                     '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>', '<w:fldChar w:fldCharType="end"/>'):
            p._p.append(parse_xml(f"<w:r {NS}>{frag}</w:r>"))
    doc.save(str(path))
    return path


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def numpr(num_id: int, ilvl: int = 0) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, font: str | None = None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{rpr}</w:lvl>')


NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%2.") + lvl(2, "decimal", "%2.%3.")
    + lvl(3, "lowerLetter", "%4)") + lvl(4, "bullet", "\uf0b7", font="Symbol") + lvl(5, "bullet", "+")
    + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "lowerRoman", "(%1)", start=3)
    + lvl(1, "decimalZero", "%2.") + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2">' + lvl(0, "bullet", "-") + '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
)


def test_numbering_formats_restarts_and_styles(tmp_path):
    styles = ('<w:style w:type="paragraph" w:styleId="Gach"><w:name w:val="Gach"/>'
              '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>')
    body = "".join([
        para("MỤC ĐÍCH", numpr(1, 0)),
        para("Mục đích", numpr(1, 1)),
        para("Đợt một", numpr(1, 2)),
        para("Thời gian", numpr(1, 3)),
        para("Nội dung", numpr(1, 3)),
        para("việc một", numpr(1, 4)),
        para("ý phụ", numpr(1, 5)),
        para("Đợt hai", numpr(1, 2)),
        para("Thời gian lại", numpr(1, 3)),
        para("Yêu cầu", numpr(1, 1)),
        para("", numpr(1, 1)),               # an empty numbered paragraph still counts
        para("Sau đoạn rỗng", numpr(1, 1)),
        para("NỘI DUNG", numpr(1, 0)),
        para("Lại từ một", numpr(1, 1)),
        para("la mã nhỏ", numpr(2, 0)),
        para("số có 0", numpr(2, 1)),
        para("bắt đầu từ bảy", numpr(3, 1)),
        para("gạch theo kiểu đoạn", '<w:pStyle w:val="Gach"/>'),
        para("không đánh số", numpr(0, 0)),
    ])
    t = texts(load_docx(make_docx(tmp_path / "n.docx", body, NUMBERING, styles)))
    assert t == ["I. MỤC ĐÍCH", "1. Mục đích", "1.1. Đợt một", "a) Thời gian", "b) Nội dung", "- việc một",
                 "+ ý phụ", "1.2. Đợt hai", "a) Thời gian lại", "2. Yêu cầu", "4. Sau đoạn rỗng", "II. NỘI DUNG",
                 "1. Lại từ một", "(iii) la mã nhỏ", "01. số có 0", "7. bắt đầu từ bảy",
                 "- gạch theo kiểu đoạn", "không đánh số"]


def test_breaks_tabs_fields_hidden_and_tracked(tmp_path):
    body = (
        '<w:p><w:r><w:t>V/v dòng một</w:t><w:br/><w:t>dòng hai</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>Cột</w:t><w:tab/><w:t>cột</w:t></w:r></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">Xem </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF bm1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>mục 2</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t>ẨN</w:t></w:r>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>đã xóa </w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> thêm</w:t></w:r></w:ins>'
        '<w:hyperlink><w:r><w:t xml:space="preserve"> liên kết</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:rPr><w:caps/></w:rPr><w:t>chữ hoa</w:t></w:r></w:p>'
    )
    loaded = load_docx(make_docx(tmp_path / "b.docx", body))
    assert texts(loaded) == ["V/v dòng một\ndòng hai", "Cột cột", "Xem mục 2 thêm liên kết", "CHỮ HOA"]
    assert loaded.warnings and loaded.warnings[0][0] == "docx_tracked_changes"


def test_tables_layout_data_nested_and_merged(tmp_path):
    def tc(inner: str, tcpr: str = "") -> str:
        return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{inner}</w:tc>"

    nested = "<w:tbl>" + "<w:tr>" + tc(para("trong trái")) + tc(para("trong phải")) + "</w:tr></w:tbl>"
    layout = ("<w:tbl><w:tr>" + tc(para("ỦY BAN NHÂN DÂN") + para("Số: 12/KH-UBND"))
              + tc(para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + nested + para("Hà Nội, ngày 05 tháng 01 năm 2026"))
              + "</w:tr></w:tbl>")
    rows = [("STT", "Nội dung", "Thời gian"), ("1", "Tuyên truyền", "Tháng 1"), ("2", "Hội nghị", "")]
    data = "<w:tbl>"
    for k, row in enumerate(rows):
        data += "<w:tr>" + "".join(tc(para(c)) for c in row) + "</w:tr>"
    data += ("<w:tr>" + tc(para("3")) + tc(para("gộp ngang"), '<w:gridSpan w:val="2"/>') + "</w:tr>"
             "<w:tr>" + tc(para("4")) + tc(para("gộp dọc"), '<w:vMerge w:val="restart"/>') + tc(para("x")) + "</w:tr>"
             "<w:tr>" + tc(para("5")) + tc("<w:p/>", "<w:vMerge/>") + tc(para("y")) + "</w:tr>")
    data += "</w:tbl>"
    frame = "<w:tbl><w:tr>" + tc(para("Khung một cột")) + "</w:tr></w:tbl>"
    loaded = load_docx(make_docx(tmp_path / "t.docx", layout + para("Thân") + data + frame))
    got = [(b.kind, b.text) for b in loaded.blocks]
    assert got == [
        ("cell", "ỦY BAN NHÂN DÂN"), ("cell", "Số: 12/KH-UBND"),
        ("cell", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("cell", "trong trái"), ("cell", "trong phải"),
        ("cell", "Hà Nội, ngày 05 tháng 01 năm 2026"),
        ("para", "Thân"),
        ("para", "STT | Nội dung | Thời gian"), ("para", "1 | Tuyên truyền | Tháng 1"), ("para", "2 | Hội nghị | "),
        ("para", "3 | gộp ngang"), ("para", "4 | gộp dọc | x"), ("para", "5 |  | y"),
        ("para", "Khung một cột"),
    ]


def test_text_box_read_once(tmp_path):
    box = ('<w:txbxContent><w:p><w:r><w:t>HỎA TỐC</w:t></w:r></w:p></w:txbxContent>')
    body = ('<w:p><w:r><w:t>Trước hộp</w:t></w:r><w:r><mc:AlternateContent>'
            f'<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>{box}'
            '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r></w:p>' + para("Sau hộp"))
    assert texts(load_docx(make_docx(tmp_path / "x.docx", body))) == ["Trước hộp", "HỎA TỐC", "Sau hộp"]


def test_headers_once_and_page_numbers_skipped(tmp_path):
    path = make_docx(tmp_path / "h.docx", para("Nội dung"), header="VĂN BẢN MẬT",
                     footer_page_field=True, sections=3)
    t = texts(load_docx(path))
    assert t == ["VĂN BẢN MẬT", "Nội dung"]


def test_footnote_in_a_built_document(tmp_path):
    # the builder's footnote machinery, through a one-line seed
    sys.path.insert(0, str(SAMPLES / "build"))
    import build_docx
    seed = tmp_path / "s.txt"
    seed.write_text("Số 12-CV/ĐU\n\nKính gửi: Các chi bộ\n\nThực hiện Hướng dẫn²; và Quy định³.\n\n"
                    "² Hướng dẫn số 01-HD/TW.\n³ Quy định số 02-QĐ/TW.\n\nNơi nhận:\n- Lưu.\n\nT/M ĐẢNG ỦY\n\nA B\n",
                    encoding="utf-8")
    build_docx.build(seed, tmp_path / "s.docx")
    loaded = load_docx(tmp_path / "s.docx")
    t = texts(loaded)
    assert "Thực hiện Hướng dẫn¹; và Quy định²." in t  # Word numbers notes 1, 2 by reference order
    notes = [b.text for b in loaded.blocks if b.kind == "footnote"]
    assert notes == ["1 Hướng dẫn số 01-HD/TW.", "2 Quy định số 02-QĐ/TW."]


def test_legacy_font_runs(tmp_path):
    tc3 = encode_tcvn3("Huyện Bảo Thắng").decode("cp1252")
    tc3h = encode_tcvn3("kế hoạch").decode("cp1252")
    vni = encode_vni("Cộng hòa Việt Nam").decode("cp1252")
    body = (para(tc3, rpr='<w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>')
            + para(tc3h, rpr='<w:rFonts w:ascii=".VnTimeH" w:hAnsi=".VnTimeH"/>')
            + para("Unicode thường: Đảng"))
    loaded = load_docx(make_docx(tmp_path / "l.docx", body))
    assert texts(loaded) == ["Huyện Bảo Thắng", "KẾ HOẠCH", "Unicode thường: Đảng"]
    assert loaded.encoding == "tcvn3"
    styled = ('<w:style w:type="paragraph" w:styleId="Cu"><w:name w:val="Cu"/>'
              '<w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr></w:style>')
    loaded = load_docx(make_docx(tmp_path / "v.docx", para(vni, '<w:pStyle w:val="Cu"/>'), styles_xml=styled))
    assert texts(loaded) == ["Cộng hòa Việt Nam"] and loaded.encoding == "vni"


# --------------------------------------------------------------------------------------------
# Broken and hostile files

def test_truncated_docx(tmp_path):
    data = DOCX[0].read_bytes()
    bad = tmp_path / "cut.docx"
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractError) as e:
        load(bad)
    assert e.value.code == "corrupt_docx"


def test_not_a_zip(tmp_path):
    bad = tmp_path / "fake.docx"
    bad.write_bytes(b"this is not a zip archive at all \x00\x01\x02" * 10)
    with pytest.raises(ExtractError) as e:
        load_docx(bad)
    assert e.value.code == "corrupt_docx" and str(bad) in str(e.value)


def test_zip_without_word_parts(tmp_path):
    bad = tmp_path / "other.docx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ExtractError) as e:
        load(bad)
    assert e.value.code == "corrupt_docx"


def test_zip_bomb_ratio(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (11 * 1024 * 1024))  # ~11 KB compressed
    assert bomb.stat().st_size < 100_000
    with pytest.raises(ExtractError) as e:
        load(bomb)
    assert e.value.code == "zip_bomb"


def test_zip_bomb_total_size(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_loader, "MAX_TOTAL_UNCOMPRESSED", 1_000_000)
    path = make_docx(tmp_path / "big.docx", para("x" * 1_200_000))
    with pytest.raises(ExtractError) as e:
        load_docx(path)
    assert e.value.code == "zip_bomb"


def test_doctype_entities_refused(tmp_path):
    good = make_docx(tmp_path / "good.docx", para("Nội dung"))
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"?>", b'?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
                                           b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>', 1)
                data = data.replace("Nội dung".encode(), b"&b;")
            dst.writestr(info, data)
    with pytest.raises(ExtractError) as e:
        load(evil)
    assert e.value.code == "xml_entities"


def test_empty_document(tmp_path):
    import docx
    path = tmp_path / "empty.docx"
    d = docx.Document()
    d.add_paragraph("")
    d.add_table(rows=1, cols=2)
    d.save(str(path))
    with pytest.raises(ExtractError) as e:
        load(path)
    assert e.value.code == "empty_document"


def test_legacy_doc_without_soffice(tmp_path, monkeypatch):
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    monkeypatch.setattr(docx_loader.shutil, "which", lambda name: None)
    with pytest.raises(ExtractError) as e:
        load(doc)
    assert e.value.code == "legacy_doc" and "soffice --headless --convert-to docx" in str(e.value)


@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice (soffice)")
def test_legacy_doc_with_soffice(tmp_path):
    src = tmp_path / "s.docx"
    shutil.copy(DOCX[0], src)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(src)], check=True,
                   capture_output=True, timeout=120)
    loaded = load(tmp_path / "s.doc")
    assert loaded.format == "docx" and any(c == "converted_doc" for c, _ in loaded.warnings)
    assert "Số 411-CV/ĐU" in texts(loaded)


def test_python_docx_is_imported_lazily():
    code = ("import sys, directive_extract.loaders, directive_extract.loaders.docx; "
            "sys.exit(1 if 'docx' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
