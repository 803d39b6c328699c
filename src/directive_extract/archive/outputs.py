"""Finding and reading the JSON outputs of a batch (or converting inputs in place of them)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..models import Directive

INPUT_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


@dataclass(frozen=True)
class Failure:
    """A file that could not be read or converted, with a message naming it."""

    path: Path
    message: str


def output_files(out_dir: Path) -> list[Path]:
    """Every `*.json` under `out_dir`, sorted; hidden files (temporary writes) are left out."""
    return sorted(p for p in out_dir.rglob("*.json")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out_dir).parts))


def input_files(in_dir: Path) -> list[Path]:
    """Every document a batch would convert under `in_dir`, sorted."""
    return sorted(p for p in in_dir.rglob("*")
                  if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                  and not any(part.startswith(".") for part in p.relative_to(in_dir).parts))


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
            yield path, Failure(path, f"{path}: not a directive-extract output ({_first_line(exc)})")


def load_any(path: Path, *, display_path: str | None = None) -> Directive:
    """A `.json` output as it is, or an input document converted now."""
    if path.suffix.lower() == ".json":
        return parse_output(path.read_bytes())
    from ..pipeline import extract_file

    return extract_file(path, display_path=display_path)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
