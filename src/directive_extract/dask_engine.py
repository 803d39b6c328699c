"""The batch past one machine: the same tasks on a Dask cluster, inputs and outputs where fsspec reaches.

Everything here comes with the optional extra (`pip install 'directive-extract[dask]'`) and is
imported lazily, so the default install and `--help` never load dask or fsspec.

- Planning, the journal, `--resume` and the manifest are `batch.run_batch`'s; only the running
  differs (`DaskEngine`). Files go to the workers in chunks (`plan_chunks`), not one task per file.
- A chunk runs on the worker through the local engine's supervised pool (`workers.Pool`, one child
  per worker thread, kept from chunk to chunk): every file keeps the hard time limit, the memory
  bound and the crash isolation of the local engine, the per-file function is `batch.convert_one`
  in both, and the results are the same by construction. The child forks from a forkserver that
  imported the pipeline once per worker.
- Outputs are written atomically (temporary name + rename on a disk, one put on an object store),
  so a chunk Dask runs again after losing its worker rewrites the same files whole.
"""

from __future__ import annotations

import math
import os
import posixpath
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath
from typing import Any

from .batch import (JOURNAL, MANIFEST, LocalTree, Options, Outcome, Tree, _lost, convert_one, parse_entries,
                    run_batch, selected)
from .errors import ExtractError
from .workers import PRELOAD, Pool

MISSING = "the dask engine needs: pip install 'directive-extract[dask]'"
MISSING_FSSPEC = "fsspec URLs need: pip install 'directive-extract[dask]'"
PARTS = JOURNAL + ".d"              # the journal on an object store: one object per flush
MAX_CHUNK_FILES = 100
MAX_CHUNK_BYTES = 64 * 1024 * 1024
CHUNKS_PER_THREAD = 8               # enough chunks that the last ones balance across workers
IN_FLIGHT_PER_THREAD = 4            # chunks submitted ahead of the workers


def require() -> None:
    """Raise a usage-level `ExtractError` when the [dask] extra is not installed."""
    import importlib

    try:
        for module in ("distributed", "fsspec"):
            importlib.import_module(module)
    except ImportError:
        raise ExtractError("missing_dependency", MISSING) from None


def _fsspec() -> Any:
    try:
        import fsspec
    except ImportError:
        raise ExtractError("missing_dependency", MISSING_FSSPEC) from None
    return fsspec


def _url_to_fs(url: str) -> tuple[Any, str]:
    try:
        return _fsspec().core.url_to_fs(url)
    except (ImportError, ValueError) as exc:   # an unknown protocol, or s3:// without s3fs
        raise ExtractError("missing_dependency", f"{url}: {exc}") from None


# ---------------------------------------------------------------------------------------- storage

def url_tree(url: str) -> Tree:
    """The tree of a URL: a `file://` URL is a plain local folder, anything else an `UrlTree`."""
    from fsspec.implementations.local import LocalFileSystem

    fs, root = _url_to_fs(url)
    if isinstance(fs, LocalFileSystem):
        return LocalTree(root)
    return UrlTree(url, fs, root)


def _walk_order(rel: str) -> list[tuple[int, str]]:
    """Sort key giving `find_inputs`' order: a folder's files, then its subfolders, by name."""
    *folders, name = rel.split("/")
    return [(1, f) for f in folders] + [(0, name)]


class UrlTree:
    """A folder on remote storage (`s3://bucket/prefix`, …) through fsspec. Writes are one put each,
    which an object store makes visible whole or not at all; nothing is appended (object stores
    cannot), so the journal is a series of part objects."""

    def __init__(self, url: str, fs: Any, root: str):
        self.location = url.rstrip("/")
        self.fs = fs
        self.root = root.rstrip("/")

    def _path(self, name: str) -> str:
        return f"{self.root}/{name}"

    def is_dir(self) -> bool:
        return self.fs.isdir(self.root)

    def find(self, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        from .loaders import SUPPORTED_SUFFIXES

        include, exclude = tuple(include), tuple(exclude)
        prefix = self.root + "/"
        found = []
        for path, info in self.fs.find(self.root, detail=True).items():
            path = self.fs._strip_protocol(path)
            if not path.startswith(prefix) or info.get("type", "file") != "file":
                continue
            rel = path[len(prefix):]
            if PurePosixPath(rel).suffix.lower() in SUPPORTED_SUFFIXES and selected(rel, include, exclude):
                found.append((f"{self.location}/{rel}", rel, int(info.get("size") or 0)))
        return sorted(found, key=lambda f: _walk_order(f[1]))

    def sha256(self, rel: str) -> str:
        import hashlib

        h = hashlib.sha256()
        with self.fs.open(self._path(rel), "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()

    def prepare(self) -> None:
        try:
            self.fs.makedirs(self.root, exist_ok=True)
        except OSError:      # object stores have no folders to make
            pass

    def read(self, name: str) -> str | None:
        try:
            return self.fs.cat_file(self._path(name)).decode("utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None

    def _parts(self) -> list[str]:
        try:
            return sorted(self.fs.find(self._path(PARTS)))
        except FileNotFoundError:
            return []

    def previous(self) -> dict[str, dict]:
        parts = [self.read(p[len(self.root) + 1:]) for p in self._parts()]
        return parse_entries([self.read(MANIFEST), self.read(JOURNAL), *parts])

    def contains(self, name: str) -> bool:
        return not name.startswith("/") and ".." not in name.split("/")

    def write(self, name: str, data: str) -> None:
        self.fs.pipe_file(self._path(name), data.encode("utf-8"))

    def open_journal(self, append: bool) -> PartJournal:
        if not append:
            self._remove_parts()
        return PartJournal(self)

    def _remove_parts(self) -> None:
        for path in self._parts():
            try:
                self.fs.rm_file(path)
            except FileNotFoundError:
                pass

    def finish(self) -> None:
        self._remove_parts()


class PartJournal:
    """The journal where nothing can be appended: lines are buffered and put as a new part object
    every `every` seconds and at the end, so a kill loses at most those seconds of it (and
    `--resume` converts those files again)."""

    def __init__(self, tree: UrlTree, every: float = 5.0):
        self.tree, self.every = tree, every
        self.lines: list[str] = []
        self.last = time.monotonic()

    def write(self, line: str) -> None:
        self.lines.append(line)

    def flush(self) -> None:
        if self.lines and time.monotonic() - self.last >= self.every:
            self._put()

    def close(self) -> None:
        if self.lines:
            self._put()

    def _put(self) -> None:
        name = f"{PARTS}/{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.jsonl"
        self.tree.write(name, "".join(self.lines))
        self.lines = []
        self.last = time.monotonic()


@contextmanager
def fetch(url: str) -> Iterator[str]:
    """A temporary local copy of a remote file (the PDF and DOCX readers seek), under the same name
    so the suffix still tells TXT from MD; errors about it name the URL, not the copy."""
    fs, path = _url_to_fs(url)
    with tempfile.TemporaryDirectory(prefix="directive-extract-") as tmp:
        local = os.path.join(tmp, posixpath.basename(path) or "input")
        try:
            fs.get_file(path, local)
        except FileNotFoundError:
            raise ExtractError("not_found", "no such file", url) from None
        except OSError as exc:
            raise ExtractError("unreadable", f"cannot read: {exc}", url) from None
        try:
            yield local
        except ExtractError as exc:
            exc.message = exc.message.replace(local, url)
            raise


# ---------------------------------------------------------------------------------------- the engine

def plan_chunks(sizes: list[int], slots: int, max_files: int = MAX_CHUNK_FILES,
                max_bytes: int = MAX_CHUNK_BYTES) -> list[list[int]]:
    """Task indexes in contiguous chunks, heaviest first.

    About CHUNKS_PER_THREAD chunks per worker thread, by file count and by bytes, so the last
    ones balance; each at most `max_files` files and `max_bytes` bytes (a larger file goes alone).
    Bytes stand in for work: the heaviest chunks start first, so a long PDF does not end the
    batch on one worker while the others wait."""
    if not sizes:
        return []
    wanted = max(1, slots) * CHUNKS_PER_THREAD
    files = max(1, min(max_files, math.ceil(len(sizes) / wanted)))
    nbytes_cap = max(1, min(max_bytes, math.ceil(sum(sizes) / wanted)))
    chunks: list[list[int]] = [[]]
    nbytes = 0
    for i, size in enumerate(sizes):
        if chunks[-1] and (len(chunks[-1]) >= files or nbytes + size > nbytes_cap):
            chunks.append([])
            nbytes = 0
        chunks[-1].append(i)
        nbytes += size
    return sorted(chunks, key=lambda chunk: -sum(sizes[i] for i in chunk))


def _allow_children() -> None:
    """Dask starts its workers as daemonic processes, and multiprocessing refuses children to a daemon.
    The pool's children die with their Dask worker all the same (its forkserver exits with it and
    they are asked for SIGKILL when that happens: `workers._die_with_parent`), so the flag is lifted."""
    import multiprocessing as mp

    mp.current_process()._config["daemon"] = False


def warm_worker() -> None:
    """Start this worker's forkserver with the pipeline imported (`workers.PRELOAD`), once per worker,
    so the child each chunk forks starts warm. Cheap when already running; a restarted worker
    warms on its first chunk."""
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():
        return
    from multiprocessing import forkserver

    mp.get_context("forkserver").set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


_POOLS = threading.local()


def _kept_pool(options: Options) -> Pool:
    """This worker thread's pool (threads must not share a child), for these limits: a batch with
    other limits closes the old pool's child rather than keeping one warm child per option set."""
    key = (options.timeout, options.memory_mb)
    kept = getattr(_POOLS, "kept", None)
    if kept is None or kept[0] != key:
        if kept is not None:
            kept[1].close()
        kept = _POOLS.kept = (key, Pool(convert_one, jobs=1, timeout=options.timeout,
                                        memory_mb=options.memory_mb, keep_idle=True))
    return kept[1]


def convert_chunk(items: list[tuple[str, str]], out_dir: str | None, options: Options,
                  stream: bool) -> list[Outcome]:
    """One Dask task: the chunk's `(path, rel)` files through the local engine's supervised pool
    inside the worker, one child per worker thread, kept from chunk to chunk."""
    _allow_children()
    warm_worker()
    tasks = [(path, rel, out_dir, options, stream) for path, rel in items]
    return list(_kept_pool(options).run(tasks, on_lost=_lost))


class DaskEngine:
    """Runs a batch's tasks on the cluster of `client`, a bounded number of chunks in flight;
    yields outcomes as chunks finish. Dask runs a chunk again when its worker is lost (up to
    `distributed.scheduler.allowed-failures`); a chunk that still fails is recorded file by file
    as `worker_died`, and the batch goes on."""

    def __init__(self, client: Any, max_files: int = MAX_CHUNK_FILES, max_bytes: int = MAX_CHUNK_BYTES):
        self.client = client
        self.max_files, self.max_bytes = max_files, max_bytes
        self._threads, self._asked = 1, -float("inf")

    def _slots(self) -> int:
        """Worker threads of the cluster, asked again every few seconds (workers come and go)."""
        if time.monotonic() - self._asked > 5.0:
            self._threads = max(1, sum(self.client.nthreads().values()))
            self._asked = time.monotonic()
        return self._threads

    def run(self, tasks: list[tuple], sizes: list[int], options: Options) -> Iterator[Outcome]:
        from distributed import as_completed

        if not tasks:
            return
        out_dir, stream = tasks[0][2], tasks[0][4]
        chunks = plan_chunks(sizes, self._slots(), self.max_files, self.max_bytes)
        token = uuid.uuid4().hex[:12]
        waiting = list(reversed(chunks))
        running: dict[Any, list[tuple]] = {}
        done = as_completed(loop=self.client.loop)

        def submit() -> None:
            part = [tasks[i] for i in waiting.pop()]
            key = f"directive-extract-chunk-{token}-{len(chunks) - len(waiting)}"
            future = self.client.submit(convert_chunk, [(t[0], t[1]) for t in part], out_dir, options, stream,
                                        key=key)
            running[future] = part
            done.add(future)

        def top_up() -> None:
            limit = self._slots() * IN_FLIGHT_PER_THREAD
            while waiting and len(running) < limit:
                submit()

        try:
            top_up()
            for future in done:
                part = running.pop(future)
                outcomes = self._outcomes(future, part)
                future.release()
                top_up()
                yield from outcomes
        finally:
            if running:
                self.client.cancel(list(running))

    @staticmethod
    def _outcomes(future: Any, part: list[tuple]) -> list[Outcome]:
        try:
            return future.result()
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:   # lost on every try (KilledWorker), cancelled, or unpicklable
            reason = f"the chunk failed on the cluster ({type(exc).__name__}: {exc})"
            return [_lost(task, "worker_died", reason) for task in part]


@contextmanager
def cluster_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client of the scheduler at `scheduler`, or of a `LocalCluster` of `workers` single-threaded
    worker processes on this machine (one per core by default)."""
    require()
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ExtractError("scheduler_unreachable", f"cannot reach the dask scheduler {scheduler}: {exc}") \
                from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run_dask_batch(input_dir: str, out_dir: str | None, *, scheduler: str | None = None,
                   workers: int | None = None, **kwargs: Any) -> list[Outcome]:
    """`batch.run_batch` on a Dask cluster (same keywords, same outputs and manifest).

    With a remote `scheduler`, plain paths are made absolute: the workers must see them on shared
    storage, or INPUT and OUT must be URLs they can reach."""
    if scheduler:
        input_dir = _absolute(input_dir)
        out_dir = None if out_dir is None else _absolute(out_dir)
    with cluster_client(scheduler, workers) as client:
        client.run(warm_worker)
        return run_batch(input_dir, out_dir, engine=DaskEngine(client), **kwargs)


def _absolute(location: str) -> str:
    return location if "://" in str(location) else os.path.abspath(location)


__all__ = ["DaskEngine", "UrlTree", "cluster_client", "convert_chunk", "fetch", "plan_chunks", "require",
           "run_dask_batch", "url_tree", "warm_worker"]
