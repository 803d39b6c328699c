"""OCR of scanned PDF pages with the tesseract CLI (Debian: tesseract-ocr + tesseract-ocr-vie).

Each page is rendered in grayscale with pypdfium2 (300 dpi) to a PGM file and read with
`tesseract IMG - -l vie tsv`, so every word comes back with its box; `pdf.py` rebuilds lines,
columns and paragraphs from those boxes exactly as it does for a text layer.

`OMP_THREAD_LIMIT=1` is set for tesseract: its OpenMP threads make it about 5x slower on small
machines. Pages run in parallel instead, one tesseract process per core (at most 4).
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

DPI = 300
TIMEOUT = 300  # seconds per page

# (text, x0, x1, top, bottom, size) in PDF points, top-left origin
OcrWord = tuple[str, float, float, float, float, float]


class OcrError(Exception):
    """tesseract ran but failed."""


@lru_cache(maxsize=1)
def _languages() -> tuple[str | None, frozenset[str]]:
    exe = shutil.which("tesseract")
    if exe is None:
        return None, frozenset()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30,
                             env=_env())
    except (OSError, subprocess.SubprocessError):
        return exe, frozenset()
    langs = {ln.strip() for ln in (out.stdout + "\n" + out.stderr).splitlines()
             if ln.strip() and " " not in ln.strip() and not ln.strip().endswith(":")}
    return exe, frozenset(langs)


def unavailable_reason() -> str | None:
    """None when OCR can run, else why not (used in error messages)."""
    exe, langs = _languages()
    if exe is None:
        return "tesseract is not installed"
    if "vie" not in langs:
        return "tesseract has no Vietnamese language data (vie)"
    return None


def language() -> str:
    """"vie"; DIRECTIVE_EXTRACT_OCR_LANG="vie+eng" adds English where its data is installed."""
    wanted = os.environ.get("DIRECTIVE_EXTRACT_OCR_LANG", "vie")
    _, langs = _languages()
    parts = [p for p in wanted.split("+") if p in langs]
    return "+".join(parts) or "vie"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _run_tesseract(image: Path, lang: str) -> str:
    exe, _ = _languages()
    assert exe is not None
    try:
        proc = subprocess.run([exe, str(image), "-", "-l", lang, "--psm", "3", "tsv"],
                              capture_output=True, text=True, timeout=TIMEOUT, env=_env())
    except subprocess.TimeoutExpired:
        raise OcrError(f"tesseract took more than {TIMEOUT} s on one page") from None
    except OSError as exc:
        raise OcrError(f"tesseract could not run: {exc}") from None
    if proc.returncode != 0:
        raise OcrError(f"tesseract failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}")
    return proc.stdout


def _ocr_image(image: Path, lang: str) -> str:
    try:
        return _run_tesseract(image, lang)
    finally:
        try:
            image.unlink()
        except OSError:
            pass


def parse_tsv(tsv: str, dpi: int = DPI) -> list[OcrWord]:
    """Words (level 5) of a tesseract TSV, in points; `size` is estimated from the line height."""
    scale = 72.0 / dpi
    rows = list(csv.reader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        return []
    head = rows[0]
    idx = {name: i for i, name in enumerate(head)}
    need = ("level", "block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")
    if not all(k in idx for k in need):
        return []
    line_h: dict[tuple[str, str, str], float] = {}
    words = []
    for r in rows[1:]:
        if len(r) < len(head):
            r = r + [""] * (len(head) - len(r))
        level = r[idx["level"]]
        key = (r[idx["block_num"]], r[idx["par_num"]], r[idx["line_num"]])
        try:
            left, top = float(r[idx["left"]]), float(r[idx["top"]])
            width, height = float(r[idx["width"]]), float(r[idx["height"]])
        except ValueError:
            continue
        if level == "4":
            line_h[key] = height
        elif level == "5":
            text = r[idx["text"]].strip()
            try:
                conf = float(r[idx["conf"]])
            except ValueError:
                conf = -1.0
            if not text or conf < 0:
                continue
            words.append((key, text, left, top, width, height))
    out: list[OcrWord] = []
    for key, text, left, top, width, height in words:
        lh = line_h.get(key, height)
        size = max(4.0, lh * scale * 0.78)
        out.append((text, left * scale, (left + width) * scale, top * scale, (top + height) * scale, size))
    return out


def ocr_pages(pdf_path: Path, indexes: list[int], dpi: int = DPI,
              jobs: int | None = None) -> dict[int, tuple[float, float, list[OcrWord]]]:
    """OCR the given 0-based pages; returns {index: (width_pt, height_pt, words)}."""
    import pypdfium2 as pdfium

    lang = language()
    if jobs is None:
        jobs = max(1, min(4, os.cpu_count() or 1))
    results: dict[int, tuple[float, float, list[OcrWord]]] = {}
    with tempfile.TemporaryDirectory(prefix="directive_ocr_") as tmp:
        doc = pdfium.PdfDocument(str(pdf_path))
        try:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                pending: list[tuple[int, float, float, object]] = []

                def collect(item: tuple[int, float, float, object]) -> None:
                    i, width, height, fut = item
                    results[i] = (width, height, parse_tsv(fut.result(), dpi))  # type: ignore[attr-defined]

                for i in indexes:
                    page = doc[i]
                    width, height = page.get_size()
                    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
                    image = bitmap.to_pil()
                    if image.mode != "L":
                        image = image.convert("L")
                    img_path = Path(tmp) / f"p{i:05d}.pgm"
                    image.save(img_path, format="PPM")
                    del image
                    bitmap.close()
                    page.close()
                    pending.append((i, float(width), float(height),
                                    pool.submit(_ocr_image, img_path, lang)))
                    while len(pending) > 2 * jobs:   # bound the rendered images kept on disk
                        collect(pending.pop(0))
                for item in pending:
                    collect(item)
        finally:
            doc.close()
    return results
