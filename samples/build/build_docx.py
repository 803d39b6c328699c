#!/usr/bin/env python3
"""Build samples/docx/<stem>.docx from each seed text samples/<stem>.txt.

The seed is parsed by its format cues only (never by its own names, numbers or places):

* header: issuer lines (upper case, before "*" / "Số"), "*", the "Số …" line, the "V/v …"
  subject (with its continuation lines), the place/date line ("…, ngày … năm YYYY");
* type name (KẾ HOẠCH, QUYẾT ĐỊNH …) and its title lines, up to a blank line, a "-----" rule or
  the first body cue (Căn cứ / Thực hiện / Kính gửi / an outline marker);
* "Kính gửi:" and its "- …" recipient lines;
* the body: hard-wrapped lines are joined back into paragraphs; outline markers
  ("I.", "II -", "1.", "1-", "1.1.", "a)", "(1)", "-", "+") become real Word numbering
  (w:numPr + a numbering part built here) and are removed from the text; markdown residue
  (**bold**, *italic*, "#" headings, "\\*") becomes run formatting; "¹ …" lines become real
  Word footnotes referenced where the superscript sits in the text;
* "Nơi nhận:" and its "- …" list, then the signature lines.

Layout: A4, Times New Roman 14 pt; borderless two-column header table (left: issuer, "*",
number, V/v; right: "ĐẢNG CỘNG SẢN VIỆT NAM" for Party documents or "CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" for state ones, then the place/date line if the
seed has one); centred bold type name and title; body; borderless two-column footer table
(left: Nơi nhận list; right: signature block). Nothing the seed lacks is added except those
fixed national headings.

Usage: python samples/build/build_docx.py [SEED.txt …] [--out DIR]
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from directive_extract.loaders.docx import roman  # the loader renders Word numbering the same way

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent

# Generic vocabulary of document type names (NĐ 30/2020 and Party rules), not seed content.
TYPE_NAMES = ("NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
              "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO",
              "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG", "CÔNG ĐIỆN", "CÔNG VĂN", "GIẤY MỜI", "KẾT LUẬN",
              "THÔNG TRI", "QUY TRÌNH", "GIẤY GIỚI THIỆU")
BODY_CUE = re.compile(r"^(Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Trả lời|Kính gửi)\b")
DATE_LINE = re.compile(r"^[^\n,]{2,60},\s*ngày\b.*\bnăm\s*\d{4}")
NUMBER_LINE = re.compile(r"^Số\b")
SUBJECT_LINE = re.compile(r"^(V/v|V/V|Về việc|về việc)\b")
HEADING_LINE = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG CỘNG SẢN VIỆT NAM)")
RULE_LINE = re.compile(r"^[-_=]{3,}$")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_LINE = re.compile(r"^([%s]+)\s+(.*)$" % SUPERSCRIPTS)
SIGN_MARK = re.compile(r"^(T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)")
TERMINAL = tuple(".;:!?…")
ESC_STAR = "\x00"

# Outline markers -> (kind, word level). Bullets are levels too, so that numbering restarts
# below them behave like Word's.
MARKERS = [
    ("roman", 0, re.compile(r"^(?P<m>(?P<v>[IVXLC]+)\s*[.\-–])\s+")),
    ("dec3", 3, re.compile(r"^(?P<m>(?P<a>\d+)\.(?P<b>\d+)\.(?P<c>\d+)\.?)\s+")),
    ("dec2", 2, re.compile(r"^(?P<m>(?P<a>\d+)\.(?P<b>\d+)\.?)\s+")),
    ("dec1", 1, re.compile(r"^(?P<m>(?P<v>\d{1,2})\s*[.\-)])\s+")),
    ("letter", 4, re.compile(r"^(?P<m>(?P<v>[a-zđ])\))\s+")),
    ("paren", 5, re.compile(r"^(?P<m>\((?P<v>\d{1,2})\))\s+")),
    ("dash", 6, re.compile(r"^(?P<m>[-–])\s+")),
    ("plus", 7, re.compile(r"^(?P<m>\+)\s+")),
    ("dot", 8, re.compile(r"^(?P<m>[•●])\s+")),
]
LEVEL_FMT = ["upperRoman", "decimal", "decimal", "decimal", "lowerLetter", "decimal",
             "bullet", "bullet", "bullet"]
LEVEL_TEXT = ["%1.", "%2.", "%2.%3.", "%2.%3.%4.", "%5)", "(%6)", "-", "+", "•"]


def from_roman(s: str) -> int | None:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for i, ch in enumerate(s):
        v = vals[ch]
        total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
    return total if total and roman(total) == s else None


# --------------------------------------------------------------------------------------------
# Seed parsing

def plain(line: str) -> str:
    """A line without markdown residue, for cue matching."""
    s = line.strip().replace("\\*", ESC_STAR)
    s = re.sub(r"^#+\s*", "", s)
    s = s.replace("*", "").replace(ESC_STAR, "*")
    return s.strip()


def is_upper_line(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass
class Para:
    text: str                 # markdown kept
    heading: bool = False     # was a "#" heading


@dataclass
class Seed:
    issuer: list[str] = field(default_factory=list)
    star: bool = False
    number: str | None = None
    subject: list[str] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    date: str | None = None
    extra_left: list[str] = field(default_factory=list)
    type_name: str | None = None
    title: list[str] = field(default_factory=list)
    rule: str | None = None
    kinh_gui: str | None = None
    recipients: list[str] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    noi_nhan: str | None = None
    distribution: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    name_gap: bool = False
    family: str | None = None


def marker_of(text: str):
    """(kind, level, match) of an outline marker at the start of plain `text`, else None."""
    for kind, level, rx in MARKERS:
        m = rx.match(text)
        if m:
            if kind == "roman" and from_roman(m.group("v")) is None:
                continue
            return kind, level, m
    return None


def starts_item(line: str) -> bool:
    p = plain(line)
    return bool(marker_of(p) or FOOTNOTE_LINE.match(p) or BODY_CUE.match(p)
                or line.strip().startswith("#"))


def is_type_name(p: str) -> bool:
    return is_upper_line(p) and any(p == t or p.startswith(t + " ") for t in TYPE_NAMES)


def join_paragraphs(lines: list[str]) -> list[Para]:
    """Join hard-wrapped lines (with or without blank lines between) back into paragraphs."""
    paras: list[Para] = []
    for raw in lines:
        line = raw.strip()
        if not line or RULE_LINE.match(line) and not paras:
            continue
        heading = line.startswith("#")
        if paras and not paras[-1].heading and not heading and not starts_item(line):
            prev = paras[-1].text
            prev_plain = plain(prev)
            whole_bold = prev.startswith("**") and prev.endswith("**")
            cont = not whole_bold and (
                (not prev_plain.endswith(TERMINAL) and (line[0].islower() or len(prev_plain) >= 60))
                or (prev_plain.endswith((";", ",")) and line[0].islower()))
            if cont:
                sep = "" if re.search(r"\d-$", prev_plain) else " "
                paras[-1].text = prev.rstrip() + sep + line
                continue
        paras.append(Para(line, heading))
    return paras


def parse_seed(text: str) -> Seed:
    seed = Seed()
    lines = [l.rstrip() for l in text.replace("\r\n", "\n").split("\n")]
    idx_noi = next((i for i, l in enumerate(lines) if plain(l).startswith("Nơi nhận")), len(lines))

    # --- footer: Nơi nhận list, then the signature
    if idx_noi < len(lines):
        seed.noi_nhan = plain(lines[idx_noi])
        i = idx_noi + 1
        while i < len(lines):
            s = lines[i].strip()
            p = plain(s)
            if not p:
                i += 1
                continue
            if p[0] in "-–+•":
                seed.distribution.append(p)
            elif (seed.distribution and not seed.distribution[-1].endswith((".", ";", ","))
                  and p[0].islower()):
                seed.distribution[-1] += " " + p
            else:
                break
            i += 1
        blank_before = False
        for l in lines[i:]:
            p = plain(l)
            if not p:
                blank_before = True
                continue
            if not is_upper_line(p) and not any(not is_upper_line(x) for x in seed.signature):
                seed.name_gap = blank_before or not seed.signature
            seed.signature.append(p)
            blank_before = False

    # --- header zone: up to the type name or the first body cue
    pre = lines[:idx_noi]
    start = len(pre)
    for i, l in enumerate(pre):
        p = plain(l)
        if not p:
            continue
        if (is_type_name(p) or BODY_CUE.match(p) or re.match(r"^-\s*Kính gửi", p)
                or (marker_of(p) and not DATE_LINE.match(p))):
            start = i
            break
    i = 0
    while i < start:
        p = plain(pre[i])
        i += 1
        if not p:
            continue
        if p == "*":
            seed.star = True
        elif NUMBER_LINE.match(p):
            seed.number = p
        elif SUBJECT_LINE.match(p):
            seed.subject.append(p)
            while i < start and plain(pre[i]) and not (
                    NUMBER_LINE.match(plain(pre[i])) or DATE_LINE.match(plain(pre[i]))
                    or plain(pre[i]) == "*" or HEADING_LINE.match(plain(pre[i]))):
                seed.subject.append(plain(pre[i]))
                i += 1
        elif DATE_LINE.match(p):
            seed.date = p
        elif HEADING_LINE.match(p) or RULE_LINE.match(p):
            seed.heading.append(p)
        elif is_upper_line(p) and not seed.star and seed.number is None:
            seed.issuer.append(p)
        else:
            seed.extra_left.append(p)

    # --- type name and title
    i = start
    if i < len(pre) and is_type_name(plain(pre[i])):
        seed.type_name = plain(pre[i])
        i += 1
        while i < len(pre) and not plain(pre[i]):
            i += 1
        title_open = True
        while i < len(pre):
            p = plain(pre[i])
            if not p:
                i += 1
                title_open = False
                continue
            if RULE_LINE.match(p):
                seed.rule = p
                i += 1
                break
            if BODY_CUE.match(p) or marker_of(p) or re.match(r"^-\s*Kính gửi", p):
                break
            if not title_open and not p[0].islower():
                break
            seed.title.append(p)
            title_open = True
            i += 1

    # --- Kính gửi
    while i < len(pre) and not plain(pre[i]):
        i += 1
    if i < len(pre) and "Kính gửi" in plain(pre[i])[:15]:
        p = re.sub(r"^[-–]\s*", "", plain(pre[i]))
        seed.kinh_gui = p
        i += 1
        while i < len(pre):
            p = plain(pre[i])
            if not p:
                nxt = next((plain(x) for x in pre[i + 1:] if plain(x)), "")
                if not nxt.startswith(("-", "–")):
                    break
                i += 1
                continue
            if p[0] not in "-–+":
                break
            seed.recipients.append(p)
            i += 1

    # --- body
    seed.body = join_paragraphs(pre[i:])

    # --- family: Party or state, by format cues
    num = seed.number or ""
    if re.search(r"\d*\s*-\s*[A-ZĐ][A-Za-zĐđ]*\s*/", num) or "ĐẢNG CỘNG SẢN" in " ".join(seed.heading):
        seed.family = "party"
    elif re.search(r"/", num) or "CỘNG HÒA" in " ".join(seed.heading).upper():
        seed.family = "state"
    else:
        marks = [SIGN_MARK.match(s).group(1) for s in seed.signature if SIGN_MARK.match(s)]
        if any("/" in m for m in marks):
            seed.family = "party"
        elif marks:
            seed.family = "state"
    return seed


# --------------------------------------------------------------------------------------------
# Markdown -> runs

def md_runs(text: str) -> list[tuple[str, bool, bool]]:
    """[(text, bold, italic)]; unpaired "*" / "**" are residue and dropped; "\\*" is a star."""
    text = text.replace("\\*", ESC_STAR)
    toks = re.split(r"(\*\*|\*)", text)
    # pair the delimiters of each kind; an odd one out (the last) is dropped
    idx = {"**": [i for i, t in enumerate(toks) if t == "**"], "*": [i for i, t in enumerate(toks) if t == "*"]}
    for kind, where in idx.items():
        if len(where) % 2:
            toks[where[-1]] = ""
    out: list[tuple[str, bool, bool]] = []
    bold = italic = False
    for t in toks:
        if t == "**":
            bold = not bold
        elif t == "*":
            italic = not italic
        elif t:
            t = t.replace(ESC_STAR, "*")
            if out and out[-1][1:] == (bold, italic):
                out[-1] = (out[-1][0] + t, bold, italic)
            else:
                out.append((t, bold, italic))
    return out


# --------------------------------------------------------------------------------------------
# Numbering plan (mirrors how the loader and Word count: per numId, deeper levels restart)

class NumberingPlan:
    def __init__(self) -> None:
        self.variants: dict[tuple[str, ...], int] = {}     # lvlTexts -> abstractNumId
        self.nums: list[tuple[int, int, dict[int, int]]] = []  # (numId, abstractId, overrides)
        self.cur: int | None = None
        self.cur_texts: list[str] = list(LEVEL_TEXT)
        self.starts: dict[int, int] = {}
        self.counters: dict[int, int] = {}

    def _abstract(self, texts: list[str]) -> int:
        key = tuple(texts)
        if key not in self.variants:
            self.variants[key] = len(self.variants)
        return self.variants[key]

    def _start(self, level: int) -> int:
        return self.starts.get(level, 1)

    def assign(self, level: int, lvl_text: str, values: dict[int, int]) -> int:
        """numId for a paragraph at `level` printed with `lvl_text` and level `values`."""
        ok = self.cur is not None and self.cur_texts[level] == lvl_text
        if ok:
            for k, v in values.items():
                if k == level:
                    nxt = self.counters[k] + 1 if k in self.counters else self._start(k)
                    ok = ok and nxt == v
                else:
                    ok = ok and self.counters.get(k, self._start(k)) == v
        if not ok:
            texts = list(self.cur_texts)
            texts[level] = lvl_text
            overrides = {k: self.counters[k] for k in self.counters if k < level}
            overrides.update(values)
            num_id = len(self.nums) + 1
            self.nums.append((num_id, self._abstract(texts), overrides))
            self.cur, self.cur_texts, self.starts, self.counters = num_id, texts, overrides, {}
        self.counters[level] = self.counters[level] + 1 if level in self.counters else self._start(level)
        for k in [k for k in self.counters if k > level]:
            del self.counters[k]
        return self.cur

    def xml(self) -> str:
        parts = [f'<w:numbering {nsdecls("w")}>']
        for texts, aid in sorted(self.variants.items(), key=lambda kv: kv[1]):
            parts.append(f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>')
            for lvl in range(9):
                fmt = LEVEL_FMT[lvl]
                font = ""
                parts.append(
                    f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                    f'<w:lvlText w:val="{escape(texts[lvl], {chr(34): "&quot;"})}"/><w:lvlJc w:val="left"/>'
                    f'<w:suff w:val="space"/><w:pPr><w:ind w:left="0" w:firstLine="567"/></w:pPr>{font}</w:lvl>')
            parts.append("</w:abstractNum>")
        for num_id, aid, overrides in self.nums:
            parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>')
            for lvl, start in sorted(overrides.items()):
                parts.append(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>')
            parts.append("</w:num>")
        parts.append("</w:numbering>")
        return "".join(parts)


def marker_plan(kind: str, m: re.Match) -> tuple[str, dict[int, int]] | None:
    """(lvlText, {level: value}) reproducing marker `m` exactly, or None if Word can't."""
    mark = m.group("m")
    if kind == "roman":
        v = m.group("v")
        return mark.replace(v, "%1", 1), {0: from_roman(v)}
    if kind == "dec3":
        a, b, c = (int(m.group(x)) for x in "abc")
        return re.sub(r"^\d+\.\d+\.\d+", "%2.%3.%4", mark), {1: a, 2: b, 3: c}
    if kind == "dec2":
        a, b = int(m.group("a")), int(m.group("b"))
        return re.sub(r"^\d+\.\d+", "%2.%3", mark), {1: a, 2: b}
    if kind == "dec1":
        v = m.group("v")
        if v.startswith("0"):
            return None
        return mark.replace(v, "%2", 1), {1: int(v)}
    if kind == "letter":
        v = m.group("v")
        if v == "đ":
            return None  # Word's letters skip "đ": keep it as typed
        return mark.replace(v, "%5", 1), {4: ord(v) - ord("a") + 1}
    if kind == "paren":
        return mark.replace(m.group("v"), "%6", 1), {5: int(m.group("v"))}
    return mark, {}


# --------------------------------------------------------------------------------------------
# DOCX writing

Encoder = None  # optional hook: text -> [(text, font_name)], used by build_legacy.py


def set_base_style(doc) -> None:
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(a), "Times New Roman")
    pf = st.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(6)
    pf.line_spacing = 1.0
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin = sec.bottom_margin = Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)


def add_text(par, text: str, *, bold=False, italic=False, underline=False, size=None,
             encoder=None) -> None:
    encoder = encoder or Encoder
    pieces = encoder(text) if encoder else [(text, None)]
    for piece, font in pieces:
        r = par.add_run(piece)
        if bold:
            r.bold = True
        if italic:
            r.italic = True
        if underline:
            r.underline = True
        if size:
            r.font.size = Pt(size)
        if font:
            rfonts = r._r.get_or_add_rPr().get_or_add_rFonts()
            for a in ("w:ascii", "w:hAnsi", "w:cs"):
                rfonts.set(qn(a), font)


def add_md(par, text: str, *, bold=False, italic=False, size=None, footnotes=None) -> None:
    """Markdown text into runs; superscript digits naming a footnote become references."""
    for seg, b, it in md_runs(text):
        parts = re.split("([%s]+)" % SUPERSCRIPTS, seg) if footnotes else [seg]
        for part in parts:
            if not part:
                continue
            if footnotes is not None and part[0] in SUPERSCRIPTS and part in footnotes:
                footnotes.reference(par, part)
                continue
            add_text(par, part, bold=bold or b, italic=italic or it, size=size)


def lines_paragraph(cell_or_doc, lines: list[str], first: bool, **fmt):
    p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    for k, line in enumerate(lines):
        if k:
            p.add_run().add_break()
        add_text(p, line, **fmt)
    return p


def borderless_table(doc, widths_mm):
    t = doc.add_table(rows=1, cols=len(widths_mm))  # no style -> no borders
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for i, w in enumerate(widths_mm):
        t.columns[i].width = Mm(w)
        t.rows[0].cells[i].width = Mm(w)
    return t


class Footnotes:
    """Real Word footnotes: a footnotes part plus w:footnoteReference runs."""

    def __init__(self, notes: dict[str, str]) -> None:
        self.notes = notes          # superscript marker -> text (markdown)
        self.ids: dict[str, int] = {}

    def __contains__(self, mark: str) -> bool:
        return mark in self.notes

    def __bool__(self) -> bool:
        return bool(self.notes)

    def reference(self, par, mark: str) -> None:
        nid = self.ids.setdefault(mark, len(self.ids) + 1)
        r = par.add_run()
        r._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{nid}"/>'))
        r.font.superscript = True

    def write(self, doc) -> None:
        if not self.ids:
            return
        body = [f'<w:footnotes {nsdecls("w")}>',
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
                'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
                'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>']
        for mark, nid in self.ids.items():
            runs = ['<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>',
                    '<w:r><w:t xml:space="preserve"> </w:t></w:r>']
            for seg, b, it in md_runs(self.notes[mark]):
                for piece, font in (Encoder(seg) if Encoder else [(seg, None)]):
                    rpr = ('<w:b/>' if b else '') + ('<w:i/>' if it else '') + '<w:sz w:val="22"/>'
                    if font:
                        rpr = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>' + rpr
                    runs.append(f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
            body.append(f'<w:footnote w:id="{nid}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>{"".join(runs)}</w:p></w:footnote>')
        body.append("</w:footnotes>")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, "".join(body).encode("utf-8"),
                    doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)


def set_num(par, num_id: int, level: int, bold: bool) -> None:
    ppr = par._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    if bold:  # the label takes the paragraph mark's formatting
        ppr.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:b/></w:rPr>'))


def build(seed_path: Path, out_path: Path) -> Seed:
    seed = parse_seed(seed_path.read_text(encoding="utf-8"))
    doc = Document()
    set_base_style(doc)

    # footnote texts ("¹ …" lines) out of the body
    notes: dict[str, str] = {}
    body: list[Para] = []
    for para in seed.body:
        m = FOOTNOTE_LINE.match(plain(para.text))
        if m:
            notes[m.group(1)] = re.sub(r"^[%s]+\s+" % SUPERSCRIPTS, "", para.text.strip())
        else:
            body.append(para)
    referenced = {mk for mk in notes if any(mk in p.text for p in body)}
    footnotes = Footnotes({k: v for k, v in notes.items() if k in referenced})

    # --- header table
    left: list[tuple[list[str], dict]] = []
    for k, line in enumerate(seed.issuer):
        left.append(([line], dict(size=13, bold=k == len(seed.issuer) - 1 and len(seed.issuer) > 1)))
    if seed.star:
        left.append((["*"], dict(size=13)))
    if seed.number:
        left.append(([seed.number], dict(size=14)))
    if seed.subject:
        left.append((seed.subject, dict(size=12, italic=True)))
    for line in seed.extra_left:
        left.append(([line], dict(size=13)))
    right: list[tuple[list[str], dict]] = []
    if seed.heading:
        for line in seed.heading:
            right.append(([line], dict(size=13, bold=True)))
    elif seed.family == "party":
        right.append((["ĐẢNG CỘNG SẢN VIỆT NAM"], dict(size=14, bold=True, underline=True)))
    elif seed.family == "state":
        right.append((["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], dict(size=13, bold=True)))
        right.append((["Độc lập - Tự do - Hạnh phúc"], dict(size=14, bold=True, underline=True)))
    if seed.date:
        right.append(([seed.date], dict(size=14, italic=True)))
    if left or right:
        t = borderless_table(doc, [80, 85])
        for cell, items in ((t.rows[0].cells[0], left), (t.rows[0].cells[1], right)):
            for k, (lines, fmt) in enumerate(items):
                p = lines_paragraph(cell, lines, k == 0, **fmt)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_after = Pt(0)
        doc.add_paragraph()

    # --- type name, title
    if seed.type_name:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        add_text(p, seed.type_name, bold=True, size=15)
    if seed.title:
        p = lines_paragraph(doc, seed.title, False, bold=True, size=14)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if seed.rule:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(p, seed.rule)

    # --- Kính gửi
    if seed.kinh_gui:
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Mm(20)
        p.paragraph_format.space_after = Pt(0)
        add_md(p, seed.kinh_gui)
        for r in seed.recipients:
            q = doc.add_paragraph()
            q.paragraph_format.left_indent = Mm(35)
            q.paragraph_format.space_after = Pt(0)
            add_md(q, r)
        doc.add_paragraph()

    # --- body
    plan = NumberingPlan()
    for para in body:
        text = re.sub(r"^#+\s*", "", para.text.strip())
        lead = re.match(r"^(\*\*|\*)?", text).group(0)
        rest = text[len(lead):]
        mk = marker_of(rest)
        num = None
        if mk:
            kind, level, m = mk
            planned = marker_plan(kind, m)
            if planned:
                num = (level, planned)
                rest = rest[m.end():]
                text = lead + rest
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        runs = md_runs(text)
        first_bold = bool(runs) and runs[0][1]
        if num:
            level, (lvl_text, values) = num
            set_num(p, plan.assign(level, lvl_text, values), level, para.heading or first_bold)
        else:
            p.paragraph_format.first_line_indent = Mm(10)
        add_md(p, text, bold=para.heading, footnotes=footnotes)

    # footnotes whose reference could not be placed stay as small paragraphs
    for mark, note in notes.items():
        if mark not in footnotes.ids:
            p = doc.add_paragraph()
            add_md(p, f"{mark} {note}", size=11)
    footnotes.write(doc)

    # --- footer table
    if seed.noi_nhan or seed.signature:
        t = borderless_table(doc, [80, 85])
        left_cell, right_cell = t.rows[0].cells
        first = True
        if seed.noi_nhan:
            p = lines_paragraph(left_cell, [seed.noi_nhan], True, bold=True, italic=True, size=12)
            p.paragraph_format.space_after = Pt(0)
            first = False
        for item in seed.distribution:
            p = left_cell.paragraphs[0] if first else left_cell.add_paragraph()
            first = False
            p.paragraph_format.space_after = Pt(0)
            add_md(p, item, size=11)
        first = True
        for line in seed.signature:
            if seed.name_gap and not is_upper_line(line):
                for _ in range(3):
                    (right_cell.paragraphs[0] if first else right_cell.add_paragraph())
                    first = False
            p = right_cell.paragraphs[0] if first else right_cell.add_paragraph()
            first = False
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            add_text(p, line, bold=True, size=14)

    if plan.nums:
        doc.part.numbering_part._element = parse_xml(plan.xml())
    out_path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out_path))
    return seed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("seeds", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, default=SAMPLES / "docx")
    a = ap.parse_args(argv)
    seeds = a.seeds or sorted(SAMPLES.glob("*.txt"))
    for s in seeds:
        out = a.out / (s.stem + ".docx")
        seed = build(s, out)
        print(f"{out}: family={seed.family} number={seed.number!r} date={seed.date!r} "
              f"type={seed.type_name!r} body={len(seed.body)} paras")
    return 0


if __name__ == "__main__":
    sys.exit(main())
