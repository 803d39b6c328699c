"""Batch conversion: every PDF/DOCX/TXT/MD under a folder → one JSON each plus manifest.jsonl.

One bad file never stops the batch. Each output is written to a temporary name and renamed;
each finished file is appended to a journal at once, so after a kill (even `kill -9`)
`resume=True` converts only what is left, and the manifest is rewritten whole at the end.
`convert_one` is the one per-file function every engine calls: the local process pool
(`LocalEngine`, the default) or a Dask cluster (`dask_engine.DaskEngine`). INPUT and OUT may be
fsspec URLs (`s3://…`, with the [dask] extra); plain paths never import fsspec.
"""

from __future__ import annotations

import fnmatch
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from . import SCHEMA_VERSION, __version__
from .errors import ExtractError
from .files import TEMP_GLOB, write_atomic
from .loaders import SUPPORTED_SUFFIXES
from .loaders.base import MAX_BYTES, MAX_PAGES

MANIFEST = "manifest.jsonl"
JOURNAL = ".manifest.jsonl.part"
TOOL = f"directive-extract {__version__} (schema {SCHEMA_VERSION})"


@dataclass(frozen=True)
class Options:
    """What a batch was run with. `fingerprint` holds the ones that change an output:
    `--resume` redoes a file when they differ from the manifest's."""

    ocr: str = "auto"
    timeout: float | None = 120.0
    max_bytes: int = MAX_BYTES
    max_pages: int = MAX_PAGES
    memory_mb: int | None = 4096

    def fingerprint(self) -> dict:
        return {"ocr": self.ocr}


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str                  # ok | warning | error | skipped (resume: kept from the manifest)
    output: str | None
    sha256: str | None
    seconds: float
    error: dict | None = None
    pages: int | None = None
    options: dict = field(default_factory=dict)
    tool: str = TOOL
    document: str | None = field(default=None, compare=False)   # one-line JSON, for --jsonl

    def manifest_entry(self) -> dict:
        return {"path": self.path, "status": self.status, "output": self.output, "sha256": self.sha256,
                "seconds": round(self.seconds, 3), "error": self.error, "pages": self.pages,
                "tool": self.tool, "options": self.options}

    def manifest_line(self) -> str:
        return json.dumps(self.manifest_entry(), ensure_ascii=False)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    """fnmatch on the relative path and on the bare name: `*.pdf` and `inbox/*` both work."""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def selected(rel: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """--include (when given) and --exclude, applied to a relative path."""
    return not ((include and not _matches(rel, include)) or _matches(rel, exclude))


def find_inputs(root: Path, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[Path]:
    """Supported files under root, sorted; links that lead outside root are not followed."""
    include, exclude = tuple(include), tuple(exclude)
    root_real = root.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            rel = p.relative_to(root).as_posix()
            if not selected(rel, include, exclude):
                continue
            if p.is_symlink():
                try:
                    p.resolve().relative_to(root_real)
                except (ValueError, OSError):
                    continue
            found.append(p)
    return found


def to_json(directive) -> str:
    return directive.model_dump_json(indent=2) + "\n"


def is_url(location: str | Path) -> bool:
    """An fsspec URL (`s3://bucket/in`, `file:///data`) rather than a plain path."""
    return isinstance(location, str) and "://" in location


def _local_copy(path: str) -> AbstractContextManager[str]:
    """The file to read: the path itself, or a temporary copy of a URL's file (`dask_engine.fetch`)."""
    if not is_url(path):
        return nullcontext(path)
    from .dask_engine import fetch
    return fetch(path)


def _sha_or_none(path: str) -> str | None:
    from .pipeline import sha256_of

    try:
        return sha256_of(Path(path))
    except OSError:
        return None


def _failed(rel: str, sha: str | None, started: float, code: str, message: str, options: Options) -> Outcome:
    return Outcome(rel, "error", None, sha, time.perf_counter() - started, {"code": code, "message": message},
                   options=options.fingerprint())


def convert_one(path: str, rel: str, out_dir: str | None, options: Options = Options(),
                stream: bool = False) -> Outcome:
    """Convert one file and write OUT/<rel>.json (when out_dir is given); never raises.

    `stream` also returns the document as one JSON line (for `--jsonl`)."""
    from .pipeline import extract_file

    started = time.perf_counter()
    sha = None
    try:
        with _local_copy(path) as local:
            try:
                directive = extract_file(local, ocr=options.ocr, display_path=rel,
                                         max_bytes=options.max_bytes, max_pages=options.max_pages)
            except BaseException:
                sha = _sha_or_none(local)      # the manifest names the bad file's content too
                raise
            sha = directive.source.sha256
        output = None
        if out_dir is not None:
            output = rel + ".json"
            tree = open_tree(out_dir)
            if not tree.contains(output):
                raise ExtractError("unsafe_path", "output would fall outside the output folder", rel)
            tree.write(output, to_json(directive))
        status = "warning" if directive.warnings else "ok"
        return Outcome(rel, status, output, sha, time.perf_counter() - started, pages=directive.source.pages,
                       options=options.fingerprint(),
                       document=directive.model_dump_json() if stream else None)
    except ExtractError as exc:
        return _failed(rel, sha, started, exc.code, exc.message, options)
    except RecursionError:
        return _failed(rel, sha, started, "too_complex", f"{rel}: structure nested too deeply to read", options)
    except MemoryError:
        return _failed(rel, sha, started, "out_of_memory",
                       f"{rel}: ran out of memory" + (f" (bound: {options.memory_mb} MB)" if options.memory_mb else ""), options)
    except Exception as exc:  # a bug must not stop the batch: record it with its type
        return _failed(rel, sha, started, "internal_error", f"{rel}: {type(exc).__name__}: {exc}", options)


def parse_entries(texts: Iterable[str | None]) -> dict[str, dict]:
    """Manifest entries by path from manifest/journal texts, later ones winning.
    A line cut short by a kill is ignored."""
    entries: dict[str, dict] = {}
    for text in texts:
        for line in (text or "").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict) and isinstance(entry.get("path"), str):
                entries[entry["path"]] = entry
    return entries


def read_manifest(out_dir: Path) -> dict[str, dict]:
    """Entries of a previous run: the manifest, then the journal of an interrupted run (later wins)."""
    return LocalTree(out_dir).previous()


def _unchanged(entry: dict | None, sha: str, options: Options) -> bool:
    return bool(entry and entry.get("status") in ("ok", "warning") and entry.get("sha256") == sha
                and entry.get("tool") == TOOL and entry.get("options") == options.fingerprint()
                and entry.get("output"))


def _kept(entry: dict, store: "Tree", stream: bool) -> Outcome | None:
    """The earlier run's outcome, if its output is still whole JSON (a file cut short by a crash
    of the machine is converted again); with `stream`, its document as one line for --jsonl."""
    data = store.read(entry["output"])
    try:
        document = json.loads(data) if data else None
    except json.JSONDecodeError:
        document = None
    if not isinstance(document, dict):
        return None
    line = json.dumps(document, ensure_ascii=False, separators=(",", ":")) if stream else None
    return Outcome(entry["path"], "skipped", entry["output"], entry["sha256"], 0.0, pages=entry.get("pages"),
                   options=entry["options"], tool=entry["tool"], document=line)


def _lost(task: tuple, code: str, reason: str) -> Outcome:
    """The outcome of a task whose worker was stopped (time limit) or died."""
    path, rel, out_dir, options, _ = task
    sha = None if is_url(path) else _sha_or_none(path)
    seconds = options.timeout if code == "timeout" and options.timeout else 0.0
    return Outcome(rel, "error", None, sha, seconds, {"code": code, "message": f"{rel}: {reason}"},
                   options=options.fingerprint())


def _clean_temporaries(out_dir: Path) -> None:
    """Temporary outputs of a worker killed mid-write (ours only: see `files.TEMP_PREFIX`)."""
    for tmp in out_dir.rglob(TEMP_GLOB):
        try:
            tmp.unlink()
        except OSError:
            pass


class Journal(Protocol):
    def write(self, line: str) -> object: ...
    def flush(self) -> None: ...
    def close(self) -> None: ...


class Tree(Protocol):
    """Where inputs are found and outputs, journal and manifest are written: `LocalTree` for plain
    paths, `dask_engine.UrlTree` for fsspec URLs. `location` is what tasks carry to the workers."""

    location: str

    def is_dir(self) -> bool: ...
    def find(self, include: Iterable[str], exclude: Iterable[str]) -> list[tuple[str, str, int]]: ...
    def sha256(self, rel: str) -> str: ...
    def prepare(self) -> None: ...
    def previous(self) -> dict[str, dict]: ...
    def read(self, name: str) -> str | None: ...
    def contains(self, name: str) -> bool: ...
    def write(self, name: str, data: str) -> None: ...
    def open_journal(self, append: bool) -> Journal: ...
    def finish(self) -> None: ...


class LocalTree:
    """A folder on this machine, through plain `pathlib` (no fsspec)."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.location = str(self.root)

    def is_dir(self) -> bool:
        return self.root.is_dir()

    def find(self, include: Iterable[str] = (), exclude: Iterable[str] = ()) -> list[tuple[str, str, int]]:
        """(path, path relative to the root, size) of every input, in `find_inputs` order."""
        found = []
        for p in find_inputs(self.root, include, exclude):
            try:
                size = p.stat().st_size
            except OSError:
                size = 0
            found.append((str(p), p.relative_to(self.root).as_posix(), size))
        return found

    def sha256(self, rel: str) -> str:
        from .pipeline import sha256_of
        return sha256_of(self.root / rel)

    def prepare(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _clean_temporaries(self.root)

    def read(self, name: str) -> str | None:
        try:
            return (self.root / name).read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None

    def previous(self) -> dict[str, dict]:
        return parse_entries([self.read(MANIFEST), self.read(JOURNAL)])

    def contains(self, name: str) -> bool:
        return self.root.resolve() in (self.root / name).resolve().parents

    def write(self, name: str, data: str) -> None:
        write_atomic(self.root / name, data)

    def open_journal(self, append: bool) -> Journal:
        return (self.root / JOURNAL).open("a" if append else "w", encoding="utf-8")

    def finish(self) -> None:
        (self.root / JOURNAL).unlink(missing_ok=True)
        _clean_temporaries(self.root)     # a worker stopped at its time limit may have left one


def open_tree(location: Path | str) -> Tree:
    """A plain path (or a `file://` URL) gives a `LocalTree`; any other URL an fsspec `UrlTree`."""
    if not is_url(location):
        return LocalTree(location)
    from .dask_engine import url_tree
    return url_tree(str(location))


class Engine(Protocol):
    """Runs the tasks `(path, rel, out_location, options, stream)` and yields their outcomes,
    in any order; each file through `convert_one`."""

    def run(self, tasks: list[tuple], sizes: list[int], options: Options) -> Iterable[Outcome]: ...


@dataclass(frozen=True)
class LocalEngine:
    """The default engine: `jobs` supervised worker processes on this machine (`workers.Pool`),
    each file under the hard time limit and memory bound of the options."""

    jobs: int = 1

    def run(self, tasks: list[tuple], sizes: list[int], options: Options) -> Iterator[Outcome]:
        from .workers import Pool

        pool = Pool(convert_one, jobs=self.jobs, timeout=options.timeout, memory_mb=options.memory_mb)
        return pool.run(tasks, on_lost=_lost)


def run_batch(input_dir: Path | str, out_dir: Path | str | None, *, jobs: int = 1, options: Options = Options(),
              include: Iterable[str] = (), exclude: Iterable[str] = (), resume: bool = False,
              stream: bool = False, on_plan: Callable[[int, int], None] | None = None,
              on_done: Callable[[Outcome], None] | None = None,
              engine: Engine | None = None) -> list[Outcome]:
    """Convert every input under input_dir; return the outcomes in input order.

    With out_dir: OUT/<rel>.json per file and OUT/manifest.jsonl. With `resume`, files whose
    sha256, tool and options match the manifest (`_unchanged`) and whose output is whole are
    kept, not converted again.
    `on_plan(to_convert, kept)` is called once, `on_done` for every finished or kept file.
    `engine` runs the conversions (default: `LocalEngine(jobs)`); planning, the journal and
    the manifest are the same whatever runs them."""
    source = open_tree(input_dir)
    store = None if out_dir is None else open_tree(out_dir)
    found = source.find(include, exclude)
    rels = [rel for _, rel, _ in found]
    previous: dict[str, dict] = {}
    if store is not None:
        store.prepare()
        if resume:
            previous = store.previous()

    results: dict[str, Outcome] = {}
    tasks, sizes = [], []
    for path, rel, size in found:
        entry = previous.get(rel)
        if entry is not None:
            try:
                kept = _kept(entry, store, stream) if _unchanged(entry, source.sha256(rel), options) else None
            except OSError:
                kept = None
            if kept is not None:
                results[rel] = kept
                continue
        tasks.append((path, rel, None if store is None else store.location, options, stream))
        sizes.append(size)
    if on_plan:
        on_plan(len(tasks), len(results))
    if on_done:
        for rel, o in results.items():
            on_done(o)
            results[rel] = replace(o, document=None)

    journal = None
    if store is not None:
        journal = store.open_journal(append=resume)
    try:
        for o in (engine or LocalEngine(jobs)).run(tasks, sizes, options):
            if journal:
                journal.write(o.manifest_line() + "\n")
                journal.flush()
            if on_done:
                on_done(o)
            results[o.path] = replace(o, document=None)    # streamed already: not kept in memory
    finally:
        if journal:
            journal.close()

    outcomes = [results[rel] for rel in rels if rel in results]
    if store is not None:
        lines = [o.manifest_line() if o.status != "skipped" else json.dumps(previous[o.path], ensure_ascii=False)
                 for o in outcomes]
        store.write(MANIFEST, "".join(line + "\n" for line in lines))
        store.finish()
    return outcomes


__all__ = ["Options", "Outcome", "convert_one", "find_inputs", "run_batch", "read_manifest", "write_atomic",
           "to_json", "LocalEngine", "LocalTree", "open_tree", "is_url"]
