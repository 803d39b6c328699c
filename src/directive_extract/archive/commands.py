"""The archivist's commands: `index`, `search`, `register`, `show`, added to the CLI by `add_commands`.

Only typer, pathlib and typing are imported here; the database, openpyxl and the pipeline are
imported inside the commands, so `--help` stays instant. Exit codes: 0 done, 1 some file or the
database failed (the rest is still done; a locked database), 2 bad usage (missing folder, file or
database, an output or database path that cannot be written). Never a traceback for bad input.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

DB_HELP = "The archive database (SQLite)."


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _open(db: Path, *, create: bool):
    """The archive connection, or exit 2 (missing, or a path that cannot hold it) / 1 (unusable)."""
    from .db import ArchiveError, BadLocation, connect

    if not create and not db.is_file():
        raise _fail(f"{db}: no such archive (run `directive-extract index … --db {db}` first)", 2)
    try:
        return connect(db, create=create)
    except BadLocation as exc:
        raise _fail(str(exc), 2)
    except ArchiveError as exc:
        raise _fail(str(exc), 1)


def _unwritable(path: Path) -> str | None:
    """Why no file can be written at `path`, when it can be told before any work is done."""
    from .common import unwritable

    return unwritable(path)


def _write(path: Path, write: Callable[[], object]) -> None:
    """Run `write`; an output location that cannot be used is bad usage: exit 2 naming it."""
    problem = _unwritable(path)
    if problem is None:
        try:
            write()
            return
        except OSError as exc:
            problem = exc.strerror or str(exc)
    raise _fail(f"{path}: {problem}", 2)


def _output_folder(path: Path) -> None:
    """Make `--out` for kept outputs, or exit 2 when it cannot be a folder."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "is a file, not a folder" if path.exists() else (exc.strerror or str(exc))
        raise _fail(f"{path}: {reason}", 2)


def index(
    out_dir: Annotated[Optional[Path], typer.Argument(help="Folder of JSON outputs (from `batch`).")] = None,
    db: Annotated[Path, typer.Option("--db", help=DB_HELP + " Created when missing.")] = Path("archive.sqlite"),
    from_inputs: Annotated[Optional[Path], typer.Option(
        "--from-inputs", help="Convert the PDF, DOCX, TXT and MD files of this folder (as `batch` does: "
        "time limit, memory bound) and index them.")] = None,
    keep_out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="With --from-inputs: keep the JSON outputs in this folder; later runs resume it "
        "(default: a temporary folder).")] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=0, help="With --from-inputs: worker processes (0: one per core).")] = 0,
    prune: Annotated[bool, typer.Option(
        "--prune/--keep-missing", help="Drop entries of files no longer in the folder.")] = True,
) -> None:
    """Index outputs (or documents) into the archive; unchanged files are skipped, changed ones replaced."""
    import sqlite3

    if (out_dir is None) == (from_inputs is None):
        raise _fail("give either OUT_DIR or --from-inputs DIR", 2)
    if keep_out is not None and from_inputs is None:
        raise _fail("--out goes with --from-inputs (OUT_DIR is indexed where it is)", 2)
    folder = out_dir if out_dir is not None else from_inputs
    if not folder.is_dir():
        raise _fail(f"{folder}: not a folder", 2)
    if keep_out is not None:
        _output_folder(keep_out)
    from .db import index_outputs
    from .inputs import index_inputs

    conn = _open(db, create=True)
    try:
        report = index_outputs(conn, folder, prune=prune) if out_dir is not None \
            else index_inputs(conn, folder, out_dir=keep_out, jobs=jobs, prune=prune)
    except sqlite3.OperationalError as exc:
        hint = " (another process is writing it; try again when it is done)" if "locked" in str(exc) else ""
        raise _fail(f"{db}: {exc}{hint}", 1)
    except OSError as exc:
        raise _fail(f"{exc.filename or folder}: {exc.strerror or exc}", 1)
    finally:
        conn.close()
    for failure in report.failures:
        typer.echo(f"error: {failure.message}", err=True)
    typer.echo(f"{db}: {report.summary()}", err=True)
    raise typer.Exit(1 if report.failures else 0)


def search(
    query: Annotated[str, typer.Argument(help='Words to find, with or without marks; "quoted phrase"; word*.')] = "",
    db: Annotated[Path, typer.Option("--db", help=DB_HELP)] = Path("archive.sqlite"),
    doc_type: Annotated[Optional[str], typer.Option("--type", help="Type code: CV, KH, QĐ (QD), TB …")] = None,
    issuer: Annotated[Optional[str], typer.Option("--issuer", help="Part of the issuer's name.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", help="Issued on or after (YYYY[-MM[-DD]]).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Issued on or before (YYYY[-MM[-DD]]).")] = None,
    cited: Annotated[Optional[str], typer.Option("--cited", help="Cites this document number, e.g. 12-CT/TW.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as a JSON list.")] = False,
) -> None:
    """Search the archive: ranked hits with highlighted snippets."""
    import json

    from .search import Filters
    from .search import search as run

    filters = Filters(type=doc_type, issuer=issuer, date_from=date_from, date_to=date_to, cited=cited)
    conn = _open(db, create=False)
    tty = sys.stdout.isatty() and not as_json
    marks = ("\x1b[1;33m", "\x1b[0m") if tty else ("«", "»")
    try:
        hits = run(conn, query, filters, limit=limit, marks=marks)
    except ValueError as exc:
        raise _fail(str(exc), 2)
    finally:
        conn.close()
    if as_json:
        sys.stdout.write(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2) + "\n")
        return
    if not hits:
        typer.echo("no document matches", err=True)
        return
    for rank, h in enumerate(hits, start=1):
        head = " · ".join(x for x in (h.number, h.document_type, h.issued_date) if x) or "(no number)"
        typer.echo(f"{rank}. {head}  [{h.score:g}]")
        typer.echo(f"   {h.path}")
        if h.subject:
            typer.echo(f"   {h.subject}")
        typer.echo(f"   {h.snippet}")


def register(
    out_dir: Annotated[Path, typer.Argument(help="Folder of JSON outputs (from `batch`).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="register.csv or register.xlsx.")],
    first: Annotated[int, typer.Option("--first", min=1, help="Số đến of the first row.")] = 1,
    received: Annotated[Optional[str], typer.Option(
        "--received", help="Ngày đến, the day the documents arrived (YYYY-MM-DD); blank if not given.")] = None,
) -> None:
    """Write the incoming-document register (Nghị định 30/2020/NĐ-CP, Phụ lục IV): one row per document."""
    from datetime import date

    if not out_dir.is_dir():
        raise _fail(f"{out_dir}: not a folder", 2)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise _fail(f"{out}: the register is written as .csv or .xlsx", 2)
    if (problem := _unwritable(out)) is not None:
        raise _fail(f"{out}: {problem}", 2)
    if received:
        try:
            date.fromisoformat(received)
        except ValueError:
            raise _fail(f"--received {received!r}: expected YYYY-MM-DD", 2)
    from .outputs import Failure, load_outputs
    from .register import register_rows, write_register

    directives, failures = [], []
    for _, item in load_outputs(out_dir):
        (failures if isinstance(item, Failure) else directives).append(item)
    for failure in failures:
        typer.echo(f"error: {failure.message}", err=True)
    _write(out, lambda: write_register(out, register_rows(directives, first=first, received=received)))
    typer.echo(f"{out}: {len(directives)} rows" + (f", {len(failures)} files unreadable" if failures else ""),
               err=True)
    raise typer.Exit(1 if failures else 0)


def show(
    file: Annotated[Path, typer.Argument(help="An output (.json) or a document (PDF, DOCX, TXT, MD).")],
    html_out: Annotated[Optional[Path], typer.Option(
        "--html", "-o", help="Write the review page here (default: standard output).")] = None,
) -> None:
    """Write a self-contained HTML review page: the text with every extracted value highlighted."""
    if not file.is_file():
        raise _fail(f"{file}: no such file", 2)
    if html_out is not None and (problem := _unwritable(html_out)) is not None:
        raise _fail(f"{html_out}: {problem}", 2)
    from ..errors import ExtractError
    from ..files import write_atomic
    from .outputs import load_any
    from .review import render_page

    try:
        directive = load_any(file)
    except ExtractError as exc:
        raise _fail(f"[{exc.code}] {exc.message}", 1)
    except (OSError, ValueError) as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise _fail(f"{file}: not a directive-extract output ({first_line})", 1)
    page = render_page(directive)
    if html_out is None:
        sys.stdout.write(page)
        return
    _write(html_out, lambda: write_atomic(html_out, page.encode("utf-8")))
    typer.echo(f"{html_out}: review page of {file}", err=True)


def add_commands(app: typer.Typer) -> None:
    """Register `index`, `search`, `register` and `show` on the CLI's app."""
    app.command()(index)
    app.command()(search)
    app.command()(register)
    app.command()(show)
