"""The read-only view every segmenter works on: text, matching key, lines with offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..models import Span
from ..normalize import NormalizedText, key


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    key: str = ""     # the matching key of `text` (a slice of the document's key)

    def __post_init__(self) -> None:
        if not self.key and self.text:
            object.__setattr__(self, "key", key(self.text))

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Doc:
    """Normalized text plus what every segmenter needs to point into it."""

    text: str
    page_starts: tuple[tuple[int, int], ...] = ()
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", key(self.text))

    @classmethod
    def from_normalized(cls, norm: NormalizedText) -> "Doc":
        return cls(norm.text, norm.page_starts)

    @cached_property
    def lines(self) -> list[Line]:
        out, pos = [], 0
        for raw in self.text.split("\n"):
            out.append(Line(pos, pos + len(raw), raw, self.key[pos:pos + len(raw)]))
            pos += len(raw) + 1
        return out

    @cached_property
    def nonblank(self) -> list[int]:
        """Indexes of the non-blank lines."""
        return [i for i, ln in enumerate(self.lines) if ln.text.strip()]

    def line_index_at(self, offset: int) -> int:
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.lines[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def page_at(self, offset: int) -> int | None:
        page = None
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def span(self, start: int, end: int) -> Span:
        """A span trimmed of surrounding blanks, with its page."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Span(start=start, end=end, page=self.page_at(start))

    def find_span(self, value: str, start: int, end: int) -> Span:
        """The span of `value` inside [start, end) if it is there verbatim, else the whole range."""
        i = self.text.find(value, start, end)
        if i >= 0:
            return self.span(i, i + len(value))
        return self.span(start, end)


def is_upper(s: str) -> bool:
    """All letters upper case (a heading, a name in the header block)."""
    return s.isupper() and sum(c.isalpha() for c in s) >= 2


def tidy(s: str) -> str:
    """One space between words, no trailing list punctuation."""
    s = " ".join(s.split())
    return s.strip(" ,;:").rstrip(".") if not s.endswith("./.") else s[:-3].strip()
