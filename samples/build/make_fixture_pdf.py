#!/usr/bin/env python3
"""Build the PDF test fixtures in `tests/fixtures/` (committed, so tests need no LibreOffice).

* `state_kh_paged.pdf`: a state-style KẾ HOẠCH (CỘNG HÒA … / UBND header table, centred type
  name and two-line subject, body from seed 002 with two real footnotes whose references are
  superscript, a page number centred at the top of every page, a running footer line, and the
  "Nơi nhận" | signature table). Written as a flat ODT (FODT: real footnotes and page fields,
  which python-docx cannot make) and converted with LibreOffice.
* `encrypted_user.pdf` (user password "secret") and `encrypted_owner.pdf` (owner password
  only, opens without one): made from the first with the `qpdf` CLI, when it is installed.

Usage:  python samples/build/make_fixture_pdf.py
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]          # samples/
OUT = ROOT.parent / "tests" / "fixtures"
SEED = ROOT / "002_c09283dee7dc6ffb.txt"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="6pt"/>
  <style:text-properties style:font-name="Times New Roman" fo:font-size="14pt"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0pt" fo:text-align="justify"/>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="170mm" table:align="center"/></style:style>
 <style:style style:name="ColL" style:family="table-column"><style:table-column-properties style:column-width="68mm"/></style:style>
 <style:style style:name="ColR" style:family="table-column"><style:table-column-properties style:column-width="102mm"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="none" fo:padding="0mm"/></style:style>
 <style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0pt"/></style:style>
 <style:style style:name="CB" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0pt"/><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="C13" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0pt"/><style:text-properties fo:font-size="13pt"/></style:style>
 <style:style style:name="CB13" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0pt"/><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="CB12" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0pt"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="CI" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0pt"/><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="T" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="12pt" fo:margin-bottom="0pt"/><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="J" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="10mm"/></style:style>
 <style:style style:name="L12" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0pt"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:font-style="italic"/></style:style>
 <style:style style:name="L11" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0pt"/><style:text-properties fo:font-size="11pt"/></style:style>
 <style:style style:name="Hdr" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="13pt"/></style:style>
 <style:style style:name="Ftr" style:family="paragraph"><style:paragraph-properties fo:text-align="right"/><style:text-properties fo:font-size="10pt" fo:font-style="italic"/></style:style>
 <style:style style:name="U" style:family="text"><style:text-properties style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="12mm"
   fo:margin-bottom="12mm" fo:margin-left="30mm" fo:margin-right="15mm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="4mm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="4mm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Hdr"><text:page-number text:select-page="current">1</text:page-number></text:p></style:header>
  <style:footer><text:p text:style-name="Ftr">Kế hoạch tuyên truyền Đại hội - UBND thành phố Tân Uyên</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"


def p(style: str, text: str) -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def table(left: list[str], right: list[str]) -> str:
    return ('<table:table table:style-name="Tbl"><table:table-column table:style-name="ColL"/>'
            '<table:table-column table:style-name="ColR"/><table:table-row>'
            f'<table:table-cell table:style-name="Cell">{"".join(left)}</table:table-cell>'
            f'<table:table-cell table:style-name="Cell">{"".join(right)}</table:table-cell>'
            '</table:table-row></table:table>')


def note(n: int, text: str) -> str:
    return (f'<text:note text:id="ftn{n}" text:note-class="footnote"><text:note-citation>{n}'
            f'</text:note-citation><text:note-body>{p("Footnote", escape(text))}</text:note-body></text:note>')


def seed_body(limit: int = 16) -> list[str]:
    out = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^#+\s*", "", line.strip()).replace("**", "").replace("*", "")
        if not line or line.startswith(("KẾ HOẠCH", "Tuyên truyền Đại hội đại biểu Đảng bộ thành phố")):
            continue
        if line.startswith("Nơi nhận"):
            break
        out.append(line)
        if len(out) >= limit:
            break
    return out


FOOTNOTES = [
    "Kế hoạch số 74-KH/TU, ngày 20/9/2024 của Ban Thường vụ Thành ủy Tân Uyên về việc tuyên "
    "truyền Đại hội Đảng bộ thành phố Tân Uyên và Đại hội Đảng bộ các cấp.",
    "Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới "
    "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng.",
]


def build_fodt() -> str:
    parts = [HEAD]
    parts.append(table(
        [p("C13", "UỶ BAN NHÂN DÂN"), p("CB13", "THÀNH PHỐ TÂN UYÊN"), p("C", ""),
         p("C", "Số: 125/KH-UBND")],
        [p("CB12", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
         p("CB", '<text:span text:style-name="U">Độc lập - Tự do - Hạnh phúc</text:span>'), p("C", ""),
         p("CI", "Tân Uyên, ngày 05 tháng 11 năm 2024")]))
    parts.append(p("T", "KẾ HOẠCH"))
    parts.append(p("CB", "Tuyên truyền Đại hội đại biểu Đảng bộ thành phố Tân Uyên và Đại hội "
                         "Đảng bộ các cấp, tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"))
    parts.append(p("C", "-----"))
    body = seed_body()
    used = 0
    for i, text in enumerate(body):
        t = escape(text)
        if used < len(FOOTNOTES) and i in (0, 5):
            # a real footnote reference after the first clause
            cut = t.find(",")
            cut = cut if cut > 0 else len(t)
            t = t[:cut] + note(used + 1, FOOTNOTES[used]) + t[cut:]
            used += 1
        parts.append(p("J", t))
    parts.append(table(
        [p("L12", "Nơi nhận:"), p("L11", "- TT Thành ủy, TT HĐND thành phố;"),
         p("L11", "- CT, các PCT UBND thành phố;"), p("L11", "- Ban Tuyên giáo Thành ủy;"),
         p("L11", "- Các cơ quan, ban, ngành, đoàn thể thành phố và UBND các xã, phường;"),
         p("L11", "- Lưu: VT, VHTT."), ],
        [p("CB", "TM. ỦY BAN NHÂN DÂN"), p("CB", "KT. CHỦ TỊCH"), p("CB", "PHÓ CHỦ TỊCH"),
         p("C", ""), p("C", ""), p("C", ""), p("CB", "Lý Ngọc Phong")]))
    parts.append(TAIL)
    return "".join(parts)


def main() -> int:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("LibreOffice not found")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="fixture_") as tmp:
        src = Path(tmp) / "state_kh_paged.fodt"
        src.write_text(build_fodt(), encoding="utf-8")
        subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/prof", "--headless",
                        "--convert-to", "pdf", "--outdir", tmp, str(src)],
                       check=True, capture_output=True, timeout=300)
        shutil.move(str(Path(tmp) / "state_kh_paged.pdf"), OUT / "state_kh_paged.pdf")
    print("wrote", OUT / "state_kh_paged.pdf")
    qpdf = shutil.which("qpdf")
    if qpdf:
        base = str(OUT / "state_kh_paged.pdf")
        subprocess.run([qpdf, "--encrypt", "secret", "owner-secret", "256", "--",
                        base, str(OUT / "encrypted_user.pdf")], check=True)
        subprocess.run([qpdf, "--encrypt", "", "owner-secret", "256", "--print=none", "--modify=none",
                        "--extract=n", "--", base, str(OUT / "encrypted_owner.pdf")], check=True)
        print("wrote encrypted_user.pdf, encrypted_owner.pdf")
    else:
        print("qpdf not installed: encrypted fixtures not rebuilt", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
