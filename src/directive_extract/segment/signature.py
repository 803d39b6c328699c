"""The signature block: authority marks in printed order, the position, the signer."""

from __future__ import annotations

import re

from ..models import Authority, Signature
from ..normalize import key
from ..tables import AUTHORITY_MARKS, TITLE_WORDS
from .base import Doc, is_upper
from .names import position_case, vi_case

_MARK = re.compile(r"(?<![\w/])(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^[\[(].*[\])]$|^(?:đã ký|ký|chữ ký|\(ký)", re.IGNORECASE)


def _is_name(s: str) -> bool:
    """A person's name: two to six words, each capitalised, letters only."""
    words = s.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
_TITLE_KEYS = tuple(key(t) for t in TITLE_WORDS)
_APPENDIX = re.compile(r"^\s*(?:PHỤ LỤC|Phụ lục|DANH SÁCH|DANH MỤC)\b")


def _is_title(s: str) -> bool:
    k = key(s)
    return any(re.search(r"(?<!\w)" + re.escape(t) + r"(?!\w)", k) for t in _TITLE_KEYS)


def _marks(s: str) -> list[Authority] | None:
    """"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ" → authorities; None if no mark leads."""
    if not _MARK.match(s.strip()):
        return None
    parts = _MARK.split(s.strip())
    out = []
    for mark, of in zip(parts[1::2], parts[2::2]):
        canon = AUTHORITY_MARKS.get(key(re.sub(r"\s+", "", mark)))
        if canon:
            of = of.strip(" .,")
            out.append(Authority(mark=canon, of=(position_case(of) if _is_title(of) else vi_case(of)) if of else None))
    return out or None


def signature(doc: Doc, start_line: int, skip: set[int]) -> Signature | None:
    """Search from `start_line` to the end (or an appendix), passing over the lines in `skip`
    (the distribution list, which sits beside the signature in the layout)."""
    lines = doc.lines
    end_line = len(lines)
    for i in range(start_line, len(lines)):
        if i > start_line and _APPENDIX.match(lines[i].text) and i not in skip:
            end_line = i
            break
    idx = [i for i in range(start_line, end_line) if lines[i].stripped and i not in skip]
    authority: list[Authority] = []
    position = signer = None
    first = last = None
    n = 0
    # authority marks
    while n < len(idx):
        got = _marks(lines[idx[n]].stripped)
        if got is None:
            if authority:
                break
            n += 1
            continue
        if first is None:
            first = idx[n]
        authority.extend(got)
        last = idx[n]
        n += 1
    if not authority:
        n = 0
    # position: upper-case title lines after the marks (or, with no mark, before the name)
    pos_lines: list[int] = []
    m = n
    while m < len(idx):
        s = lines[idx[m]].stripped
        # right under the marks the first upper-case line is the title even when OCR garbled it
        if is_upper(s) and len(s) < 80 and (_is_title(s) or (authority and not pos_lines and m == n)):
            pos_lines.append(idx[m])
            m += 1
            continue
        if pos_lines or authority:
            break
        m += 1
    if pos_lines:
        position = position_case(" ".join(lines[i].stripped for i in pos_lines))
        first = first if first is not None else pos_lines[0]
        last = pos_lines[-1]
        n = m
    elif authority and authority[-1].mark == "Q" and authority[-1].of:
        # "Q. GIÁM ĐỐC" with no title of its own under it: the signer is the acting head
        position = "Quyền " + authority[-1].of
    # signer: the first name-like line after
    for j in idx[n:] if (authority or pos_lines) else reversed(idx):
        s = lines[j].stripped.strip("*_ ")
        if _PLACEHOLDER.match(s):
            if "họ" in key(s) and "tên" in key(s):
                break
            continue
        if _is_name(s) and not _is_title(s) and not _MARK.match(s):
            signer = s if not is_upper(s) else " ".join(w.capitalize() for w in s.split())
            first = first if first is not None else j
            last = j
            break
        if authority or pos_lines:
            continue
        break
    if first is None:
        return None
    span = doc.span(lines[first].start, lines[last].end)
    return Signature(authority=authority, position=position, signer=signer, span=span)
