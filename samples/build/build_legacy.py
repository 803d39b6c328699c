#!/usr/bin/env python3
"""Build the legacy-encoding samples in samples/legacy/ from the Unicode seeds:

* <stem>.tcvn3.txt  the seed's text as TCVN3 (ABC) bytes, as an old ".VnTime" text file;
* <stem>.vntime.docx the seed laid out like samples/docx (build_docx.py), every run typed in
  TCVN3 fonts: ".VnTime" for ordinary text, ".VnTimeH" (the capitals font, which draws the
  lower-case codes as capitals) for upper-case text and for capitals with a tone mark,
  which have no code of their own in TCVN3.

Usage: python samples/build/build_legacy.py
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(SAMPLES.parent / "src"))

import build_docx  # noqa: E402
from directive_extract.loaders.legacy import UNICODE_TO_TCVN3, encode_tcvn3  # noqa: E402

TXT_SEED = "003_d7b9cf3705d76a4d"
DOCX_SEED = "000_a87da02fcde4650a"


def _tcvn3(text: str) -> str:
    return encode_tcvn3(text).decode("cp1252", errors="replace")


def tcvn3_runs(text: str) -> list[tuple[str, str]]:
    """Split Unicode text into (TCVN3 text, font) runs, as a typist with ABC fonts would."""
    text = unicodedata.normalize("NFC", text)
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return [(_tcvn3(text.lower()), ".VnTimeH")]
    runs: list[tuple[str, str]] = []
    for ch in text:
        capital = ch.isupper() and not ch.isascii() and ch not in UNICODE_TO_TCVN3
        font = ".VnTimeH" if capital else ".VnTime"
        piece = _tcvn3(ch.lower() if capital else ch)
        if runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + piece, font)
        else:
            runs.append((piece, font))
    return runs


def main() -> int:
    out_dir = SAMPLES / "legacy"
    out_dir.mkdir(parents=True, exist_ok=True)
    seed = (SAMPLES / f"{TXT_SEED}.txt").read_text(encoding="utf-8")
    txt = out_dir / f"{TXT_SEED}.tcvn3.txt"
    txt.write_bytes(encode_tcvn3(seed))
    print(f"wrote {txt}")
    build_docx.Encoder = tcvn3_runs
    try:
        out = out_dir / f"{DOCX_SEED}.vntime.docx"
        build_docx.build(SAMPLES / f"{DOCX_SEED}.txt", out)
        print(f"wrote {out}")
    finally:
        build_docx.Encoder = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
