"""PDF: words with positions, rebuilt into lines, columns and paragraphs.

Layout of the documents this reads (NĐ 30/2020 and HD 36-HD/VPTW):

* page 1 starts with a two-column header (issuer / number / "V/v" on the left, "ĐẢNG CỘNG SẢN
  VIỆT NAM" or "CỘNG HÒA …" and the place-date line on the right). Extractors that follow visual
  lines merge the two columns; here the band is split on its widest vertical gutter and each
  column is emitted line by line (`Block(kind="cell")`), left column first.
* the document ends with "Nơi nhận:" + list on the left and the signature block on the right:
  the same split, from the "Nơi nhận" line (or, without one, the signature-mark line) down.
* everything else is body: hard-wrapped lines are joined into paragraphs from their geometry
  (`Block(kind="para")`), page numbers and running headers/footers are dropped, footnote bodies
  become `Block(kind="footnote")`, raised small digits become "¹²³".

Scanned pages (no text layer) go through `ocr.py` (tesseract TSV), whose words feed the same
layout code. Digitally signed files carry the serial and day as text drawn by signature widgets
over the blank slots (`stamps.py`); short stamps are merged into the page's words on the line they
are drawn over, before lines are built (`merge_stamps`), and `signatures.py` reads the signature
dictionaries. pdfplumber and pypdfium2 are imported inside functions so importing this module
stays cheap.

Which reader gives a page's words (`engine`, default `ENGINE = "pdfium"`): pdfplumber's
`extract_words` is the reference; `pdfium.py` rebuilds the same words from PDFium's text page
about eight times faster (see its docstring for how and for what it declines). The document is
always opened with pdfplumber, which costs little without its layout and gives the page
objects, the font dictionaries the fast reader needs, the stamps and the error codes as
before. The rule, per page:

* PDFium reads the page;
* pdfplumber reads it instead when PDFium declines it (`Unsupported`: it cannot promise
  pdfplumber's words there), fails on it in any way, or finds fewer than MIN_TEXT_CHARS
  letters or digits on it (a scanned or blank page: pdfplumber's image list then decides on
  OCR as before);
* pdfplumber reads every page when PDFium cannot open the file or counts its pages differently.

So a text PDF never builds pdfplumber's layout. tests/test_pdfium.py checks that both readers
give the same words and the same extraction on every PDF the project has.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractError
from .base import MAX_PAGES, Block, LoadedText, Stamp

X_TOLERANCE = 1.5        # pt; small enough not to glue neighbouring words, large enough for kerning
Y_TOLERANCE = 3
OCR_MODES = ("auto", "always", "never")
ENGINES = ("pdfium", "pdfplumber")
ENGINE = "pdfium"        # the default word reader (tests switch it to compare the two)
MIN_TEXT_CHARS = 10      # fewer letters/digits than this on a page that has images -> scanned

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


# ---------------------------------------------------------------------------------------------
# Geometry primitives


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    sup: bool = False


@dataclass
class Line:
    words: list[Word]
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    text: str = ""
    lead_sup: bool = False          # starts with a superscript marker (footnote body)

    def gaps(self) -> list[float]:
        return [b.x0 - a.x1 for a, b in zip(self.words, self.words[1:])]

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class PageWords:
    number: int                     # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    ocr: bool = False
    raw_text: str | None = None     # fallback text when the layout could not be read


def _make_line(words: list[Word], page: int) -> Line:
    words = sorted(words, key=lambda w: w.x0)
    # dominant size: the size carrying most characters
    weight: dict[float, int] = {}
    for w in words:
        weight[round(w.size, 1)] = weight.get(round(w.size, 1), 0) + len(w.text)
    dom = max(weight.items(), key=lambda kv: (kv[1], kv[0]))[0] if weight else 0.0
    main = [w for w in words if w.size >= 0.85 * dom] or words
    main_bottom = statistics.median(w.bottom for w in main)
    for w in words:
        if (not w.sup and dom and w.size < 0.85 * dom and w.bottom < main_bottom - 0.12 * dom
                and (w.text.isdigit() or w.text in ("*", "**", "***"))):
            w.sup = True
            if w.text.isdigit():
                w.text = w.text.translate(SUPERSCRIPT)
    parts: list[str] = []
    prev: Word | None = None
    for w in words:
        if prev is not None:
            gap = w.x0 - prev.x1
            glue = w.sup or (gap < 0.12 * max(dom, 1.0))
            if not glue:
                parts.append(" ")
        parts.append(w.text)
        prev = w
    line = Line(words=words, page=page)
    line.x0 = min(w.x0 for w in words)
    line.x1 = max(w.x1 for w in words)
    line.top = min(w.top for w in main)
    line.bottom = max(w.bottom for w in main)
    line.size = dom
    line.text = "".join(parts).strip()
    first = words[0]
    line.lead_sup = bool(first.sup or (first.text and first.text[0] in _SUP_CHARS))
    return line


def build_lines(words: list[Word], page: int) -> list[Line]:
    """Group words into visual lines (by vertical overlap), top to bottom."""
    groups: list[list] = []          # [top, bottom, words]
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        cy = (w.top + w.bottom) / 2
        for g in reversed(groups[-4:]):
            if g[0] - 0.5 <= cy <= g[1] + 0.5:
                g[2].append(w)
                if w.size >= 0.85 * max(x.size for x in g[2]):
                    g[0] = min(g[0], w.top)
                    g[1] = max(g[1], w.bottom)
                break
        else:
            groups.append([w.top, w.bottom, [w]])
    # a group of small raised words only (a superscript that sorted first) joins the line it sits on
    merged: list[list] = []
    for g in groups:
        gmax = max(x.size for x in g[2])
        for other in merged[-2:]:
            omax = max(x.size for x in other[2])
            if gmax < 0.85 * omax and g[0] < other[1] and g[1] > other[0]:
                other[2].extend(g[2])
                break
        else:
            if merged:
                prev = merged[-1]
                pmax = max(x.size for x in prev[2])
                if pmax < 0.85 * gmax and prev[0] < g[1] and prev[1] > g[0]:
                    g[2].extend(prev[2])
                    g[0], g[1] = min(g[0], prev[0]), max(g[1], prev[1])
                    merged[-1] = g
                    continue
            merged.append(g)
    lines = [_make_line(g[2], page) for g in merged]
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def find_gutter(words: list[Word], min_width: float = 10.0, step: float = 1.0) -> float | None:
    """Middle x of the widest vertical strip that no word covers, inside the band's inner part."""
    if len(words) < 2:
        return None
    lo = min(w.x0 for w in words)
    hi = max(w.x1 for w in words)
    span = hi - lo
    if span < 100:
        return None
    x0 = lo + max(30.0, 0.12 * span)
    x1 = hi - max(30.0, 0.12 * span)
    if x1 <= x0:
        return None
    n = int((x1 - x0) / step) + 1
    covered = [False] * n
    for w in words:
        a = max(0, int((w.x0 - x0) / step))
        b = min(n - 1, int((w.x1 - x0) / step) + 1)
        for i in range(a, b + 1):
            covered[i] = True
    best_len, best_start, cur, start = 0, 0, 0, 0
    for i, c in enumerate(covered + [True]):
        if not c:
            if cur == 0:
                start = i
            cur += 1
        else:
            if cur > best_len:
                best_len, best_start = cur, start
            cur = 0
    if best_len * step < min_width:
        return None
    mid = x0 + (best_start + best_len / 2) * step
    left = [w for w in words if w.x1 <= mid]
    right = [w for w in words if w.x0 >= mid]
    if not left or not right:
        return None
    return mid


# ---------------------------------------------------------------------------------------------
# Text clean-up

_CID = re.compile(r"\(cid:\d+\)")
# letters only Vietnamese uses (Latin-1 letters such as "è", "ô" also appear in TCVN3 mojibake)
_VIET = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")
_REPAIRS = str.maketrans({"ƣ": "ư", "Ƣ": "Ư", "\u00d0": "Đ", "\u00f0": "đ", "\u00ad": None,
                          "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
                          "\u2044": "/", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl",
                          "\ufb03": "ffi", "\ufb04": "ffl", "\t": " ", "\xa0": " "})
_HOA = re.compile(r"\b(CỘNG\s+)H[ÕÔ]A\b")


def clean_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_REPAIRS)
    text = _HOA.sub(r"\1HÒA", text)
    text = re.sub(r"[ ]{2,}", " ", text)
    return text.strip()


_OCR_VV = re.compile(r"\bV\s*[/⁄|]\s*(?:%\s*[vV]?|[vV])(?=\s|$)")


def clean_ocr_text(text: str) -> str:
    """Typical tesseract noise on these documents (italic "V/v", the Party "*")."""
    text = text.replace("\u2044", "/")
    text = _OCR_VV.sub("V/v", text)
    if re.fullmatch(r"[*+%x×#&¥]{1,3}", text.strip()):
        text = "*"
    return text


# ---------------------------------------------------------------------------------------------
# Line classification

_PAGE_NUM = re.compile(r"^(?:[-–—]\s*)?(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$",
                       re.IGNORECASE)
_MARKER = re.compile(
    r"^(?:[-+•–—∙·▪●○*]\s*(?!\d)\S"                      # bullets (not "- 2030", a wrapped range)
    r"|\d{1,3}(?:\.\d{1,3})*[.)]\s"                         # 1.  1.2.  1)
    r"|\d{1,3}\.\d{1,3}\.?\s"                               # 1.2 Heading
    r"|[a-zđ][).]\s"                                        # a)  b.
    r"|[IVXLC]{1,6}\s*[.\-–)]\s"                            # I.  II-  IV)
    r"|\(\d{1,3}\)|\([a-zđ]\)\s"                            # (1)  (a)
    r"|(?:Điều|Chương|Mục|Phần|Khoản)\s+[\dIVXLC]+[.:]?\s"  # Điều 1.
    r"|[" + _SUP_CHARS + r"]"                               # footnote marker
    + r")"
)
_NOTE_NUM = re.compile(r"^(\d{1,3})(?:\s+|(?=[^\d\s.,)/-]))")
_STOP_WORDS = re.compile(r"^[-–\s]*(Kính\s+gửi|Căn\s+cứ|Thực\s+hiện|Thi\s+hành|Theo\s+đề\s+nghị|"
                         r"Xét\s+đề\s+nghị)", re.IGNORECASE)
_NOI_NHAN = re.compile(r"^[-–\s]*N[ơo]i\s+nh[ậâa]n\b", re.IGNORECASE)
_SIGN_MARK = re.compile(r"^(?:T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*\S")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _has_column_gap(line: Line) -> bool:
    """A gap much wider than the line's word spacing: two columns merged into one visual line."""
    size = max(line.size, 6.0)
    gaps = [g for g in line.gaps() if g > 0.1 * size]
    if not gaps:
        return False
    spacing = statistics.median(gaps)
    return max(gaps) > max(1.2 * size, 3.0 * spacing)


# ---------------------------------------------------------------------------------------------
# Layout


class _Layout:
    def __init__(self, pages: list[PageWords]) -> None:
        self.pages = pages
        self.lines: dict[int, list[Line]] = {p.number: build_lines(p.words, p.number) for p in pages}
        xs0 = [ln.x0 for lines in self.lines.values() for ln in lines]
        xs1 = [ln.x1 for lines in self.lines.values() for ln in lines]
        self.left = min(xs0) if xs0 else 0.0
        self.right = max(xs1) if xs1 else 0.0
        self.blocks: list[Block] = []
        self.ocr_pages = {p.number for p in pages if p.ocr}

    # -- running headers / footers / page numbers --------------------------------------------
    def drop_furniture(self) -> None:
        n = len(self.pages)
        key_pages: dict[str, set[int]] = {}
        for p in self.pages:
            for ln in self._edge_lines(p):
                key_pages.setdefault(self._key(ln.text), set()).add(p.number)
        need = 2 if n == 2 else max(3, int(0.5 * n + 0.5))
        repeated = {k for k, s in key_pages.items() if len(s) >= need and k}
        for p in self.pages:
            edge = {id(ln) for ln in self._edge_lines(p)}
            keep = []
            for ln in self.lines[p.number]:
                if id(ln) in edge and (_PAGE_NUM.match(ln.text) or self._key(ln.text) in repeated):
                    continue
                keep.append(ln)
            self.lines[p.number] = keep

    def _edge_lines(self, p: PageWords) -> list[Line]:
        lines = self.lines[p.number]
        out = []
        for ln in lines[:2]:
            if ln.bottom < 0.14 * p.height:
                out.append(ln)
        for ln in lines[-2:]:
            if ln.top > 0.86 * p.height and ln not in out:
                out.append(ln)
        return out

    @staticmethod
    def _key(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))

    # -- header band ---------------------------------------------------------------------------
    def header_band(self) -> tuple[int, int] | None:
        """(page number, number of lines) of the two-column header at the top of the first page."""
        first = next((p for p in self.pages if self.lines[p.number]), None)
        if first is None:
            return None
        lines = self.lines[first.number]
        left, right = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
        width = max(right - left, 1.0)
        mid = (left + right) / 2
        stop = None
        for i, ln in enumerate(lines):
            if ln.top > 0.45 * first.height:
                break
            big_gap = _has_column_gap(ln)
            if _STOP_WORDS.match(ln.text) or _NOI_NHAN.match(ln.text):
                stop = i
                break
            if not big_gap and ln.width >= 0.6 * width:
                stop = i           # a full-width body line
                break
            if (not big_gap and _is_upper(ln.text) and abs(ln.center - mid) < 0.08 * width
                    and ln.x0 > left + 0.1 * width):
                stop = i           # the centred type name ("KẾ HOẠCH", "QUYẾT ĐỊNH")
                break
        if not stop:
            return None
        return first.number, stop

    # -- footer band ---------------------------------------------------------------------------
    def footer_band(self, after: tuple[int, int] | None) -> tuple[int, int] | None:
        """(page, index of the first line) of the "Nơi nhận" / signature band."""
        start_page, start_idx = (after if after else (0, 0))
        found = None
        for p in self.pages:
            for i, ln in enumerate(self.lines[p.number]):
                if p.number == start_page and i < start_idx:
                    continue
                w = self._page_width(p)
                if _NOI_NHAN.match(ln.text) and ln.x0 < w[0] + 0.5 * (w[1] - w[0]):
                    found = (p.number, i)
                    break
            if found:
                break
        if found is None:
            # no "Nơi nhận": the last line (of the last two pages) whose right part starts with
            # a signature mark ("T/M BAN THƯỜNG VỤ", "KT. CHỦ TỊCH")
            for p in list(reversed(self.pages))[:2]:
                lines = self.lines[p.number]
                lo, hi = self._page_width(p)
                for i in range(len(lines) - 1, -1, -1):
                    right_words = [x for x in lines[i].words if x.x0 > lo + 0.4 * (hi - lo)]
                    if right_words and _SIGN_MARK.match(_make_line(list(right_words), p.number).text):
                        found = (p.number, i)
                        break
                if found:
                    break
            if found is None:
                return None
        page, idx = found
        lines = self.lines[page]
        w = self._page_width(next(p for p in self.pages if p.number == page))
        # a signature block may start a line or two above "Nơi nhận"
        while idx > 0:
            prev = lines[idx - 1]
            if (prev.x0 > w[0] + 0.45 * (w[1] - w[0]) and lines[idx].top - prev.bottom < 3 * prev.size
                    and _is_upper(prev.text)):
                idx -= 1
            else:
                break
        return page, idx

    def _page_width(self, p: PageWords) -> tuple[float, float]:
        lines = self.lines[p.number]
        if len(lines) >= 3:
            return (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
        return (self.left, self.right)

    # -- band emission -----------------------------------------------------------------------
    def emit_band(self, lines: list[Line], page: int, footer: bool, ocr: bool) -> None:
        words = [w for ln in lines for w in ln.words]
        gutter = find_gutter(words)
        columns: list[list[Word]]
        if gutter is None:
            columns = [words]
        else:
            columns = [[w for w in words if w.x1 <= gutter], [w for w in words if w.x0 >= gutter]]
        for col_no, col in enumerate(columns):
            col_lines = build_lines(col, page)
            texts = [ln.text for ln in col_lines]
            if ocr:
                texts = [clean_ocr_text(t) for t in texts]
            if footer and col_no == 0:
                texts = _join_list_wraps(texts)
            for t in texts:
                if t.strip():
                    self.blocks.append(Block(t, page, "cell"))

    # -- body ----------------------------------------------------------------------------------
    def run(self) -> list[Block]:
        self.drop_furniture()
        header = self.header_band()
        footer = self.footer_band(header)
        body: list[Line] = []
        footer_lines: list[Line] = []
        header_done = header is None
        for p in self.pages:
            lines = self.lines[p.number]
            if header and p.number == header[0]:
                self.emit_band(lines[:header[1]], p.number, False, p.ocr)
                lines = lines[header[1]:]
                header_done = True
            if footer and p.number == footer[0]:
                cut = footer[1] - (header[1] if header and header[0] == p.number else 0)
                body.extend(lines[:cut])
                footer_lines = lines[cut:]
                self._emit_body(body)
                body = []
                self.emit_band(footer_lines, p.number, True, p.ocr)
                continue
            body.extend(lines)
        assert header_done
        self._emit_body(body)
        return self.blocks

    def _emit_body(self, lines: list[Line]) -> None:
        if not lines:
            return
        sizes: dict[float, int] = {}
        for ln in lines:
            sizes[round(ln.size)] = sizes.get(round(ln.size), 0) + len(ln.text)
        body_size = max(sizes.items(), key=lambda kv: kv[1])[0]
        gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])
                if a.page == b.page and abs(a.size - b.size) < 0.5 and b.top > a.bottom]
        typical_gap = statistics.median(gaps) if gaps else 2.0
        margins = self._right_margins(lines)
        ocr_pages = {p.number for p in self.pages if p.ocr}

        paras: list[tuple[str, list[Line]]] = []   # (kind, lines)
        pending_notes: list[tuple[str, list[Line]]] = []
        cur: list[Line] | None = None
        cur_kind = "para"
        open_note: list[Line] | None = None

        def close() -> None:
            nonlocal cur
            if cur:
                paras.append((cur_kind, cur))
                paras.extend(pending_notes)
                pending_notes.clear()
            cur = None

        big_bottom: dict[int, float] = {}
        for ln in lines:
            if ln.size >= body_size - 0.9:
                big_bottom[ln.page] = max(big_bottom.get(ln.page, 0.0), ln.bottom)
        for ln in lines:
            small = ln.size < body_size - 0.9
            if small and not ln.lead_sup and ln.top > big_bottom.get(ln.page, 0.0):
                m = _NOTE_NUM.match(ln.text)
                if m:   # footnote area at the page bottom: "1Kế hoạch …" / "1 Kế hoạch …"
                    ln.text = m.group(1).translate(SUPERSCRIPT) + " " + ln.text[m.end():]
                    ln.lead_sup = True
            if small and ln.lead_sup:
                note = [ln]
                pending_notes.append(("footnote", note))
                open_note = note
                continue
            if small and open_note is not None and self._continues(open_note[-1], ln, margins,
                                                                   typical_gap, footnote=True):
                open_note.append(ln)
                continue
            open_note = None
            if cur is not None and self._continues(cur[-1], ln, margins, typical_gap, cur=cur):
                cur.append(ln)
                continue
            close()
            cur = [ln]
            cur_kind = "para"
        close()
        paras.extend(pending_notes)
        for kind, group in paras:
            text = _join_lines([ln.text for ln in group])
            if group[0].page in ocr_pages:
                text = clean_ocr_text(text)
            self.blocks.append(Block(text, group[0].page, kind))

    def _right_margins(self, lines: list[Line]) -> dict[int, float]:
        """Right text edge per page (page 0: the whole document), from the long lines."""
        def p90(xs: list[float]) -> float:
            xs = sorted(xs)
            return xs[int(0.9 * (len(xs) - 1))]

        widest = max(ln.width for ln in lines)
        out = {0: p90([ln.x1 for ln in lines])}
        per_page: dict[int, list[float]] = {}
        for ln in lines:
            if ln.width >= 0.7 * widest:
                per_page.setdefault(ln.page, []).append(ln.x1)
        for page, xs in per_page.items():
            if len(xs) >= 6:
                out[page] = p90(xs)
        long_all = [x for xs in per_page.values() for x in xs]
        if long_all:
            out[0] = p90(long_all)
        return out

    def _continues(self, prev: Line, nxt: Line, margins: dict[int, float], typical_gap: float,
                   footnote: bool = False, cur: list[Line] | None = None) -> bool:
        if nxt.page != prev.page and nxt.page != prev.page + 1:
            return False
        size = max(prev.size, 1.0)
        ocr = prev.page in self.ocr_pages or nxt.page in self.ocr_pages
        if abs(prev.size - nxt.size) > (max(1.5, 0.25 * size) if ocr else 1.0):
            return False   # OCR sizes come from line heights, which diacritics make uneven
        if _MARKER.match(nxt.text):
            return False
        if nxt.page == prev.page:
            gap = nxt.top - prev.bottom
            if gap > typical_gap + max(3.0, 0.45 * size):
                return False
            if gap < -0.5 * size:
                return False
        right = margins.get(prev.page, margins[0])
        first_w = nxt.words[0].x1 - nxt.words[0].x0 if nxt.words else 0.0
        full = prev.x1 >= right - max(4.0, 0.6 * size) or prev.x1 + 0.3 * size + first_w > right + 1.0
        # paragraph left edge: continuation lines of the paragraph (or its first line)
        if cur and len(cur) >= 2:
            edge = min(x.x0 for x in cur[1:])
        else:
            edge = prev.x0
        indented = nxt.x0 > edge + max(0.8 * size, 8.0)
        if full and not indented:
            return True
        # centred headings wrapped over several lines (type name subject, section titles)
        left = min(self.left, prev.x0)
        width = max(right - left, 1.0)
        mid = (left + right) / 2
        centred = (abs(prev.center - mid) < 0.04 * width and abs(nxt.center - mid) < 0.04 * width
                   and nxt.x0 > left + 0.05 * width and nxt.x1 < right - 0.05 * width)
        if (centred and prev.page == nxt.page and prev.width >= 0.5 * width
                and _is_upper(prev.text) == _is_upper(nxt.text) and not footnote):
            return True
        return False


def _join_lines(texts: list[str]) -> str:
    out = ""
    for t in texts:
        t = t.strip()
        if not out:
            out = t
        elif out.endswith("-") and not out.endswith(" -") and t[:1].islower():
            out = out + t        # hyphenated word split over two lines (rare in Vietnamese)
        else:
            out = out + " " + t
    return out


def _join_list_wraps(texts: list[str]) -> list[str]:
    """In the "Nơi nhận" column, a wrapped recipient line continues the previous bullet."""
    out: list[str] = []
    for t in texts:
        t = t.strip()
        if (out and out[-1][:1] in "-+•–" and not out[-1].rstrip().endswith((",", ";", ".", ":"))
                and not re.match(r"^[-+•–]", t) and not _NOI_NHAN.match(t)):
            out[-1] = out[-1] + " " + t
        else:
            out.append(t)
    return out


# ---------------------------------------------------------------------------------------------
# Reading the PDF


def _words_from_page(page, number: int) -> PageWords:
    """The page's words from pdfplumber (pdfminer's layout): the reference reader."""
    raw = page.extract_words(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE,
                             keep_blank_chars=False, use_text_flow=False,
                             extra_attrs=["size", "fontname"])
    return _page_words(((w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("size"),
                         w.get("fontname")) for w in raw if w.get("upright", True)), page, number)


def _fast_words(reader, page, number: int) -> PageWords | None:
    """The page's words from PDFium, or None when pdfplumber must read the page.

    None when the fast reader declines (`Unsupported`: it cannot promise pdfplumber's words),
    fails in any way, or finds fewer than MIN_TEXT_CHARS letters (a scanned or blank page:
    pdfplumber's images decide on OCR as before).
    """
    from .pdfium import Unsupported

    try:
        raw = reader.words(number - 1, page, X_TOLERANCE, Y_TOLERANCE)
    except Unsupported:
        return None
    except Exception:        # RecursionError or a PDFium failure on this page: pdfplumber reads it
        return None
    pw = _page_words(raw, page, number)          # RawWord is the tuple _page_words reads
    return pw if _text_chars(pw) >= MIN_TEXT_CHARS else None


def _page_words(raw, page, number: int) -> PageWords:
    """PageWords from (text, x0, x1, top, bottom, size, fontname) tuples; legacy-font text
    (TCVN3, VNI) is converted by the font's name."""
    from .legacy import convert_run, legacy_font

    pw = PageWords(number=number, width=float(page.width), height=float(page.height))
    legacy: dict[str, str | None] = {}         # font name -> its base name if a legacy font
    append = pw.words.append
    for text, x0, x1, top, bottom, size, font in raw:
        if font not in legacy:
            name = font or ""
            base = name.split("+", 1)[1] if "+" in name[:8] else name
            legacy[font] = base if legacy_font(base) else None
        if legacy[font]:
            text = convert_run(text, legacy[font])
        append(Word(text=text, x0=float(x0), x1=float(x1), top=float(top), bottom=float(bottom),
                    size=float(size or 0.0)))
    return pw


def _fast_reader(path: Path, pages: int):
    """A PDFium reader for the document, or None (pdfplumber then reads every page)."""
    from .pdfium import PdfiumReader

    try:
        reader = PdfiumReader(path)
    except Exception:        # PDFium cannot open what pdfminer could: pdfplumber reads it all
        return None
    try:
        same = len(reader) == pages
    except Exception:
        same = False
    if not same:             # the two readers disagree on the page tree: trust neither
        reader.close()
        return None
    return reader


# ---------------------------------------------------------------------------------------------
# Signing stamps

SLOT_MAX_CHARS = 24      # a stamp merged into a line fills a slot (serial, day, month): short
SLOT_MAX_WORDS = 3


def _height(w) -> float:
    return max(w.bottom - w.top, 0.1)


def _stamp_anchor(words: list[Word], run: list, rect: tuple[float, float, float, float]) -> Word | None:
    """The text-layer word on the line the stamp is drawn over, nearest to it.

    The stamp's own centre (else its widget's centre) must lie in that word's vertical band: a
    stamp in a slot sits on the slot's line, whatever its font size.
    """
    x0, x1 = min(w.x0 for w in run), max(w.x1 for w in run)

    def hdist(w: Word) -> float:
        return max(0.0, w.x0 - x1, x0 - w.x1)

    centres = ((min(w.top for w in run) + max(w.bottom for w in run)) / 2, (rect[1] + rect[3]) / 2)
    # in the band; failing that, a little off it but right beside the stamp (a slot's neighbour)
    for slack, reach in ((0.2, float("inf")), (0.6, 3.0)):
        for cy in centres:
            cands = [w for w in words if w.top - slack * _height(w) <= cy <= w.bottom + slack * _height(w)
                     and hdist(w) <= reach * _height(w)]
            if cands:
                return min(cands, key=lambda w: (hdist(w), abs((w.top + w.bottom) / 2 - cy)))
    return None


def merge_stamps(pw: PageWords, widgets: list) -> list[Stamp]:
    """Put the signing stamps of a page into its words, where the page shows them.

    A one-line stamp short enough to fill a slot joins the text line it is drawn over (it takes
    that line's band and size, so lines are built as if it were printed there); text-layer words
    of that line it mostly covers are dropped (a month changed at signing replaces the printed
    one). Other stamps (signer boxes, stamps off the lines) are only recorded.
    """
    records: list[Stamp] = []
    for wt in widgets:
        text = clean_text(wt.text)
        run = wt.lines[0] if len(wt.lines) == 1 else []
        slot = (run and len(run) <= SLOT_MAX_WORDS and len(text) <= SLOT_MAX_CHARS and pw.words
                and pw.raw_text is None)
        anchor = _stamp_anchor(pw.words, run, wt.rect) if slot else None
        if anchor is None:
            records.append(Stamp(page=pw.number, text=text))
            continue
        line = [w for w in pw.words if min(w.bottom, anchor.bottom) - max(w.top, anchor.top)
                >= 0.5 * min(_height(w), _height(anchor))]
        covered = {id(w) for w in line
                   if any(min(w.x1, s.x1) - max(w.x0, s.x0) >= 0.5 * max(w.x1 - w.x0, 0.1) for s in run)}
        rest = [w for w in line if id(w) not in covered]
        x0, x1 = min(s.x0 for s in run), max(s.x1 for s in run)
        before = max((w for w in rest if w.x1 <= x0 + 0.5), key=lambda w: w.x1, default=None)
        after = min((w for w in rest if w.x0 >= x1 - 0.5), key=lambda w: w.x0, default=None)
        replaced = " ".join(w.text for w in sorted(line, key=lambda w: w.x0) if id(w) in covered)
        pw.words = [w for w in pw.words if id(w) not in covered]
        pw.words += [Word(text=s.text, x0=s.x0, x1=s.x1, top=anchor.top, bottom=anchor.bottom,
                          size=anchor.size) for s in run]
        records.append(Stamp(page=pw.number, text=text, merged=True,
                             before=clean_text(before.text) if before else None,
                             after=clean_text(after.text) if after else None,
                             replaced=clean_text(replaced) or None))
    return records


def _read_stamps(page, number: int) -> tuple[list, list[str]]:
    """The page's signature-widget texts; a failure is a message, never a lost page."""
    from .stamps import page_stamps

    try:
        return page_stamps(page, number)
    except RecursionError:
        return [], [f"page {number}: the signature stamps cannot be read (recursive)"]
    except Exception as exc:
        return [], [f"page {number}: the signature stamps cannot be read ({_describe(exc)})"]


def _text_chars(pw: PageWords) -> int:
    return sum(1 for w in pw.words for c in w.text if c.isalnum())


def _raw_page_text(path: Path, index: int) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        tp = page.get_textpage()
        text = tp.get_text_range()
        tp.close()
        page.close()
    finally:
        doc.close()
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_pdf(path: Path, *, ocr: str = "auto", max_pages: int = MAX_PAGES,
             engine: str | None = None) -> LoadedText:
    """Read a PDF into blocks in reading order, or raise `ExtractError`.

    `engine` chooses the word reader: "pdfium" (PDFium, pdfplumber for the pages it declines)
    or "pdfplumber" (every page); None means the module's `ENGINE`.
    """
    if ocr not in OCR_MODES:
        raise ValueError(f"ocr must be one of {OCR_MODES}, not {ocr!r}")
    engine = ENGINE if engine is None else engine
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    path = Path(path)
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    warnings: list[tuple[str, str]] = []
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfplumber wraps pdfminer errors in PdfminerException
        raise _open_error(exc, path) from None
    pages: list[PageWords] = []
    need_ocr: list[int] = []
    widgets: dict[int, list] = {}     # page number -> signature widgets that draw text
    signed = False
    reader = None
    try:
        try:
            n = len(pdf.pages)
        except RecursionError:
            raise ExtractError("corrupt_pdf", "the page tree cannot be read (recursive)", str(path)) from None
        except Exception as exc:
            raise _open_error(exc, path) from None
        if n > max_pages:
            raise ExtractError("too_many_pages", f"{n} pages is over the {max_pages}-page limit", str(path))
        if n == 0:
            raise ExtractError("empty_document", "the PDF has no pages", str(path))
        if engine == "pdfium":
            reader = _fast_reader(path, n)
        for i in range(n):
            page = pdf.pages[i]
            try:
                pw = _fast_words(reader, page, i + 1) if reader is not None else None
                if pw is None:
                    pw = _words_from_page(page, i + 1)
                has_images = bool(page.images) if _text_chars(pw) < MIN_TEXT_CHARS else False
                found, problems = _read_stamps(page, i + 1)
                if found:
                    widgets[i + 1] = found
                warnings.extend(("stamp_unreadable", msg) for msg in problems)
            except RecursionError:
                pw = PageWords(number=i + 1, width=float(page.width), height=float(page.height))
                pw.raw_text = _raw_page_text(path, i)
                has_images = False
                warnings.append(("page_layout_unreadable",
                                 f"page {i + 1}: layout could not be read; plain text used"))
            except PDFPasswordIncorrect:
                raise ExtractError("encrypted_pdf", "the PDF needs a password", str(path)) from None
            except ExtractError:
                raise
            except Exception as exc:
                raise ExtractError("corrupt_pdf", f"page {i + 1} cannot be read: {_describe(exc)}",
                                   str(path)) from None
            finally:
                try:
                    page.close()
                except Exception:
                    pass
            if ocr == "always" or (ocr == "auto" and pw.raw_text is None
                                   and _text_chars(pw) < MIN_TEXT_CHARS and has_images):
                need_ocr.append(i)
            pages.append(pw)
        signed = _has_signature_fields(pdf)
    finally:
        if reader is not None:
            reader.close()
        try:
            pdf.close()
        except Exception:
            pass

    used_ocr = False
    if need_ocr:
        from . import ocr as ocr_mod

        problem = ocr_mod.unavailable_reason()
        has_text = any(_text_chars(p) >= MIN_TEXT_CHARS or p.raw_text for p in pages)
        if problem:
            if ocr == "always" or not has_text:
                raise ExtractError("ocr_unavailable", f"the PDF needs OCR but {problem}; install "
                                   "tesseract-ocr and tesseract-ocr-vie", str(path))
            warnings.append(("ocr_unavailable", f"pages {_ranges(need_ocr)} have no text layer and "
                             f"were skipped: {problem}; install tesseract-ocr and tesseract-ocr-vie"))
        else:
            try:
                results = ocr_mod.ocr_pages(path, need_ocr)
            except ocr_mod.OcrError as exc:
                raise ExtractError("ocr_failed", str(exc), str(path)) from None
            for i, (width, height, words) in results.items():
                pw = PageWords(number=i + 1, width=width, height=height, ocr=True)
                pw.words = [Word(*w) for w in words]
                pages[i] = pw
            used_ocr = True
            warnings.append(("ocr", f"text of {len(results)} page(s) read by OCR; expect errors in "
                             "diacritics"))

    stamps: list[Stamp] = []
    for p in pages:
        if p.number in widgets:
            stamps.extend(merge_stamps(p, widgets[p.number]))
    signatures: list[dict] = []
    if signed:
        from .signatures import read_signatures

        signatures, sig_warnings = read_signatures(path)
        warnings.extend(sig_warnings)

    blocks: list[Block] = []
    layout_pages = [p for p in pages if p.raw_text is None]
    if layout_pages:
        blocks = _Layout(layout_pages).run()
    if any(p.raw_text is not None for p in pages):
        raw_blocks = [Block(p.raw_text, p.number, "raw") for p in pages if p.raw_text and p.raw_text.strip()]
        blocks = sorted(blocks + raw_blocks, key=lambda b: b.page or 0)  # stable: keeps order in a page

    cleaned: list[Block] = []
    for b in blocks:
        t = clean_text(b.text) if b.kind != "raw" else unicodedata.normalize("NFC", b.text).translate(_REPAIRS)
        if t.strip():
            cleaned.append(Block(t, b.page, b.kind))
    blocks = cleaned
    encoding = None
    if blocks:
        blocks, encoding = _legacy(blocks)
    if not blocks:
        if need_ocr and used_ocr:
            raise ExtractError("empty_document", "OCR found no text in the PDF", str(path))
        if ocr == "never" and not used_ocr:
            raise ExtractError("empty_document", "the PDF has no text layer (OCR disabled)", str(path))
        raise ExtractError("empty_document", "no text in the PDF", str(path))
    warnings.extend(_garbled(blocks))
    return LoadedText(blocks=blocks, format="pdf", pages=len(pages), ocr=used_ocr,
                      encoding=encoding, warnings=warnings, stamps=stamps, signatures=signatures)


def _has_signature_fields(pdf) -> bool:
    """Cheap: does the catalog's AcroForm announce signatures? (Unsigned files stop here.)"""
    from .signatures import has_signature_fields

    try:
        return has_signature_fields(pdf.doc.catalog)
    except Exception:   # RecursionError included: a broken catalog is no signature
        return False


def _legacy(blocks: list[Block]) -> tuple[list[Block], str | None]:
    from .legacy import convert_legacy

    sep = "\n\x1e\n"
    joined = sep.join(b.text for b in blocks)
    converted, label = convert_legacy(joined)
    if not label:
        return blocks, None
    parts = converted.split(sep)
    if len(parts) != len(blocks):
        parts = [convert_legacy(b.text)[0] for b in blocks]
    return [Block(clean_text(t), b.page, b.kind) for t, b in zip(parts, blocks)], label


def _garbled(blocks: list[Block]) -> list[tuple[str, str]]:
    text = "\n".join(b.text for b in blocks)
    out = []
    fffd = text.count("\ufffd")
    cid = len(_CID.findall(text))
    pua = sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    letters = sum(1 for c in text if c.isalpha())
    if fffd or cid or pua > 5:
        out.append(("garbled_text", f"unreadable characters in the text layer ({fffd} U+FFFD, "
                    f"{cid} (cid:N), {pua} private-use); the PDF's fonts lack a Unicode map"))
    elif letters >= 40 and not _VIET.search(text):
        out.append(("garbled_text", "no Vietnamese letters in the text layer (legacy font or wrong "
                    "encoding?)"))
    return out


def _describe(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    msg = str(inner) or type(inner).__name__
    return f"{type(inner).__name__}: {msg}" if msg != type(inner).__name__ else msg


def _open_error(exc: BaseException, path: Path) -> ExtractError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect):
        return ExtractError("encrypted_pdf", "the PDF is encrypted and needs a password", str(path))
    if isinstance(inner, PDFEncryptionError):
        return ExtractError("encrypted_pdf", f"unsupported PDF encryption: {inner}", str(path))
    if isinstance(inner, RecursionError):
        return ExtractError("corrupt_pdf", "the PDF structure is recursive", str(path))
    if isinstance(inner, (OSError,)) and not isinstance(inner, EOFError):
        return ExtractError("unreadable", f"cannot read: {inner}", str(path))
    return ExtractError("corrupt_pdf", f"not a readable PDF ({_describe(exc)})", str(path))


def _ranges(indexes: list[int]) -> str:
    nums = [i + 1 for i in indexes]
    out, start, prev = [], None, None
    for n in nums + [None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    return ", ".join(out)
