"""Dated happenings in the body: anniversaries, meetings, deadlines, day ranges and periods.

Not events: the issue date, a cited document's date, a phase's period, bare years and terms
("nhiệm kỳ 2025 - 2030") — callers pass the spans to leave out.
"""

from __future__ import annotations

import re

from ..dates import QUARTER, DateMatch, find_dates, parse_period
from ..models import Event
from ..tables import EVENT_KINDS
from .base import Doc, tidy

# "kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)"
_ANNIVERSARY = re.compile(
    r"(?:kỷ niệm\s+)?(?:lần thứ\s+)?\d{1,4}\s+năm\s+(?:ngày|ngàу)\s[^()\n;]{3,160}?\(\s*"
    r"(?P<a>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s*[-–]\s*(?P<b>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s*\)")
_OPEN_START = re.compile(r"từ\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*(?:đến|-|–)\s*(?:hết\s*)?(?:ngày\s*)?$")
_KINDS = sorted(EVENT_KINDS.items(), key=lambda kv: -len(kv[0]))


# a full stop that ends a sentence: not after a capital ("TP. Hồ Chí Minh"), and a capital next
_SENTENCE_END = re.compile(r"(?<![A-ZĐ])\.\s+(?=[A-ZĐÀ-Ỹ])")


def _clause(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """The clause a date sits in: back to the last , ; ( or sentence or line start, forward to
    , ; ) or the sentence's or line's end."""
    text = doc.text
    ls = text.rfind("\n", 0, a) + 1
    ls = max([ls, *(m.end() for m in _SENTENCE_END.finditer(text, ls, a))])
    start = max(ls, *(text.rfind(c, ls, a) + 1 for c in ",;(:"))
    if a - start < 8:    # "…, ngày 26-27/12/2025" – take one clause more
        start = max(ls, *(text.rfind(c, ls, max(ls, start - 1)) + 1 for c in ",;(:"))
    le = text.find("\n", b)
    le = len(text) if le < 0 else le
    stop = _SENTENCE_END.search(text, b, le)
    le = stop.start() if stop else le
    ends = [i for i in (text.find(c, b, le) for c in ",;()") if i >= 0]
    return start, min(ends) if ends else le


def events(doc: Doc, start: int, end: int, exclude: list[tuple[int, int]]) -> list[Event]:
    text = doc.text
    taken = list(exclude)
    out: list[Event] = []
    seen: set[tuple] = set()

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(ev: Event, a: int, b: int) -> None:
        taken.append((a, b))
        sig = (ev.date, ev.end_date, ev.origin_date)
        if sig not in seen:
            seen.add(sig)
            out.append(ev)

    for m in _ANNIVERSARY.finditer(doc.key, start, end):
        if not free(*m.span()):
            continue
        ds = find_dates(text[m.start("a"):m.end("b")], m.start("a"))
        if len(ds) < 2 or not ds[0].iso or not ds[1].iso:
            continue
        name = tidy(text[m.start():m.start("a")].rstrip(" ("))
        add(Event(name=name, kind="anniversary", date=ds[1].iso, origin_date=ds[0].iso,
                  span=doc.span(m.start(), m.end())), m.start(), m.end())

    # "Quý II/2026": a quarter is a period of its own
    for m in QUARTER.finditer(text, start, end):
        if free(*m.span()):
            a, b = parse_period(m.group())
            ca, cb = _clause(doc, m.start(), m.end())
            add(Event(name=tidy(text[ca:cb]) or m.group(), kind="period", date=a, end_date=b,
                      span=doc.span(m.start(), m.end())), m.start(), m.end())

    hits = [d for d in find_dates(text[start:end], start) if d.iso and free(d.start, d.end)]
    i = 0
    while i < len(hits):
        d = hits[i]
        a, b = d.start, d.end
        end_iso = d.end_iso
        kind = "range" if d.form == "range" else None
        # "từ 01/3/2025 đến 30/4/2025": a period with two ends
        if i + 1 < len(hits) and re.fullmatch(r"\s*(?:đến|-|–)\s*(?:ngày\s*)?", doc.key[b:hits[i + 1].start]):
            end_iso, b, kind = hits[i + 1].iso, hits[i + 1].end, "period"
            i += 1
        # "từ ngày 01/01 đến ngày 15/02/2026": the start without its year, just before
        lead = _OPEN_START.search(doc.key, max(start, a - 30), a)
        if lead and kind is None:
            p_start, p_end = parse_period(text[lead.start():b])
            if p_start and p_end:
                d, a, end_iso, kind = DateMatch(lead.start(), b, p_start), lead.start(), p_end, "period"
        ca, cb = _clause(doc, a, b)
        clause_key = doc.key[ca:cb]
        if kind is None:
            kind = next((k for w, k in _KINDS if w in clause_key), "date")
        if d.form == "month" and kind == "date" and not re.search(r"(?:trong|vào|cuối|đầu|giữa)\s+(?:tháng)", doc.key[max(ca, a - 12):b]):
            kind = "period" if re.search(r"từ|đến", clause_key) else "date"
        name = tidy(text[ca:cb]) or tidy(text[a:b])
        add(Event(name=name, kind=kind, date=d.iso, end_date=end_iso, span=doc.span(a, b)), a, b)
        i += 1
    return sorted(out, key=lambda e: e.span.start if e.span else 0)   # in reading order
