"""One normalized text from a loader's blocks, and the matching key rules use.

The text keeps the document's own spelling (tone placement, capitals); `key()` gives a string
of the same length in lower case with tone marks placed one way, so a regex run on the key
returns offsets that are valid in the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .loaders.base import Block, LoadedText

# Old ("hoá", "uỷ") → new ("hóa", "ủy") tone placement; each pair keeps its length.
_TONE_PAIRS = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
               "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
               "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
# Only an open syllable differs between the two styles: "hoá"/"hóa" but never "hoạch".
_TONE_RE = re.compile("(?:" + "|".join(_TONE_PAIRS) + r")(?![a-zà-ỹđ])")
_DASH_RE = re.compile("[\u2010-\u2015\u2212]")


def key(s: str) -> str:
    """Lower case, one tone placement, one dash: for matching only, same length as `s`.
    Short strings (lines, names) recur across segmenters and documents: they are cached."""
    return _key_cached(s) if len(s) < 300 else _key_long(s)


@lru_cache(maxsize=16384)
def _key_cached(s: str) -> str:
    return _key(s)


@lru_cache(maxsize=4)
def _key_long(s: str) -> str:
    """The whole document's key, asked for again by segmenters that get the text (a str caches
    its hash, so a hit costs a comparison)."""
    return _key(s)


def _key(s: str) -> str:
    k = s.lower()
    if len(k) != len(s):  # a character whose lower case is longer: fold it one by one
        k = "".join(c.lower() if len(c.lower()) == 1 else c for c in s)
    k = _DASH_RE.sub("-", k)
    return _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group()], k)


# Characters that look alike in documents from different fonts and converters.
_CHAR_FIXES = str.maketrans({
    "\u00d0": "Đ", "\u00f0": "đ", "\u0110": "Đ", "\u0111": "đ",   # Icelandic eth → Vietnamese d
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": "", "\ufeff": "", "\u00ad": "",
    "\t": " ", "\u2044": "/", "\u2215": "/", "\u01af": "Ư", "\u01b0": "ư",
    "\u01a0": "Ơ", "\u01a1": "ơ", "\u0192": "ƒ", "\u2028": "\n", "\u2029": "\n",
    "\u01a3": "ư", "\u01a2": "Ư",   # "ƣ"/"Ƣ": a broken PDF font map's "ư"/"Ư"
})


_CONTROL = re.compile("[\x00-\x09\x0b\x0d-\x1f\x7f-\x9f]")   # category Cc but for \n and \f


def clean(s: str) -> str:
    """NFC, Đ variants, line endings, spaces: what every format needs."""
    s = unicodedata.normalize("NFC", s.replace("\r\n", "\n").replace("\r", "\n"))
    s = s.translate(_CHAR_FIXES)
    s = _CONTROL.sub("", s)
    return unicodedata.normalize("NFC", s)


_MD_CHARS = re.compile(r"[*_#\\]")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPH = re.compile(r"(?<![\w*])(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
# Escaped markdown characters are kept as private-use stand-ins until emphasis is stripped.
_ESCAPED = {"*": "\ue000", "_": "\ue001", "#": "\ue002"}
_UNESCAPE = str.maketrans({v: k for k, v in _ESCAPED.items()})
_MD_STRAY = re.compile(r"(?<=\S)\*{1,3}(?=\s|$|[,.;:)])|(?<=\s)\*{1,3}(?=\S)|^\*{2,3}(?=\S)")


def strip_markdown(line: str) -> str:
    """Remove converters' markdown residue from one line, keeping its words."""
    if not _MD_CHARS.search(line):     # most lines: nothing to remove
        return line.rstrip()
    line = _MD_HEADING.sub("", line)
    line = _MD_ESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group(1)), line)
    for _ in range(3):
        new = _MD_EMPH.sub(r"\2", line)
        if new == line:
            break
        line = new
    line = _MD_STRAY.sub("", line)
    return line.translate(_UNESCAPE).rstrip()


# Lines that are only a page number: "3", "- 3 -", "Trang 3", "3/12"; a bare four-digit number
# is a year that a narrow column wrapped, kept.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–]\s*)?(?:trang\s+\d{1,4}|\d{1,3})(?:\s*/\s*\d{1,4})?(?:\s*[-–])?\s*$",
                          re.IGNORECASE)
# A line that opens a new unit: an outline marker, a bullet, a heading word, a footnote body.
_OPENER = re.compile(
    r"^\s*(?:[-+•*–]\s|[-+•–](?=\S)|\(?\d{1,3}(?:\.\d{1,3})*(?:[.)]|\s?-)(?=\s|$)|\(\d{1,3}\)|[a-zđ][).]\s"
    r"|[IVXLC]{1,6}[.\-/]\s|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\]|(?:Điều|Chương|Mục|Phần|Đợt|Giai đoạn)\s"
    r"|Nơi nhận|Kính gửi|Căn cứ|Số\b|V/v)"
)
_ENDS_SENTENCE = re.compile(r"[.;:!?…]['\"”’)]*\s*$|\./\.\s*$")


def _is_upper_line(s: str) -> bool:
    """Two letters or more, all capitals (str.isupper ignores digits and punctuation)."""
    return s.isupper() and sum(c.isalpha() for c in s) >= 2


_BROKEN_SYMBOL = re.compile(r"\d\s*-$")       # "72-" / "KH/TU": a document symbol broken at its hyphen
_SYMBOL_TAIL = re.compile(r"[A-ZĐ]{1,6}/")


def join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs.

    A line continues on the next non-blank line when it does not end a sentence, the next
    line opens nothing new (no marker, bullet, heading word), and either the next line starts
    in lower case or the line is about as long as the document's wrapped lines.  Blank lines
    between the two (converters add one after every wrapped line) do not stop the join.
    """
    nonblank = [ln.strip() for ln in lines if ln.strip()]
    if not nonblank:
        return []
    # converters that put a blank line after every wrapped line: there a blank line separates
    # nothing; elsewhere it ends a paragraph unless the next line plainly continues (lower case)
    followed = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and not b.strip())
    blank_is_wrap = followed >= 0.7 * len(nonblank)
    lengths = sorted(len(ln) for ln in nonblank)
    # the length rule needs enough lines to see the wrap width, and a text that really is wrapped
    # (many lines as long as the width); else a line is a paragraph and only lower-case starts join
    wrap = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 8 else 10 ** 6
    at_width = sum(1 for n in lengths if 0.8 * wrap <= n <= 1.05 * wrap)
    long_enough = max(40, int(wrap * 0.7)) if at_width >= 0.4 * len(lengths) else 10 ** 6

    out: list[str] = []
    pending_blank = False
    for raw in lines:
        line = raw.strip()
        if not line:
            pending_blank = True
            continue
        if out and out[-1] and _continues(out[-1], line, long_enough) and (
                not pending_blank or blank_is_wrap or line.lstrip("“\"'(")[:1].islower()
                or _BROKEN_SYMBOL.search(out[-1]) and _SYMBOL_TAIL.match(line)):
            prev = out[-1]
            joiner = "" if _BROKEN_SYMBOL.search(prev) and _SYMBOL_TAIL.match(line) else " "
            out[-1] = prev.rstrip() + joiner + line
        else:
            if pending_blank and out:
                out.append("")
            out.append(line)
        pending_blank = False
    return out


def _continues(prev: str, line: str, long_enough: int) -> bool:
    if _ENDS_SENTENCE.search(prev) or _OPENER.match(line) or _OPENER.match(prev) and ":" in prev[:12]:
        return False
    upper_prev, upper_line = _is_upper_line(prev), _is_upper_line(line)
    if upper_prev and not upper_line:
        return False
    first = line.lstrip("“\"'(")[:1]
    if first.islower() or first.isdigit() and len(prev) >= long_enough:
        return True
    if _BROKEN_SYMBOL.search(prev) and _SYMBOL_TAIL.match(line):
        return True  # a document symbol broken at its hyphen: "72-" / "KH/TU"
    return len(prev) >= long_enough and not upper_line


@dataclass(frozen=True)
class NormalizedText:
    text: str
    page_starts: tuple[tuple[int, int], ...]   # (offset, page) where each page's text begins


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# Two columns side by side in plain text ("ỦY BAN NHÂN DÂN<tab><tab>CỘNG HÒA …", a layout dump):
# a tab run or four spaces or more between two texts; a header or footer cue on the line.
_COLUMN_GAP = re.compile(r"\S(?P<gap>\t+ *| {4,}\t*)\S")
_COLUMN_CUE = re.compile(r"cộng hòa xã hội|cộng hoà xã hội|độc lập|đảng cộng sản|ngày\s.*năm|^số\b|nơi nhận"
                         r"|^(?:tm|kt|tl|tuq|q|t/m|k/t|t/l)[./ ]", re.IGNORECASE)


def _columns(line: str) -> tuple[str, str] | None:
    for m in _COLUMN_GAP.finditer(line):
        left, right = line[:m.start("gap")].strip(), line[m.end("gap"):].strip()
        # a blank slot left for the serial or the day ("Số:      /KH-UBND", "ngày      tháng 7") is no gutter
        if not _BLANK_SLOT.search(left) and not right.startswith(("/", "-", "–")):
            return left, right
    return None


_BLANK_SLOT = re.compile(r"(?:^|\s)(?:số|ngày|tháng|năm)\s*:?$", re.IGNORECASE)


def _indented(line: str) -> bool:
    return bool(line.strip()) and (line.startswith("\t") or line.startswith("    "))


def split_columns(text: str) -> str:
    """Plain text that lays the header or footer out in two columns gets them one after the
    other, left then right, as the DOCX and PDF loaders give them: the rest of the pipeline
    reads one column at a time. Only runs holding a header/footer cue are split; a data table
    in the body is left as it is."""
    lines = text.split("\n")
    if not any("\t" in ln or "    " in ln.strip() for ln in lines):
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        cols = _columns(lines[i])
        if not cols or not any(_COLUMN_CUE.search(c) for c in cols):
            out.append(lines[i])
            i += 1
            continue
        left, right = [], []
        j = i
        while j < len(lines):
            line = lines[j]
            cols = _columns(line)
            if cols:
                left.append(cols[0])
                right.append(cols[1])
            elif _indented(line):
                right.append(line.strip())
            elif not line.strip():
                pass
            else:   # a plain line stays in the run when more of the columns follow it closely
                ahead = [ln for ln in lines[j + 1:j + 4] if ln.strip()][:1]
                if not ahead or not (_columns(ahead[0]) or _indented(ahead[0])):
                    break
                left.append(line.strip())
            j += 1
        out.extend([ln for ln in left if ln] + [ln for ln in right if ln])
        i = j
    return "\n".join(out)


def _block_lines(block: Block, markdown: bool) -> list[str]:
    text = clean(split_columns(block.text) if block.kind == "raw" else block.text)
    if block.kind == "footnote":   # "1 Hướng dẫn …" → "¹ Hướng dẫn …": one marker form for the segmenter
        text = re.sub(r"^\s*\[?(\d{1,3})\]?\.?\s*", lambda m: m.group(1).translate(_SUPERSCRIPT) + " ", text)
    lines = text.split("\n")
    if markdown:
        lines = [strip_markdown(ln) for ln in lines]
    lines = [" ".join(ln.split()) for ln in lines]
    lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln)] if block.kind == "raw" else lines
    if block.kind == "raw":
        return join_wrapped(lines)
    return [ln for ln in lines if ln]


def normalize(loaded: LoadedText) -> NormalizedText:
    """Build the one text every span points into, with the offset where each page starts."""
    markdown = loaded.format in ("txt", "md")   # converters leave markdown in plain text too
    parts: list[str] = []
    page_starts: list[tuple[int, int]] = []
    offset = 0
    last_page = None
    prev_kind = None
    for block in loaded.blocks:
        lines = _block_lines(block, markdown)
        if not any(lines):
            continue
        chunk = "\n".join(lines).strip("\n")
        if parts:
            sep = "\n" if block.kind == "cell" and prev_kind == "cell" else "\n\n"
            parts.append(sep)
            offset += len(sep)
        if block.page is not None and block.page != last_page:
            page_starts.append((offset, block.page))
            last_page = block.page
        parts.append(chunk)
        offset += len(chunk)
        prev_kind = block.kind
    text = "".join(parts)
    text = re.sub(r"\n{3,}", "\n\n", text) if not page_starts else text
    return NormalizedText(text=text, page_starts=tuple(page_starts))
