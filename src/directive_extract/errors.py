"""Typed errors: every failure has a stable `code` and a message that names the file."""

from __future__ import annotations


class ExtractError(Exception):
    """A document that cannot be converted; `code` is stable, for manifests and scripts."""

    def __init__(self, code: str, message: str, path: str | None = None) -> None:
        self.code = code
        self.path = path
        self.message = f"{path}: {message}" if path else message
        super().__init__(self.message)
