#!/usr/bin/env python3
"""Measure the batch: docs/s and pages/s with --jobs 1 and --jobs N per format, full PDF
extraction against bare pdfplumber text extraction, start-up of `--help` and of a one-file
`extract`, and peak memory on a 50-page PDF. Writes benchmarks/RESULTS.md.

Usage:  .venv/bin/python benchmarks/run.py [--repeat 3] [--jobs N] [--no-write] [--skip-archive] [--skip-dask]
(also runs benchmarks/archive.py and benchmarks/dask_bench.py and adds their tables)
Speed is measured here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

SEED = sorted(corpus.SAMPLES.glob("*.txt"))[0]


def cli() -> list[str]:
    script = Path(sys.executable).with_name("directive-extract")
    return [str(script)] if script.exists() else [sys.executable, "-m", "directive_extract.cli"]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    from directive_extract import __version__
    return (f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; directive-extract {__version__}")


def startup(repeat: int) -> dict[str, float]:
    def run(*args):
        subprocess.run([*cli(), *args], capture_output=True, check=True)
    run("--help")
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp) / "in"
        one.mkdir()
        (one / SEED.name).write_bytes(SEED.read_bytes())
        return {"--help": median_time(lambda: run("--help"), repeat),
                "extract (one TXT)": median_time(lambda: run("extract", str(SEED)), repeat),
                "batch of one TXT (worker start-up included)":
                    median_time(lambda: run("batch", str(one), "--out", str(Path(tmp) / "out")), repeat)}


def batch_rates(folders: dict[str, Path], jobs: int, repeat: int) -> list[dict]:
    rows = []
    for name, folder in folders.items():
        for j in sorted({1, jobs}):
            best = None
            for _ in range(repeat):
                seconds, outcomes = corpus.timed_batch(folder, jobs=j)
                if best is None or seconds < best[0]:
                    best = (seconds, outcomes)
            seconds, outcomes = best
            pages = sum(o.pages or 0 for o in outcomes)
            rows.append({"corpus": name, "jobs": j, "docs": len(outcomes), "pages": pages or None,
                         "seconds": seconds, "docs_per_s": len(outcomes) / seconds,
                         "pages_per_s": pages / seconds if pages else None})
    return rows


def pdf_ratio(pdf: Path, repeat: int) -> dict[str, float]:
    """Full extraction (load, normalize, every segmenter, model) against pdfplumber's
    extract_text on the same file, both in this process, warm."""
    import pdfplumber

    from directive_extract.pipeline import extract_file

    def bare():
        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages:
                page.extract_text()

    def full():
        extract_file(pdf, ocr="never")

    full()
    bare()
    b, f = median_time(bare, repeat), median_time(full, repeat)
    return {"bare": b, "full": f, "ratio": f / b}


# VmHWM, not ru_maxrss: a child started from this process may report the parent's peak as its own
PEAK = """
import sys
from directive_extract.pipeline import extract_file
extract_file(sys.argv[1], ocr="never")
print(next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")))
"""


def peak_memory_mb(pdf: Path) -> float:
    """Peak resident memory (kB → MB) of a fresh process extracting `pdf`."""
    out = subprocess.run([sys.executable, "-c", PEAK, str(pdf)], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def report(figures: dict) -> str:
    rows = figures["batch"]
    by = {(r["corpus"], r["jobs"]): r for r in rows}
    jobs = figures["jobs"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {figures['date']} with `python benchmarks/run.py` (best of {figures['repeat']} runs per batch row,"
        " medians elsewhere).",
        f"Machine: {figures['machine']}.",
        "",
        "## Batch throughput (`run_batch` in one process, best run: workers warm; their one-time start-up is",
        "in the start-up table as the batch of one TXT)",
        "",
        "| corpus | files | pages | jobs | seconds | docs/s | pages/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['docs']} | {r['pages'] or '–'} | {r['jobs']} | {r['seconds']:.2f} | "
                     f"{r['docs_per_s']:.1f} | {r['pages_per_s']:.1f} |" if r["pages_per_s"] else
                     f"| {r['corpus']} | {r['docs']} | – | {r['jobs']} | {r['seconds']:.2f} | "
                     f"{r['docs_per_s']:.1f} | – |")
    lines += ["", "## PDF: full extraction against bare pdfplumber text extraction (one process, warm)", "",
              "| file | bare pdfplumber s | full extraction s | ratio |", "|---|---:|---:|---:|"]
    for name, r in figures["ratio"].items():
        lines.append(f"| {name} | {r['bare']:.3f} | {r['full']:.3f} | {r['ratio']:.2f}× |")
    lines += ["", "## Start-up and memory", "", "| what | value |", "|---|---:|"]
    for name, s in figures["startup"].items():
        lines.append(f"| `{name}` | {s:.2f} s |")
    lines.append(f"| peak memory, 50-page PDF (one process) | {figures['peak_mb']:.0f} MB |")

    def speedup(name):
        one, n = by.get((name, 1)), by.get((name, jobs))
        return n["docs_per_s"] / one["docs_per_s"] if one and n and jobs > 1 else None

    txt1 = by[("txt", 1)]["docs_per_s"]
    pdf50 = by[("pdf50", 1)]
    checks = [
        ("PDF full ≤ 1.3× bare pdfplumber (50 pages)", f"{figures['ratio']['50-page PDF']['ratio']:.2f}×",
         figures["ratio"]["50-page PDF"]["ratio"] <= 1.3),
        ("PDF pages/s per core (aim ≥ 50)", f"{pdf50['pages_per_s']:.1f}", pdf50["pages_per_s"] >= 50),
        ("TXT ≥ 100 docs/s per core", f"{txt1:.1f}", txt1 >= 100),
        ("`--help` ≤ 0.3 s", f"{figures['startup']['--help']:.2f} s", figures["startup"]["--help"] <= 0.3),
        ("peak memory < 300 MB on the 50-page PDF", f"{figures['peak_mb']:.0f} MB", figures["peak_mb"] < 300),
    ]
    for name in ("txt", "docx", "pdf1"):
        s = speedup(name)
        if s is not None:
            checks.append((f"`--jobs {jobs}` ≥ 1.7× `--jobs 1` ({name})", f"{s:.2f}×", s >= 1.7))
    lines += ["", "## Targets of issue 4", "", "| target | measured | met |", "|---|---:|:---:|"]
    lines += [f"| {t} | {v} | {'yes' if ok else 'no'} |" for t, v, ok in checks]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--no-write", action="store_true", help="print, do not write benchmarks/RESULTS.md")
    ap.add_argument("--skip-archive", action="store_true", help="leave out benchmarks/archive.py")
    ap.add_argument("--skip-dask", action="store_true", help="leave out benchmarks/dask_bench.py")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = corpus.build(Path(tmp) / "corpus")
        figures = {
            "date": time.strftime("%Y-%m-%d"), "repeat": args.repeat, "jobs": args.jobs, "machine": machine(),
            "startup": startup(max(5, args.repeat)),
            "ratio": {"1-page PDF": pdf_ratio(sorted(folders["pdf1"].glob("*.pdf"))[0], max(5, args.repeat)),
                      "50-page PDF": pdf_ratio(folders["pdf50"] / "fifty.pdf", args.repeat)},
            "peak_mb": peak_memory_mb(folders["pdf50"] / "fifty.pdf"),
            "batch": batch_rates(folders, args.jobs, args.repeat),
        }
    text = report(figures)
    # the archive (issue 5) and the Dask engine (issue 7) have scripts of their own; run them here
    # so one command refreshes every figure in RESULTS.md
    for skip, script, title in ((args.skip_archive, "archive.py", "Archive: index and search (`benchmarks/archive.py`)"),
                                (args.skip_dask, "dask_bench.py", "Dask engine (`benchmarks/dask_bench.py`)")):
        if not skip:
            out = subprocess.run([sys.executable, str(HERE / script)], capture_output=True, text=True)
            body = out.stdout if out.returncode == 0 else f"failed:\n\n```\n{out.stderr[-2000:]}\n```\n"
            text += f"\n## {title}\n\n{body}"
    sys.stdout.write(text)
    if not args.no_write:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
