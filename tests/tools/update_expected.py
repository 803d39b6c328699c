"""Regenerate samples/expected/<seed>.json after a reviewed change of behaviour.

    python tests/tools/update_expected.py

The expected files hold the fields a reader checks by hand (no text, no spans); review the diff
against the documents before committing it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))


def projection(directive) -> dict:
    """The reviewed fields of one output: everything but the text, the source and the spans."""
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k != "span"}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    data = strip(directive.model_dump(mode="json", exclude={"text", "source", "sections"}))
    data["section_markers"] = [s.marker for s in directive.sections]
    return data


def main() -> None:
    from directive_extract.pipeline import extract_file

    for seed in sorted((ROOT / "samples").glob("*.txt")):
        out = ROOT / "samples" / "expected" / f"{seed.name}.json"
        out.write_text(json.dumps(projection(extract_file(seed, display_path=seed.name)), ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
        print("wrote", out.relative_to(ROOT))


if __name__ == "__main__":
    main()
