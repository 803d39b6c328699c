"""The outline: numbered and bulleted items as a tree.

Each marker style ("I.", "1.", "1.1.", "a)", "(1)", "-", "+", "Điều 1.") takes the level at
which it first appears, as readers of these documents do: a later item of a style seen before
closes the deeper items and becomes their sibling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Section
from .base import Doc, tidy

_MARKERS: tuple[tuple[str, re.Pattern], ...] = (
    ("part", re.compile(r"(?P<m>(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d+|thứ \w+))\s*[.:\-–]?\s*")),
    ("article", re.compile(r"(?P<m>Điều\s+\d+)\s*[.:\-–]?\s*")),
    ("roman", re.compile(r"(?P<m>[IVXLC]{1,6})\s*[.\-–/)]\s*(?=\S)")),
    ("multi", re.compile(r"(?P<m>\d{1,3}(?:\.\d{1,3})+)\.?\s*[:\-–)]?\s+(?=\S)")),
    ("num", re.compile(r"(?P<m>\d{1,3})\s*(?P<sep>[.\-–)/])\s*(?=\D)")),
    ("paren", re.compile(r"\((?P<m>\d{1,3}|[a-zđ])\)\s*(?=\S)")),
    ("alpha", re.compile(r"(?P<m>[a-zđ])\s*[).]\s+(?=\S)")),
    ("dash", re.compile(r"(?P<m>[-–•])\s*(?=\S)")),
    ("plus", re.compile(r"(?P<m>\+)\s*(?=\S)")),
)


@dataclass
class Item:
    style: str
    marker: str
    title: str
    line: int
    start: int
    end: int = 0
    depth: int = 0
    children: list["Item"] = field(default_factory=list)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


def match_marker(text: str) -> tuple[str, str, int] | None:
    """(style, marker, offset where the title starts) for a line that opens an item."""
    s = text.lstrip()
    lead = len(text) - len(s)
    for style, rx in _MARKERS:
        m = rx.match(s)
        if not m:
            continue
        marker = m.group("m")
        if style == "num":
            if m.group("sep") == "/" or re.match(r"\d{1,3}\s*[.\-–)/]\s*\d", s):
                continue
            style = "num" + ("" if m.group("sep") == "." else m.group("sep"))
        if style == "multi":
            style = f"multi{marker.count('.') + 1}"
        if style == "roman" and not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", marker):
            continue
        return style, marker, lead + m.end()
    return None


def _title(text: str) -> str:
    """A heading's title: the line up to its first sentence end, at most 200 characters."""
    t = tidy(text)
    m = re.search(r"(?<=[^\s.])[.;](?:\s|$)", t)
    if m and m.start() < 200:
        t = t[:m.start()]
    colon = t.find(": ")
    if len(t) > 120 and 0 < colon <= 60:
        t = t[:colon]
    return t[:200].rstrip() if len(t) > 200 else t


def items(doc: Doc, start: int, end: int) -> list[Item]:
    """Flat list of the items between offsets start and end, in order, with tree depth set."""
    flat: list[Item] = []
    stack: list[Item] = []
    for i, line in enumerate(doc.lines):
        if line.end <= start or line.start >= end or not line.stripped:
            continue
        got = match_marker(line.text)
        if got is None:
            continue
        style, marker, at = got
        item = Item(style, marker, _title(line.text[at:]), i, line.start + len(line.text) - len(line.text.lstrip()))
        styles = [s.style for s in stack]
        if style in styles:
            del stack[styles.index(style):]
        elif style.startswith("multi") and stack:
            # "1.2." sits under "1." (or "1.1."): close deeper styles it outranks
            depth = int(style[5:])
            while stack and stack[-1].style.startswith("multi") and int(stack[-1].style[5:]) > depth:
                stack.pop()
        item.depth = len(stack)
        if stack:
            stack[-1].children.append(item)
        stack.append(item)
        flat.append(item)
    # each item ends where the next item at its depth or above begins
    for n, it in enumerate(flat):
        nxt = next((x for x in flat[n + 1:] if x.depth <= it.depth), None)
        it.end = doc.lines[nxt.line].start if nxt else end
        while it.end > it.start and doc.text[it.end - 1].isspace():
            it.end -= 1
    return flat


def to_sections(doc: Doc, flat: list[Item]) -> list[Section]:
    def conv(it: Item) -> Section:
        return Section(marker=it.marker, title=it.title or it.marker, span=doc.span(it.start, it.end),
                       children=[conv(c) for c in it.children])
    return [conv(it) for it in flat if it.depth == 0]


def first_heading(doc: Doc, start: int, end: int) -> int:
    """Offset of the first structural heading (I., 1., Điều 1, "QUYẾT ĐỊNH:"): the preamble's end."""
    for line in doc.lines:
        if line.end <= start or line.start >= end or not line.stripped:
            continue
        got = match_marker(line.text)
        if got and got[0] not in ("dash", "plus", "alpha", "paren"):
            return line.start
        if re.match(r"^\s*(?:QUYẾT ĐỊNH|QUYẾT NGHỊ|KẾT LUẬN|THÔNG BÁO|CHỈ THỊ)\s*:", line.text):
            return line.start
    return end
