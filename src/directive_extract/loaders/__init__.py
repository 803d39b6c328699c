"""Loaders: one module a format, each returning a `LoadedText`.

`load(path)` picks the loader from the file's bytes, not its extension; heavy libraries
(pdfplumber, python-docx) are imported only by the loader that needs them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ExtractError
from .base import MAX_BYTES, MAX_PAGES, Block, LoadedText

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


def sniff(head: bytes, suffix: str) -> str:
    """The real format from the first bytes; the suffix only separates txt from md."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    return "md" if suffix == ".md" else "txt"


def load(path: str | Path, *, ocr: str = "auto", max_bytes: int = MAX_BYTES,
         max_pages: int = MAX_PAGES) -> LoadedText:
    """Read any supported file into a `LoadedText`, or raise `ExtractError`.

    `max_bytes` and `max_pages` are the per-file guards of a batch.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(2048)
    except FileNotFoundError:
        raise ExtractError("not_found", "no such file", str(path)) from None
    except IsADirectoryError:
        raise ExtractError("not_a_file", "is a directory", str(path)) from None
    except OSError as exc:
        raise ExtractError("unreadable", f"cannot read: {exc.strerror or exc}", str(path)) from None
    if size == 0:
        raise ExtractError("empty_file", "the file is empty", str(path))
    if size > max_bytes:
        raise ExtractError("too_large", f"{size} bytes is over the {max_bytes}-byte limit", str(path))

    suffix = path.suffix.lower()
    kind = sniff(head, suffix)
    warnings: list[tuple[str, str]] = []
    labeled = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}.get(suffix, "txt")
    if labeled != ("txt" if kind == "md" else kind):
        warnings.append(("mislabeled_type", f"{path.name} is really {kind.upper()}, read as such"))

    if kind == "pdf":
        from .pdf import load_pdf
        loaded = load_pdf(path, ocr=ocr, max_pages=max_pages)
    elif kind == "docx":
        from .docx import load_docx
        loaded = load_docx(path)
    elif kind == "doc":
        from .docx import load_doc
        loaded = load_doc(path)
    else:
        from .text import load_text
        loaded = load_text(path, markdown=(kind == "md"))
    loaded.warnings[:0] = warnings
    return loaded


__all__ = ["Block", "LoadedText", "load", "sniff", "SUPPORTED_SUFFIXES"]
