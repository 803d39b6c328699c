"""Digitally signed PDFs: the serial and day stamped by signature widgets, and the signatures.

The PDFs are built by `signed_pdf_builder` in the form signing systems write (a text layer with
blank slots, `/FT /Sig` widgets whose `/AP /N` → `/FRM` → `/n0` + `/n2` Forms draw the text in a
Type0 font with a ToUnicode map); the `signatures` part signs them with pyHanko and a
certificate made here. Names, places and numbers are invented.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import signed_pdf_builder as spb
from directive_extract.batch import convert_one
from directive_extract.loaders import load
from directive_extract.loaders.pdf import PageWords, Word, merge_stamps
from directive_extract.loaders.stamps import WidgetText, form_to_default
from directive_extract.pipeline import extract_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    return spb.variants(tmp_path_factory.mktemp("signed"))


@pytest.fixture(scope="module")
def signed(pdfs, tmp_path_factory) -> dict[str, Path]:
    """Signed with pyHanko: once (invisible field), then changed, then signed a second time."""
    d = tmp_path_factory.mktemp("signatures")
    office = spb.make_signer("ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN")
    person = spb.make_signer("Trần Văn Bình")
    once = spb.sign(pdfs["stamped"], d / "once.pdf", office, page=1, box=None,
                    reason="Phát hành văn bản", location="Bình Sơn")
    visible = spb.sign(pdfs["stamped"], d / "visible.pdf", office, page=1, box=(330, 480, 520, 530))
    out = {"once": once, "visible": visible,
           "modified": spb.modify(once, d / "modified.pdf"),
           "twice": spb.sign(once, d / "twice.pdf", person, field="Signature2", page=0, box=None,
                             name="Trần Văn Bình")}
    data = bytearray(once.read_bytes())
    i = data.index(b"(signed_pdf_builder)")       # inside the signed bytes, same length
    data[i + 1:i + 7] = b"SIGNED"
    (d / "tampered.pdf").write_bytes(bytes(data))
    out["tampered"] = d / "tampered.pdf"
    data = bytearray(once.read_bytes())
    j = data.index(b"/Contents <") + len(b"/Contents <")
    data[j:j + 40] = b"0" * 40                   # the CMS container no longer parses
    (d / "garbled.pdf").write_bytes(bytes(data))
    out["garbled"] = d / "garbled.pdf"
    return out


def codes(d) -> list[str]:
    return [w.code for w in d.warnings]


# ------------------------------------------------------------------------------------------
# Stamps: the number and the date as the page shows them


def test_text_only_keeps_the_blank_serial(pdfs):
    d = extract_file(pdfs["text"])
    assert d.number.text == "/UBND-XD" and d.number.serial is None and d.number.stamped is False
    assert "blank_serial" in codes(d)
    assert d.issued_date.date == "2026-07" and d.issued_date.stamped is False
    assert d.signatures == []
    assert load(pdfs["text"]).stamps == []


@pytest.mark.parametrize("name", ["stamped", "shear"])
def test_serial_and_day_come_from_the_stamps(pdfs, name):
    d = extract_file(pdfs[name])
    assert d.number.text == "7432/UBND-XD" and d.number.serial == "7432"
    assert d.number.type_code is None and d.number.issuer_code == "UBND-XD"
    assert d.number.stamped is True
    assert d.issued_date.text == "ngày 21 tháng 7 năm 2026" and d.issued_date.date == "2026-07-21"
    assert d.issued_date.stamped is True
    assert d.place == "Bình Sơn"
    assert "blank_serial" not in codes(d)
    # spans point at the merged text, on page one
    n, t = d.number.span, d.issued_date.span
    assert re.fullmatch(r"Số:\s*7432\s*/UBND-XD", d.text[n.start:n.end]) and n.page == 1
    assert d.text[t.start:t.end] == "ngày 21 tháng 7 năm 2026" and t.page == 1


def test_header_columns_read_as_the_page_shows_them(pdfs):
    blocks = [b.text for b in load(pdfs["stamped"]).blocks]
    assert any(re.fullmatch(r"Số: 7432 ?/UBND-XD", t) for t in blocks)
    assert "Bình Sơn, ngày 21 tháng 7 năm 2026" in blocks
    assert not any("7432" in t and "Bình Sơn" in t for t in blocks)   # columns still apart


def test_stamped_month_replaces_the_printed_one(pdfs):
    lt = load(pdfs["month"])
    d = extract_file(pdfs["month"])
    assert d.issued_date.text == "ngày 21 tháng 8 năm 2026" and d.issued_date.date == "2026-08-21"
    assert d.issued_date.stamped is True
    month = next(s for s in lt.stamps if s.text == "8")
    assert month.merged and month.replaced == "7" and month.before == "tháng" and month.after == "năm"
    assert "tháng 7 năm 2026" not in d.text[:d.issued_date.span.end]


@pytest.mark.parametrize("name", ["moved", "rotated"])
def test_page_geometry(pdfs, name):
    """A MediaBox off the origin, a /Rotate 90 page (widget appearances turned by /Matrix)."""
    d = extract_file(pdfs[name])
    assert d.number.serial == "7432" and d.number.stamped
    assert d.issued_date.date == "2026-08-21" and d.issued_date.stamped


def test_printed_values_are_not_stamped(pdfs):
    d = extract_file(pdfs["printed"])
    assert d.number.serial == "7432" and d.number.stamped is False
    assert d.issued_date.date == "2026-07-21" and d.issued_date.stamped is False


def test_stamp_records(pdfs):
    stamps = load(pdfs["stamped"]).stamps
    merged = [(s.page, s.text, s.before, s.after) for s in stamps if s.merged]
    assert merged == [(1, "7432", "Số:", "/UBND-XD"), (1, "21", "ngày", "tháng")]
    # the signer box of the last page is recorded, not put into the text; the DSBlank one is ignored
    box = [s for s in stamps if not s.merged]
    assert len(box) == 1 and box[0].page == 2 and "Ký bởi" in box[0].text
    assert "Ký bởi" not in extract_file(pdfs["stamped"]).text
    assert extract_file(pdfs["stamped"]).signature.signer == "Trần Văn Bình"


def test_only_signature_widgets_count(pdfs):
    lt = load(pdfs["text_field"])
    assert lt.stamps == []
    assert extract_file(pdfs["text_field"]).number.serial is None


def test_broken_widgets_cost_a_warning_not_the_file(pdfs):
    d = extract_file(pdfs["broken"])
    assert d.number.serial == "7432" and d.issued_date.date == "2026-07-21"
    assert "stamp_unreadable" in codes(d)
    messages = " ".join(w.message for w in d.warnings if w.code == "stamp_unreadable")
    assert "Unicode" in messages and "BBox" in messages


def test_pdfplumber_annots_are_never_touched(pdfs, monkeypatch):
    import pdfplumber.page

    def boom(self):
        raise RecursionError("page.annots must not be read")

    monkeypatch.setattr(pdfplumber.page.Page, "annots", property(boom))
    d = extract_file(pdfs["stamped"])
    assert d.number.serial == "7432" and d.number.stamped


def test_merge_joins_the_line_under_the_stamp():
    """A stamp in another size and slightly raised still joins the slot's line; covered words go."""
    pw = PageWords(number=1, width=595, height=842, words=[
        Word("ngày", 100, 125, 100, 114, 14), Word("tháng", 160, 190, 100, 114, 14),
        Word("7", 194, 201, 100, 114, 14), Word("năm", 205, 228, 100, 114, 14),
        Word("Kính", 100, 125, 130, 144, 14)])
    day = WidgetText(page=1, rect=(128, 96, 157, 112), lines=[[Word("21", 136, 149, 97, 109, 11)]])
    month = WidgetText(page=1, rect=(192, 98, 203, 114), lines=[[Word("8", 194, 201, 98, 111, 13)]])
    box = WidgetText(page=1, rect=(100, 125, 300, 150), lines=[[Word("Ký", 100, 110, 128, 136, 8)],
                                                               [Word("bởi", 100, 110, 138, 146, 8)]])
    records = merge_stamps(pw, [day, month, box])
    assert [r.merged for r in records] == [True, True, False]
    assert records[1].replaced == "7"
    line = sorted((w for w in pw.words if w.top == 100), key=lambda w: w.x0)
    assert [w.text for w in line] == ["ngày", "21", "tháng", "8", "năm"]
    assert all(w.size == 14 and w.bottom == 114 for w in line)


def test_form_matrix_maps_bbox_onto_rect():
    # a BBox off the origin and a Matrix that scales: the form's BBox lands on the Rect
    m = form_to_default([10, 20, 60, 40], [2, 0, 0, 2, 0, 0], [100, 700, 150, 720])
    x, y = m[0] * 10 + m[2] * 20 + m[4], m[1] * 10 + m[3] * 20 + m[5]
    assert (round(x, 6), round(y, 6)) == (100, 700)
    x, y = m[0] * 60 + m[2] * 40 + m[4], m[1] * 60 + m[3] * 40 + m[5]
    assert (round(x, 6), round(y, 6)) == (150, 720)


# ------------------------------------------------------------------------------------------
# Signatures


def test_signature_entry(signed):
    d = extract_file(signed["once"])
    assert len(d.signatures) == 1
    s = d.signatures[0]
    assert s.field == "Signature1" and s.page == 2
    assert s.signer == "ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN"          # no /Name: the certificate's CN
    assert s.reason == "Phát hành văn bản" and s.location == "Bình Sơn"
    assert datetime.fromisoformat(s.signed_at).tzinfo is not None
    assert s.covers_whole_file is True and s.revocation_checked is False
    assert d.number.stamped and d.issued_date.stamped                  # stamps still read
    assert d.warnings == []


def test_visible_signature_appearance_is_not_text(signed):
    d = extract_file(signed["visible"])
    assert len(d.signatures) == 1 and d.signatures[0].page == 2
    assert "Digitally signed" not in d.text and d.warnings == []


def test_changed_after_signing(signed):
    d = extract_file(signed["modified"])
    assert d.signatures[0].covers_whole_file is False
    assert "modified_after_signing" in codes(d)


def test_a_later_signature_is_not_a_change(signed):
    d = extract_file(signed["twice"])
    first, second = d.signatures
    assert first.field == "Signature1" and first.covers_whole_file is False
    assert second.field == "Signature2" and second.covers_whole_file is True
    assert second.signer == "Trần Văn Bình" and second.page == 1
    assert "modified_after_signing" not in codes(d)


def test_tampered_bytes_are_reported(signed):
    d = extract_file(signed["tampered"])
    assert d.signatures[0].covers_whole_file is True
    assert "signature_invalid" in codes(d)


def test_unreadable_signature_keeps_what_can_be_read(signed):
    d = extract_file(signed["garbled"])
    assert len(d.signatures) == 1
    s = d.signatures[0]
    assert s.field == "Signature1" and s.reason == "Phát hành văn bản" and s.page == 2
    assert "signature_unreadable" in codes(d)
    assert d.number.serial == "7432"


def test_batch_converts_signed_pdfs(signed, tmp_path):
    for name in ("once", "modified", "garbled"):
        outcome = convert_one(str(signed[name]), f"{name}.pdf", str(tmp_path))
        assert outcome.status in ("ok", "warning"), outcome.error
        doc = json.loads((tmp_path / f"{name}.pdf.json").read_text(encoding="utf-8"))
        assert doc["number"]["stamped"] is True and len(doc["signatures"]) == 1


def test_unsigned_pdfs_do_not_load_pyhanko():
    sample = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    assert sample, "the committed PDF samples are missing"
    code = ("import sys; from directive_extract.pipeline import extract_file; "
            f"d = extract_file({str(sample[0])!r}); "
            "assert d.signatures == [], d.signatures; "
            "print(any(m.startswith('pyhanko') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
