"""What a batch shows while it runs: a rich progress bar on a terminal, one plain line per
file when standard error is piped (a log, a CI job), and the summary line at the end."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TextIO

from .batch import Outcome


def summary(outcomes: list[Outcome], seconds: float) -> str:
    """One line: converted, warnings, errors by code, kept by --resume, pages, time and rate."""
    counts = Counter(o.status for o in outcomes)
    errors = Counter(o.error["code"] for o in outcomes if o.error)
    converted = counts["ok"] + counts["warning"]
    pages = sum(o.pages or 0 for o in outcomes if o.status != "skipped")
    parts = [f"{converted} converted ({counts['warning']} with warnings)",
             f"{counts['error']} errors" + (" (" + ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) + ")"
                                            if errors else "")]
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} unchanged, kept (--resume)")
    if pages:
        parts.append(f"{pages} pages")
    rate = (converted + counts["error"]) / seconds if seconds > 0 else 0.0
    parts.append(f"{seconds:.2f} s, {rate:.1f} docs/s")
    return "; ".join(parts)


class Reporter:
    """Receives the batch's callbacks; `live` picks the bar, else plain lines."""

    def __init__(self, stream: TextIO = sys.stderr, live: bool | None = None):
        self.stream = stream
        self.live = stream.isatty() if live is None else live
        self.total = self.done_count = self.converted = self.pages = self.errors = 0
        self.started = time.perf_counter()
        self._progress = None
        self._task = None

    def plan(self, todo: int, kept: int) -> None:
        self.total = todo + kept
        if not self.live:
            if kept:
                self.stream.write(f"{kept} files unchanged since the last run, kept; {todo} to convert\n")
            return
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self._progress = Progress(
            TextColumn("[bold]converting"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[pages]} pages"), TextColumn("{task.fields[rate]:.1f} docs/s"),
            TextColumn("[red]{task.fields[errors]} errors"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=Console(file=self.stream), transient=False)
        self._progress.start()
        self._task = self._progress.add_task("batch", total=self.total, pages=0, rate=0.0, errors=0)

    def done(self, o: Outcome) -> None:
        self.done_count += 1
        self.converted += o.status != "skipped"      # the rate counts work done, not files kept
        if o.status != "skipped":
            self.pages += o.pages or 0
        line = None
        if o.status == "error":
            self.errors += 1
            line = f"error [{o.error['code']}]: {o.error['message']}"
        elif not self.live and o.status != "skipped":
            pages = f", {o.pages} pages" if o.pages else ""
            line = f"{o.status} {o.path} ({o.seconds:.2f} s{pages})"
        if self._progress is not None:
            if line:
                self._progress.console.print(line, markup=False, highlight=False)
            elapsed = time.perf_counter() - self.started
            self._progress.update(self._task, advance=1, pages=self.pages, errors=self.errors,
                                  rate=self.converted / elapsed if elapsed > 0 else 0.0)
        elif line:
            self.stream.write(f"[{self.done_count}/{self.total}] {line}\n")
            self.stream.flush()

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
