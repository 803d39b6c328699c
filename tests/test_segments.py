"""Segmenters on real snippets and their variants."""

import pytest

from directive_extract.pipeline import extract_text


def head(text: str):
    return extract_text(text)


@pytest.mark.parametrize("line, text, serial, type_code, issuer_code", [
    ("Số 411-CV/ĐU", "411-CV/ĐU", "411", "CV", "ĐU"),
    ("Số: 15-HD/BTGTU", "15-HD/BTGTU", "15", "HD", "BTGTU"),
    ("Số 67 -KH/ĐU", "67-KH/ĐU", "67", "KH", "ĐU"),
    ("Số -CV/ĐUVP", "-CV/ĐUVP", None, "CV", "ĐUVP"),
    ("Số: 12/QĐ-UBND", "12/QĐ-UBND", "12", "QĐ", "UBND"),
    ("Số:      /KH-UBND", "/KH-UBND", None, "KH", "UBND"),
    ("Số 12 /TTr - UBND", "12/TTr-UBND", "12", "TTr", "UBND"),
    ("Số: 345/UBND-VX", "345/UBND-VX", "345", None, "UBND-VX"),
])
def test_number_variants(line, text, serial, type_code, issuer_code):
    d = head(f"{line}\n\nKính gửi: Sở Tài chính\n\nNội dung.")
    assert d.number.text == text
    assert d.number.serial == serial
    assert d.number.type_code == type_code
    assert d.number.issuer_code == issuer_code
    assert bool(d.warnings and d.warnings[0].code == "blank_serial") == (serial is None)
    assert d.text[d.number.span.start:d.number.span.end].replace(" ", "").endswith(text)


def test_state_number_with_year():
    d = head("Số: 05/2021/NĐ-CP\n\nNGHỊ ĐỊNH\nQuy định chi tiết")
    assert d.number.year == "2021" and d.number.type_code == "NĐ" and d.number.issuer_code == "CP"


def test_state_cong_van_without_type_code_is_cv():
    d = head("UBND TỈNH LÀO CAI\nSỞ TÀI CHÍNH\nSố: 345/STC-QLNS\nV/v hướng dẫn lập dự toán\nLào Cai, ngày 05 tháng 8 năm 2026\n\nKính gửi: Các sở, ban, ngành\n\nNội dung.")
    assert d.document_type.code == "CV"
    assert d.issuer.name == "Sở Tài chính" and d.issuer.parent == "UBND tỉnh Lào Cai"
    assert d.issuer.system == "state"
    assert d.place == "Lào Cai" and d.issued_date.date == "2026-08-05"
    assert d.subject == "hướng dẫn lập dự toán"


def test_blank_day_keeps_month_precision():
    d = head("Số -CV/ĐUVP\n\nSơn La, ngày      tháng 01 năm 2026\n\nV/v triển khai\n\nKính gửi: Các chi bộ\n\nNội dung.")
    assert d.issued_date.date == "2026-01" and d.place == "Sơn La"


def test_no_date_line_gives_null():
    d = head("KẾ HOẠCH\nTuyên truyền đại hội\n\nCăn cứ Kế hoạch số 74-KH/TU, ngày 20/09/2024 của Ban Thường vụ Thành ủy, UBND thành phố xây dựng kế hoạch như sau:\n\nI. MỤC ĐÍCH")
    assert d.issued_date is None and d.place is None
    assert d.document_type.code == "KH"
    assert d.subject == "Tuyên truyền đại hội"


def test_merged_header_columns_from_pdf_text():
    d = head("ĐẢNG BỘ TỈNH THÁI NGUYÊN ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY PHƯỜNG VẠN XUÂN\n* Vạn Xuân, ngày 14 tháng 01 năm 2026\nSố 411-CV/ĐU\nV/v thực hiện cao điểm\n\nKính gửi: Các chi bộ\n\nNội dung.")
    assert d.issuer.name == "Đảng ủy phường Vạn Xuân" and d.issuer.parent == "Đảng bộ tỉnh Thái Nguyên"
    assert d.issuer.system == "party"
    assert d.place == "Vạn Xuân"


def test_issuer_from_body_and_place_completion():
    d = head("KẾ HOẠCH\nTuyên truyền Đại hội Đảng bộ thành phố Hòa Bình\n\nCăn cứ Kế hoạch số 74-KH/TU, ngày 20/09/2024 của Ban Thường vụ Thành ủy, UBND thành phố xây dựng kế hoạch như sau:\n\nI. MỤC ĐÍCH")
    assert d.issuer.name == "UBND thành phố Hòa Bình"


def test_recipients_split_by_line_not_comma():
    d = head("Số 12-CV/ĐU\nV/v x\n\nKính gửi:\n- Các đảng bộ, chi bộ trực thuộc Đảng ủy,\n- Ủy ban MTTQ Việt Nam phường,\n- Trung tâm Chính trị\nphường.\n\nThực hiện chỉ đạo, Đảng ủy đề nghị như sau:")
    assert [r.name for r in d.recipients] == ["Các đảng bộ, chi bộ trực thuộc Đảng ủy", "Ủy ban MTTQ Việt Nam phường",
                                              "Trung tâm Chính trị phường"]


def test_inline_recipients_split_by_semicolon():
    d = head("Số 12/UBND-VX\nV/v x\n\nKính gửi: Sở Y tế; Sở Giáo dục và Đào tạo\n\nNội dung dài.")
    assert [r.name for r in d.recipients] == ["Sở Y tế", "Sở Giáo dục và Đào tạo"]


def test_distribution_notes_and_signature_chain():
    d = head("Nội dung./.\n\nNơi nhận:\n- Như trên;\n- UBND tỉnh (b/c);\n- Lưu: VT, TH.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Văn An")
    assert [(x.name, x.note) for x in d.distribution] == [("Như trên", None), ("UBND tỉnh", "báo cáo"), ("Lưu: VT, TH", None)]
    sig = d.signature
    assert [(a.mark, a.of) for a in sig.authority] == [("TM", "Ủy ban nhân dân"), ("KT", "Chủ tịch")]
    assert sig.position == "Phó Chủ tịch" and sig.signer == "Nguyễn Văn An"


def test_party_marks_and_placeholder_signer():
    d = head("Nội dung./.\n\nNơi nhận:\n- Như trên,\n- Lưu Văn phòng Tỉnh ủy.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\n[Họ và tên]\n\nPHỤ LỤC\nDANH SÁCH\nNguyễn Văn B")
    assert [a.mark for a in d.signature.authority] == ["TM"]
    assert d.signature.position == "Bí thư" and d.signature.signer is None


def test_citations_legal_bases_and_laws():
    d = head("QUYẾT ĐỊNH\nVề việc x\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
             "Căn cứ Luật số 15/2012/QH13 ngày 20/6/2012;\nXét đề nghị của Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 01/3/2026.\n"
             "QUYẾT ĐỊNH:\nĐiều 1. Theo Chỉ thị số 05-CT/TW của Bộ Chính trị và Chỉ thị số 05-CT/TW.")
    assert [(b.number, b.date) for b in d.legal_bases] == [("15/2012/QH13", "2012-06-20"), ("45/TTr-SNV", "2026-03-01")]
    assert [(b.number, b.date) for b in d.cited_laws] == [(None, "2015-06-19")]
    law = d.cited_laws[0]
    assert (law.document_type, law.subject) == ("Luật", "Tổ chức chính quyền địa phương")
    assert d.text[law.span.start:law.span.end].startswith("Luật Tổ chức")
    assert [c.number for c in d.cited_documents] == ["15/2012/QH13", "45/TTr-SNV", "05-CT/TW"]
    assert d.cited_documents[2].document_type == "Chỉ thị" and d.cited_documents[2].issuer == "Bộ Chính trị"
    assert d.events == []   # dates of cited laws are not events


def test_events_kinds():
    d = head("Số 1-CV/ĐU\n\nKính gửi: Các chi bộ\n\n1. Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026).\n"
             "2. Đại hội thi đua (đã diễn ra ngày 26-27/12/2025); báo cáo trước ngày 15/7/2026; tổng kết trong tháng 9 năm 2026; nhiệm kỳ 2025 - 2030.")
    got = {(e.kind, e.date, e.end_date, e.origin_date) for e in d.events}
    assert ("anniversary", "2026-02-03", None, "1930-02-03") in got
    assert ("range", "2025-12-26", "2025-12-27", None) in got
    assert ("deadline", "2026-07-15", None, None) in got
    assert any(e.date == "2026-09" for e in d.events)
    assert not any(e.date in ("2025", "2030") for e in d.events)


def test_phases_with_periods_and_subphases():
    d = head("KẾ HOẠCH\nX\n\nII. NỘI DUNG\n1. Đợt 1: Từ nay đến thời điểm đại hội, nhiệm kỳ 2025 - 2030\n- Việc một.\n"
             "2. Đợt 2: Công tác chuẩn bị\na) Thời gian: Từ tháng 12/2024 đến tháng 05/2025.\nb) Nội dung:\n- Việc hai.\n"
             "3. Giai đoạn 3 (2026 - 2027)\n3.1. Trước đại hội\n- Việc ba.\n3.2. Sau đại hội\n- Việc bốn.\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n- Chủ trì.")
    ph = {p.label: p for p in d.phases}
    assert list(ph) == ["Đợt 1", "Đợt 2", "Giai đoạn 3"]
    assert ph["Đợt 1"].period.start is None and ph["Đợt 1"].activities == ["Việc một"]
    assert (ph["Đợt 2"].period.start, ph["Đợt 2"].period.end) == ("2024-12", "2025-05")
    assert (ph["Giai đoạn 3"].period.start, ph["Giai đoạn 3"].period.end) == ("2026", "2027")
    assert [s.label for s in ph["Giai đoạn 3"].subphases] == ["3.1", "3.2"]


def test_responsibilities_section_and_running_text():
    d = head("KẾ HOẠCH\nX\n\nI. TỔ CHỨC THỰC HIỆN\n1. Phòng Văn hóa và Thông tin\n- Phối hợp với Công an thành phố theo dõi.\n"
             "2. Đề nghị UBMTTQVN và các đoàn thể thành phố\n- Tuyên truyền.")
    assert [(r.unit, r.role) for r in d.responsibilities] == [("Phòng Văn hóa và Thông tin", "lead"),
                                                             ("UBMTTQVN và các đoàn thể thành phố", "assigned")]
    assert d.responsibilities[0].partners == ["Công an thành phố"]
    d = head("Số 5/UBND-VX\nV/v x\n\nKính gửi: Các sở\n\nGiao Sở Y tế chủ trì, phối hợp với Sở Tài chính triển khai, hoàn thành trước ngày 30/6/2026.")
    r = d.responsibilities[0]
    assert (r.unit, r.role, r.partners, r.deadline) == ("Sở Y tế", "lead", ["Sở Tài chính"], "2026-06-30")


def test_outline_tree():
    d = head("KẾ HOẠCH\nX\n\nI. MỤC ĐÍCH\n1. Mục đích\n- Một.\n2. Yêu cầu\nII- NỘI DUNG\n1.1. Đợt 1\na) Thời gian")
    top = d.sections
    assert [s.marker for s in top] == ["I", "II"]
    assert [c.marker for c in top[0].children] == ["1", "2"]
    assert top[0].children[0].children[0].marker == "-"
    assert top[1].children[0].marker == "1.1" and top[1].children[0].children[0].marker == "a"


def test_footnotes():
    d = head("Nội dung chính¹.\n\n¹ Hướng dẫn số 101-HD/BTGTU, ngày 01/10/2024 của Ban Tuyên giáo Tỉnh ủy.")
    assert [(f.marker, f.text[:10]) for f in d.footnotes] == [("1", "Hướng dẫn ")]
    assert [c.number for c in d.cited_documents] == ["101-HD/BTGTU"]


def test_execution_article_lists_every_unit_once():
    d = head("QUYẾT ĐỊNH\nVề việc x\n\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\n"
             "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Văn hóa, Thể thao và Du lịch; "
             "Thủ trưởng các sở, ban, ngành cấp tỉnh; Chủ tịch Ủy ban nhân dân các huyện, thành phố và các tổ chức, "
             "cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.\n")
    assert [r.unit for r in d.responsibilities] == [
        "Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        "Thủ trưởng các sở, ban, ngành cấp tỉnh", "Chủ tịch Ủy ban nhân dân các huyện, thành phố"]
    assert all(r.tasks == ["chịu trách nhiệm thi hành Quyết định này"] for r in d.responsibilities)
    for r in d.responsibilities:
        assert d.text[r.span.start:r.span.end].startswith(r.unit)


def test_units_after_prose_in_the_same_sentence():
    d = head("KẾ HOẠCH\nx\n\nI. NỘI DUNG\n1. Tuyên truyền.\nTrong quá trình thực hiện, nếu có vướng mắc, Sở Tư pháp, Công an tỉnh có trách nhiệm "
             "tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\n")
    assert [r.unit for r in d.responsibilities] == ["Sở Tư pháp", "Công an tỉnh"]


def test_state_guidance_letter():
    """A state công văn: the citation's subject stops where the letter's own sentence begins, a
    sentence item gives its unit and first task, the closing paragraph is no task, and each
    dated clause is its own event."""
    d = head("UBND TỈNH X\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 87/SGDĐT-GDTrH\nV/v hướng dẫn kiểm tra\n"
             "X, ngày 28 tháng 11 năm 2025\n\nKính gửi: Các trường trung học phổ thông.\n\n"
             "Thực hiện Công văn số 35/BGDĐT-GDTrH ngày 30/7/2025 của Bộ Giáo dục và Đào tạo về việc hướng dẫn "
             "nhiệm vụ năm học 2025-2026, Sở Giáo dục và Đào tạo hướng dẫn như sau:\n\n"
             "1. Thời gian kiểm tra\nCác đơn vị kiểm tra từ ngày 22/12/2025 đến ngày 03/01/2026. "
             "Hoàn thành nhập điểm trước ngày 10/01/2026.\n\n2. Tổ chức thực hiện\n"
             "a) Phòng Giáo dục và Đào tạo chỉ đạo các trường xây dựng kế hoạch, báo cáo về Sở trước ngày "
             "15/01/2026.\nb) Các trường trung học phổ thông chủ động xây dựng đề kiểm tra.\n"
             "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị phản ánh về Sở./.\n")
    assert d.legal_bases[0].subject == "về việc hướng dẫn nhiệm vụ năm học 2025-2026"
    assert [(r.unit, r.tasks) for r in d.responsibilities] == [
        ("Phòng Giáo dục và Đào tạo", ["chỉ đạo các trường xây dựng kế hoạch, báo cáo về Sở trước ngày 15/01/2026"]),
        ("Các trường trung học phổ thông", ["chủ động xây dựng đề kiểm tra"])]
    assert d.responsibilities[0].deadline == "2026-01-15"
    assert [e.name for e in d.events][:2] == ["Các đơn vị kiểm tra từ ngày 22/12/2025 đến ngày 03/01/2026",
                                             "Hoàn thành nhập điểm trước ngày 10/01/2026"]


def test_phase_period_in_parentheses():
    d = head("KẾ HOẠCH\nx\n\nII. NỘI DUNG\n1. Giai đoạn 1 (từ tháng 3/2025 đến tháng 6/2025): Rà soát hạ tầng\n"
             "- Rà soát mạng.\n2. Giai đoạn 2 (từ tháng 7/2025 đến tháng 12/2025): Triển khai\n- Họp trực tuyến.\n")
    assert [(p.label, p.title, p.period.start, p.period.end) for p in d.phases] == [
        ("Giai đoạn 1", "Rà soát hạ tầng", "2025-03", "2025-06"), ("Giai đoạn 2", "Triển khai", "2025-07", "2025-12")]
    assert d.events == []          # a phase's period is not an event


def test_date_line_wrapped_by_a_narrow_column():
    d = head("UBND TỈNH X\nSỞ Y TẾ\nSố: 12/SYT-VP\nV/v x\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\nLạng Sơn, ngày 28 tháng 11 năm\n2025\n\nKính gửi: Các bệnh viện.\n")
    assert (d.place, d.issued_date.date) == ("Lạng Sơn", "2025-11-28")
    assert d.text[d.issued_date.span.start:d.issued_date.span.end] == "ngày 28 tháng 11 năm\n2025"


def test_party_committee_under_its_parent_committee():
    d = head("TỈNH ỦY BẮC KẠN\nHUYỆN ỦY CHỢ ĐỒN\n*\nSố 215-TB/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
             "Chợ Đồn, ngày 06 tháng 10 năm 2025\n\nTHÔNG BÁO\nkết luận về công tác chuẩn bị\n\nNội dung.\n")
    assert (d.issuer.name, d.issuer.parent, d.issuer.system) == ("Huyện ủy Chợ Đồn", "Tỉnh ủy Bắc Kạn", "party")
    assert d.document_type.code == "TB" and d.number.issuer_code == "HU"


def test_party_organ_is_named_with_its_committee():
    d = head("TỈNH ỦY NGHỆ AN\nBAN TUYÊN GIÁO\n*\nSố 45-HD/BTGTU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
             "Nghệ An, ngày 15 tháng 01 năm 2026\n\nHƯỚNG DẪN\ntuyên truyền\n\nNội dung.\n")
    assert (d.issuer.name, d.issuer.parent) == ("Ban Tuyên giáo Tỉnh ủy Nghệ An", "Tỉnh ủy Nghệ An")
    assert d.text[d.issuer.span.start:d.issuer.span.end] == "TỈNH ỦY NGHỆ AN\nBAN TUYÊN GIÁO"


def test_subject_stops_at_the_body_after_a_blank_line():
    d = head("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 312/TB-UBND\nX, ngày 09 tháng 9 năm 2025\n\nTHÔNG BÁO\n"
             "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công\n\n"
             "Ngày 05/9/2025, đồng chí Phó Chủ tịch UBND tỉnh chủ trì cuộc họp nghe báo cáo tiến độ giải ngân vốn "
             "đầu tư công năm 2025. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:\n\n"
             "1. Giao Sở Tài chính chủ trì rà soát.\n")
    assert d.subject == "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công"
    assert [e.date for e in d.events] == ["2025-09-05"]


@pytest.mark.parametrize("block, marks, position", [
    ("Q. BỘ TRƯỞNG\n\n\nPhạm Văn A", [("Q", "Bộ trưởng")], "Quyền Bộ trưởng"),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nPhạm Văn A",
     [("TL", "Chủ tịch"), ("KT", "Chánh văn phòng")], "Phó Chánh văn phòng"),
    ("GIÁM ĐỐC\n\n\nPhạm Văn A", [], "Giám đốc"),
])
def test_signature_chains(block, marks, position):
    d = head("BỘ NỘI VỤ\nSố: 12/BC-BNV\nHà Nội, ngày 30 tháng 6 năm 2025\n\nBÁO CÁO\nx\n\nNội dung báo cáo.\n\n"
             "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n" + block)
    s = d.signature
    assert ([(a.mark, a.of) for a in s.authority], s.position, s.signer) == (marks, position, "Phạm Văn A")


@pytest.mark.parametrize("text, start, end", [
    ("từ ngày 01/01 đến ngày 15/02/2026", "2026-01-01", "2026-02-15"),
    ("từ 26/12 - 02/01/2026", "2025-12-26", "2026-01-02"),
    ("Quý I/2026", "2026-01", "2026-03"),
    ("Quý IV năm 2025", "2025-10", "2025-12"),
    ("Tháng 3 - 4/2026", "2026-03", "2026-04"),
    ("Từ nay đến hết tháng 6/2026", None, "2026-06"),      # "from now": the start is not invented
    ("trong tháng 5 năm 2026", "2026-05", None),
    ("Năm 2026", "2026", None),
    ("Từ tháng 12/2024 đến tháng 05/2025", "2024-12", "2025-05"),
])
def test_period_forms(text, start, end):
    from directive_extract.segment.phases import parse_period

    p = parse_period(text)
    assert (p.start, p.end) == (start, end)


def test_event_periods_quarters_and_kinds_in_reading_order():
    d = head("KẾ HOẠCH\nx\n\nI. NỘI DUNG\n1. Tổ chức tuyên truyền từ ngày 01/01 đến ngày 15/02/2026.\n"
             "2. Thời gian tổ chức: Quý II/2026.\n3. Lễ mít tinh vào 7 giờ 30 phút, ngày 02/9/2026 tại quảng trường.\n")
    assert [(e.kind, e.date, e.end_date) for e in d.events] == [
        ("period", "2026-01-01", "2026-02-15"), ("period", "2026-04", "2026-06"), ("meeting", "2026-09-02", None)]


def test_the_rule_under_the_title_ends_the_header():
    d = head("ĐẢNG BỘ TỈNH X\nĐẢNG ỦY KHỐI CƠ QUAN\nCHI BỘ TRƯỜNG Y\n*\nSố 08-NQ/CB\nĐẢNG CỘNG SẢN VIỆT NAM\n"
             "X, ngày 20 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n-----\n"
             "Ngày 18/12/2025, Chi bộ tổ chức họp để đánh giá tình hình thực hiện nhiệm vụ năm 2025, đề ra "
             "phương hướng năm 2026.\n\nCăn cứ Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương;\n")
    assert d.subject == "về nhiệm vụ năm 2026" and d.number.text == "08-NQ/CB"
    assert [e.date for e in d.events] == ["2025-12-18"]
    assert [b.number for b in d.legal_bases] == ["24-QĐ/TW"]


@pytest.mark.parametrize("line, iso", [
    ("X, ngày … tháng 7 năm 2026", "2026-07"),
    ("X, ngày ..... tháng ..... năm 2026", "2026"),
    ("X, ngày…..tháng…..năm 2025", "2025"),
    ("X, ngày 5, tháng 7, năm 2026", "2026-07-05"),
])
def test_blank_dates_written_with_dots(line, iso):
    d = head(f"ỦY BAN NHÂN DÂN\nTỈNH X\nSố:     /KH-UBND\n{line}\n\nKẾ HOẠCH\nabc\n\nNội dung.\n")
    assert d.issued_date.date == iso and d.place == "X"


@pytest.mark.parametrize("line, text", [
    ("Số: …../KH-UBND", "/KH-UBND"), ("Số: ......./UBND-VP", "/UBND-VP"), ("Số …-KH/ĐU", "-KH/ĐU"),
])
def test_blank_serial_written_with_dots(line, text):
    d = head(f"ỦY BAN NHÂN DÂN\nTỈNH X\n{line}\nX, ngày 05 tháng 7 năm 2026\n\nKẾ HOẠCH\nabc\n\nNội dung.\n")
    assert (d.number.text, d.number.serial) == (text, None)
    assert "blank_serial" in [w.code for w in d.warnings]


def test_invitation_body_starts_after_its_title():
    d = head("UBND HUYỆN X\nPHÒNG NỘI VỤ\nSố: 56/GM-PNV\nX, ngày 10 tháng 3 năm 2026\n\nGIẤY MỜI\n"
             "Dự Hội nghị tập huấn công tác văn thư năm 2026\n\nPhòng Nội vụ huyện trân trọng kính mời:\n"
             "- Công chức văn thư các xã.\nThời gian: 08 giờ 00 phút, ngày 17/3/2026 (thứ Ba).\n")
    assert (d.document_type.code, d.subject) == ("GM", "Dự Hội nghị tập huấn công tác văn thư năm 2026")
    assert [e.date for e in d.events] == ["2026-03-17"]


@pytest.mark.parametrize("printed, position", [
    ("BIÍ THƯ", "Bí thư"), ("PHÓ CHỦ TICH", "Phó Chủ tịch"), ("GIÁM ĐÔC", "Giám đốc"),
    ("PHÓ BÍ THƯ THƯỜNG TRỰC", "Phó Bí thư Thường trực"),
])
def test_position_misread_by_ocr_is_read_as_the_title(printed, position):
    from directive_extract.segment.names import position_case

    assert position_case(printed) == position


def test_units_named_after_a_cue_keep_commas_inside_names():
    d = head("KẾ HOẠCH\nx\n\nI. NỘI DUNG\n1. Tuyên truyền.\n"
             "2. Các đảng bộ, chi bộ trực thuộc phát động phong trào thi đua chào mừng Đại hội.\n"
             "3. Sở Văn hóa, Thể thao và Du lịch tổ chức triển lãm.\n4. Giao Sở Tư pháp, Công an tỉnh phối hợp kiểm tra.\n")
    assert [(r.unit, r.tasks) for r in d.responsibilities] == [
        ("Các đảng bộ, chi bộ trực thuộc", ["phát động phong trào thi đua chào mừng Đại hội"]),
        ("Sở Văn hóa, Thể thao và Du lịch", ["tổ chức triển lãm"]),
        ("Sở Tư pháp", ["phối hợp kiểm tra"]), ("Công an tỉnh", ["phối hợp kiểm tra"])]


def test_action_programme_title_lines_and_unwrapped_headings():
    d = head("ĐẢNG BỘ TỈNH X\nTHÀNH ỦY Y\n*\nSố 12-CTr/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nY, ngày 02 tháng 02 năm 2026\n\n"
             "CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị\n"
             "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia\n-----\n\n"
             "I. MỤC TIÊU\nĐến năm 2030, kinh tế số chiếm 20% tổng sản phẩm trên địa bàn thành phố.\n\n"
             "II. NHIỆM VỤ VÀ LỘ TRÌNH\n1. Giai đoạn 1 (năm 2026)\n- Hoàn thiện hạ tầng số.\n"
             "2. Giai đoạn 2 (2027 - 2030)\n- Phát triển dữ liệu số.\n\nIII. TỔ CHỨC THỰC HIỆN\n"
             "1. Đảng đoàn Hội đồng nhân dân thành phố, Ban cán sự đảng Ủy ban nhân dân thành phố\n"
             "Lãnh đạo thể chế hóa Chương trình thành kế hoạch, hoàn thành trước ngày 30/6/2026.\n"
             "2. Văn phòng Thành ủy\nTheo dõi, đôn đốc việc thực hiện Chương trình này.\n")
    assert d.document_type.code == "CTr" and d.subject.startswith("thực hiện Nghị quyết số 57-NQ/TW")
    assert [b.number for b in d.legal_bases] == ["57-NQ/TW"]
    assert [(p.label, p.period.start, p.period.end, p.activities) for p in d.phases] == [
        ("Giai đoạn 1", "2026", None, ["Hoàn thiện hạ tầng số"]), ("Giai đoạn 2", "2027", "2030", ["Phát triển dữ liệu số"])]
    assert d.responsibilities[0].unit == "Đảng đoàn Hội đồng nhân dân thành phố, Ban cán sự đảng Ủy ban nhân dân thành phố"
    assert d.responsibilities[0].tasks == ["Lãnh đạo thể chế hóa Chương trình thành kế hoạch, hoàn thành trước ngày 30/6/2026"]


def test_a_numbered_law_has_its_name_as_subject():
    d = head("TỜ TRÌNH\nx\n\nCăn cứ Luật Ngân sách nhà nước số 83/2015/QH13 ngày 25 tháng 6 năm 2015;\nNội dung.\n")
    law = d.legal_bases[0]
    assert (law.document_type, law.number, law.date, law.subject) == (
        "Luật", "83/2015/QH13", "2015-06-25", "Ngân sách nhà nước")


def test_execution_article_naming_a_person():
    d = head("QUYẾT ĐỊNH\nVề việc bổ nhiệm cán bộ\n\nQUYẾT ĐỊNH:\nĐiều 1. Bổ nhiệm ông Nguyễn Văn A.\n"
             "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị có "
             "liên quan và ông Nguyễn Văn A chịu trách nhiệm thi hành Quyết định này./.\n")
    assert [r.unit for r in d.responsibilities] == [
        "Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Nội vụ", "Thủ trưởng các cơ quan, đơn vị có liên quan",
        "ông Nguyễn Văn A"]
