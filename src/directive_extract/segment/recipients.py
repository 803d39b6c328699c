"""Recipients ("Kính gửi") and distribution ("Nơi nhận"): split by line, bullet or semicolon,
never by comma ("Các đảng bộ, chi bộ trực thuộc Đảng ủy" is one recipient)."""

from __future__ import annotations

import re

from ..models import DistributionItem, NamedItem
from ..normalize import key
from ..tables import DISTRIBUTION_NOTES
from .base import Doc, is_upper, tidy

_BULLET = re.compile(r"^\s*[-–+•*]\s*")
_MARK_LINE = re.compile(r"^\s*(?:t/m|tm\.|k/t|kt\.|t/l|tl\.|tuq\.|q\.)\s", re.IGNORECASE)
_NOTE = re.compile(r"[,;]?\s*\(([^()]{1,40})\)\s*[,;.]*\s*$")


def _label_line(doc: Doc, label: str, start: int = 0, last: bool = False) -> int | None:
    hits = [i for i in range(start, len(doc.lines))
            if doc.lines[i].key.strip().lstrip("-–+•* ").startswith(label)]
    if not hits:
        return None
    return hits[-1] if last else hits[0]


def _items(doc: Doc, i: int, label: str, *, stop_at_upper: bool) -> list[tuple[int, int]]:
    """Spans of the entries after the label on line `i`: the rest of that line, then one entry a
    bullet or line; a line that starts in lower case continues the entry before it."""
    line = doc.lines[i]
    k = line.key
    at = k.find(label) + len(label)
    colon = line.text.find(":", at)
    rest_start = (colon + 1) if colon >= 0 and colon - at < 3 else at
    spans: list[tuple[int, int]] = []
    inline = line.text[rest_start:]
    if inline.strip():
        pos = line.start + rest_start
        for part in re.split(r"(;|\s-\s(?=[A-ZĐÀ-Ỹ]))", inline):
            if part and part.strip(" ;-") and part not in (";",) and not re.fullmatch(r"\s-\s", part):
                a = pos + len(part) - len(part.lstrip())
                spans.append((a, pos + len(part.rstrip())))
            pos += len(part)
    j = i + 1
    blank = 0
    while j < len(doc.lines):
        s = doc.lines[j].stripped
        if not s:
            blank += 1
            j += 1
            if blank > 1 and spans:
                break
            continue
        ls = doc.lines[j]
        bullet = _BULLET.match(ls.text)
        if stop_at_upper and ((is_upper(s) and not bullet) or _MARK_LINE.match(s)):
            break
        sk = key(s)
        if bullet:
            a = ls.start + bullet.end()
            spans.append((a, ls.end))
        elif spans and s[:1].islower() and blank == 0:
            a, _ = spans[-1]
            spans[-1] = (a, ls.end)
        elif sk.startswith("lưu") or (not spans and len(s) < 120 and not blank):
            spans.append((ls.start + ls.text.index(s[0]), ls.end))
        elif spans and len(s) < 120 and re.search(r"[;,]\s*$", doc.lines[j - 1 - blank].text) and blank == 0:
            spans.append((ls.start + ls.text.index(s[0]), ls.end))
        else:
            break
        blank = 0
        j += 1
        if re.search(r"\.\s*$", s) and not re.search(r"\b(?:VT|v\.v)\.\s*$", s) and label == "kính gửi":
            break
    return [(a, b) for a, b in spans if doc.text[a:b].strip(" ,;.")]


def recipients(doc: Doc, header_zone_end: int) -> list[NamedItem]:
    """"Kính gửi:" one line or a bulleted list, within the top of the document."""
    stop = doc.line_index_at(header_zone_end) + 3
    i = _label_line(doc, "kính gửi")
    if i is None or i > stop + 40:
        return []
    out = []
    for a, b in _items(doc, i, "kính gửi", stop_at_upper=True):
        name = tidy(doc.text[a:b])
        if name:
            out.append(NamedItem(name=name, span=doc.find_span(name, a, b)))
    return out


def distribution_line(doc: Doc) -> int | None:
    return _label_line(doc, "nơi nhận", last=True)


def distribution(doc: Doc) -> tuple[list[DistributionItem], tuple[int, int] | None]:
    """"Nơi nhận:" entries with their notes ("(b/c)" → "báo cáo"); also the zone they cover."""
    i = distribution_line(doc)
    if i is None:
        return [], None
    out = []
    spans = _items(doc, i, "nơi nhận", stop_at_upper=True)
    for a, b in spans:
        raw = doc.text[a:b]
        note = None
        m = _NOTE.search(raw)
        if m:
            note_key = key(m.group(1).strip(" .*"))
            note = DISTRIBUTION_NOTES.get(note_key, m.group(1).strip(" .*"))
            raw = raw[:m.start()]
        name = tidy(raw)
        if name:
            out.append(DistributionItem(name=name, note=note, span=doc.find_span(name, a, b)))
    end = spans[-1][1] if spans else doc.lines[i].end
    return out, (doc.lines[i].start, end)
