"""Archive benchmark: index 1,000 outputs into SQLite and time searches over them.

The outputs are the five samples' extractions copied under varied paths, each with its own source
hash and a distinct line appended to its text (so no two rows are the same). Prints a markdown table.

    .venv/bin/python benchmarks/archive.py [--docs 1000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from directive_extract.archive.db import connect, document_count, index_outputs  # noqa: E402
from directive_extract.archive.search import Filters, search  # noqa: E402
from directive_extract.pipeline import extract_file  # noqa: E402

QUERIES = [  # (label, query, filters)
    ("words without marks", "ke hoach tuyen truyen", Filters()),
    ("words with marks", "Kế hoạch tuyên truyền", Filters()),
    ("a number", "35-CT/TW", Filters()),
    ("a rare word", "infographic", Filters()),
    ("words + --type CV", "dai hoi", Filters(type="CV")),
    ("--cited only", "", Filters(cited="35-CT/TW")),
    ("words + dates", "tuyen truyen", Filters(date_from="2026-01-01", date_to="2026-12-31")),
]


def make_outputs(out_dir: Path, count: int) -> int:
    """Write `count` outputs derived from the samples; returns the bytes written."""
    seeds = [extract_file(p, display_path=p.name) for p in sorted((ROOT / "samples").glob("*.txt"))]
    written = 0
    for i in range(count):
        seed = seeds[i % len(seeds)]
        rel = f"unit-{i // 100:02d}/{i:04d}_{seed.source.path}"
        text = seed.text + f"\n\nbenchmark copy {i}\n"
        doc = seed.model_copy(update={
            "text": text,
            "source": seed.source.model_copy(update={
                "path": rel, "sha256": hashlib.sha256(f"{rel}:{i}".encode()).hexdigest()}),
        })
        target = out_dir / f"{rel}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = doc.model_dump_json(indent=2)
        target.write_text(data, encoding="utf-8")
        written += len(data.encode("utf-8"))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="archive-bench-") as tmp:
        out_dir, db = Path(tmp) / "out", Path(tmp) / "archive.sqlite"
        size = make_outputs(out_dir, args.docs)
        conn = connect(db)
        t0 = time.perf_counter()
        report = index_outputs(conn, out_dir)
        first = time.perf_counter() - t0
        assert report.added == args.docs and not report.failures, report.summary()
        t0 = time.perf_counter()
        again = index_outputs(conn, out_dir)
        second = time.perf_counter() - t0
        assert again.unchanged == args.docs, again.summary()
        rows = [("outputs indexed", f"{document_count(conn)} ({size / 1e6:.1f} MB of JSON)"),
                ("first index", f"{first:.2f} s"),
                ("re-index, nothing changed", f"{second:.2f} s"),
                ("database size", f"{db.stat().st_size / 1e6:.1f} MB")]
        for label, query, filters in QUERIES:
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                hits = search(conn, query, filters, limit=20)
                times.append(time.perf_counter() - t0)
            rows.append((f"search: {label} (`{query}`)" if query else f"search: {label}",
                         f"{statistics.median(times) * 1000:.1f} ms median, {len(hits)} hits"))
        conn.close()
    print("| archive, %d outputs | figure |" % args.docs)
    print("|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
