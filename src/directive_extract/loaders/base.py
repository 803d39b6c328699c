"""The one type every loader returns: text blocks in reading order, with their pages."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_BYTES = 200 * 1024 * 1024   # default per-file guards; a batch may set its own
MAX_PAGES = 2000


@dataclass(frozen=True)
class Block:
    """One unit of text in reading order.

    kind:
      "raw"      a whole plain-text file (or page) whose hard-wrapped lines the normalizer joins;
      "para"     one paragraph; "\n" inside it is a real line break (kept as a line);
      "cell"     one paragraph of a layout-table cell or a PDF column (header/footer columns);
      "footnote" the body of a footnote or endnote, text starting with its marker.
    """

    text: str
    page: int | None = None
    kind: str = "para"


@dataclass(frozen=True)
class Stamp:
    """Text a signing system drew on a page (a signature widget's appearance), not in the text layer.

    merged: the text was put into the page's words where it is drawn (a one-line stamp over a
      text line: the serial or day slot); otherwise (a signer box, a stamp off the lines) it is
      only recorded here.
    before/after: the text-layer words next to it on its line, to recognise it in the output text;
    replaced: printed text it covered and replaced (a month changed at signing), or None.
    """

    page: int
    text: str
    merged: bool = False
    before: str | None = None
    after: str | None = None
    replaced: str | None = None


@dataclass
class LoadedText:
    """What a loader read: blocks in reading order plus facts about the source."""

    blocks: list[Block]
    format: str                      # "pdf" | "docx" | "txt" | "md"
    pages: int | None = None         # page count where the source has pages
    ocr: bool = False                # True when any page's text came from OCR
    encoding: str | None = None      # "utf-8", "utf-16", "cp1258", "tcvn3", "vni", …
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, message)
    stamps: list[Stamp] = field(default_factory=list)   # signing stamps read from PDF widgets
    signatures: list[dict] = field(default_factory=list)  # digital signatures (DigitalSignature fields)
