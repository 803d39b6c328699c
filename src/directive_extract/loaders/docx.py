"""DOCX (and legacy .doc through LibreOffice) -> `LoadedText`.

The body is walked in document order at the XML level: paragraphs, tables (layout tables
column by column, data tables row by row), content controls, text boxes; then footnotes and
endnotes; page headers first and page footers last, each once. Word's automatic numbering is
rendered from numbering.xml, because the labels ("1.", "a)", "-") are not in the text.
Runs in TCVN3 (".VnTime…") or VNI ("VNI-…") fonts are converted to Unicode.

python-docx is imported inside the functions so that importing this module stays cheap.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractError
from .base import Block, LoadedText
from .legacy import convert_run, legacy_font

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
W = "{%s}" % W_NS
R = "{%s}" % R_NS
MC = "{%s}" % MC_NS
M = "{%s}" % M_NS

RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
RT_ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"

MAX_TOTAL_UNCOMPRESSED = 300 * 1024 * 1024
MAX_RATIO = 100
RATIO_MIN_SIZE = 10 * 1024 * 1024

LAYOUT_MAX_COLS = 2
LAYOUT_MAX_ROWS = 4

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SYMBOL_FONTS = ("symbol", "wingdings", "webdings", "courier new", "zapf")
_KEEP_BULLETS = set("-+–—•*·")
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_PAGE_FIELD = re.compile(r"^\s*(PAGE|NUMPAGES|SECTIONPAGES|SECTION)\b", re.IGNORECASE)
_PAGE_WORDS = re.compile(r"(?i)\b(trang|page|of|trên|tr|số)\b|[\d\s/\-–.:()]")


def _val(el, default=None):
    if el is None:
        return default
    return el.get(W + "val", default)


def _on(el) -> bool:
    """A w:b / w:vanish style toggle: present and not switched off."""
    return el is not None and _val(el, "true") not in ("0", "false", "off")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Archive checks (before any XML parsing)

def _check_archive(path: Path) -> None:
    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ExtractError("corrupt_docx", f"not a valid DOCX (ZIP) archive: {exc}", name) from None
    except (OSError, ValueError) as exc:
        raise ExtractError("corrupt_docx", f"cannot open the archive: {exc}", name) from None
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise ExtractError("zip_bomb", f"the archive expands to {total} bytes "
                               f"(over {MAX_TOTAL_UNCOMPRESSED}); refused", name)
        for info in infos:
            if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ExtractError("zip_bomb", f"member {info.filename} compresses {info.file_size} bytes "
                                   f"into {info.compress_size} (ratio over {MAX_RATIO}); refused", name)
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names:
            raise ExtractError("corrupt_docx", "no [Content_Types].xml: not an Office document", name)
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(65536)
            except Exception as exc:  # zlib.error, BadZipFile, CRC, NotImplementedError …
                raise ExtractError("corrupt_docx", f"damaged member {info.filename}: {exc}", name) from None
            if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00":
                head = head.replace(b"\x00", b"")
            if _DOCTYPE.search(head):
                raise ExtractError("xml_entities", f"{info.filename} declares a DOCTYPE/entities; "
                                   "refused (entity expansion)", name)


# --------------------------------------------------------------------------------------------
# Numbering

@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    is_lgl: bool = False
    font: str | None = None
    pstyle: str | None = None


@dataclass
class _Num:
    abstract: str | None
    levels: dict[int, _Level] = field(default_factory=dict)  # abstract levels + overrides


def _parse_level(lvl) -> _Level:
    level = _Level()
    start = lvl.find(W + "start")
    if start is not None:
        try:
            level.start = int(_val(start, "1"))
        except ValueError:
            pass
    fmt = lvl.find(W + "numFmt")
    if fmt is not None:
        level.fmt = _val(fmt, "decimal")
    text = lvl.find(W + "lvlText")
    if text is not None:
        level.text = _val(text, "")
    level.is_lgl = _on(lvl.find(W + "isLgl"))
    rfonts = lvl.find(W + "rPr/" + W + "rFonts")
    if rfonts is not None:
        level.font = rfonts.get(W + "ascii") or rfonts.get(W + "hAnsi")
    ps = lvl.find(W + "pStyle")
    if ps is not None:
        level.pstyle = _val(ps)
    return level


def roman(n: int) -> str:
    """Roman numeral of n (Word's upperRoman numbering; also used by the sample builder)."""
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa …"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "none":
        return ""
    return str(n)


class _Numbering:
    """Renders list labels; counters per numId and level, deeper levels restart."""

    def __init__(self, root, styles: "_Styles") -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = styles
        if root is None:
            return
        for an in root.findall(W + "abstractNum"):
            aid = an.get(W + "abstractNumId")
            levels = {}
            for lvl in an.findall(W + "lvl"):
                try:
                    levels[int(lvl.get(W + "ilvl", "0"))] = _parse_level(lvl)
                except ValueError:
                    continue
            self.abstracts[aid] = levels
            link = an.find(W + "numStyleLink")
            if link is not None and _val(link):
                self.style_links[aid] = _val(link)
        for num in root.findall(W + "num"):
            nid = num.get(W + "numId")
            aref = num.find(W + "abstractNumId")
            self.nums[nid] = _Num(_val(aref))
            for ov in num.findall(W + "lvlOverride"):
                try:
                    ilvl = int(ov.get(W + "ilvl", "0"))
                except ValueError:
                    continue
                lvl = ov.find(W + "lvl")
                so = ov.find(W + "startOverride")
                level = _parse_level(lvl) if lvl is not None else None
                if so is not None:
                    try:
                        start = int(_val(so, "1"))
                    except ValueError:
                        start = None
                    if start is not None:
                        if level is None:
                            base = self._abstract_levels(self.nums[nid].abstract).get(ilvl, _Level())
                            level = _Level(start, base.fmt, base.text, base.is_lgl, base.font, base.pstyle)
                        else:
                            level.start = start
                if level is not None:
                    self.nums[nid].levels[ilvl] = level

    def _abstract_levels(self, aid: str | None, depth: int = 0) -> dict[int, _Level]:
        levels = self.abstracts.get(aid or "", {})
        if not levels and aid in self.style_links and depth < 4:
            num_id, _ = self.styles.numbering_of(self.style_links[aid])
            if num_id and num_id in self.nums:
                return self._abstract_levels(self.nums[num_id].abstract, depth + 1)
        return levels

    def levels(self, num_id: str) -> dict[int, _Level]:
        num = self.nums.get(num_id)
        if num is None:
            return {}
        merged = dict(self._abstract_levels(num.abstract))
        merged.update(num.levels)
        return merged

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        for ilvl, level in self.levels(num_id).items():
            if level.pstyle == style_id:
                return ilvl
        return None

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return self._bullet(level)

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters.get(k, lv.start)
            fmt = "decimal" if (level.is_lgl and k != ilvl and lv.fmt != "decimalZero") else lv.fmt
            return _format_number(n, "decimal" if fmt == "bullet" else fmt)

        return re.sub(r"%([1-9])", repl, level.text).strip()

    @staticmethod
    def _bullet(level: _Level) -> str:
        sym = level.text.strip()
        if not sym:
            return ""
        font = (level.font or "").lower()
        if any(0xE000 <= ord(ch) <= 0xF8FF for ch in sym) or font.startswith(_SYMBOL_FONTS):
            return "-"
        if all(ch in _KEEP_BULLETS for ch in sym):
            return sym
        return "-" if len(sym) == 1 and not sym.isalnum() else sym


# --------------------------------------------------------------------------------------------
# Styles (fonts, numbering inheritance, caps)

class _Styles:
    def __init__(self, root) -> None:
        self.styles: dict[str, object] = {}
        self.default_para: str | None = None
        self.default_font: str | None = None
        self._font_memo: dict[str, str | None] = {}
        if root is None:
            return
        for st in root.findall(W + "style"):
            sid = st.get(W + "styleId")
            if sid:
                self.styles[sid] = st
                if st.get(W + "type") == "paragraph" and _on_attr(st.get(W + "default")):
                    self.default_para = sid
        rfonts = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        if rfonts is not None:
            self.default_font = rfonts.get(W + "hAnsi") or rfonts.get(W + "ascii")

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            st = self.styles[sid]
            yield st
            sid = _val(st.find(W + "basedOn"))

    def font(self, sid: str | None) -> str | None:
        """The explicit (non-theme) font a style chain sets, or None."""
        if sid is None:
            return None
        if sid not in self._font_memo:
            found = None
            for st in self._chain(sid):
                rf = st.find(f"{W}rPr/{W}rFonts")
                if rf is not None:
                    f = rf.get(W + "hAnsi") or rf.get(W + "ascii")
                    if f:
                        found = f
                        break
                    if rf.get(W + "hAnsiTheme") or rf.get(W + "asciiTheme"):
                        break
            self._font_memo[sid] = found
        return self._font_memo[sid]

    def caps(self, sid: str | None) -> bool:
        for st in self._chain(sid):
            c = st.find(f"{W}rPr/{W}caps")
            if c is not None:
                return _on(c)
        return False

    def numbering_of(self, sid: str | None) -> tuple[str | None, int | None]:
        for st in self._chain(sid):
            np_ = st.find(f"{W}pPr/{W}numPr")
            if np_ is not None:
                nid = _val(np_.find(W + "numId"))
                il = _val(np_.find(W + "ilvl"))
                if nid is not None:
                    return nid, (int(il) if il and il.isdigit() else None)
        return None, None


def _on_attr(v: str | None) -> bool:
    return v is not None and v not in ("0", "false", "off")


# --------------------------------------------------------------------------------------------
# The reader

class _Reader:
    def __init__(self, document) -> None:
        from docx.oxml.parser import parse_xml

        self._parse = parse_xml
        self.document = document
        part = document.part
        self.part = part
        self.styles = _Styles(self._related_root(RT_STYLES))
        self.numbering = _Numbering(self._related_root(RT_NUMBERING), self.styles)
        self.notes = {"footnote": self._notes(RT_FOOTNOTES, "footnote"),
                      "endnote": self._notes(RT_ENDNOTES, "endnote")}
        self.note_order: dict[str, list[tuple[str, str | None]]] = {"footnote": [], "endnote": []}
        self.legacy_runs: dict[str, int] = {}
        self.warnings: list[tuple[str, str]] = []
        self._fields: list[dict] = []
        self._para_instr: list[str] = []
        self._tracked = False

    # -- parts
    def _related_root(self, reltype: str):
        try:
            rel_part = self.part.part_related_by(reltype)
        except (KeyError, Exception):
            return None
        element = getattr(rel_part, "element", None)
        if element is not None:
            return element
        blob = getattr(rel_part, "blob", None)
        if not blob:
            return None
        return self._parse(blob)

    def _notes(self, reltype: str, tag: str) -> dict[str, object]:
        root = self._related_root(reltype)
        out = {}
        if root is None:
            return out
        for note in root.findall(W + tag):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            out[note.get(W + "id")] = note
        return out

    # -- top level
    def read(self) -> list[Block]:
        body = self.document.element.body
        header_parts, footer_parts = self._header_footer_parts(body)
        blocks: list[Block] = []
        seen: set[str] = set()
        for el in header_parts:
            for b in self._container(el, "para", header=True):
                if b.text not in seen:
                    seen.add(b.text)
                    blocks.append(b)
        blocks.extend(self._container(body, "para"))
        blocks.extend(self._note_blocks("footnote"))
        blocks.extend(self._note_blocks("endnote"))
        for el in footer_parts:
            for b in self._container(el, "para", header=True):
                if b.text not in seen:
                    seen.add(b.text)
                    blocks.append(b)
        if self._tracked:
            self.warnings.append(("docx_tracked_changes",
                                  "the document has tracked changes; read as if all were accepted"))
        return blocks

    def _header_footer_parts(self, body):
        headers, footers, seen = [], [], set()
        related = self.part.related_parts
        for sect in body.iter(W + "sectPr"):
            for ref in sect:
                if ref.tag not in (W + "headerReference", W + "footerReference"):
                    continue
                rid = ref.get(R + "id")
                part = related.get(rid) if rid else None
                if part is None or id(part) in seen:
                    continue
                seen.add(id(part))
                el = getattr(part, "element", None)
                if el is None and getattr(part, "blob", None):
                    el = self._parse(part.blob)
                if el is not None:
                    (headers if ref.tag == W + "headerReference" else footers).append(el)
        return headers, footers

    # -- block containers (body, cell, text box, note, header)
    def _container(self, el, kind: str, header: bool = False) -> list[Block]:
        out: list[Block] = []
        for child in el:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, kind, out, header)
            elif tag == W + "tbl":
                self._table(child, out, header)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    out.extend(self._container(content, kind, header))
            elif tag in (W + "customXml", W + "ins", W + "moveTo", MC + "AlternateContent"):
                target = child
                if tag == MC + "AlternateContent":
                    target = child.find(MC + "Choice")
                    if target is None:
                        target = child.find(MC + "Fallback")
                if target is not None:
                    out.extend(self._container(target, kind, header))
            elif tag == W + "altChunk":
                self.warnings.append(("docx_altchunk", "embedded alternative-format content was skipped"))
        return out

    # -- paragraphs
    def _paragraph(self, p, kind: str, out: list[Block], header: bool = False) -> None:
        pieces: list[str] = []
        boxes: list = []
        self._para_instr = []
        style = _val(p.find(f"{W}pPr/{W}pStyle")) or self.styles.default_para
        self._inline(p, pieces, boxes, style, None)
        # an unfinished field instruction does not spill into the next paragraph
        self._fields = [f for f in self._fields if f["phase"] == "result"]
        text = _nfc("".join(pieces))
        text = text.strip(" \t")
        text = re.sub(r" *\n *", "\n", text).strip()
        label = self._label(p, style)
        if header and self._is_page_number(text):
            text = ""
        if text:
            if label:
                text = f"{label} {text}"
            out.append(Block(text, None, kind))
        for box in boxes:
            out.extend(self._container(box, kind, header))

    def _is_page_number(self, text: str) -> bool:
        if not text:
            return False
        has_field = any(_PAGE_FIELD.match(i) for i in self._para_instr)
        bare = _PAGE_WORDS.sub("", text)
        return bare == "" and (has_field or text.strip().isdigit())

    def _label(self, p, style: str | None) -> str:
        num_pr = p.find(f"{W}pPr/{W}numPr")
        num_id = ilvl = None
        if num_pr is not None:
            num_id = _val(num_pr.find(W + "numId"))
            il = _val(num_pr.find(W + "ilvl"))
            ilvl = int(il) if il and il.isdigit() else None
        if num_id is None:
            s_num, s_lvl = self.styles.numbering_of(style)
            if s_num is not None:
                num_id = s_num
                if ilvl is None:
                    ilvl = s_lvl
                    if ilvl is None and style:
                        ilvl = self.numbering.level_of_style(s_num, style)
        if num_id is None or num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def _run_font(self, r, para_style: str | None) -> str | None:
        rpr = r.find(W + "rPr")
        if rpr is not None:
            rf = rpr.find(W + "rFonts")
            if rf is not None:
                f = rf.get(W + "hAnsi") or rf.get(W + "ascii")
                if f:
                    return f
                if rf.get(W + "hAnsiTheme") or rf.get(W + "asciiTheme"):
                    return None
            rstyle = _val(rpr.find(W + "rStyle"))
            f = self.styles.font(rstyle)
            if f:
                return f
        return self.styles.font(para_style) or self.styles.default_font

    def _inline(self, el, out: list[str], boxes: list, para_style, run_ctx) -> None:
        """Collect the text of paragraph content `el` into `out` (run_ctx: (font, caps))."""
        for child in el:
            tag = child.tag
            if tag == W + "r":
                rpr = child.find(W + "rPr")
                if rpr is not None and (_on(rpr.find(W + "vanish")) or _on(rpr.find(W + "specVanish"))):
                    continue
                font = self._run_font(child, para_style)
                caps = _on(rpr.find(W + "caps")) if rpr is not None and rpr.find(W + "caps") is not None \
                    else self.styles.caps(_val(rpr.find(W + "rStyle")) if rpr is not None else None)
                self._inline(child, out, boxes, para_style, (font, caps))
            elif tag in (W + "t", M + "t"):
                if self._suppressed():
                    continue
                text = child.text or ""
                if run_ctx is not None:
                    font, caps = run_ctx
                    kind = legacy_font(font)
                    if kind and text:
                        text = convert_run(text, font)
                        self.legacy_runs[kind] = self.legacy_runs.get(kind, 0) + 1
                    if caps:
                        text = text.upper()
                out.append(text)
            elif tag in (W + "tab", W + "ptab"):
                if not self._suppressed():
                    out.append(" ")
            elif tag in (W + "br", W + "cr"):
                if not self._suppressed():
                    out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                code = child.get(W + "char", "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    ch = ""
                if ch and 0xE000 <= ord(ch) <= 0xF8FF:
                    ch = "-"
                out.append(ch)
            elif tag == W + "fldChar":
                t = child.get(W + "fldCharType")
                if t == "begin":
                    self._fields.append({"phase": "instr", "instr": []})
                elif t == "separate" and self._fields:
                    self._fields[-1]["phase"] = "result"
                    self._para_instr.append("".join(self._fields[-1]["instr"]))
                elif t == "end" and self._fields:
                    f = self._fields.pop()
                    if f["phase"] == "instr":
                        self._para_instr.append("".join(f["instr"]))
            elif tag == W + "instrText":
                if self._fields:
                    self._fields[-1]["instr"].append(child.text or "")
            elif tag == W + "fldSimple":
                self._para_instr.append(child.get(W + "instr", ""))
                self._inline(child, out, boxes, para_style, run_ctx)
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                note = "footnote" if tag == W + "footnoteReference" else "endnote"
                out.append(self._note_ref(note, child))
            elif tag in (W + "footnoteRef", W + "endnoteRef"):
                continue  # the mark inside the note itself: the note block carries it
            elif tag in (W + "drawing", W + "pict", W + "object", MC + "AlternateContent"):
                self._collect_boxes(child, boxes)
            elif tag in (W + "del", W + "moveFrom"):
                self._tracked = True
                continue
            elif tag in (W + "ins", W + "moveTo"):
                self._tracked = True
                self._inline(child, out, boxes, para_style, run_ctx)
            elif tag in (W + "pPr", W + "rPr", W + "delText", W + "commentReference",
                         W + "annotationRef", W + "fldData", W + "proofErr", W + "softHyphen",
                         W + "lastRenderedPageBreak"):
                continue
            else:  # hyperlink, smartTag, sdt, sdtContent, customXml, math containers …
                self._inline(child, out, boxes, para_style, run_ctx)

    def _suppressed(self) -> bool:
        return any(f["phase"] == "instr" for f in self._fields)

    @staticmethod
    def _collect_boxes(el, boxes: list) -> None:
        """Outermost w:txbxContent under `el`; of mc:AlternateContent only the Choice
        (the Fallback repeats the same text box as VML)."""
        def alternate(node):
            before = len(boxes)
            choice = node.find(MC + "Choice")
            if choice is not None:
                walk(choice)
            if len(boxes) == before:
                fallback = node.find(MC + "Fallback")
                if fallback is not None:
                    walk(fallback)

        def walk(node):
            for child in node:
                if child.tag == W + "txbxContent":
                    boxes.append(child)
                elif child.tag == MC + "AlternateContent":
                    alternate(child)
                else:
                    walk(child)

        if el.tag == MC + "AlternateContent":
            alternate(el)
        else:
            walk(el)

    # -- notes
    def _note_ref(self, note: str, ref) -> str:
        nid = ref.get(W + "id")
        order = self.note_order[note]
        if ref.get(W + "customMarkFollows") in ("1", "true", "on"):
            order.append((nid, None))
            return ""
        n = sum(1 for _, mark in order if mark is not None) + 1
        mark = str(n) if note == "footnote" else roman(n).lower()
        order.append((nid, mark))
        return mark.translate(_SUPERSCRIPT) if note == "footnote" else f"[{mark}]"

    def _note_blocks(self, note: str) -> list[Block]:
        notes = self.notes[note]
        out: list[Block] = []
        done = set()
        order = list(self.note_order[note])
        # notes never referenced from the text come last, in file order
        for nid in notes:
            if nid not in {i for i, _ in order}:
                order.append((nid, None))
        for nid, mark in order:
            el = notes.get(nid)
            if el is None or nid in done:
                continue
            done.add(nid)
            inner = self._container(el, "footnote")
            text = "\n".join(b.text for b in inner).strip()
            if not text:
                continue
            out.append(Block(_nfc(f"{mark} {text}" if mark else text), None, "footnote"))
        return out

    # -- tables
    def _rows(self, tbl):
        rows = []
        for child in tbl:
            if child.tag == W + "tr":
                rows.append(child)
            elif child.tag in (W + "sdt", W + "customXml"):
                target = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if target is not None:
                    rows.extend(self._rows(target))
        return rows

    def _cells(self, tr):
        """[(tc, is_vmerge_continuation)] in order."""
        cells = []
        for child in tr:
            if child.tag == W + "tc":
                vm = child.find(f"{W}tcPr/{W}vMerge")
                cont = vm is not None and _val(vm, "continue") != "restart"
                cells.append((child, cont))
            elif child.tag in (W + "sdt", W + "customXml"):
                target = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
                if target is not None:
                    cells.extend(self._cells(target))
        return cells

    def _table(self, tbl, out: list[Block], header: bool = False) -> None:
        rows = [self._cells(tr) for tr in self._rows(tbl)]
        rows = [r for r in rows if r]
        if not rows:
            return
        ncols = max(len(r) for r in rows)
        if ncols == 1:  # a frame around text: read it like the body
            for r in rows:
                for tc, cont in r:
                    if not cont:
                        out.extend(self._container(tc, "para", header))
            return
        if ncols <= LAYOUT_MAX_COLS and len(rows) <= LAYOUT_MAX_ROWS:
            for col in range(ncols):  # whole left column, then whole right column
                for r in rows:
                    if col < len(r) and not r[col][1]:
                        out.extend(self._container(r[col][0], "cell", header))
            return
        for r in rows:  # data table: one block per row, cells joined with " | "
            texts = []
            for tc, cont in r:
                if cont:
                    texts.append("")
                    continue
                inner = self._container(tc, "para", header)
                texts.append(" ".join(b.text.replace("\n", " ") for b in inner))
            if any(t.strip() for t in texts):
                out.append(Block(_nfc(" | ".join(texts)), None, "para"))


# --------------------------------------------------------------------------------------------
# Public API

def load_docx(path: Path) -> LoadedText:
    """Read a .docx into blocks in reading order, or raise `ExtractError`."""
    path = Path(path)
    _check_archive(path)
    try:
        import docx  # lazy: keeps `directive-extract --help` fast
        document = docx.Document(str(path))
    except ExtractError:
        raise
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise ExtractError("corrupt_docx", f"cannot read as DOCX: {type(exc).__name__}: {exc}",
                           str(path)) from None
    reader = _Reader(document)
    try:
        blocks = reader.read()
    except ExtractError:
        raise
    except Exception as exc:
        raise ExtractError("corrupt_docx", f"cannot walk the document: {type(exc).__name__}: {exc}",
                           str(path)) from None
    if not any(b.text.strip() for b in blocks):
        raise ExtractError("empty_document", "no text in the document", str(path))
    encoding = None
    if reader.legacy_runs:
        encoding = max(reader.legacy_runs, key=reader.legacy_runs.get)
    return LoadedText(blocks=blocks, format="docx", pages=None, ocr=False, encoding=encoding,
                      warnings=reader.warnings)


def load_doc(path: Path) -> LoadedText:
    """Old binary Word .doc: convert with LibreOffice when it is installed, else refuse."""
    path = Path(path)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ExtractError("legacy_doc", "old binary Word .doc: convert it to .docx "
                           "(e.g. soffice --headless --convert-to docx)", str(path))
    with tempfile.TemporaryDirectory(prefix="directive-doc-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "input.doc"
        shutil.copyfile(path, src)
        profile = (tmpdir / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(tmpdir / "out"), str(src)]
        try:
            proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=120, check=False)
        except subprocess.TimeoutExpired:
            raise ExtractError("legacy_doc", "converting the .doc with LibreOffice took over 120 s",
                               str(path)) from None
        except OSError as exc:
            raise ExtractError("legacy_doc", f"cannot run LibreOffice: {exc}", str(path)) from None
        out = tmpdir / "out" / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[:200]
            raise ExtractError("legacy_doc", f"LibreOffice could not convert the .doc: {detail or 'no output'}",
                               str(path))
        try:
            loaded = load_docx(out)
        except ExtractError as exc:
            raise ExtractError(exc.code, exc.message.split(": ", 1)[-1], str(path)) from None
    loaded.format = "docx"   # the contract knows docx; the warning says it was converted
    loaded.warnings.append(("converted_doc", "old binary .doc converted to .docx with LibreOffice"))
    return loaded


__all__ = ["load_docx", "load_doc"]
