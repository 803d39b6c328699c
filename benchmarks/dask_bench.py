#!/usr/bin/env python3
"""Measure the dask engine: docs/s with 1 and 2 local workers on the corpus of benchmarks/run.py,
and a paper estimate of the time for one million documents on N workers.

Usage:  .venv/bin/python benchmarks/dask_bench.py [--repeat 3] [--workers 1 2]
Each row is the best of `repeat` runs on a running, warmed cluster (cluster start-up is shown
apart: it is paid once per batch, not per document); the cluster sizes take turns, so a change of
load on the machine hits them alike. Prints markdown; writes nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

MILLION = 1_000_000


def start_cluster(workers: int, stack: contextlib.ExitStack) -> tuple[object, float]:
    """A warmed client of a LocalCluster of `workers` processes, and the seconds it took to get there."""
    from distributed import Client, LocalCluster

    from directive_extract.dask_engine import warm_worker

    started = time.perf_counter()
    cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=":0", silence_logs=logging.ERROR))
    client = stack.enter_context(Client(cluster))
    client.run(warm_worker)
    return client, time.perf_counter() - started


def measure(folders: dict[str, Path], counts: list[int], repeat: int) -> tuple[dict[int, float], list[dict]]:
    """Every cluster size stays up for the whole run, and the dask clusters and the local engine
    (same process counts, for reference) take turns on each folder, so a change of load on the
    machine hits them alike; the best of `repeat` runs is kept."""
    from directive_extract.batch import LocalEngine
    from directive_extract.dask_engine import DaskEngine

    with contextlib.ExitStack() as stack:
        engines, startups = {}, {}
        for n in counts:
            client, startups[n] = start_cluster(n, stack)
            engines[("dask", n)] = DaskEngine(client)
            engines[("local", n)] = LocalEngine(n)
        for engine in engines.values():
            corpus.timed_batch(folders["txt"], engine=engine)   # the first chunks fork the warm forkservers
        rows = []
        for name, folder in folders.items():
            best: dict[tuple[str, int], tuple[float, int]] = {}
            for _ in range(repeat):
                for key, engine in engines.items():
                    seconds, outcomes = corpus.timed_batch(folder, engine=engine)
                    best[key] = min(best.get(key, (float("inf"), 0)), (seconds, len(outcomes)))
            rows += [{"corpus": name, "engine": kind, "workers": n, "docs": docs, "seconds": seconds,
                      "docs_per_s": docs / seconds} for (kind, n), (seconds, docs) in best.items()]
    return startups, rows


def report(rows: list[dict], startups: dict[int, float], counts: list[int]) -> str:
    by = {(r["corpus"], r["engine"], r["workers"]): r for r in rows}
    lines = ["| corpus | files | engine | workers | seconds | docs/s | speed-up over 1 worker |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        one = by.get((r["corpus"], r["engine"], 1))
        speedup = f"{r['docs_per_s'] / one['docs_per_s']:.2f}×" if one else "–"
        lines.append(f"| {r['corpus']} | {r['docs']} | {r['engine']} | {r['workers']} | {r['seconds']:.2f} | "
                     f"{r['docs_per_s']:.1f} | {speedup} |")
    lines += ["", "| dask workers | cluster start-up |", "|---:|---:|"]
    lines += [f"| {n} | {s:.1f} s |" for n, s in startups.items()]

    one, most = min(counts), max(counts)
    per_worker = by[("all", "dask", one)]["docs_per_s"] / one
    efficiency = by[("all", "dask", most)]["docs_per_s"] / (per_worker * most) if most > one else 1.0
    scaling = (f"the {efficiency:.0%} scaling efficiency measured at {most} workers" if most > one
               else "linear scaling (only one cluster size measured)")
    lines += ["", f"One million documents of this mix, from the measured {per_worker:.1f} docs/s per worker "
              f"and {scaling} (storage, network and scheduler assumed not to be the limit; "
              "~10,000 chunk tasks of 100 files):", "",
              "| workers | docs/s | time for 1,000,000 documents |", "|---:|---:|---:|"]
    for n in (1, 8, 32, 64, 128):
        rate = per_worker * n * (efficiency if n > 1 else 1.0)
        lines.append(f"| {n} | {rate:,.0f} | {hours(MILLION / rate)} |")
    return "\n".join(lines) + "\n"


def hours(seconds: float) -> str:
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = corpus.build(Path(tmp) / "corpus")
        folders = {"all": Path(tmp) / "corpus", **folders}
        startups, rows = measure(folders, sorted(args.workers), args.repeat)
    rows.sort(key=lambda r: (list(folders).index(r["corpus"]), r["engine"], r["workers"]))
    sys.stdout.write(f"dask engine, {os.cpu_count()} cores, best of {args.repeat}\n\n")
    sys.stdout.write(report(rows, startups, sorted(args.workers)))


if __name__ == "__main__":
    main()
