"""A supervised process pool: one task at a time per worker, a hard time limit per task.

`concurrent.futures` cannot stop one hung task without breaking the whole pool, and a
batch must outlive any single file. So each worker gets one task over its own pipe; the
parent watches the clock and the worker's sentinel. A worker past its deadline is killed
and replaced; a worker that dies (out of memory, a crash in C code) is replaced too. The
task it held is reported through `on_lost`, every other task goes on.

Workers fork from a forkserver that has already imported the pipeline, so heavy imports
happen once, and the parent may run threads (a progress bar) without unsafe forks.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

PRELOAD = ["directive_extract.warm"]


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: tuple | None = None
    started: float = 0.0


def _limit_memory(megabytes: int | None) -> None:
    """Bound the worker's address space, so a runaway file raises MemoryError instead of
    taking the machine down."""
    if not megabytes:
        return
    limit = megabytes * 1024 * 1024
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # a platform without the limit: run unbounded
        pass


def _die_with_parent() -> None:
    """On Linux, ask for SIGKILL when the parent dies. The parent is the forkserver, which exits
    when the process that started it (the batch, a Dask worker) dies: so a worker busy with a
    hung file does not outlive a killed batch. Elsewhere the worker stops at its next read of
    the closed pipe."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _serve(conn: Connection, func: Callable, args: tuple, memory_mb: int | None) -> None:
    """Worker loop: receive a task, answer with func(*task, *args); stop on None or EOF."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.setpgid(0, 0)     # its own process group: a kill also reaches the OCR processes it started
    _die_with_parent()
    _limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
            if task is None:
                return
            conn.send(func(*task, *args))
        except (EOFError, OSError):  # the parent is gone (even a kill -9): stop quietly
            return
        except BaseException:        # out of memory outside the task itself: the parent reports it
            os._exit(70)


@contextmanager
def _main_unless_unreadable():
    """A child re-runs the parent's main script by path; a script read from standard input or
    typed at a prompt ("<stdin>") has none, and every child would die looking for it. Such a
    main is hidden from multiprocessing while the child starts (it needs nothing from it:
    the task function lives in this package)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    hide = path is not None and getattr(main, "__spec__", None) is None and not os.path.exists(path)
    if hide:
        del main.__file__
    try:
        yield
    finally:
        if hide:
            main.__file__ = path


class Pool:
    """Run `func(*task, *args)` for each task in `jobs` processes, each call at most `timeout` s."""

    def __init__(self, func: Callable, args: tuple = (), *, jobs: int = 1, timeout: float | None = None,
                 memory_mb: int | None = None, keep_idle: bool = False):
        """`keep_idle`: healthy workers outlive `run()` and serve the next call (a Dask worker
        running chunk after chunk); `close()` stops them."""
        self.func, self.args = func, args
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.keep_idle = keep_idle
        self.idle: list[_Worker] = []
        methods = mp.get_all_start_methods()
        self.ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
        if "forkserver" in methods:
            self.ctx.set_forkserver_preload(PRELOAD)

    def _start(self) -> _Worker:
        while self.idle:
            worker = self.idle.pop()
            if worker.process.is_alive():
                return worker
            self._stop(worker, kill=True)
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(child, self.func, self.args, self.memory_mb), daemon=True)
        with _main_unless_unreadable():
            process.start()
        child.close()
        return _Worker(process, parent)

    @staticmethod
    def _stop(worker: _Worker, kill: bool = False) -> None:
        if kill:
            try:
                os.killpg(worker.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except OSError:
                pass
        worker.process.join(5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def run(self, tasks: Iterable[tuple], on_lost: Callable[[tuple, str, str], Any],
            on_start: Callable[[tuple], None] | None = None) -> Iterator[Any]:
        """Yield results as they come. A task whose worker hit the time limit or died yields
        `on_lost(task, code, reason)` instead, with code "timeout" or "worker_died"."""
        pending = deque(tasks)
        if not pending:
            return
        workers = [self._start() for _ in range(min(self.jobs, len(pending)))]
        try:
            while True:
                for i, w in enumerate(workers):
                    if w.task is None and pending:
                        w.task, w.started = pending.popleft(), time.monotonic()
                        if on_start:
                            on_start(w.task)
                        try:
                            w.conn.send(w.task)
                        except OSError:   # died before its first task (failed to start)
                            yield self._replace(workers, i, "worker_died", self._death(w), bool(pending), on_lost)
                busy = [w for w in workers if w.task is not None]
                if not busy:
                    return
                wait_for = None
                if self.timeout:
                    now = time.monotonic()
                    wait_for = max(0.0, min(w.started + self.timeout - now for w in busy))
                ready = set(wait([x for w in busy for x in (w.conn, w.process.sentinel)], wait_for))
                for i, w in enumerate(workers):
                    if w.task is None:
                        continue
                    lost = None
                    if w.conn in ready:
                        try:
                            result = w.conn.recv()
                        except (EOFError, OSError):
                            lost = ("worker_died", self._death(w))
                        else:
                            w.task = None
                            yield result
                            continue
                    elif w.process.sentinel in ready:
                        lost = ("worker_died", self._death(w))
                    elif self.timeout and time.monotonic() - w.started >= self.timeout:
                        lost = ("timeout", f"stopped after the {self.timeout:g} s time limit")
                    if lost:
                        yield self._replace(workers, i, *lost, bool(pending), on_lost)
        finally:
            for w in workers:
                if self.keep_idle and w.task is None and w.process.is_alive():
                    self.idle.append(w)
                elif w.process.is_alive() or not w.conn.closed:
                    self._stop(w, kill=w.task is not None)

    def close(self) -> None:
        """Stop the workers kept idle."""
        while self.idle:
            self._stop(self.idle.pop())

    def _replace(self, workers: list[_Worker], i: int, code: str, reason: str, more: bool,
                 on_lost: Callable) -> Any:
        """Kill worker i, start a fresh one if tasks remain, and report its task as lost."""
        w = workers[i]
        task, w.task = w.task, None
        self._stop(w, kill=True)
        if more:
            workers[i] = self._start()
        return on_lost(task, code, reason)

    @staticmethod
    def _death(worker: _Worker) -> str:
        worker.process.join(1)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = str(-code)
            return f"the worker process was killed by {name} (out of memory?)"
        return f"the worker process exited with code {code}"
