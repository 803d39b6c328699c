"""The PDFium word reader against pdfplumber: the same words, the same extraction.

The fast path (`loaders/pdfium.py`) must give, page for page, the words pdfplumber gives, and
`extract_file` must give the same Directive JSON with either engine, on every PDF the project
has: samples/pdf, tests/fixtures, the signed PDFs of `signed_pdf_builder` (plain, stamped,
moved MediaBox, /Rotate 90, signed with pyHanko) and PDFs built here with what the samples lack
(horizontal scaling, rise, spacing, TJ kerning, scaled CTM, turned and sheared text, a Form
XObject, invisible text, a standard-14 font, a simple TrueType font, a line-end hyphen, text
drawn out of order, /Rotate 90/180/270 with offset boxes, a TCVN3 ".VnTime" font, a font
program PDFium cannot read). Pages the fast path cannot promise (fake bold, /ActualText, a glyph
mapped to two characters, a code without a Unicode mapping, two fonts it cannot tell apart,
Type3, a font pdfminer measures with its own AFM widths) must be declined and read by
pdfplumber. Text and names here are invented.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

import signed_pdf_builder as spb
from directive_extract.loaders import pdf as pdf_mod
from directive_extract.loaders import pdfium as fast
from directive_extract.loaders.legacy import encode_tcvn3
from directive_extract.errors import ExtractError
from directive_extract.loaders.pdf import load_pdf
from directive_extract.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").glob("*.pdf") if p.name != "encrypted_user.pdf")
TOLERANCE = 0.05          # pt; measured differences are below 0.001


# ---------------------------------------------------------------------------------------------
# PDFs with what the samples lack


def _pdf_string(data: bytes) -> str:
    """A PDF literal string for single-byte text (octal escapes outside printable ASCII)."""
    out = []
    for b in data:
        ch = chr(b)
        out.append(f"\\{b:03o}" if b < 32 or b > 126 or ch in "()\\" else ch)
    return "(" + "".join(out) + ")"


def _type0(pdf: spb.PdfBuilder, name: str, mapping: dict[int, str], descent: int = -216,
           to_unicode: bool = True) -> int:
    """A non-embedded Type0/Identity-H font whose ToUnicode maps code -> text (any length)."""
    cmap = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
            "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
            f"{len(mapping)} beginbfchar"]
    cmap += [f"<{c:04x}> <{''.join(f'{ord(ch):04x}' for ch in text)}>" for c, text in sorted(mapping.items())]
    cmap += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    tu = pdf.stream("", "\n".join(cmap).encode())
    widths = " ".join(f"{c} [{spb.advance(text[0])}]" for c, text in sorted(mapping.items()))
    desc = pdf.add(f"<< /Type /FontDescriptor /FontName /{name} /Flags 6 /FontBBox [-170 -220 1000 900] "
                   f"/ItalicAngle 0 /Ascent 891 /Descent {descent} /CapHeight 662 /StemV 80 >>")
    cid = pdf.add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
                  f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  f"/FontDescriptor {desc} 0 R /CIDToGIDMap /Identity /DW 500 /W [{widths}] >>")
    unicode = f" /ToUnicode {tu} 0 R" if to_unicode else ""
    return pdf.add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                   f"/DescendantFonts [{cid} 0 R]{unicode} >>")


def _simple_truetype(pdf: spb.PdfBuilder, name: str, descent: int = 216) -> int:
    """A non-embedded TrueType font with WinAnsi encoding and /Widths (descent given positive,
    as some drivers write it)."""
    widths = " ".join(str(spb.advance(chr(c))) for c in range(32, 256))
    desc = pdf.add(f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 /FontBBox [-170 -220 1000 900] "
                   f"/ItalicAngle 0 /Ascent 891 /Descent {descent} /CapHeight 662 /StemV 80 >>")
    return pdf.add(f"<< /Type /Font /Subtype /TrueType /BaseFont /{name} /FirstChar 32 /LastChar 255 "
                   f"/Widths [{widths}] /Encoding /WinAnsiEncoding /FontDescriptor {desc} 0 R >>")


def _type3(pdf: spb.PdfBuilder) -> int:
    proc = pdf.stream("", b"500 0 0 0 450 500 d1 0 0 450 500 re f")
    return pdf.add(f"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 500 500] /FontMatrix [0.001 0 0 0.001 0 0] "
                   f"/CharProcs << /a {proc} 0 R >> /Encoding << /Type /Encoding /Differences [97 /a] >> "
                   f"/FirstChar 97 /LastChar 97 /Widths [500] /Resources << >> >>")


def _page_ops(h) -> list[str]:
    """Text in the ways drivers draw it; `h` encodes text for /F1."""
    return [
        f"BT /F1 14 Tf 1 0 0 1 72 780 Tm {h('Kế hoạch triển khai công tác')} Tj ET",
        f"BT /F1 14 Tf 80 Tz 1 0 0 1 72 760 Tm {h('Độc lập - Tự do - Hạnh phúc')} Tj 100 Tz ET",
        f"BT /F1 14 Tf 1 0 0 1 72 740 Tm {h('năng')} Tj /F1 9 Tf 5 Ts {h('1')} Tj 0 Ts /F1 14 Tf "
        f"{h(', tiếp theo')} Tj ET",
        f"BT /F1 14 Tf 1 Tc 4 Tw 1 0 0 1 72 720 Tm {h('Các cơ quan chuyên trách')} Tj 0 Tc 0 Tw ET",
        f"BT /F1 14 Tf 1 0 0 1 72 700 Tm [{h('Phòng')} -60 {h('Văn')} -300 {h('hoá')} 150 {h('xã')} "
        f"-3000 {h('hội')}] TJ ET",
        f"q 0.5 0 0 0.5 100 300 cm BT /F1 28 Tf 1 0 0 1 0 0 Tm {h('Thu nhỏ một nửa')} Tj ET Q",
        f"BT /F1 14 Tf -1 0 0 -1 400 300 Tm {h('Lộn ngược')} Tj ET",
        f"BT /F1 14 Tf 0 1 -1 0 50 400 Tm {h('Đứng dọc')} Tj ET",
        f"BT /F1 14 Tf 1 0 0.3 1 72 660 Tm {h('Chữ nghiêng giả')} Tj ET",
        "q /X1 Do Q",
        f"BT 3 Tr /F1 14 Tf 1 0 0 1 72 640 Tm {h('Chữ ẩn')} Tj 0 Tr ET",
        "BT /F3 12 Tf 1 0 0 1 72 620 Tm (Hello World, 2026) Tj ET",
        "BT /F4 12 Tf 1 0 0 1 72 600 Tm (Plain TrueType text) Tj ET",
        f"BT /F1 14 Tf 1 0 0 1 72 580 Tm {h('Ban Chấp hành khóa-')} Tj ET",
        f"BT /F1 14 Tf 1 0 0 1 72 563 Tm {h('mới của Đảng')} Tj ET",
        f"BT /F1 14 Tf 1 0 0 1 300 580 Tm {h('A')} Tj 0 -20 Td {h('B')} Tj ET",
        # drawn right to left in two fonts: pdfminer keeps this order, PDFium sorts by x
        f"BT /F1 12 Tf 1 0 0 1 300 520 Tm {h('cuối')} Tj ET",
        "BT /F3 12 Tf 1 0 0 1 100 520 Tm (first) Tj ET",
        f"BT /F1 12 Tf 1 0 0 1 {300 - spb.CidFont.width('giữa', 12):.3f} 520 Tm {h('giữa')} Tj ET",
    ]


def build_pdf(path: Path, extra=(), *, rotate: int = 0, media=(0, 0, 595, 842), crop=None,
              plain: bool = True, fonts: dict | None = None) -> Path:
    """One page: the text of `_page_ops` (unless plain=False) and `extra` operations, which
    may use fonts F5... made by `fonts` {name: callable(pdf) -> object number}."""
    pdf = spb.PdfBuilder()
    catalog, pages_ref, f1 = (pdf.reserve() for _ in range(3))
    font = spb.CidFont("AAAAAA+TimesNewRomanPSMT")
    pdf.fonts = {f1: font}
    form = pdf.stream("/Type /XObject /Subtype /Form /BBox [0 0 300 50] /Matrix [1 0 0 1 20 30] "
                      f"/Resources << /Font << /F1 {f1} 0 R >> >>",
                      f"BT /F1 12 Tf 1 0 0 1 0 0 Tm {font.hex('Trong biểu mẫu')} Tj ET".encode())
    refs = {"F1": f1, "F3": pdf.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                    "/Encoding /WinAnsiEncoding >>"),
            "F4": _simple_truetype(pdf, "Georgia")}
    for name, make in (fonts or {}).items():
        refs[name] = make(pdf)
    ops = (_page_ops(font.hex) if plain else []) + [op(font.hex) if callable(op) else op for op in extra]
    content = pdf.stream("", "\n".join(ops).encode())
    page = pdf.reserve()
    box = " ".join(f"{v:g}" for v in media)
    cropbox = f" /CropBox [{' '.join(f'{v:g}' for v in crop)}]" if crop else ""
    font_refs = " ".join(f"/{k} {v} 0 R" for k, v in refs.items())
    pdf.set(page, f"<< /Type /Page /Parent {pages_ref} 0 R /MediaBox [{box}]{cropbox} /Rotate {rotate} "
                  f"/Resources << /Font << {font_refs} >> /XObject << /X1 {form} 0 R >> >> "
                  f"/Contents {content} 0 R >>")
    pdf.set(pages_ref, f"<< /Type /Pages /Count 1 /Kids [{page} 0 R] >>")
    pdf.set(catalog, f"<< /Type /Catalog /Pages {pages_ref} 0 R >>")
    for ref, f in pdf.fonts.items():
        f.write(pdf, ref)
    path.write_bytes(pdf.bytes(catalog))
    return path


def _codes(text: str, start: int = 0x300) -> tuple[dict[int, str], str]:
    """Codes for the distinct characters of `text`, and `text` as a hex string of them."""
    mapping = {start + i: ch for i, ch in enumerate(dict.fromkeys(text))}
    back = {ch: c for c, ch in mapping.items()}
    return mapping, "<" + "".join(f"{back[ch]:04x}" for ch in text) + ">"


def _legacy_font(pdf: spb.PdfBuilder) -> int:
    return _simple_truetype(pdf, ".VnTime", descent=-216)


def _garbage_font(pdf: spb.PdfBuilder) -> int:
    """An embedded TrueType font whose program is noise: PDFium draws it with a substitute."""
    noise = random.Random(0).randbytes(2000)
    program = pdf.stream("/Length1 2000", noise)
    widths = " ".join(str(spb.advance(chr(c))) for c in range(32, 256))
    desc = pdf.add(f"<< /Type /FontDescriptor /FontName /ABCDEF+Garbage /Flags 32 /FontBBox [-170 -220 1000 900] "
                   f"/ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV 80 /FontFile2 {program} 0 R >>")
    return pdf.add(f"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Garbage /FirstChar 32 /LastChar 255 "
                   f"/Widths [{widths}] /Encoding /WinAnsiEncoding /FontDescriptor {desc} 0 R >>")


LEGACY_TEXT = "Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng"
VN_TEXT = "Thực hiện nhiệm vụ năm 2026"
_VN_MAP, _VN_HEX = _codes(VN_TEXT)
_FI_MAP = {**_VN_MAP, 0x3ff: "fi"}


def declined_pdfs(d: Path) -> dict[str, Path]:
    """Pages the fast path must leave to pdfplumber, each with why."""
    dup = "BT /F1 14 Tf 1 0 0 1 72 500 Tm {0} Tj 1 0 0 1 72.2 500 Tm {0} Tj ET"
    return {
        "fake_bold": build_pdf(d / "fake_bold.pdf", [lambda h: dup.format(h("Đậm giả"))]),
        "actual_text": build_pdf(d / "actual_text.pdf", [
            lambda h: f"/Span << /ActualText (Noi dung) >> BDC BT /F1 14 Tf 1 0 0 1 72 500 Tm "
                      f"{h('Nội dung')} Tj ET EMC"]),
        "ligature": build_pdf(d / "ligature.pdf", [f"BT /F5 14 Tf 1 0 0 1 72 500 Tm {_VN_HEX[:-1]}03ff> Tj ET"],
                              fonts={"F5": lambda pdf: _type0(pdf, "CCCCCC+Cambria", _FI_MAP)}),
        "no_unicode": build_pdf(d / "no_unicode.pdf", [f"BT /F5 14 Tf 1 0 0 1 72 500 Tm {_VN_HEX[:-1]}0141> Tj ET"],
                                fonts={"F5": lambda pdf: _type0(pdf, "CCCCCC+Cambria", _VN_MAP)}),
        "no_to_unicode": build_pdf(d / "no_to_unicode.pdf", [f"BT /F5 14 Tf 1 0 0 1 72 500 Tm {_VN_HEX} Tj ET"],
                                   fonts={"F5": lambda pdf: _type0(pdf, "CCCCCC+Cambria", _VN_MAP, to_unicode=False)}),
        "same_name": build_pdf(d / "same_name.pdf", [
            f"BT /F5 14 Tf 1 0 0 1 72 500 Tm {_VN_HEX} Tj ET", f"BT /F6 14 Tf 1 0 0 1 72 480 Tm {_VN_HEX} Tj ET"],
            fonts={"F5": lambda pdf: _type0(pdf, "CCCCCC+Cambria", _VN_MAP, descent=-216),
                   "F6": lambda pdf: _type0(pdf, "DDDDDD+Cambria", _VN_MAP, descent=-300)}),
        "type3": build_pdf(d / "type3.pdf", ["BT /F5 20 Tf 1 0 0 1 72 500 Tm (aaa) Tj ET"],
                           fonts={"F5": _type3}),
        # a name pdfminer takes for a standard font: it places the glyphs by its AFM widths
        "afm_widths": build_pdf(d / "afm_widths.pdf", ["BT /F5 14 Tf 1 0 0 1 72 500 Tm (Quyet dinh so 12) Tj ET"],
                                fonts={"F5": lambda pdf: _simple_truetype(pdf, "TimesNewRoman,Bold", -216)}),
    }


def supported_pdfs(d: Path) -> dict[str, Path]:
    tcvn3 = _pdf_string(encode_tcvn3(LEGACY_TEXT))
    return {
        "odd": build_pdf(d / "odd.pdf"),
        "odd_rot90": build_pdf(d / "odd_rot90.pdf", rotate=90),
        "odd_rot180": build_pdf(d / "odd_rot180.pdf", rotate=180, media=(20, -30, 615, 812), crop=(30, 0, 600, 800)),
        "odd_rot270": build_pdf(d / "odd_rot270.pdf", rotate=270, media=(-10, 5, 585, 847)),
        "tcvn3": build_pdf(d / "tcvn3.pdf", [f"BT /F5 14 Tf 1 0 0 1 72 500 Tm {tcvn3} Tj ET"],
                           fonts={"F5": _legacy_font}),
        "garbage_font": build_pdf(d / "garbage_font.pdf", ["BT /F5 14 Tf 1 0 0 1 72 500 Tm (Quyet dinh so 12) Tj ET",
                                                           "BT /F5 14 Tf 1 0 0 1 72 480 Tm (Q) Tj ET"],
                                  fonts={"F5": _garbage_font}),
    }


# ---------------------------------------------------------------------------------------------
# The corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("pdfium")
    out = {f"signed_{k}": v for k, v in spb.variants(d).items()}
    office = spb.make_signer("ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN")
    out["signed_once"] = spb.sign(out["signed_stamped"], d / "once.pdf", office, page=1, box=None,
                                  reason="Phát hành văn bản", location="Bình Sơn")
    out["signed_visible"] = spb.sign(out["signed_stamped"], d / "visible.pdf", office, page=1,
                                     box=(330, 480, 520, 530))
    out.update(supported_pdfs(d))
    return out


@pytest.fixture(scope="module")
def declined(tmp_path_factory) -> dict[str, Path]:
    return declined_pdfs(tmp_path_factory.mktemp("declined"))


def corpus_ids() -> list[str]:
    return [p.name for p in SAMPLES + FIXTURES]


def _path(name: str, built: dict[str, Path]) -> Path:
    by_name = {p.name: p for p in SAMPLES + FIXTURES}
    return by_name[name] if name in by_name else built[name]


ALL = corpus_ids() + ["signed_text", "signed_stamped", "signed_shear", "signed_month", "signed_printed",
                      "signed_text_field", "signed_broken", "signed_moved", "signed_rotated", "signed_once",
                      "signed_visible", "odd", "odd_rot90", "odd_rot180", "odd_rot270", "tcvn3", "garbage_font"]


# ---------------------------------------------------------------------------------------------
# Words, page by page


def plumber_words(path: Path) -> list[list[fast.RawWord]]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = []
        for page in pdf.pages:
            raw = page.extract_words(x_tolerance=pdf_mod.X_TOLERANCE, y_tolerance=pdf_mod.Y_TOLERANCE,
                                     keep_blank_chars=False, use_text_flow=False,
                                     extra_attrs=["size", "fontname"])
            pages.append([fast.RawWord(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["size"],
                                       w["fontname"]) for w in raw if w["upright"]])
            page.close()
    return pages


def pdfium_words(path: Path) -> list[list[fast.RawWord] | str]:
    """Per page the fast reader's words, or the reason it declined."""
    import pdfplumber

    reader = fast.PdfiumReader(path)
    pages: list = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for i, page in enumerate(pdf.pages):
                try:
                    pages.append(reader.words(i, page, pdf_mod.X_TOLERANCE, pdf_mod.Y_TOLERANCE))
                except fast.Unsupported as exc:
                    pages.append(str(exc))
    finally:
        reader.close()
    return pages


def _order(words):
    return sorted(words, key=lambda w: (round(w.top, 1), round(w.x0, 1), w.text))


def assert_same_words(expected: list[fast.RawWord], got: list[fast.RawWord], where: str) -> None:
    a, b = _order(expected), _order(got)
    assert [w.text for w in b] == [w.text for w in a], where
    for x, y in zip(a, b):
        assert y.fontname == x.fontname, (where, x, y)
        worst = max(abs(x.x0 - y.x0), abs(x.x1 - y.x1), abs(x.top - y.top), abs(x.bottom - y.bottom),
                    abs(x.size - y.size))
        assert worst <= TOLERANCE, (where, x, y)


@pytest.mark.parametrize("name", ALL)
def test_same_words_on_every_page(name, built):
    path = _path(name, built)
    expected, got = plumber_words(path), pdfium_words(path)
    assert len(got) == len(expected)
    for number, (a, b) in enumerate(zip(expected, got), 1):
        assert not isinstance(b, str), f"{name} page {number} declined: {b}"
        assert_same_words(a, b, f"{name} page {number}")


@pytest.mark.parametrize("name", ALL)
def test_same_extraction_with_either_engine(name, built, monkeypatch):
    path = _path(name, built)
    monkeypatch.setattr(pdf_mod, "ENGINE", "pdfplumber")
    reference = extract_file(path, ocr="never").model_dump_json()
    monkeypatch.setattr(pdf_mod, "ENGINE", "pdfium")
    assert extract_file(path, ocr="never").model_dump_json() == reference


def test_the_corpus_is_read_by_pdfium(built, monkeypatch):
    """No page of the corpus falls back: pdfplumber's word reader is never called (the turned
    pages are left out: they show fewer upright letters than a text page needs)."""
    def refuse(page, number):
        raise AssertionError(f"page {number} was read by pdfplumber")

    monkeypatch.setattr(pdf_mod, "_words_from_page", refuse)
    for name in ALL:
        if name not in ("odd_rot90", "odd_rot270"):
            assert load_pdf(_path(name, built), ocr="never").blocks, name


# ---------------------------------------------------------------------------------------------
# Pages the fast path declines


WHY = {"fake_bold": "left out", "actual_text": "ActualText", "ligature": "several characters",
       "no_unicode": "Unicode mapping", "no_to_unicode": "not read", "same_name": "told apart",
       "type3": "font ''", "afm_widths": "pdfminer's width"}


@pytest.mark.parametrize("name", list(WHY))
def test_declined_pages_fall_back_to_pdfplumber(name, declined, monkeypatch):
    path = declined[name]
    (reason,) = pdfium_words(path)
    assert isinstance(reason, str) and WHY[name] in reason, f"{name}: declined for {reason!r}"
    calls = []
    real = pdf_mod._words_from_page
    monkeypatch.setattr(pdf_mod, "_words_from_page", lambda page, n: calls.append(n) or real(page, n))
    got = load_pdf(path, ocr="never", engine="pdfium")
    assert calls == [1]
    reference = load_pdf(path, ocr="never", engine="pdfplumber")
    assert got == reference


def test_fake_bold_is_what_pdfplumber_reads(declined):
    """Why fake bold is declined: pdfplumber reads both copies, PDFium one."""
    text = " ".join(w.text for w in plumber_words(declined["fake_bold"])[0])
    assert "ĐĐậậmm" in text


def test_legacy_font_is_converted(built):
    lt = load_pdf(built["tcvn3"], ocr="never", engine="pdfium")
    assert any(LEGACY_TEXT in b.text for b in lt.blocks), [b.text for b in lt.blocks]


def test_pdfium_failures_fall_back(monkeypatch):
    reference = load_pdf(SAMPLES[0], engine="pdfplumber")

    def boom(*args, **kwargs):
        raise RuntimeError("PDFium failed")

    monkeypatch.setattr(fast.PdfiumReader, "words", boom)
    assert load_pdf(SAMPLES[0], engine="pdfium") == reference
    monkeypatch.setattr(fast.PdfiumReader, "__init__", boom)
    assert load_pdf(SAMPLES[0], engine="pdfium") == reference


def test_page_count_disagreement_falls_back(monkeypatch):
    reference = load_pdf(SAMPLES[0], engine="pdfplumber")
    monkeypatch.setattr(fast.PdfiumReader, "__len__", lambda self: 99)
    monkeypatch.setattr(fast.PdfiumReader, "words", lambda *a: pytest.fail("a disagreeing reader was used"))
    assert load_pdf(SAMPLES[0]) == reference


def test_text_pdf_never_builds_pdfplumber_layout(monkeypatch):
    import pdfplumber.page

    def boom(self):
        raise AssertionError("pdfplumber's layout was built")

    monkeypatch.setattr(pdfplumber.page.Page, "layout", property(boom))
    for path in SAMPLES:
        assert load_pdf(path, ocr="never").blocks
    with pytest.raises(ExtractError, match="layout was built"):     # the check itself works
        load_pdf(SAMPLES[0], ocr="never", engine="pdfplumber")


def test_engine_is_checked():
    with pytest.raises(ValueError):
        load_pdf(SAMPLES[0], engine="fitz")


# ---------------------------------------------------------------------------------------------
# Units


def test_grouping_follows_pdfplumber_rules():
    key = (True, 14.0, "F")
    other = (True, 14.0, "G")
    chars = [("a", 10, 17, 100, 114, key), ("b", 17, 24, 100, 114, key),
             ("c", 25.4, 32, 100.5, 114.5, key),          # gap 1.4 <= 1.5: same word
             ("d", 33.6, 40, 100, 114, key),              # gap 1.6: new word
             (" ", 40, 43, 100, 114, key), ("e", 43, 50, 100, 114, key),
             ("f", 50, 57, 100, 114, other),              # another font: another group
             ("g", 5, 9, 100, 114, other),                # behind in its group: sorted first
             ("h", 10, 17, 120, 134, key)]                # next line
    words = [(w.text, w.fontname) for w in fast.group_words(chars, 1.5, 3)]
    assert words == [("abc", "F"), ("d", "F"), ("e", "F"), ("g", "G"), ("f", "G"), ("h", "F")]


def test_line_clusters_chain_like_pdfplumber():
    from pdfplumber.utils.clustering import make_cluster_dict

    values = [100.0, 102.5, 105.0, 109.0, 200.0, 203.0, 203.1]
    assert fast._cluster_index(values, 3) == make_cluster_dict(values, 3)


def test_base_key_drops_subset_tags():
    assert fast.base_key("ABCDEF+LiberationSerif-Bold") == "LiberationSerif-Bold"
    assert fast.base_key(".VnTime") == ".VnTime"
    assert fast.base_key("TimesNewRomanPSMT") == "TimesNewRomanPSMT"


def test_import_stays_cheap():
    import subprocess

    code = ("import sys, directive_extract.loaders.pdfium; "
            "print('pypdfium2' in sys.modules, 'pdfminer' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
