"""Command line: `extract FILE|-`, `batch DIR --out OUT`, `schema`, and the archivist's `index`,
`search`, `register`, `show` (archive/commands.py).

Heavy modules are imported inside the commands, so `--help` stays instant.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .archive.commands import add_commands

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
    import logging

    # pdfminer logs every oddity of a malformed PDF at WARNING; the outcome is reported as a
    # warning or error of our own, so its log lines would only be noise on stderr
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


class Format(str, Enum):
    auto = "auto"
    pdf = "pdf"
    docx = "docx"
    txt = "txt"
    md = "md"


def _read_stdin(fmt: Format) -> Path:
    """Standard input saved to a temporary file, since the PDF and DOCX readers need to seek.
    The suffix says txt or md; PDF and DOCX are known by their bytes whatever the suffix."""
    import tempfile

    data = sys.stdin.buffer.read()
    suffix = ".txt" if fmt == Format.auto else f".{fmt.value}"
    fd, name = tempfile.mkstemp(prefix="directive-extract-stdin-", suffix=suffix)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return Path(name)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A PDF, DOCX, TXT or MD file; - reads standard input.")],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write the JSON here instead of stdout.")] = None,
    ocr: Annotated[OCR, typer.Option(help="OCR for pages without text: auto, always or never.")] = OCR.auto,
    fmt: Annotated[Format, typer.Option("--format", "-f",
                                        help="Format of standard input (PDF and DOCX are also known by their bytes).")]
    = Format.auto,
) -> None:
    """Print the JSON of one document."""
    from .batch import to_json, write_atomic
    from .errors import ExtractError
    from .pipeline import extract_file

    stdin = file == "-"
    path = _read_stdin(fmt) if stdin else Path(file)
    if not stdin and not path.is_file():
        typer.echo(f"error: {file}: {'is a folder' if path.is_dir() else 'no such file'}", err=True)
        raise typer.Exit(2)
    try:
        directive = extract_file(path, ocr=ocr.value, display_path="<stdin>" if stdin else None)
    except ExtractError as exc:
        message = exc.message.replace(str(path), "<stdin>") if stdin else exc.message
        typer.echo(f"error [{exc.code}]: {message}", err=True)
        raise typer.Exit(1)
    except Exception as exc:  # a bug: report it like any error, with its type, not as a traceback
        typer.echo(f"error [internal_error]: {'<stdin>' if stdin else file}: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(1)
    finally:
        if stdin:
            path.unlink(missing_ok=True)
    data = to_json(directive)
    if out:
        try:
            write_atomic(out, data)
        except OSError as exc:
            typer.echo(f"error: {out}: cannot write: {exc.strerror or exc}", err=True)
            raise typer.Exit(2)
    else:
        sys.stdout.write(data)


class BatchEngine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    input_dir: Annotated[str, typer.Argument(
        help="Folder of documents (searched recursively), or an fsspec URL (s3://…; needs the 'dask' extra).")],
    out: Annotated[Optional[str], typer.Option(
        "--out", "-o", help="Output folder or fsspec URL (JSON per file + manifest.jsonl).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per core).")] = 0,
    include: Annotated[Optional[list[str]], typer.Option(
        "--include", help="Only paths matching this glob (relative path or file name; repeatable).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option(
        "--exclude", help="Skip paths matching this glob (repeatable).")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="Keep files whose sha256, tool version and options match OUT/manifest.jsonl.")] = False,
    jsonl: Annotated[Optional[str], typer.Option(
        "--jsonl", help="Also stream each document as one JSON line to FILE (- for standard output).")] = None,
    ocr: Annotated[OCR, typer.Option(help="OCR for pages without text: auto, always or never.")] = OCR.auto,
    timeout: Annotated[float, typer.Option(min=0, help="Seconds allowed per file (0: no limit).")] = 120.0,
    max_size: Annotated[int, typer.Option("--max-size", min=1, help="Largest file to read, in MB.")] = 200,
    max_pages: Annotated[int, typer.Option("--max-pages", min=1, help="Most pages to read in one PDF.")] = 2000,
    memory: Annotated[int, typer.Option(min=0, help="Memory bound per worker in MB (0: none).")] = 4096,
    engine: Annotated[BatchEngine, typer.Option(
        help="local: processes on this machine; dask: a Dask cluster (needs the 'dask' extra).")]
    = BatchEngine.local,
    scheduler: Annotated[Optional[str], typer.Option(
        help="With --engine dask: the scheduler to use (tcp://host:8786); default a local cluster.")] = None,
    workers: Annotated[Optional[int], typer.Option(
        min=1, help="With --engine dask and no --scheduler: worker processes of the local cluster "
                    "(default --jobs, else one per core).")] = None,
) -> None:
    """Convert every PDF, DOCX, TXT and MD under INPUT_DIR; write OUT/<file>.json and OUT/manifest.jsonl."""
    import time

    from .batch import Options, is_url, open_tree, run_batch
    from .errors import ExtractError
    from .progress import Reporter, summary

    dask = engine is BatchEngine.dask
    if not dask and (scheduler or workers):
        typer.echo("error: --scheduler and --workers need --engine dask", err=True)
        raise typer.Exit(2)
    try:
        if dask:
            from .dask_engine import require
            require()
        found = open_tree(input_dir).is_dir()
        if out is not None:
            open_tree(out)
    except ExtractError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2)
    except Exception as exc:       # remote storage unreachable, no credentials …
        typer.echo(f"error: cannot open the input or output: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2)
    if not found:
        typer.echo(f"error: {input_dir}: not a folder", err=True)
        raise typer.Exit(2)
    if out is None and jsonl is None:
        typer.echo("error: give --out OUT_DIR, --jsonl FILE, or both", err=True)
        raise typer.Exit(2)
    if resume and out is None:
        typer.echo("error: --resume needs --out (it reads OUT/manifest.jsonl)", err=True)
        raise typer.Exit(2)
    options = Options(ocr=ocr.value, timeout=timeout or None, max_bytes=max_size * 1024 * 1024,
                      max_pages=max_pages, memory_mb=memory or None)
    stream = None
    try:   # an output place that cannot be made is bad usage, told before any work
        if out is not None and not is_url(out):
            Path(out).mkdir(parents=True, exist_ok=True)
        if jsonl == "-":
            stream = sys.stdout
        elif jsonl:
            Path(jsonl).parent.mkdir(parents=True, exist_ok=True)
            stream = open(jsonl, "w", encoding="utf-8")
    except OSError as exc:
        typer.echo(f"error: {exc.filename or out}: cannot write there: {exc.strerror or exc}", err=True)
        raise typer.Exit(2)
    reporter = Reporter()

    def done(o) -> None:
        reporter.done(o)
        if stream is not None and o.document is not None:
            stream.write(o.document + "\n")
            stream.flush()

    started = time.perf_counter()
    common = dict(options=options, include=include or (), exclude=exclude or (), resume=resume,
                  stream=stream is not None, on_plan=reporter.plan, on_done=done)
    failure = None
    try:
        if dask:
            from .dask_engine import run_dask_batch
            outcomes = run_dask_batch(input_dir, out, scheduler=scheduler, workers=workers or jobs or None, **common)
        else:
            outcomes = run_batch(input_dir, out, jobs=jobs or (os.cpu_count() or 1), **common)
    except ExtractError as exc:    # the dask scheduler cannot be reached
        failure = (f"error: {exc.message}", 2)
    except KeyboardInterrupt:
        failure = ("interrupted: what was finished is kept; run again with --resume to convert the rest", 130)
    finally:
        reporter.close()
        if stream is not None and stream is not sys.stdout:
            stream.close()
    if failure:
        typer.echo(failure[0], err=True)
        raise typer.Exit(failure[1])
    typer.echo(summary(outcomes, time.perf_counter() - started), err=True)
    raise typer.Exit(1 if any(o.status == "error" for o in outcomes) else 0)


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


add_commands(app)     # index, search, register, show: the archivist's record


def main() -> None:
    app()


if __name__ == "__main__":
    main()
