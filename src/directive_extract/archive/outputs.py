"""Finding and reading the JSON outputs of a batch (or converting a document in place of one)."""

from __future__ import annotations

import fnmatch
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..models import Directive
from .common import first_line

TEMPORARY = ".*.tmp"  # what `files.write_atomic` writes before renaming


@dataclass(frozen=True)
class Failure:
    """A file that could not be read or converted, with a message naming it."""

    path: Path
    message: str


def is_output(path: Path) -> bool:
    """A batch output: any `*.json` but this tool's half-written temporaries (`manifest.jsonl` is no `.json`).

    Hidden names count: `batch` converts `.draft.txt` into `.draft.txt.json`, so the archive must see it."""
    name = path.name
    return name.endswith(".json") and not fnmatch.fnmatchcase(name, TEMPORARY)


def output_files(out_dir: Path) -> list[Path]:
    """Every output under `out_dir` (hidden ones too), sorted."""
    return sorted(p for p in out_dir.rglob("*.json") if is_output(p) and p.is_file())


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_output(data: bytes) -> Directive:
    """One output's JSON, validated against the contract."""
    return Directive.model_validate_json(data)


def load_outputs(out_dir: Path) -> Iterator[tuple[Path, Directive | Failure]]:
    """Each output file with its Directive, or a Failure saying why it is unreadable."""
    for path in output_files(out_dir):
        try:
            yield path, parse_output(path.read_bytes())
        except (OSError, ValueError) as exc:
            yield path, Failure(path, f"{path}: not a directive-extract output ({first_line(exc)})")


def load_any(path: Path, *, display_path: str | None = None) -> Directive:
    """A `.json` output as it is, or an input document converted now."""
    if path.suffix.lower() == ".json":
        return parse_output(path.read_bytes())
    from ..pipeline import extract_file

    return extract_file(path, display_path=display_path)
