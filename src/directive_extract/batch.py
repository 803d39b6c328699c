"""Batch conversion: every PDF/DOCX/TXT/MD under a folder → one JSON each plus manifest.jsonl.

One bad file never stops the batch; each output is written to a temporary name and renamed,
so a killed run never leaves half a JSON behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import ExtractError
from .loaders import SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str                  # ok | warning | error
    output: str | None
    sha256: str | None
    seconds: float
    error: dict | None = None

    def manifest_line(self) -> str:
        return json.dumps({"path": self.path, "status": self.status, "output": self.output,
                           "sha256": self.sha256, "seconds": round(self.seconds, 3), "error": self.error},
                          ensure_ascii=False)


def find_inputs(root: Path) -> list[Path]:
    """Supported files under root, sorted; links that lead outside root are not followed."""
    root_real = root.resolve()
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            if p.is_symlink():
                try:
                    p.resolve().relative_to(root_real)
                except ValueError:
                    continue
            found.append(p)
    return found


def write_atomic(target: Path, data: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def to_json(directive) -> str:
    return directive.model_dump_json(indent=2) + "\n"


def convert_one(path: str, rel: str, out_dir: str, ocr: str = "auto") -> Outcome:
    """Convert one file and write its JSON; never raises."""
    from .pipeline import extract_file, sha256_of

    started = time.perf_counter()
    sha = None
    try:
        sha = sha256_of(Path(path))
        directive = extract_file(path, ocr=ocr, display_path=rel)
        output = rel + ".json"
        target = Path(out_dir) / output
        if Path(out_dir).resolve() not in target.resolve().parents:
            raise ExtractError("unsafe_path", "output would fall outside the output folder", rel)
        write_atomic(target, to_json(directive))
        status = "warning" if directive.warnings else "ok"
        return Outcome(rel, status, output, sha, time.perf_counter() - started)
    except ExtractError as exc:
        return Outcome(rel, "error", None, sha, time.perf_counter() - started,
                       {"code": exc.code, "message": exc.message})
    except RecursionError:
        return Outcome(rel, "error", None, sha, time.perf_counter() - started,
                       {"code": "too_complex", "message": f"{rel}: structure nested too deeply to read"})
    except MemoryError:
        return Outcome(rel, "error", None, sha, time.perf_counter() - started,
                       {"code": "out_of_memory", "message": f"{rel}: ran out of memory"})
    except Exception as exc:  # a bug must not stop the batch: record it with its type
        return Outcome(rel, "error", None, sha, time.perf_counter() - started,
                       {"code": "internal_error", "message": f"{rel}: {type(exc).__name__}: {exc}"})


def run_batch(input_dir: Path, out_dir: Path, *, jobs: int = 1, ocr: str = "auto", on_done=None) -> list[Outcome]:
    """Convert every input; write OUT/manifest.jsonl as results arrive; return the outcomes."""
    files = find_inputs(input_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rels = [p.relative_to(input_dir).as_posix() for p in files]
    outcomes: list[Outcome] = []
    manifest = out_dir / "manifest.jsonl"
    tmp_manifest = out_dir / ".manifest.jsonl.tmp"
    with tmp_manifest.open("w", encoding="utf-8") as mf:
        def record(o: Outcome) -> None:
            outcomes.append(o)
            mf.write(o.manifest_line() + "\n")
            mf.flush()
            if on_done:
                on_done(o)

        if jobs <= 1 or len(files) <= 1:
            for p, rel in zip(files, rels):
                record(convert_one(str(p), rel, str(out_dir), ocr))
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [pool.submit(convert_one, str(p), rel, str(out_dir), ocr) for p, rel in zip(files, rels)]
                for p_rel, fut in zip(rels, futures):
                    try:
                        record(fut.result())
                    except Exception as exc:  # a worker died (killed, out of memory)
                        record(Outcome(p_rel, "error", None, None, 0.0,
                                       {"code": "worker_died", "message": f"{p_rel}: {exc}"}))
    os.replace(tmp_manifest, manifest)
    return outcomes
