"""The benchmark corpus, made from samples/: TXT seeds, DOCX samples, 1-page PDFs and one
50-page PDF. Built into a folder on demand, so nothing large is committed."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def one_page_pdfs(folder: Path) -> list[Path]:
    """Page 1 of each sample PDF as a PDF of its own (header, number, date: a real first page)."""
    import pypdfium2 as pdfium

    out = []
    for src in sorted((SAMPLES / "pdf").glob("*.pdf")):
        doc = pdfium.PdfDocument(str(src))
        new = pdfium.PdfDocument.new()
        new.import_pages(doc, [0])
        path = folder / f"{src.stem}.p1.pdf"
        new.save(str(path))
        out.append(path)
    return out


def fifty_page_pdf(path: Path, pages: int = 50) -> Path:
    """The sample PDFs one after another until `pages` pages: one long document."""
    import pypdfium2 as pdfium

    new = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in sorted((SAMPLES / "pdf").glob("*.pdf"))]
    while len(new) < pages:
        for doc in sources:
            take = min(len(doc), pages - len(new))
            if take <= 0:
                break
            new.import_pages(doc, list(range(take)))
    new.save(str(path))
    return path


def build(folder: Path, txt_copies: int = 40, docx_copies: int = 10) -> dict[str, Path]:
    """Folders txt/, docx/, pdf1/ (1-page PDFs ×10 copies) and pdf50/ under `folder`."""
    folders = {name: folder / name for name in ("txt", "docx", "pdf1", "pdf50")}
    for f in folders.values():
        f.mkdir(parents=True, exist_ok=True)
    for i in range(txt_copies):
        for p in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(p, folders["txt"] / f"{i:03d}_{p.name}")
    for i in range(docx_copies):
        for p in sorted((SAMPLES / "docx").glob("*.docx")):
            shutil.copy(p, folders["docx"] / f"{i:03d}_{p.name}")
    for p in one_page_pdfs(folders["pdf1"]):
        for i in range(1, 10):
            shutil.copy(p, folders["pdf1"] / f"{p.stem}.{i}.pdf")
    fifty_page_pdf(folders["pdf50"] / "fifty.pdf")
    return folders


def timed_batch(folder: Path, **kwargs) -> tuple[float, list]:
    """Seconds for one batch of `folder` into a fresh output folder, and its outcomes; a failed
    file stops the benchmark (the corpus must convert cleanly)."""
    from directive_extract.batch import run_batch

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        outcomes = run_batch(folder, Path(out), **kwargs)
        seconds = time.perf_counter() - started
    bad = [o for o in outcomes if o.status == "error"]
    if bad:
        raise SystemExit(f"benchmark corpus failed: {bad[0].error}")
    return seconds, outcomes
