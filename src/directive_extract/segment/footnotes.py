"""Footnotes: bodies that start with a marker ("¹ …", "[1] …") at the foot of the text."""

from __future__ import annotations

import re

from ..models import Footnote
from .base import Doc, tidy

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_BODY = re.compile(rf"^\s*(?:(?P<sup>[{_SUP}]+)|\[(?P<br>\d{{1,3}})\])\s*(?P<text>\S.*)$")


def footnotes(doc: Doc) -> list[Footnote]:
    out = []
    for line in doc.lines:
        m = _BODY.match(line.text)
        if not m:
            continue
        marker = m.group("sup") or m.group("br")
        marker = marker.translate(str.maketrans(_SUP, "0123456789"))
        out.append(Footnote(marker=marker, text=tidy(m.group("text")),
                            span=doc.span(line.start + m.start("text"), line.end)))
    return out
