"""PDF loader: columns of the header and footer, paragraphs, pages, errors, OCR."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from directive_extract.errors import ExtractError
from directive_extract.loaders import load
from directive_extract.loaders import ocr as ocr_mod
from directive_extract.loaders import pdf as pdf_mod
from directive_extract.loaders.pdf import Word, build_lines, clean_ocr_text, clean_text, find_gutter, load_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
SCANNED = sorted((ROOT / "samples" / "scanned").glob("*.pdf"))
FIXTURES = ROOT / "tests" / "fixtures"
PAGED = FIXTURES / "state_kh_paged.pdf"

NUMBER = re.compile(r"^Số:?\s*\d*\s*[-/]")
DATE = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*\d{1,2}\s*năm\s*\d{4}")
HEADINGS = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
SIGN = re.compile(r"^(T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s")


@lru_cache(maxsize=None)
def loaded(path: Path):
    return load_pdf(path)


def texts(lt) -> list[str]:
    return [b.text for b in lt.blocks]


def _ids(paths):
    return [p.stem for p in paths]


def _tesseract_reason() -> str | None:
    return ocr_mod.unavailable_reason()


# ------------------------------------------------------------------------------------------
# Samples built from samples/docx (samples/build/build_pdf.py)


@pytest.mark.skipif(not SAMPLES, reason="samples/pdf is empty: run samples/build/build_pdf.py")
@pytest.mark.parametrize("path", SAMPLES, ids=_ids(SAMPLES))
def test_sample_header_columns_are_separate(path):
    lt = loaded(path)
    assert lt.format == "pdf" and lt.pages and lt.pages >= 1 and lt.ocr is False
    blocks = lt.blocks
    for b in blocks:
        for head in HEADINGS:
            if head in b.text:
                assert b.text.startswith(head) and len(b.text) <= len(head) + 12, b.text
                assert b.kind == "cell" and b.page == 1
        if NUMBER.match(b.text):
            assert not any(h in b.text for h in HEADINGS) and "ngày" not in b.text, b.text
        if DATE.search(b.text) and b.kind == "cell":
            assert not b.text.startswith(("Số", "V/v")), b.text
    numbers = [b for b in blocks if NUMBER.match(b.text)]
    if numbers:
        assert numbers[0].kind == "cell" and numbers[0].page == 1
        assert len(numbers[0].text) < 30


@pytest.mark.skipif(not SAMPLES, reason="samples/pdf is empty: run samples/build/build_pdf.py")
@pytest.mark.parametrize("path", SAMPLES, ids=_ids(SAMPLES))
def test_sample_footer_noi_nhan_before_signature(path):
    lt = loaded(path)
    blocks = lt.blocks
    idx = [i for i, b in enumerate(blocks) if b.text.startswith("Nơi nhận")]
    assert idx, "no 'Nơi nhận' block"
    i = idx[0]
    assert blocks[i].kind == "cell" and blocks[i].page == lt.pages
    assert blocks[i].text.rstrip(":").strip() == "Nơi nhận", blocks[i].text   # nothing merged into it
    after = blocks[i + 1:]
    signs = [j for j, b in enumerate(after) if SIGN.match(b.text)]
    bullets = [j for j, b in enumerate(after) if b.text.startswith("-")]
    assert bullets and bullets[0] == 0
    if signs:
        assert max(bullets) < signs[0]                 # the whole list, then the signature
    for b in after:
        assert not (b.text.startswith("-") and SIGN.search(b.text.split(" ", 1)[-1] or "")), b.text
        assert b.kind == "cell"


@pytest.mark.skipif(not SAMPLES, reason="samples/pdf is empty: run samples/build/build_pdf.py")
def test_sample_paragraphs_are_joined_and_paged():
    lt = loaded(SAMPLES[0])
    paras = [b for b in lt.blocks if b.kind == "para"]
    assert max(len(b.text) for b in paras) > 400       # hard-wrapped lines joined
    assert {b.page for b in paras} >= set(range(1, lt.pages + 1)) - {lt.pages} or lt.pages == 1
    assert all("\n" not in b.text for b in paras)
    pages = [b.page for b in lt.blocks]
    assert pages == sorted(pages)


# ------------------------------------------------------------------------------------------
# Fixture with page numbers, running footer, real footnotes (samples/build/make_fixture_pdf.py)


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing: run samples/build/make_fixture_pdf.py")
def test_fixture_state_header_and_type_name():
    lt = loaded(PAGED)
    t = texts(lt)
    assert t[:6] == ["UỶ BAN NHÂN DÂN", "THÀNH PHỐ TÂN UYÊN", "Số: 125/KH-UBND",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Tân Uyên, ngày 05 tháng 11 năm 2024"]
    assert all(b.kind == "cell" and b.page == 1 for b in lt.blocks[:6])
    assert t[6] == "KẾ HOẠCH" and lt.blocks[6].kind == "para"
    # the two-line centred subject is one paragraph
    assert t[7].startswith("Tuyên truyền Đại hội") and t[7].endswith("lần thứ XIV của Đảng")


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing: run samples/build/make_fixture_pdf.py")
def test_fixture_page_numbers_and_running_footer_dropped():
    lt = loaded(PAGED)
    assert lt.pages == 2
    for b in lt.blocks:
        assert not re.fullmatch(r"[-– ]*\d+[-– ]*", b.text), b.text
        assert "UBND thành phố Tân Uyên" not in b.text or not b.text.startswith("Kế hoạch tuyên truyền Đại hội -")
    page2 = [b for b in lt.blocks if b.page == 2]
    assert page2 and page2[0].kind == "para"
    assert any(b.text.startswith("Nơi nhận") and b.page == 2 for b in lt.blocks)


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing: run samples/build/make_fixture_pdf.py")
def test_fixture_footnotes_and_superscripts():
    lt = loaded(PAGED)
    notes = [b for b in lt.blocks if b.kind == "footnote"]
    assert [n.text[:2] for n in notes] == ["¹ ", "² "]
    assert notes[0].text.startswith("¹ Kế hoạch số 74-KH/TU") and notes[0].page == 1
    assert notes[1].text.endswith("lần thứ XIV của Đảng.")
    body = "\n".join(b.text for b in lt.blocks if b.kind == "para")
    assert "74-KH/TU¹," in body and "chính trị²," in body


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing: run samples/build/make_fixture_pdf.py")
def test_fixture_signature_without_merging():
    t = texts(loaded(PAGED))
    i = t.index("Nơi nhận:")
    assert t[i + 1:] == ["- TT Thành ủy, TT HĐND thành phố;", "- CT, các PCT UBND thành phố;",
                         "- Ban Tuyên giáo Thành ủy;",
                         "- Các cơ quan, ban, ngành, đoàn thể thành phố và UBND các xã, phường;",
                         "- Lưu: VT, VHTT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                         "Lý Ngọc Phong"]


# ------------------------------------------------------------------------------------------
# Errors


@pytest.mark.skipif(not (FIXTURES / "encrypted_user.pdf").exists(), reason="encrypted fixture missing")
def test_user_password_pdf_is_encrypted_error():
    with pytest.raises(ExtractError) as exc:
        load_pdf(FIXTURES / "encrypted_user.pdf")
    assert exc.value.code == "encrypted_pdf"


@pytest.mark.skipif(not (FIXTURES / "encrypted_owner.pdf").exists(), reason="encrypted fixture missing")
def test_owner_password_only_pdf_opens():
    lt = load_pdf(FIXTURES / "encrypted_owner.pdf")
    assert "Số: 125/KH-UBND" in texts(lt)


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing")
@pytest.mark.parametrize("fraction", [0.1, 0.4])
def test_truncated_pdf_is_corrupt(tmp_path, fraction):
    data = PAGED.read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(ExtractError) as exc:
        load_pdf(bad)
    assert exc.value.code in ("corrupt_pdf", "empty_document")
    if fraction == 0.4:
        assert exc.value.code == "corrupt_pdf"


@pytest.mark.parametrize("payload", [b"%PDF-1.7\n" + bytes(range(256)) * 20, bytes(range(256)) * 8 + b"%PDF"])
def test_garbage_is_corrupt(tmp_path, payload):
    bad = tmp_path / "garbage.pdf"
    bad.write_bytes(payload)
    with pytest.raises(ExtractError) as exc:
        load_pdf(bad)
    assert exc.value.code == "corrupt_pdf"
    assert str(bad) in exc.value.message
    if payload.startswith(b"%PDF-"):
        with pytest.raises(ExtractError) as exc:     # through the dispatcher too
            load(bad)
        assert exc.value.code == "corrupt_pdf"


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing")
def test_too_many_pages():
    with pytest.raises(ExtractError) as exc:
        load(PAGED, max_pages=1)
    assert exc.value.code == "too_many_pages"
    assert load(PAGED, max_pages=50).pages > 1


@pytest.mark.skipif(not SCANNED, reason="no scanned sample: run samples/build/build_pdf.py")
def test_scanned_pdf_without_ocr_is_empty():
    with pytest.raises(ExtractError) as exc:
        load_pdf(SCANNED[0], ocr="never")
    assert exc.value.code == "empty_document"


@pytest.mark.skipif(not SCANNED, reason="no scanned sample: run samples/build/build_pdf.py")
def test_scanned_pdf_without_tesseract(monkeypatch):
    monkeypatch.setattr(ocr_mod, "unavailable_reason", lambda: "tesseract is not installed")
    with pytest.raises(ExtractError) as exc:
        load_pdf(SCANNED[0])
    assert exc.value.code == "ocr_unavailable"
    assert "tesseract-ocr-vie" in exc.value.message


def test_bad_ocr_mode():
    with pytest.raises(ValueError):
        load_pdf(PAGED, ocr="sometimes")


# ------------------------------------------------------------------------------------------
# OCR


@pytest.mark.skipif(not SCANNED, reason="no scanned sample: run samples/build/build_pdf.py")
def test_scanned_pdf_ocr_number_and_date():
    reason = _tesseract_reason()
    if reason:
        pytest.skip(f"tesseract not installed: {reason} (apt-get install tesseract-ocr tesseract-ocr-vie)")
    lt = load_pdf(SCANNED[0])
    assert lt.ocr is True and lt.pages >= 1
    cells = [b for b in lt.blocks if b.kind == "cell" and b.page == 1]
    assert any(NUMBER.match(b.text) for b in cells), [b.text for b in cells]
    dates = [b for b in cells if DATE.search(b.text)]
    assert dates and not any(h in dates[0].text for h in HEADINGS)
    assert any(b.text.startswith("Nơi nhận") for b in lt.blocks)
    assert any(code == "ocr" for code, _ in lt.warnings)


# ------------------------------------------------------------------------------------------
# Units


def _w(text, x0, top, size=14.0, width=None):
    width = width if width is not None else 0.5 * size * len(text)
    return Word(text, x0, x0 + width, top, top + size, size)


def test_gutter_splits_merged_header_lines():
    words = [_w("ĐẢNG", 100, 50), _w("BỘ", 140, 50), _w("TỈNH", 165, 50),
             _w("ĐẢNG", 330, 50), _w("CỘNG", 370, 50), _w("SẢN", 410, 50),
             _w("Số", 120, 66), _w("411-CV/ĐU", 140, 66),
             _w("Hà", 340, 68), _w("Nội,", 360, 68), _w("ngày", 390, 68)]
    g = find_gutter(words)
    assert g is not None and 200 < g < 330
    left = build_lines([w for w in words if w.x1 <= g], 1)
    assert [ln.text for ln in left] == ["ĐẢNG BỘ TỈNH", "Số 411-CV/ĐU"]
    merged = build_lines(words, 1)
    assert len(merged) == 2 and pdf_mod._has_column_gap(merged[0])


def test_raised_small_digit_becomes_superscript():
    words = [_w("năng", 100, 100, width=30), Word("1", 130.2, 134, 96, 106, 9.0), _w(".", 134.5, 100, width=3)]
    (line,) = build_lines(words, 1)
    assert line.text == "năng¹."


def test_clean_text_repairs():
    assert clean_text("CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert clean_text("Ngƣời đứng đầu, ÐẢNG") == "Người đứng đầu, ĐẢNG"
    assert clean_text("Va\u0323n Xua\u0302n") == "Vạn Xuân"
    assert clean_text("HÕA") == "HÕA"                 # only in its known context
    assert clean_ocr_text("V⁄%v thực hiện") == "V/v thực hiện"
    assert clean_ocr_text("V/% triển khai") == "V/v triển khai"
    assert clean_ocr_text("+%") == "*"


def test_garbled_warning():
    from directive_extract.loaders.base import Block

    assert pdf_mod._garbled([Block("Số 411 (cid:12)(cid:13) ngày", 1)])[0][0] == "garbled_text"
    assert pdf_mod._garbled([Block("Sè 411-CV/§U ngµy 14 th¸ng 01 n¨m 2026 cña Ban Th−êng vô " * 3, 1)])
    assert pdf_mod._garbled([Block("Số 411-CV/ĐU ngày 14 tháng 01 năm 2026 của Ban Thường vụ", 1)]) == []


def test_import_is_lazy():
    code = ("import sys, directive_extract.loaders.pdf, directive_extract.loaders.ocr; "
            "print('pdfplumber' in sys.modules, 'pypdfium2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ------------------------------------------------------------------------------------------
# Word readers (PDFium by default, pdfplumber as the reference; tests/test_pdfium.py compares them)


def test_default_engine_is_pdfium():
    assert pdf_mod.ENGINE == "pdfium" and set(pdf_mod.ENGINES) == {"pdfium", "pdfplumber"}


@pytest.mark.skipif(not PAGED.exists(), reason="fixture missing")
def test_both_engines_read_the_fixture_alike():
    assert load_pdf(PAGED, engine="pdfium") == load_pdf(PAGED, engine="pdfplumber")


@pytest.mark.skipif(not SCANNED, reason="no scanned sample: run samples/build/build_pdf.py")
def test_scanned_page_is_left_to_pdfplumber():
    """No text layer: PDFium's words are not used, pdfplumber's image list decides on OCR."""
    import pdfplumber

    from directive_extract.loaders.pdfium import PdfiumReader

    reader = PdfiumReader(SCANNED[0])
    try:
        with pdfplumber.open(str(SCANNED[0])) as pdf:
            assert pdf_mod._fast_words(reader, pdf.pages[0], 1) is None
    finally:
        reader.close()


@pytest.mark.skipif(not (FIXTURES / "encrypted_user.pdf").exists(), reason="encrypted fixture missing")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_encrypted_error_with_either_engine(engine):
    with pytest.raises(ExtractError) as exc:
        load_pdf(FIXTURES / "encrypted_user.pdf", engine=engine)
    assert exc.value.code == "encrypted_pdf"
    lt = load_pdf(FIXTURES / "encrypted_owner.pdf", engine=engine)
    assert "Số: 125/KH-UBND" in texts(lt)
