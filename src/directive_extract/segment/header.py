"""The header block: document type, number, issuer, place and date, subject.

Follows the boxes of Nghị định 30/2020 (Phụ lục I) and Hướng dẫn 36-HD/VPTW: issuer top left,
national heading and place/date top right, number under the issuer, type name and subject
below.  Where the header was lost (text copied out of a table), the issuer is read from the
sentence in which the document names itself ("Ban Thường vụ Đảng ủy … đề nghị").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..dates import FULL, _full
from ..models import DocumentNumber, DocumentType, IssuedDate, Issuer, Signature, Warning
from ..normalize import key
from ..tables import (ADMIN_LEVELS, DOCUMENT_TYPES, ISSUER_VERBS, LEGAL_BASIS_OPENINGS, NATIONAL_HEADINGS,
                      PARTY_COMMITTEES, PARTY_MARKERS, PARTY_ORGANS, STATE_MARKERS, TYPE_CODE_ALIASES, TYPE_NAMES)
from .base import Doc, is_upper, tidy
from .names import read_unit, starts_with_unit, vi_case

# Party: "Số 36-HD/VPTW", "Số -CV/ĐU", "Số 12 -KH/ĐU".  State: "Số: 12/QĐ-UBND", "Số: 05/2021/NĐ-CP",
# "Số:      /KH-UBND", "Số: 345/UBND-VX".  A colon is optional in both.
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
# a blank serial may be spaces, dots or an ellipsis ("Số: …../KH-UBND")
PARTY_NUMBER = re.compile(
    rf"(?<!\w)Số\s*:?\s*(?P<serial>\d{{0,6}})[\s.…_]*-\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{{0,4}})\s*/\s*"
    rf"(?P<issuer>{_CODE}(?:\s*-\s*{_CODE})*)")
STATE_NUMBER = re.compile(
    rf"(?<!\w)Số\s*:?\s*(?P<serial>\d{{0,6}})[\s.…_]*/\s*(?:(?P<year>\d{{4}})\s*/\s*)?"
    rf"(?P<codes>{_CODE}(?:\s*-\s*{_CODE})*)")
_SUBJECT_START = re.compile(r"^(?:V/v|V/V|v/v|Về việc|về việc)\s*:?\s*", re.UNICODE)
_RULE = re.compile(r"^[\s*_\-–—=.·•]*$")
_TITLE_RULE = re.compile(r"^[-_–—=]{3,}$")      # the line under a title block, not the "*" under the issuer
_OPENINGS = tuple(sorted(LEGAL_BASIS_OPENINGS, key=len, reverse=True))
_TYPE_KEYS = sorted(DOCUMENT_TYPES, key=len, reverse=True)
_PLACE_NAME = re.compile(r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]"
                         r"[\wÀ-ỹ]*(?:[ \t]+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ0-9]"
                         r"[\wÀ-ỹ]*)*")


@dataclass(frozen=True)
class Header:
    document_type: DocumentType | None
    number: DocumentNumber | None
    issuer: Issuer | None
    place: str | None
    issued_date: IssuedDate | None
    subject: str | None
    subject_span: tuple[int, int] | None
    body_start: int                 # offset where the body (after header, title, Kính gửi) begins
    warnings: tuple[Warning, ...] = ()


def _is_opening(k: str) -> bool:
    k = k.lstrip("-–+• ")
    return any(k.startswith(o + " ") for o in _OPENINGS)


def _type_name(k: str, s: str) -> str | None:
    """The type name a line is ("KẾ HOẠCH", "GIẤY MỜI HỌP", "CHƯƠNG TRÌNH HÀNH ĐỘNG"): upper case,
    a type name alone or with a few words after it."""
    if not is_upper(s):
        return None
    return next((t for t in _TYPE_KEYS if k == t or (k.startswith(t + " ") and len(k) <= len(t) + 12)), None)


def header_end(doc: Doc) -> int:
    """Index of the first line past the header zone: the Kính gửi line, a legal-basis opening,
    an outline heading, or a long body paragraph."""
    previous = None
    titled = 0          # lines read since the type name ("GIẤY MỜI", "KẾ HOẠCH" …)
    for n, i in enumerate(doc.nonblank):
        line = doc.lines[i]
        k = line.key.strip().lstrip("-–+• ")
        if k.startswith("kính gửi") or (_is_opening(k) and titled != 1):   # right under the type name an
            return i                                                          # opening is the title
        s = line.stripped
        after_blank = i > 0 and not doc.lines[i - 1].stripped
        if titled >= 2 and s[:1].isupper() and not is_upper(s) and (
                (after_blank and (len(s) > 60 or s.endswith("."))) or (s.endswith(":") and len(s.split()) >= 4)):
            return i          # a sentence after the type name, the title and a blank line: the body
        titled = titled + 1 if titled or _type_name(k, s) else 0
        if previous is not None and _TITLE_RULE.match(previous.stripped) and not is_upper(line.stripped) and n > 3:
            return i          # the rule under the title block ("-----") ends the header
        previous = line
        if re.match(r"^(?:[ivx]+|\d+)[.\-]\s", k) and n > 0:
            return i
        if len(line.stripped) > 160 and not _SUBJECT_START.match(line.stripped):
            return i
        if n >= 40:
            return i
    return len(doc.lines)


def _strip_headings(text: str) -> str:
    """Remove national headings glued to a header line by a column merge."""
    k = key(text)
    for h in NATIONAL_HEADINGS:
        i = k.find(h)
        if i >= 0:
            text = text[:i] + " " * len(h) + text[i + len(h):]
            k = key(text)
    return text


def find_number(doc: Doc, stop: int) -> tuple[DocumentNumber | None, Warning | None]:
    for i in range(min(stop + 1, len(doc.lines))):
        line = doc.lines[i]
        m = PARTY_NUMBER.search(line.text) or STATE_NUMBER.search(line.text)
        if not m:
            continue
        start, end = line.start + m.start(), line.start + m.end()
        symbol = "".join(doc.text[start:end].split())
        symbol = re.sub(r"[.…_]", "", re.sub(r"^Số:?", "", symbol))   # a blank's dots are no part of it
        serial = m.group("serial") or None
        if m.re is PARTY_NUMBER:
            type_code = TYPE_CODE_ALIASES.get(m.group("type").upper(), m.group("type"))
            issuer_code = "".join(m.group("issuer").split())
            year = None
        else:
            codes = "".join(m.group("codes").split()).split("-")
            year = m.group("year")
            first = TYPE_CODE_ALIASES.get(codes[0].upper())
            legal = codes[0] if year and len(codes) > 1 else None
            type_code = first if first and len(codes) > 1 else legal
            issuer_code = "-".join(codes[1:]) if type_code else "-".join(codes)
        number = DocumentNumber(text=symbol, serial=serial, year=year, type_code=type_code,
                                issuer_code=issuer_code or None, span=doc.span(start, end))
        warning = None
        if serial is None:
            warning = Warning(code="blank_serial",
                              message=f"the document number {symbol!r} has no serial (unsigned draft?)")
        return number, warning
    return None, None


def find_type_line(doc: Doc, stop: int) -> tuple[str, int, int] | None:
    """An upper-case type name line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "GIẤY MỜI HỌP") in the header zone."""
    for i in range(min(stop + 3, len(doc.lines))):
        line = doc.lines[i]
        s = line.stripped.rstrip(":").strip()
        name = _type_name(key(s), s) if s else None
        if name:
            start = line.start + line.text.index(s[0])
            return DOCUMENT_TYPES[name], start, start + len(s)
    return None


def find_date(doc: Doc, stop: int) -> tuple[str | None, IssuedDate | None]:
    for i in range(min(stop + 1, len(doc.lines))):
        line = doc.lines[i]
        region_end = line.end
        if _CUT_DATE.search(line.text) and i + 1 < len(doc.lines):
            region_end = doc.lines[i + 1].end    # a narrow column wrapped the date: "… năm" / "2026"
        m = FULL.search(doc.text, line.start, region_end)
        if not m or m.start() >= line.end:
            continue
        before = doc.text[line.start:m.start()]
        if before.strip() and not before.rstrip().endswith(","):
            continue          # "ngày" inside a sentence, not the place/date line
        place = _place(before)
        return place, IssuedDate(text=" ".join(m.group().split()), date=_full(m), span=doc.span(m.start(), m.end()))
    return None, None


_CUT_DATE = re.compile(r"ngày\s*\d{0,2}\s*(?:tháng\s*\d{0,2}\s*(?:năm\s*)?)?$", re.IGNORECASE)


def _place(before: str) -> str | None:
    s = _strip_headings(before).rstrip().rstrip(",")
    for rx in (PARTY_NUMBER, STATE_NUMBER):
        s = rx.sub(" ", s)
    s = s.replace("*", " ").strip(" .-–")
    names = _PLACE_NAME.findall(s)
    if not names:
        return None
    place = names[-1].strip()
    # "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh": a level word before the name belongs to it
    m = re.search(r"((?:Thành phố|Thị xã|Thị trấn|TP\.)\s*)" + re.escape(place) + "$", s)
    return (m.group(1) + place) if m else place


def find_subject(doc: Doc, first: int, stop: int, skip_prefix: bool) -> tuple[str, int, int] | None:
    """The subject from line `first`: it runs on over the following short lines until a stop."""
    lines = doc.lines
    parts: list[tuple[int, int]] = []
    i = first
    blank = False
    while i < min(len(lines), stop + 1) and len(parts) < 5:
        line = lines[i]
        s = line.stripped
        if not s:
            blank = True
            i += 1
            continue
        k = key(s)
        # after a blank line, a capitalised sentence is the body ("Ngày 05/9/2025, …"), not the title
        body = (blank and s[:1].isupper() and not is_upper(s) and len(s) > 90) or \
            (s.endswith(":") and len(s.split()) >= 4 and not is_upper(s))   # "… trân trọng kính mời:"
        blank = False
        if parts and (body or k.startswith("kính gửi") or _is_opening(k) or FULL.search(s)
                      or _RULE.match(s) or any(h in k for h in NATIONAL_HEADINGS)
                      or PARTY_NUMBER.search(s) or STATE_NUMBER.search(s)
                      or (is_upper(s) and not is_upper(doc.text[parts[0][0]:parts[0][1]]))
                      or len(s) > 200 or re.match(r"^(?:[ivx]+|\d+)[.\-]\s", k)):
            break
        parts.append((line.start + line.text.index(s[0]), line.end))
        i += 1
    if not parts:
        return None
    start, end = parts[0][0], parts[-1][1]
    text = " ".join(doc.text[a:b].strip() for a, b in parts)
    if skip_prefix:
        m = _SUBJECT_START.match(text)
        if m:
            text = text[m.end():]
            start += m.end()
    text = tidy(text)
    return (text, start, end) if text else None


_HEADING_RES = tuple(re.compile(r"\s+".join(map(re.escape, h.split()))) for h in NATIONAL_HEADINGS)


def _blank_headings(doc: Doc, end: int) -> str:
    """The text up to `end` with the national headings blanked, also where a narrow column
    wrapped them over two lines ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM")."""
    chars = list(doc.text[:end])
    for rx in _HEADING_RES:
        for m in rx.finditer(doc.key, 0, end):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def _issuer_lines(doc: Doc, stop: int) -> list[tuple[int, int, str]]:
    """Upper-case lines at the top that name the issuer (national headings and rules removed)."""
    out = []
    top = _blank_headings(doc, doc.lines[min(stop, len(doc.lines) - 1)].end if doc.lines else 0)
    for i in range(min(stop, len(doc.lines))):
        line = doc.lines[i]
        s = top[line.start:line.end]
        if PARTY_NUMBER.search(s) or STATE_NUMBER.search(s) or FULL.search(s):
            if out:
                break
            continue
        stripped = s.strip(" *_-–—")
        if not stripped:
            continue
        k = key(stripped)
        if any(k == name or k.startswith(name + " ") for name in _TYPE_KEYS) and out:
            break
        if not is_upper(stripped) or len(stripped) > 90:
            if out:
                break
            continue
        if any(k == name for name in _TYPE_KEYS):
            break
        a = line.start + s.index(stripped)
        out.append((a, a + len(stripped), stripped))
    return out


def _issuer_from_header(doc: Doc, stop: int) -> Issuer | None:
    lines = _issuer_lines(doc, stop)
    if not lines:
        return None
    # A line starting with a level ("TỈNH LÀO CAI") or the previous ending with "VÀ" continues a name.
    merged: list[tuple[int, int, str]] = []
    for a, b, s in lines:
        k = key(s)
        continues = any(k.startswith(lv + " ") for lv in ADMIN_LEVELS) and not starts_with_unit(k)  # not "HUYỆN ỦY …"
        if merged and (continues or key(merged[-1][2]).endswith(" và")):
            pa, _, ps = merged[-1]
            merged[-1] = (pa, b, ps + " " + s)
        else:
            merged.append((a, b, s))
    a, b, name = merged[-1]
    parent = vi_case(merged[-2][2]) if len(merged) > 1 else None
    name = vi_case(name)
    if parent and _organ_of_committee(key(name), key(parent)):
        name, a = f"{name} {parent}", merged[-2][0]     # the evidence is both lines
    return Issuer(name=name, parent=parent, system=None, span=doc.span(a, b))


def _organ_of_committee(name_k: str, parent_k: str) -> bool:
    """"Ban Tuyên giáo" printed under "Tỉnh ủy Nghệ An": the organ is named with its committee."""
    return (name_k.startswith(PARTY_ORGANS) and not any(c in name_k for c in PARTY_COMMITTEES)
            and parent_k.startswith(PARTY_COMMITTEES))


_ISSUER_VERB = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(ISSUER_VERBS, key=len, reverse=True)))
                          + r")(?!\w)")


def _issuer_from_body(doc: Doc, start: int, end: int) -> Issuer | None:
    """"…, Ban Thường vụ Đảng ủy phường X đề nghị …": the unit that opens the clause of a verb of issuing."""
    k = doc.key
    for m in _ISSUER_VERB.finditer(k, start, end):
        if k[m.end():m.end() + 6].strip().startswith(("số", "của")):
            continue
        clause_start = max(k.rfind(c, start, m.start()) for c in (",", ";", ":", ".", "\n", "(")) + 1
        clause_start += len(doc.text[clause_start:m.start()]) - len(doc.text[clause_start:m.start()].lstrip())
        unit = read_unit(doc.text, clause_start) if starts_with_unit(k[clause_start:m.start()]) else None
        if unit is None:
            continue
        ua, ub = unit
        if ub < m.start() - 1 or re.search(r"\b(?:về|của|số|ngày)\b", key(doc.text[ua:ub])):
            continue
        return Issuer(name=_complete_place(doc, doc.text[ua:ub].strip()), span=doc.span(ua, ub))
    return None


def _complete_place(doc: Doc, name: str) -> str:
    """"UBND thành phố" → "UBND thành phố Hòa Bình" when the document names that one place."""
    k = key(name)
    level = next((lv for lv in sorted(ADMIN_LEVELS, key=len, reverse=True) if k.endswith(" " + lv)), None)
    if level is None:
        return name
    names: Counter[str] = Counter()
    for m in re.finditer(r"(?<!\w)" + re.escape(level) + r"\s+", doc.key):
        tail = _PLACE_NAME.match(doc.text, m.end())
        if tail and tail.group().split()[0] not in ("Đảng", "Ủy", "UBND"):
            names[tail.group().strip()] += 1
    if not names:
        return name
    place, _ = names.most_common(1)[0]
    return f"{name} {place}"


def _system(doc: Doc, number: DocumentNumber | None, issuer: Issuer | None, top: str) -> str | None:
    tk = key(top)
    if "đảng cộng sản việt nam" in tk:
        return "party"
    if "cộng hòa xã hội chủ nghĩa" in tk:
        return "state"
    if number is not None:
        if PARTY_NUMBER.search("Số " + number.text):
            return "party"
        return "state"
    if issuer is not None:
        ik = key(issuer.name) + " "
        if any(m in ik for m in PARTY_MARKERS):
            return "party"
        if any(m in ik for m in STATE_MARKERS):
            return "state"
    return None


def extract_header(doc: Doc, *, stop: int | None = None, preamble_end: int | None = None,
                   body_end: int | None = None, signature: Signature | None = None) -> Header:
    """All header fields.  The issuer comes from the header block; failing that from the sentence
    in which the opening (up to `preamble_end`) or the closing (before `body_end`) names it; failing
    that from the collective the signature acts for ("TM. ỦY BAN NHÂN DÂN")."""
    stop = header_end(doc) if stop is None else stop
    warnings: list[Warning] = []
    number, warning = find_number(doc, stop)
    if warning:
        warnings.append(warning)
    type_line = find_type_line(doc, stop)
    place, issued = find_date(doc, stop)

    # Subject: "V/v …" for a công văn, else the lines under the type name.
    subject = None
    vv = next((i for i in range(min(stop + 1, len(doc.lines)))
               if _SUBJECT_START.match(doc.lines[i].stripped) and doc.lines[i].stripped[:3].lower() == "v/v"),
              None)
    if vv is not None:
        subject = find_subject(doc, vv, stop, skip_prefix=True)
    elif type_line is not None:
        ti = doc.line_index_at(type_line[1])
        nxt = next((i for i in range(ti + 1, min(stop + 3, len(doc.lines))) if doc.lines[i].stripped), None)
        if nxt is not None:
            subject = find_subject(doc, nxt, stop + 2, skip_prefix=False)

    # Type: the printed type name, else the symbol's code, else a công văn by its V/v or Kính gửi.
    doc_type = None
    if type_line is not None:
        code, a, b = type_line
        if number and number.type_code in ("QĐ", "QĐi", "QyĐ") and code in ("QĐ", "QyĐ"):
            code = number.type_code
        doc_type = DocumentType(code=code, name=TYPE_NAMES.get(code, code), span=doc.span(a, b))
    elif number is not None and number.type_code in TYPE_NAMES:
        doc_type = DocumentType(code=number.type_code, name=TYPE_NAMES[number.type_code], span=number.span)
    elif vv is not None or any(doc.lines[i].key.lstrip("-–• ").startswith("kính gửi")
                               for i in range(min(stop + 1, len(doc.lines)))):
        line = doc.lines[vv] if vv is not None else doc.lines[stop]
        a = line.start + line.text.index(line.stripped[:1]) if line.stripped else line.start
        doc_type = DocumentType(code="CV", name="Công văn", span=doc.span(a, a + min(3, len(line.stripped))))

    issuer = _issuer_from_header(doc, stop)
    body_start = doc.lines[stop].start if stop < len(doc.lines) else len(doc.text)
    end = len(doc.text) if body_end is None else body_end
    if issuer is None:
        issuer = _issuer_from_body(doc, body_start, preamble_end or end)
    if issuer is None:
        issuer = _issuer_from_body(doc, max(body_start, end - 1500), end)
    if issuer is None and signature and signature.authority and signature.authority[0].mark == "TM" \
            and signature.authority[0].of:
        issuer = Issuer(name=signature.authority[0].of, span=signature.span)
    top = doc.text[:body_start]
    if issuer is not None:
        issuer = issuer.model_copy(update={"system": _system(doc, number, issuer, top)})

    return Header(
        document_type=doc_type, number=number, issuer=issuer, place=place, issued_date=issued,
        subject=subject[0] if subject else None, subject_span=(subject[1], subject[2]) if subject else None,
        body_start=body_start, warnings=tuple(warnings))
