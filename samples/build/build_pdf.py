#!/usr/bin/env python3
"""Build the PDF samples from the DOCX samples.

* every `samples/docx/*.docx` -> `samples/pdf/<stem>.pdf` with LibreOffice
  (`soffice --headless --convert-to pdf`, one user profile per process: two soffice processes
  sharing a profile make the second exit 0 without writing anything);
* one scanned, image-only PDF `samples/scanned/<stem>.pdf`: the pages of one of those PDFs
  rendered in grayscale and wrapped into a PDF with Pillow (no text layer).

Usage:  python samples/build/build_pdf.py [--jobs N] [--scan STEM] [--dpi 200]
Needs:  libreoffice-writer, fonts-liberation2 (Vietnamese glyphs for "Times New Roman"),
        pypdfium2 and Pillow (from the project's venv).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]          # samples/
DOCX = ROOT / "docx"
PDF = ROOT / "pdf"
SCANNED = ROOT / "scanned"


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        exe = shutil.which(name)
        if exe:
            return exe
    sys.exit("LibreOffice not found: apt-get install libreoffice-writer libreoffice-core fonts-liberation2")


def convert(docx: Path, out_dir: Path) -> Path:
    """One DOCX -> PDF in out_dir, with a private LibreOffice profile."""
    target = out_dir / (docx.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="lo_prof_") as prof, \
            tempfile.TemporaryDirectory(prefix="lo_out_") as tmp_out:
        cmd = [soffice(), f"-env:UserInstallation=file://{prof}", "--headless",
               "--convert-to", "pdf", "--outdir", tmp_out, str(docx)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        produced = Path(tmp_out) / (docx.stem + ".pdf")
        if proc.returncode != 0 or not produced.exists():
            raise RuntimeError(f"{docx.name}: soffice wrote nothing (rc={proc.returncode}) "
                               f"{proc.stderr.strip()[:300]}")
        shutil.move(str(produced), target)
    return target


def scan(pdf: Path, out: Path, dpi: int = 200) -> Path:
    """Render every page in grayscale and wrap the images into an image-only PDF."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    images = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            img = bitmap.to_pil().convert("L")
            images.append(img)
            bitmap.close()
            page.close()
    finally:
        doc.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=float(dpi),
                   title=pdf.stem)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=max(1, min(4, os.cpu_count() or 1)))
    ap.add_argument("--scan", help="stem of the PDF to turn into the scanned sample "
                                   "(default: the one with the fewest pages)")
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the scanned sample")
    a = ap.parse_args()
    docs = sorted(DOCX.glob("*.docx"))
    if not docs:
        print(f"no DOCX files in {DOCX}", file=sys.stderr)
        return 1
    PDF.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=a.jobs) as pool:
        pdfs = list(pool.map(lambda d: convert(d, PDF), docs))
    for p in pdfs:
        print("wrote", p.relative_to(ROOT.parent))

    import pypdfium2 as pdfium

    def pages(p: Path) -> int:
        d = pdfium.PdfDocument(str(p))
        try:
            return len(d)
        finally:
            d.close()

    if a.scan:
        source = PDF / f"{a.scan}.pdf"
    else:  # the shortest document keeps the OCR tests fast
        source = min(pdfs, key=lambda p: (pages(p), p.name))
    out = scan(source, SCANNED / source.name, a.dpi)
    print("wrote", out.relative_to(ROOT.parent), f"({pages(out)} page(s), image only, {a.dpi} dpi)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
