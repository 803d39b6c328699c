"""Command line: `extract FILE`, `batch DIR --out OUT`, `schema`.

Heavy modules are imported inside the commands, so `--help` stays instant.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Vietnamese administrative and Party documents (PDF, DOCX, TXT, MD) to structured JSON.")


class OCR(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"directive-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """directive-extract"""


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A PDF, DOCX, TXT or MD file.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the JSON here instead of stdout.")] = None,
    ocr: Annotated[OCR, typer.Option(help="OCR for pages without text: auto, always or never.")] = OCR.auto,
) -> None:
    """Print the JSON of one document."""
    from .batch import to_json, write_atomic
    from .errors import ExtractError
    from .pipeline import extract_file

    if not file.exists():
        typer.echo(f"error: {file}: no such file", err=True)
        raise typer.Exit(2)
    try:
        directive = extract_file(file, ocr=ocr.value)
    except ExtractError as exc:
        typer.echo(f"error [{exc.code}]: {exc.message}", err=True)
        raise typer.Exit(1)
    data = to_json(directive)
    if out:
        write_atomic(out, data)
    else:
        sys.stdout.write(data)


@app.command()
def batch(
    input_dir: Annotated[Path, typer.Argument(help="Folder of documents (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")],
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per core).")] = 0,
    ocr: Annotated[OCR, typer.Option(help="OCR for pages without text: auto, always or never.")] = OCR.auto,
) -> None:
    """Convert every PDF, DOCX, TXT and MD under INPUT_DIR; write OUT/<file>.json and OUT/manifest.jsonl."""
    from collections import Counter

    from .batch import run_batch

    if not input_dir.is_dir():
        typer.echo(f"error: {input_dir}: not a folder", err=True)
        raise typer.Exit(2)
    jobs = jobs or min(os.cpu_count() or 1, 4)

    def show(o) -> None:
        if o.status == "error":
            typer.echo(f"error [{o.error['code']}]: {o.error['message']}", err=True)

    outcomes = run_batch(input_dir, out, jobs=jobs, ocr=ocr.value, on_done=show)
    counts = Counter(o.status for o in outcomes)
    errors = Counter(o.error["code"] for o in outcomes if o.error)
    seconds = sum(o.seconds for o in outcomes)
    summary = (f"{len(outcomes)} files: {counts['ok']} ok, {counts['warning']} with warnings, "
               f"{counts['error']} errors" + (f" ({', '.join(f'{k}: {v}' for k, v in errors.items())})" if errors else "")
               + f"; {seconds:.2f} s of work")
    typer.echo(summary, err=True)
    raise typer.Exit(1 if counts["error"] else 0)


@app.command()
def schema(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Where to write the schema.")] = None,
) -> None:
    """Write the JSON Schema of the output (schemas/directive.schema.json)."""
    import json

    from .models import json_schema

    data = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(data, encoding="utf-8")
    else:
        sys.stdout.write(data)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
