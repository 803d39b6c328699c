"""Who must do what: the "TỔ CHỨC THỰC HIỆN" section's unit headings and their tasks, and
assignments in running text ("Giao X chủ trì, phối hợp với Y …", "X có trách nhiệm …",
"X chịu trách nhiệm thi hành …", "Chỉ đạo X …")."""

from __future__ import annotations

import re

from ..dates import find_dates
from ..models import Responsibility
from ..normalize import key
from ..tables import CLOSING_PHRASES, RESPONSIBILITY_HEADINGS
from .base import Doc, tidy
from .names import read_unit, starts_with_unit
from .outline import Item
from ..nlp import sentences

# Words that name no particular unit on their own ("các cơ quan", "đơn vị").
_GENERIC = frozenset({"cơ quan", "đơn vị", "địa phương", "các cơ quan", "các đơn vị", "các địa phương",
                      "các cơ quan liên quan", "các đơn vị liên quan", "các cơ quan, đơn vị", "các ngành",
                      "các cấp", "các cơ quan chuyên trách", "người đứng đầu", "người đứng đầu cấp ủy",
                      "lãnh đạo", "thường trực", "các tổ chức", "tổ chức"})


def _specific(name: str) -> bool:
    """Not a catch-all such as "các tổ chức, cá nhân có liên quan"."""
    k = key(name).strip()
    return (bool(k) and k not in _GENERIC and not k.startswith("người đứng đầu")
            and not re.match(r"(?:các\s+)?(?:tổ chức|cơ quan|đơn vị|cá nhân)\b.*liên quan$", k))


_PARTNER = re.compile(r"(?:phối hợp|kết hợp)\s+(?:chặt chẽ\s+)?(?:với\s+)?")
_DEADLINE = re.compile(r"(?:trước|chậm nhất|hoàn thành trước|xong trước|trong)\s+(?:ngày|tháng)\s")
_LEAD = (
    # (pattern on the key, where the unit is: "after" the cue or "before" it)
    (re.compile(r"(?<!\w)giao\s+(?:cho\s+)?"), "after"),
    (re.compile(r"(?<!\w)chỉ đạo\s+(?!thực hiện|tổ chức|triển khai|các cấp|,)"), "after"),
    (re.compile(r"(?<!\w)đề nghị\s+(?!các cơ quan, đơn vị, địa phương triển khai)"), "after"),
    (re.compile(r"\s(?:có trách nhiệm|chịu trách nhiệm|chủ trì|tham mưu|phối hợp với|kết hợp với)(?!\w)"), "before"),
    # a numbered item that opens with a unit and its verb: "5. Trung tâm Dịch vụ … bám sát …"
    (re.compile(r"^\s*(?:\d{1,2}|[a-zđ])\s*[.)\-]\s+"), "after"),
)


def _strip_request(title: str) -> str:
    """"Đề nghị UBMTTQVN và các đoàn thể" → the unit; "Giao Sở X" → "Sở X"."""
    t = tidy(title)
    t = re.sub(r"^(?:Đề nghị|đề nghị|Giao|giao|Yêu cầu|yêu cầu)\s+", "", t)
    return t.rstrip(":").strip()


def _partners(doc: Doc, a: int, b: int) -> list[str]:
    out = []
    for m in _PARTNER.finditer(doc.key, a, b):
        u = read_unit(doc.text, m.end())
        if u:
            name = tidy(doc.text[u[0]:u[1]])
            for part in re.split(r",\s*|\s+và\s+(?=[A-ZĐÀ-Ỹ]|các\s)", name):
                part = part.strip()
                if part and starts_with_unit(key(part)) and _specific(part) and part not in out:
                    out.append(part)
    return out


def _deadline(doc: Doc, a: int, b: int) -> str | None:
    for m in _DEADLINE.finditer(doc.key, a, b):
        ds = find_dates(doc.text[m.start():min(b, m.end() + 30)], m.start())
        if ds and ds[0].iso and ds[0].start - m.end() < 6:
            return ds[0].iso
    return None


def find_section(flat: list[Item]) -> Item | None:
    for it in flat:
        k = key(it.title)
        if any(k.startswith(h) or (len(k) < 60 and h in k) for h in RESPONSIBILITY_HEADINGS) and it.children:
            return it
    return None


def from_section(doc: Doc, section: Item) -> list[Responsibility]:
    """Each unit heading under the section, with the bullet lines (or paragraphs) under it."""
    out = []
    for child in section.children:
        if child.style in ("dash", "plus"):
            continue
        line = doc.lines[child.line]
        title_text = line.text[line.text.find(child.marker) + len(child.marker):].lstrip(".-–) ")
        unit = _strip_request(title_text)
        tasks = []
        # a heading is a unit's name ("2. Trung tâm Văn hóa, Thể thao và Truyền thanh"); a sentence
        # ("a) Phòng X chỉ đạo … ." or "1. Sở Y tế: chủ trì …") holds its first task after the unit
        head, colon, after = unit.partition(":")
        if colon and starts_with_unit(key(head)):
            unit, rest = tidy(head), tidy(after)
        elif len(unit) > 120 or title_text.rstrip().endswith(".") or not starts_with_unit(key(unit)):
            us = units_in(unit, key(unit), 0, len(unit))     # "Đảng đoàn A, Ban cán sự đảng B lãnh đạo …"
            if not us:
                continue
            unit, rest = tidy(unit[us[0][0]:us[-1][1]]), tidy(unit[us[-1][1]:].lstrip(" ,–-"))
        else:
            rest = None
        if rest:
            tasks.append(rest)
        for ln in doc.lines[child.line + 1:doc.line_index_at(child.end) + 1]:
            if ln.key.lstrip().startswith(CLOSING_PHRASES):   # the document's closing words, not a task
                break
            t = tidy(ln.text.lstrip("-–+•* "))
            if t:
                tasks.append(t)
        role = "lead"
        uk = key(title_text)
        if uk.startswith("đề nghị"):
            role = "assigned"
        out.append(Responsibility(unit=unit, role=role, partners=_partners(doc, child.start, child.end),
                                  tasks=tasks, deadline=_deadline(doc, child.start, child.end),
                                  span=doc.span(child.start, child.end)))
    return out


def _cued(doc: Doc, line) -> bool:
    """A line that may assign something: a verbal cue, or a numbered item that opens with a unit."""
    for rx, _ in _LEAD[:-1]:
        if rx.search(line.key):
            return True
    m = _LEAD[-1][0].match(line.key)
    return bool(m) and read_unit(doc.text, line.start + m.end()) is not None


def from_text(doc: Doc, start: int, end: int) -> list[Responsibility]:
    """Assignments in running text, one per (unit, sentence)."""
    out: list[Responsibility] = []
    seen: set[str] = set()
    # only paragraphs with a cue go through the sentence splitter: the same result, a fraction of the work
    cued = [ln for ln in doc.lines if ln.end > start and ln.start < end and _cued(doc, ln)]
    spans = [s for ln in cued for s in sentences(doc.text, max(start, ln.start), min(end, ln.end))]
    list_start = {}      # a sentence cut at ";" continues the list of the one before it
    for (pa, pb), (sa, _) in zip(spans, spans[1:]):
        if doc.text[pa:pb].rstrip().endswith(";") and "\n" not in doc.text[pb:sa]:
            list_start[sa] = list_start.get(pa, pa)
    for sa, sb in spans:
        sk = doc.key[sa:sb]
        for rx, where in _LEAD:
            for m in rx.finditer(sk):
                if where == "after":
                    units = units_in(doc.text, doc.key, sa + m.end(), sb)
                else:
                    units = _units_before(doc, list_start.get(sa, sa), sa + m.start())
                # the task follows the whole list of units ("Giao Sở A, Sở B phối hợp …")
                task_from = (sa + m.start()) if where == "before" else (units[-1][1] if units else None)
                for u in units:
                    name = tidy(doc.text[u[0]:u[1]])
                    nk = key(name)
                    if not name or nk in seen or not _specific(name) or (len(name.split()) < 2 and not name.isupper()):
                        continue
                    if key(doc.text[max(sa, u[0] - 12):u[0]]).rstrip().endswith(("với", "của")):
                        continue
                    seen.add(nk)
                    role = "partner" if "phối hợp với" in sk[max(0, u[0] - sa - 14):u[0] - sa] else "lead"
                    out.append(Responsibility(
                        unit=name, role=role, partners=[p for p in _partners(doc, u[1], sb) if key(p) != nk],
                        tasks=[t for t in [tidy(doc.text[task_from or u[1]:sb]).lstrip(", ")] if t],
                        deadline=_deadline(doc, sa, sb), span=doc.span(u[0], sb)))
    return out


def units_in(text: str, k: str, at: int, end: int) -> list[tuple[int, int]]:
    """The units a cue names after it, commas and all: "Sở Văn hóa, Thể thao và Du lịch" is one
    name (capitalised words after the comma), "Các đảng bộ, chi bộ trực thuộc" one collective (a
    lower-case unit word after it), "Sở Tư pháp, Công an tỉnh" two units (a new capitalised head, or
    a new "các …" group)."""
    u = read_unit(text, at)
    if u is None:
        return []
    units = [list(u)]
    while True:
        sep = re.match(r",\s*", text[units[-1][1]:end])
        if not sep:
            break
        nxt = units[-1][1] + sep.end()
        head = starts_with_unit(k[nxt:nxt + 40])
        if head and (text[nxt].isupper() or head.startswith("các ")):    # a unit, or a group, of its own
            v = read_unit(text, nxt)
            if v is None:
                break
            units.append(list(v))
        elif head:
            v = read_unit(text, nxt)
            if v is None:
                break
            units[-1][1] = v[1]
        elif text[nxt].isupper() and (tail := read_unit(text[:end], nxt, head=False)):
            units[-1][1] = tail[1]      # "…, Thể thao và Du lịch": the name goes on
        else:
            break
    return [tuple(x) for x in units]


_LIST_SEP = re.compile(r"\s*[,;]\s*|\s+và\s+")
_OPENING_MARK = re.compile(r"\s*(?:điều\s+\d{1,3}\s*[.:]\s*|\d{1,2}[.)\-]\s*|[-–+•]\s*)?")


_PERSON = re.compile(r"(?:ông|bà)\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*")


def _opens_unit(text: str, at: int) -> bool:
    """A list item starts at `at`: a unit head, capitalised ("Sở Tư pháp") or "các …" ("các
    đoàn thể"), or a person ("ông Nguyễn Văn A", named in a decision about him); a bare
    lower-case head ("ban" in "các sở, ban, ngành") only continues a name."""
    if _PERSON.match(text, at):
        return True
    u = read_unit(text, at)
    return u is not None and (text[at].isupper() or key(text[at:at + 4]) == "các ")


def _units_before(doc: Doc, sa: int, cue: int) -> list[tuple[int, int]]:
    """The units that a sentence names before its cue, in order: "Chánh Văn phòng …; Giám đốc
    Sở A; Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các huyện, thành phố chịu trách nhiệm thi
    hành …". The list is cut only where a new unit begins, so commas inside a name stay."""
    lead = _OPENING_MARK.match(doc.key, sa, cue)
    pos = lead.end() if lead else sa
    starts = [pos] + [m.end() for m in _LIST_SEP.finditer(doc.text, pos, cue) if _opens_unit(doc.text, m.end())]
    out = []
    for i, a in enumerate(starts):
        b = starts[i + 1] if i + 1 < len(starts) else cue
        piece = doc.text[a:b]
        tail = re.search(r"(?:\s*[,;]\s*|\s+và\s+)$", piece)
        b = a + (tail.start() if tail else len(piece.rstrip()))
        if read_unit(doc.text, a) is None and not _PERSON.fullmatch(doc.text, a, b):
            if out:                    # not a unit after units: the sentence is no list of units
                return []
            continue                   # words before the list ("Trong quá trình thực hiện, …")
        if _specific(doc.text[a:b]):
            out.append((a, b))
    return out


def responsibilities(doc: Doc, flat: list[Item], start: int, end: int) -> list[Responsibility]:
    section = find_section(flat)
    if section is not None:
        found = from_section(doc, section)
        if found:
            return found
    return from_text(doc, start, end)
