from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEEDS = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_outputs():
    """Each seed's Directive, extracted once for the session."""
    from directive_extract.pipeline import extract_file

    return {p.name: extract_file(p, display_path=p.name) for p in SEEDS}


def expected(name: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{name}.json").read_text(encoding="utf-8"))
