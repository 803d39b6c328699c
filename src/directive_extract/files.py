"""Writing a file whole or not at all: every output, manifest, register and review page."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


TEMP_PREFIX = ".dx-"          # temporaries are ".dx-<name>.<random>.tmp": only ours are ever cleaned up
TEMP_GLOB = TEMP_PREFIX + "*.tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()   # read once, at import: os.umask can only be read by setting it, which races threads


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write to a temporary name beside `target`, then rename: a reader (or a run killed
    mid-write) never sees half a file. The file gets the permissions a plain open() would give
    (mkstemp alone makes it private to the owner)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
