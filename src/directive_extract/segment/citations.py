"""Cited documents: "<Loại văn bản> số <số ký hiệu>, ngày <ngày> của <cơ quan> về <trích yếu>".

Every document cited anywhere (body and footnotes) is listed once; those in the opening
"Căn cứ …", "Thực hiện …", "Xét đề nghị …" paragraphs are also the legal bases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import DMY, FULL, _full, find_dates, iso
from ..models import Reference
from ..normalize import key
from ..tables import DOCUMENT_TYPES, LEGAL_BASIS_OPENINGS, LEGAL_TYPES, TYPE_CODE_ALIASES, TYPE_NAMES
from .base import Doc, tidy
from .names import starts_with_unit

_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
# "36-HD/VPTW", "12 -KH/ĐU", "72- KH/TU" (a wrap at the hyphen), "08-QĐi/TW", "…/HDLN-BCA-BQP".
PARTY_SYMBOL = rf"\d{{1,5}}\s*-\s*[A-ZĐ][A-Za-zĐđ]{{0,4}}\s*/\s*{_CODE}(?:-{_CODE})*"
# "12/QĐ-UBND", "05/2021/NĐ-CP", "15/2012/QH13", "345/UBND-VX".
STATE_SYMBOL = rf"\d{{1,5}}\s*/\s*(?:\d{{4}}\s*/\s*{_CODE}(?:-{_CODE})*|{_CODE}(?:-{_CODE})+)"
SYMBOL = re.compile(rf"(?<![\w/-])(?:{PARTY_SYMBOL}|{STATE_SYMBOL})(?![\w/])")

_TYPE_WORDS = sorted({*DOCUMENT_TYPES, *LEGAL_TYPES}, key=len, reverse=True)
_TYPE_BEFORE = re.compile(r"(?<!\w)(?P<type>" + "|".join(map(re.escape, _TYPE_WORDS)) + r")"
                          r"(?:\s+(?:liên tịch|số|liên ngành|hướng dẫn))?\s*(?:số\s*:?\s*)?$")
# "Luật Ngân sách nhà nước số 83/2015/QH13": a law's name stands between its type and number.
_NAMED_LAW = re.compile(r"(?<!\w)(?P<type>bộ luật|luật|pháp lệnh|hiến pháp)\s[^,;.()\n]{0,80}?\s+số\s*:?\s*$")
# "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": cited by name and date, no number.
UNNUMBERED_LAW = re.compile(r"(?<!\w)(?:bộ luật|luật|pháp lệnh|hiến pháp|điều lệ)\s[^,;()\n]{3,120}?\s(?:ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|ngày\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|năm\s*\d{4})")
_AFTER = re.compile(
    r"\s*,?\s*(?:(?:ban hành\s+)?ngày\s*(?P<dmy>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})"
    r"|(?P<full>ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}))?")
_ISSUER = re.compile(r"\s*,?\s*của\s+(?P<issuer>[^;,()“”\"]{3,120}?)(?=\s+(?:về|v/v|quy định|hướng dẫn|ban hành|phê duyệt)\b|\s+và\s+(?:" + "|".join(map(re.escape, _TYPE_WORDS)) + r")\b|[;,()“”\"]|\.(?:\s|$)|$)")
_SUBJECT = re.compile(r"\s*,?\s*(?P<subject>(?:về|v/v|quy định|hướng dẫn|ban hành|phê duyệt)\b[^;]{3,300}?)(?=;|\.(?:\s|$)|\n|$|,\s*(?:\S+\s+){0,6}(?:số\s+)?\d)")
_OPENINGS = tuple(sorted((o for o in LEGAL_BASIS_OPENINGS if len(o.split()) > 1 or o in ("căn cứ",)),
                         key=len, reverse=True))


@dataclass(frozen=True)
class Citation:
    reference: Reference
    start: int
    end: int
    key: str     # the number without spaces, upper case: one citation per document


def symbol_key(symbol: str) -> str:
    return "".join(symbol.split()).upper()


def _type_for(type_word: str | None, symbol: str) -> str | None:
    if type_word:
        k = key(type_word)
        if k in DOCUMENT_TYPES:
            return TYPE_NAMES[DOCUMENT_TYPES[k]]
        return LEGAL_TYPES.get(k, type_word)
    m = re.match(r"\d+\s*-\s*([A-Za-zĐđ]+)/", symbol)
    code = m.group(1) if m else None
    if code is None:
        parts = re.split(r"[/-]", "".join(symbol.split()))
        code = parts[1] if len(parts) > 2 else None
    canon = TYPE_CODE_ALIASES.get((code or "").upper())
    return TYPE_NAMES.get(canon) if canon else None


def find_citations(doc: Doc, start: int = 0, end: int | None = None, *, own: str | None = None) -> list[Citation]:
    """Every cited document in text[start:end], in order; the document's own number excluded."""
    end = len(doc.text) if end is None else end
    text, k = doc.text, doc.key
    out: list[Citation] = []
    for m in SYMBOL.finditer(text, start, end):
        symbol = "".join(m.group().split())
        if own and symbol_key(symbol) == symbol_key(own):
            continue
        if re.match(r"\d{1,2}/\d{1,2}-", symbol):      # part of a date range, not a symbol
            continue
        a, b = m.start(), m.end()
        before = _TYPE_BEFORE.search(k, max(0, a - 40), a)
        law_name = None
        if before is None and (before := _NAMED_LAW.search(k, max(0, a - 100), a)):
            # "Luật Ngân sách nhà nước số 83/2015/QH13": the law's name is its subject
            law_name = tidy(re.sub(r"\s+số\s*:?\s*$", "", text[before.end("type"):a], flags=re.IGNORECASE)) or None
        type_word = text[before.start("type"):before.end("type")] if before else None
        if before:
            a = before.start()
        pos = b
        date = None
        da = _AFTER.match(k, pos)
        if da and (da.group("dmy") or da.group("full")):
            if da.group("dmy"):
                dm = DMY.search(text, da.start("dmy"), da.end("dmy"))
                date = iso(dm.group("y"), dm.group("m"), dm.group("d")) if dm else None
            else:
                fm = FULL.search(text, da.start("full"), da.end("full"))
                date = _full(fm) if fm else None
            pos = da.end()
        issuer = None
        im = _ISSUER.match(k, pos)
        if im:
            issuer = tidy(text[im.start("issuer"):im.end("issuer")])
            pos = im.end("issuer")
        subject = law_name
        sm = None if law_name else _SUBJECT.match(k, pos)
        if sm:
            stop = sm.end("subject")
            for cm in re.finditer(r",\s+(?=[A-ZĐ])", text[sm.start("subject"):stop]):
                after = sm.start("subject") + cm.end()
                if starts_with_unit(k[after:after + 40]):   # ", Sở X hướng dẫn …": the sentence's own subject
                    stop = sm.start("subject") + cm.start()
                    break
            subject = tidy(text[sm.start("subject"):stop].strip(" “”\""))
            pos = stop
        ref = Reference(document_type=_type_for(type_word, symbol), number=symbol, date=date,
                        issuer=issuer, subject=subject, span=doc.span(a, max(pos, b)))
        out.append(Citation(ref, a, max(pos, b), symbol_key(symbol)))
    return out


def unnumbered_spans(doc: Doc, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Laws cited by name and date only: not documents with a number, but their dates are no events."""
    return [m.span() for m in UNNUMBERED_LAW.finditer(doc.key, start, len(doc.text) if end is None else end)]


def unique(citations: list[Citation]) -> list[Reference]:
    """One reference per number; the mention with the most detail wins, first position kept."""
    best: dict[str, Citation] = {}
    order: list[str] = []
    for c in citations:
        if c.key not in best:
            order.append(c.key)
            best[c.key] = c
            continue
        have = best[c.key].reference
        new = c.reference
        score = lambda r: sum(v is not None for v in (r.date, r.issuer, r.subject, r.document_type))
        if score(new) > score(have):
            best[c.key] = c
    return [best[k].reference for k in order]


def _unnumbered_law(doc: Doc, m: re.Match) -> Citation:
    """"Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": the law's name is its
    subject; it has no number, so it is keyed by its name."""
    text = doc.text[m.start():m.end()]
    type_m = re.match(r"(bộ luật|luật|pháp lệnh|hiến pháp|điều lệ)\s", key(text))
    type_word = text[:type_m.end(1)]
    tail = re.search(r"\s(?:ngày\s*\d|năm\s*\d{4}$)", key(text))
    name = tidy(text[type_m.end():tail.start()]) if tail else None
    dates = find_dates(text[tail.start():]) if tail else []
    date = dates[0].iso if dates else None
    if date is None and tail and (y := re.search(r"\d{4}$", text)):
        date = y.group()
    ref = Reference(document_type=LEGAL_TYPES.get(key(type_word), type_word), number=None, date=date,
                    subject=name, span=doc.span(m.start(), m.end()))
    return Citation(ref, m.start(), m.end(), "law:" + key(text[:tail.start()] if tail else text))


def legal_bases(doc: Doc, citations: list[Citation], start: int, end: int,
                title: tuple[int, int] | None = None) -> list[Reference]:
    """Numbered documents cited in the opening paragraphs that begin with "Căn cứ", "Thực hiện",
    "Xét đề nghị"…, in order (a law cited by name only is in `cited_laws`); a title that itself
    opens so ("CHƯƠNG TRÌNH HÀNH ĐỘNG / thực hiện Nghị quyết số …") names a basis too."""
    out: list[Citation] = []
    if title and any(doc.key[title[0]:title[1]].startswith(o + " ") for o in _OPENINGS):
        out.extend(c for c in citations if title[0] <= c.start < title[1])
    for line in doc.lines:
        if line.end <= start or line.start >= end:
            continue
        k = line.key.strip().lstrip("-–+•* ")
        if any(k.startswith(o) for o in _OPENINGS):
            out.extend(c for c in citations if line.start <= c.start < line.end)
    return unique(out)


def cited_laws(doc: Doc, citations: list[Citation], start: int, end: int) -> list[Reference]:
    """Laws, codes and ordinances cited by name and date only ("Căn cứ Luật Tổ chức chính quyền
    địa phương ngày 19 tháng 6 năm 2015"): no number to key them by, so they have a list of their
    own beside `cited_documents`; once each, in order."""
    seen, out = set(), []
    for m in UNNUMBERED_LAW.finditer(doc.key, start, end):
        if any(c.start < m.end() and m.start() < c.end for c in citations):
            continue
        law = _unnumbered_law(doc, m)
        if law.key not in seen:
            seen.add(law.key)
            out.append(law.reference)
    return out
