"""Small helpers the archive modules share, kept in one place so they cannot drift apart."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..models import Phase


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (its type's name when it has none): one error line per file."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def unwritable(path: Path) -> str | None:
    """Why no file can be written at `path` (a folder is there, or a file where a folder should be), if
    it can be told beforehand: the database, the register and the review page share this usage error."""
    if path.is_dir():
        return "is a folder, not a file"
    for folder in path.parents:  # nearest first: the first one there must be a folder
        if folder.exists():
            return None if folder.is_dir() else f"{folder} is a file, not a folder"
    return None


def vn_date(iso: str | None) -> str:
    """An ISO date of any precision the Vietnamese way: "14/01/2026", "01/2026", "2026"."""
    if not iso:
        return ""
    return "/".join(reversed(iso.split("-")))


class FlatPhase(NamedTuple):
    """One phase of the tree in reading order, with its depth and its parent's place in the flat list."""

    phase: Phase
    depth: int
    parent: int | None


def flat_phases(phases: list[Phase]) -> list[FlatPhase]:
    """The phase tree in reading order (a phase before its subphases): the database's `phases` rows
    and the review page's list must number them the same way."""
    flat: list[FlatPhase] = []

    def walk(items: list[Phase], depth: int, parent: int | None) -> None:
        for p in items:
            flat.append(FlatPhase(p, depth, parent))
            walk(p.subphases, depth + 1, len(flat) - 1)

    walk(phases, 0, None)
    return flat
