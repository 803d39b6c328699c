"""Vietnamese dates: a small grammar for the forms documents use, dateparser as a fallback.

Dates come out as ISO 8601 at the precision the text gives ("2026-01-14", "2026-01", "2026");
a blank day or month is never filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache

# "ngày 14 tháng 01 năm 2026", with a blank day/month allowed ("ngày    tháng 01 năm 2026").
# A blank may be spaces, dots or an ellipsis ("ngày …. tháng …. năm 2026").
FULL = re.compile(
    r"ngày\s*(?P<d>\d{1,2})?[\s,.…_]*tháng\s*(?P<m>\d{1,2})?[\s,.…_]*năm\s*(?P<y>\d{4})",
    re.IGNORECASE)
# "14/01/2026", "14-01-2026", "14.01.2026"; ranges "26-27/12/2025" and "26/12 - 02/01/2026" separately.
DMY = re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})\s*([/.-])\s*(?P<m>\d{1,2})\s*\2\s*(?P<y>\d{4})(?![\d/])")
DAY_RANGE = re.compile(
    r"(?<![\d/])(?P<d1>\d{1,2})\s*(?:-|–|đến)\s*(?P<d2>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})(?![\d/])")
# "tháng 12/2024", "tháng 12 năm 2024", "tháng 12-2024".
MONTH = re.compile(r"tháng\s*(?P<m>\d{1,2})\s*(?:/|-|năm)\s*(?P<y>\d{4})(?!\s*/)", re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str | None          # None where the date is blank ("ngày tháng năm 2026" → "2026")
    end_iso: str | None = None
    form: str = "full"       # full | dmy | range | month


def iso(y: int | str | None, m: int | str | None = None, d: int | str | None = None) -> str | None:
    """ISO string at the given precision, or None for an impossible date."""
    if y is None:
        return None
    y = int(y)
    if not 1800 <= y <= 2200:
        return None
    if m is None:
        return f"{y:04d}"
    m = int(m)
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    d = int(d)
    try:
        _date(y, m, d)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _full(m: re.Match) -> str | None:
    if m.group("m") is None:
        return iso(m.group("y"))
    if m.group("d") is None:
        return iso(m.group("y"), m.group("m"))
    return iso(m.group("y"), m.group("m"), m.group("d"))


def find_dates(text: str, base: int = 0) -> list[DateMatch]:
    """Every explicit date in `text`, leftmost first, no overlaps; offsets shifted by `base`."""
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in FULL.finditer(text):
        found.append(DateMatch(base + m.start(), base + m.end(), _full(m), form="full"))
        taken.append(m.span())
    for m in DAY_RANGE.finditer(text):
        if free(*m.span()):
            a = iso(m.group("y"), m.group("m"), m.group("d1"))
            b = iso(m.group("y"), m.group("m"), m.group("d2"))
            if a and b and a < b:
                found.append(DateMatch(base + m.start(), base + m.end(), a, b, form="range"))
                taken.append(m.span())
    for m in DMY.finditer(text):
        if free(*m.span()):
            value = iso(m.group("y"), m.group("m"), m.group("d"))
            if value:
                found.append(DateMatch(base + m.start(), base + m.end(), value, form="dmy"))
                taken.append(m.span())
    for m in MONTH.finditer(text):
        if free(*m.span()):
            value = iso(m.group("y"), m.group("m"))
            if value:
                found.append(DateMatch(base + m.start(), base + m.end(), value, form="month"))
                taken.append(m.span())
    found.sort(key=lambda d: d.start)
    return found


# Period forms beyond two full dates: "Quý I/2026", "tháng 3 - 4/2026", "từ 26/12 - 02/01/2026".
QUARTER = re.compile(r"quý\s*(?P<q>iv|i{1,3}|[1-4])\s*(?:/|-|năm)\s*(?P<y>\d{4})", re.IGNORECASE)
MONTH_RANGE = re.compile(r"tháng\s*(?P<m1>\d{1,2})\s*(?:-|–|đến)\s*(?:tháng\s*)?(?P<m2>\d{1,2})\s*(?:/|-|năm)\s*"
                         r"(?P<y>\d{4})", re.IGNORECASE)
DAY_MONTH = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?!\s*/\s*\d)(?![\d])")
_UNTIL = re.compile(r"(?:đến|tới|hết|trước)\s*(?:hết\s*)?(?:ngày|tháng|năm)?\s*$", re.IGNORECASE)
_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def parse_period(text: str) -> tuple[str | None, str | None]:
    """(start, end) of a period phrase at the precision it gives; a single date after "đến"/"hết"
    is an end with no start ("Từ nay đến hết tháng 6/2026"); nothing is invented."""
    if m := QUARTER.search(text):
        q = m.group("q").lower()
        q = _QUARTERS.get(q) or int(q)
        return iso(m.group("y"), 3 * q - 2), iso(m.group("y"), 3 * q)
    if m := MONTH_RANGE.search(text):
        a, b = iso(m.group("y"), m.group("m1")), iso(m.group("y"), m.group("m2"))
        if a and b and a < b:
            return a, b
    dates = [d for d in find_dates(text) if d.iso]
    if dates and dates[0].end_iso:
        return dates[0].iso, dates[0].end_iso
    # "từ 01/01 đến 15/02/2026": a day and month before the first full date take its year
    if dates and (dm := DAY_MONTH.search(text, 0, dates[0].start)) and len(dates[0].iso) == 10:
        y, first_m = int(dates[0].iso[:4]), int(dates[0].iso[5:7])
        start = iso(y - 1 if int(dm.group("m")) > first_m else y, dm.group("m"), dm.group("d"))
        if start:
            return start, dates[0].iso
    if len(dates) >= 2:
        return dates[0].iso, dates[1].iso
    if len(dates) == 1:
        if _UNTIL.search(text[:dates[0].start]):
            return None, dates[0].iso
        return dates[0].iso, None
    return None, None


def parse_date(text: str) -> str | None:
    """The first date in a short phrase; dateparser only where the grammar finds none."""
    hits = find_dates(text)
    if hits:
        return hits[0].iso
    if not re.search(r"\d", text) or not re.search(r"ngày|tháng|/", text, re.IGNORECASE):
        return None
    return _dateparser(text.strip())


@lru_cache(maxsize=512)
def _dateparser(phrase: str) -> str | None:
    """Fallback for odd forms; fixed base date and DMY so it never invents a day from today."""
    import dateparser  # lazy: 60–90 ms import, used rarely

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                "RELATIVE_BASE": __import__("datetime").datetime(2000, 1, 1)}
    try:
        parsed = dateparser.parse(phrase, languages=["vi"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date().isoformat() if parsed else None
