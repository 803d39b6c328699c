"""Indexing documents rather than outputs: convert them through the batch engine, then index the JSON.

The batch engine runs every file in a supervised worker under its time limit and memory bound, so a
huge or hostile document costs one error line, never the run or the archive. The conversions all
finish before the database is written, which then takes its lock only for short transactions.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..batch import LocalEngine, Options, Outcome, find_inputs, run_batch
from ..models import Directive
from .db import Candidate, IndexReport, known_documents, sync
from .outputs import Failure, parse_output

KIND = "input"


@dataclass(frozen=True)
class SkippingEngine:
    """The local engine, leaving out the inputs the archive already holds unchanged: without a kept
    output folder there is no manifest to resume from, so the archive's hashes stand in for it."""

    skip: frozenset[str]
    jobs: int = 1

    def run(self, tasks: list[tuple], sizes: list[int], options: Options) -> Iterable[Outcome]:
        """`LocalEngine.run` on the other tasks (each `(path, rel, …)`, as `batch.Engine` says)."""
        keep = [i for i, task in enumerate(tasks) if task[1] not in self.skip]
        return LocalEngine(self.jobs).run([tasks[i] for i in keep], [sizes[i] for i in keep], options)


def unchanged_inputs(conn: sqlite3.Connection, in_dir: Path) -> dict[str, str]:
    """The inputs (relative path → hash) whose content is what the archive indexed: no need to convert them.

    Only files the archive knows are hashed; an unreadable one is left to the batch to report."""
    from ..pipeline import sha256_of

    known = {path: sha for path, (_, sha) in known_documents(conn, in_dir, KIND).items() if sha}
    unchanged = {}
    for path in find_inputs(in_dir):
        old = known.get(str(path.resolve()))
        if old is None:
            continue
        try:
            sha = sha256_of(path)
        except OSError:
            continue
        if sha == old:
            unchanged[path.relative_to(in_dir).as_posix()] = sha
    return unchanged


def _error_line(path: Path, outcome: Outcome) -> str:
    """The batch's error for one input, as one line naming the file, with its error code."""
    error = outcome.error or {}
    message = error.get("message") or "conversion failed"
    if outcome.path not in message:
        message = f"{path}: {message}"
    return f"[{error['code']}] {message}" if error.get("code") else message


def _load(output: Path) -> Directive:
    return parse_output(output.read_bytes())


def _not_converted() -> Directive:
    raise RuntimeError("an unchanged input is never loaded")


def candidates(in_dir: Path, out_dir: Path, outcomes: Iterable[Outcome],
               unchanged: dict[str, str]) -> Iterator[Candidate | Failure]:
    """What `sync` indexes: each converted (or resumed) input, read from its JSON output; each failed
    one as a Failure (its old entry stays); each unchanged one by its hash alone."""
    for o in outcomes:
        path = in_dir / o.path
        if o.status == "error" or not o.output:
            yield Failure(path, _error_line(path, o))
        else:
            yield Candidate(path, o.sha256 or "", partial(_load, out_dir / o.output))
    for rel, sha in unchanged.items():
        yield Candidate(in_dir / rel, sha, _not_converted)


def _convert(conn: sqlite3.Connection, in_dir: Path, out_dir: Path, *, keep: bool, jobs: int,
             prune: bool) -> IndexReport:
    """Convert into `out_dir` (resuming it when kept), then index the outputs."""
    jobs = jobs or (os.cpu_count() or 1)
    unchanged: dict[str, str] = {}
    if keep:
        outcomes = run_batch(in_dir, out_dir, jobs=jobs, options=Options(), resume=True)
    else:
        unchanged = unchanged_inputs(conn, in_dir)
        outcomes = run_batch(in_dir, out_dir, jobs=jobs, options=Options(),
                             engine=SkippingEngine(frozenset(unchanged), jobs))
    report = sync(conn, in_dir, KIND, candidates(in_dir, out_dir, outcomes, unchanged), prune=prune)
    report.converted = sum(o.status in ("ok", "warning") for o in outcomes)
    return report


def index_inputs(conn: sqlite3.Connection, in_dir: Path, *, out_dir: Path | None = None, jobs: int = 0,
                 prune: bool = True) -> IndexReport:
    """Convert the documents under `in_dir` with the batch engine (`jobs` workers, 0: one per core) and
    index them. With `out_dir` the JSON outputs are kept there and an unchanged input is not converted
    again (the batch resumes); without it they go to a temporary folder and inputs the archive already
    holds unchanged are not converted."""
    in_dir = Path(in_dir)
    if out_dir is not None:
        return _convert(conn, in_dir, Path(out_dir), keep=True, jobs=jobs, prune=prune)
    with tempfile.TemporaryDirectory(prefix="directive-extract-index-") as tmp:
        return _convert(conn, in_dir, Path(tmp), keep=False, jobs=jobs, prune=prune)
