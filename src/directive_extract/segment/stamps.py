"""Which values a signing system stamped: the number's serial and the date's day (or month)
drawn by a signature widget over the blank slot, merged into the text by the PDF loader."""

from __future__ import annotations

import re

from ..loaders.base import Stamp
from ..models import Span
from ..normalize import key
from .base import Doc


def mark_stamped(doc: Doc, fields: dict, stamps: list[Stamp]) -> None:
    """`stamped: true` on the number and the issued date when part of their text is a signing stamp.

    A stamp counts when its text, next to the words it was merged between, lies inside the
    value's span on the stamp's page: "Số: 7432 /UBND-XD" is stamped when "7432" came from a
    widget drawn after "Số:". A value that only looks like a stamp's text is not marked.
    """
    merged = [s for s in stamps if s.merged]
    if not merged:
        return
    for name in ("number", "issued_date"):
        value = fields.get(name)
        if value is not None and value.span is not None and _has_stamp(doc, value.span, merged):
            fields[name] = value.model_copy(update={"stamped": True})


def _has_stamp(doc: Doc, span: Span, stamps: list[Stamp]) -> bool:
    lo, hi = span.start, span.end
    line_start = doc.text.rfind("\n", 0, lo) + 1
    line_end = doc.text.find("\n", hi)
    line_end = len(doc.text) if line_end < 0 else line_end
    for s in stamps:
        if span.page is not None and s.page != span.page:
            continue
        body = _loose(s.text)
        for context in ((s.before, None), (None, s.after)):
            before, after = context
            if (before if before is not None else after) is None:
                continue
            stamp = rf"(?<!\w)(?P<stamp>{body})(?!\w)"
            rx = rf"{_loose(before)}\s*{stamp}" if before is not None else rf"{stamp}\s*{_loose(after)}"
            for m in re.finditer(rx, doc.key[line_start:line_end]):
                a, b = line_start + m.start("stamp"), line_start + m.end("stamp")
                if lo <= a and b <= hi:
                    return True
    return False


def _loose(text: str) -> str:
    """A regex for `text` in the document's key, whatever spaces the layout put between its words."""
    return r"\s*".join(re.escape(part) for part in key(text).split())
