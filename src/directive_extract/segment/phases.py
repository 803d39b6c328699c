"""Phases ("Đợt 1", "Giai đoạn 2 (2026 - 2027)") with their period, activities and sub-phases."""

from __future__ import annotations

import re

from .. import dates
from ..dates import iso
from ..models import Period, Phase
from ..normalize import key
from ..tables import NUMBER_WORDS, PHASE_WORDS
from .base import Doc, tidy
from .outline import Item, match_marker

_WORDS = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_LABEL = re.compile(r"(?P<word>" + "|".join(PHASE_WORDS) + r")\s+(?P<n>\d{1,2}|[ivx]{1,4}|" + _WORDS + r")(?!\w)"
                    r"\s*(?:[:.\-–)]\s*)?")
_PERIOD_START = re.compile(r"^(?:từ|trong|sau|trước|đến|kể từ|bắt đầu)\b")
_TIME_LABEL = re.compile(r"^(?:thời gian(?: thực hiện)?|thời hạn)\s*:\s*")
_PAREN_PERIOD = re.compile(r"\s*\((?P<p>[^()\n]{4,80})\)\s*[:.\-–]?\s*")
_YEAR_RANGE = re.compile(r"^\(?\s*(?:năm\s+)?(?P<a>(?:19|20)\d{2})\s*[-–]\s*(?P<b>(?:19|20)\d{2})\s*\)?")


def _label(m: re.Match, text: str) -> str:
    word = text[m.start("word"):m.end("word")]
    n = m.group("n")
    n = str(NUMBER_WORDS[n]) if n in NUMBER_WORDS else text[m.start("n"):m.end("n")]
    return word[:1].upper() + word[1:].lower() + " " + n


def parse_period(text: str) -> Period:
    """"Từ tháng 12/2024 đến tháng 05/2025" → start 2024-12, end 2025-05; words only → dates null."""
    text = tidy(text)
    start, end = dates.parse_period(text)
    if start is None and end is None:
        m = _YEAR_RANGE.match(key(text))
        if m:
            start, end = iso(m.group("a")), iso(m.group("b"))
        elif y := re.fullmatch(r"(?:trong\s+|cả\s+)?năm\s*(\d{4})", key(text)):
            start = iso(y.group(1))
    return Period(text=text, start=start, end=end)


def _phase_line(line_key: str) -> re.Match | None:
    got = match_marker(line_key)
    at = got[2] if got and got[0] not in ("dash", "plus") else 0
    s = line_key[at:].lstrip("* ")
    m = _LABEL.match(s)
    if not m:
        return None
    return m, at + (len(line_key[at:]) - len(s))


def phases(doc: Doc, flat: list[Item], start: int, end: int) -> tuple[list[Phase], list[tuple[int, int]]]:
    """The phases, and the spans of their periods (so events can leave them out)."""
    period_spans: list[tuple[int, int]] = []
    heads = []
    for it in flat:
        line = doc.lines[it.line]
        got = _phase_line(line.key)
        if got:
            heads.append((it, got))
    out = []
    for it, (m, at) in heads:
        if any(it in h.children or _is_under(it, h) for h, _ in heads if h is not it):
            continue   # a nested phase is a sub-phase of its parent
        out.append(_build(doc, it, m, at, flat, heads, period_spans))
    return out, period_spans


def _is_under(child: Item, parent: Item) -> bool:
    return any(c is child for c in parent.walk() if c is not parent)


def _build(doc: Doc, it: Item, m: re.Match, at: int, flat, heads, period_spans) -> Phase:
    line = doc.lines[it.line]
    text = line.text
    label = _label(m, text[at:])
    title_start = at + m.end()
    title = tidy(text[title_start:]) or None
    period = None
    # a period in the title itself ("Đợt 1: Từ nay đến …", "Giai đoạn 1 (2026 - 2027)")
    if title:
        tk = key(title)
        ym = _YEAR_RANGE.match(tk)
        paren = _PAREN_PERIOD.match(text, title_start)
        in_paren = parse_period(paren.group("p")) if paren else None
        if in_paren and (in_paren.start or in_paren.end):
            # "Giai đoạn 1 (từ tháng 3/2025 đến tháng 6/2025): Rà soát hạ tầng", "Giai đoạn 1 (năm 2026)"
            period = in_paren
            period_spans.append((line.start + paren.start("p"), line.start + paren.end("p")))
            title = tidy(text[paren.end():]) or None
        elif _PERIOD_START.match(tk) or (ym and tk.startswith("(")):
            period = parse_period(title)
            period_spans.append((line.start + title_start, line.end))
    subs = [c for c in it.children
            if c.style.startswith("multi") and c.marker.startswith(it.marker + ".")
            or (_phase_line(doc.lines[c.line].key) is not None)]
    sub_ranges = [(c.start, c.end) for c in subs]
    activities = []
    for c in it.walk():
        if c is it or any(c.start >= a and c.end <= b for a, b in sub_ranges):
            continue
        tm = _TIME_LABEL.match(key(doc.text[c.start:c.end].split("\n")[0].split(" ", 1)[-1]))
        if tm and period is None:
            ln = doc.lines[c.line]
            body = ln.text
            i = key(body).find(tm.group())
            value_start = ln.start + i + len(tm.group())
            period = parse_period(doc.text[value_start:ln.end])
            period_spans.append((value_start, ln.end))
            continue
        if c.style in ("dash", "plus"):
            activities.append(tidy(doc.text[c.start:doc.lines[c.line].end].lstrip("-–+• ")))
    if period is None:
        # "a) Thời gian: …" written without a marker, on its own line inside the phase
        for ln in doc.lines[it.line + 1:doc.line_index_at(it.end) + 1]:
            lk = ln.key.strip().lstrip("*-–abcd)")
            tm = _TIME_LABEL.match(lk.strip())
            if tm:
                i = ln.key.find(tm.group())
                period = parse_period(ln.text[i + len(tm.group()):])
                period_spans.append((ln.start + i, ln.end))
                break
    if not activities:
        # no bullets: the paragraphs under the heading are the activities
        for ln in doc.lines[it.line + 1:doc.line_index_at(it.end) + 1]:
            if ln.stripped and not any(a <= ln.start < b for a, b in sub_ranges) and not match_marker(ln.text):
                activities.append(tidy(ln.text))
    sub_phases = []
    for c in subs:
        got = _phase_line(doc.lines[c.line].key)
        if got:
            sub_phases.append(_build(doc, c, got[0], got[1], flat, heads, period_spans))
        else:
            sub_phases.append(_sub(doc, c))
    return Phase(label=label, title=title, period=period, activities=[a for a in activities if a],
                 subphases=sub_phases, span=doc.span(it.start, it.end))


def _sub(doc: Doc, it: Item) -> Phase:
    """A numbered sub-phase ("2.1. Trước khai mạc Đại hội")."""
    acts = [tidy(doc.text[c.start:doc.lines[c.line].end].lstrip("-–+• "))
            for c in it.walk() if c is not it and c.style in ("dash", "plus")]
    if not acts:
        acts = [tidy(ln.text) for ln in doc.lines[it.line + 1:doc.line_index_at(it.end) + 1] if ln.stripped]
    line = doc.lines[it.line].text
    title = tidy(line[line.find(it.marker) + len(it.marker):].lstrip(". ")) or None
    return Phase(label=it.marker, title=title, period=None, activities=[a for a in acts if a],
                 subphases=[], span=doc.span(it.start, it.end))
