"""TXT and Markdown: decode the bytes (BOM, UTF-8, UTF-16, CP1258), refuse binary data."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import ExtractError
from .base import Block, LoadedText

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
         (codecs.BOM_UTF32_LE, "utf-32", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16", "utf-16"))


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")   # below space, but for \t \n \v \f \r


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding name) or raise `ExtractError` for binary data."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), label
    if _looks_utf16(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(codec, errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        raise ExtractError("binary_input", "binary data, not text", name)
    try:
        text, label = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, label = data.decode("cp1258", errors="replace"), "cp1258"
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 100):
        raise ExtractError("binary_input", "binary data, not text", name)
    return text, label


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII-heavy text is NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def load_text(path: Path, *, markdown: bool = False) -> LoadedText:
    data = path.read_bytes()
    text, encoding = decode(data, str(path))
    if not text.strip():
        raise ExtractError("empty_document", "no text in the file", str(path))
    try:
        from .legacy import convert_legacy
    except ImportError:  # legacy tables not available
        convert_legacy = None
    if convert_legacy is not None:
        text, legacy = convert_legacy(text)
        if legacy:
            encoding = legacy
    return LoadedText(blocks=[Block(text, None, "raw")], format="md" if markdown else "txt",
                      encoding=encoding)
