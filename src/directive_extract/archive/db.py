"""The archive database: schema, migrations and incremental indexing.

One SQLite file holds a `documents` table with the main fields, one table per repeated field
(recipients, citations, phases, events, responsibilities, distribution) and a contentless FTS5 index
whose columns hold each text twice: folded (`fold`, for queries typed without marks) and keyed
(`normalize.key`, marks kept, for ranking exact matches first). The schema carries its version in
`meta`; opening an older file runs the missing steps of `MIGRATIONS` in order.
"""

from __future__ import annotations

import calendar
import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..models import Directive, Reference
from ..normalize import key
from .common import first_line, flat_phases, unwritable
from .fold import fold
from .outputs import Failure, output_files, parse_output, sha256_bytes

LOCK_TIMEOUT = 10.0  # seconds to wait for another writer before "database is locked"
BATCH = 100          # documents per write transaction: a long run never holds the lock for long


class ArchiveError(Exception):
    """The database cannot be used (missing, foreign, newer than this tool, no FTS5)."""


class BadLocation(ArchiveError):
    """The database's path cannot hold a file (a folder, or under a file): a usage error, not a bad archive."""


# ---------------------------------------------------------------- schema and migrations

def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements inside the current transaction (`executescript` would commit it)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    """The first schema: documents, their repeated fields and the full-text index."""
    run_script(conn, """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL UNIQUE,          -- the indexed file, absolute
            kind TEXT NOT NULL,                 -- 'output' (a JSON) or 'input' (converted on indexing)
            sha256 TEXT,                        -- of the indexed file, NULL makes the next run refresh it
            source_path TEXT, source_format TEXT, source_sha256 TEXT,
            document_type TEXT, type_key TEXT, type_name TEXT, number TEXT,
            issuer TEXT, issuer_key TEXT, place TEXT,
            issued_text TEXT, issued_date TEXT,
            subject TEXT, signer TEXT, position TEXT,
            warnings TEXT NOT NULL DEFAULT '[]',
            names TEXT NOT NULL DEFAULT '',     -- every name, one a line: what the FTS names columns hold
            text TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE recipients (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL, name TEXT NOT NULL, span_start INTEGER, span_end INTEGER);
        CREATE TABLE citations (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL, legal_basis INTEGER NOT NULL, document_type TEXT,
            number TEXT, number_key TEXT, date TEXT, issuer TEXT, subject TEXT,
            span_start INTEGER, span_end INTEGER);
        CREATE TABLE phases (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL, parent INTEGER, label TEXT NOT NULL, title TEXT,
            period_text TEXT, period_start TEXT, period_end TEXT, activities TEXT NOT NULL,
            span_start INTEGER, span_end INTEGER);
        CREATE TABLE events (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, end_date TEXT,
            origin_date TEXT, span_start INTEGER, span_end INTEGER);
        CREATE TABLE responsibilities (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL, partners TEXT NOT NULL,
            tasks TEXT NOT NULL, deadline TEXT, span_start INTEGER, span_end INTEGER);
        CREATE INDEX recipients_doc ON recipients(doc_id);
        CREATE INDEX citations_doc ON citations(doc_id);
        CREATE INDEX citations_number ON citations(number_key);
        CREATE INDEX phases_doc ON phases(doc_id);
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX responsibilities_doc ON responsibilities(doc_id);
        CREATE INDEX documents_type ON documents(type_key);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text_f, subject_f, names_f, text_x, subject_x, names_x,
            content='', tokenize='unicode61 remove_diacritics 0');
    """)


def _v2(conn: sqlite3.Connection) -> None:
    """Date bounds for range filters on partial dates, the distribution list, indexing time."""
    run_script(conn, """
        ALTER TABLE documents ADD COLUMN issued_lo TEXT;
        ALTER TABLE documents ADD COLUMN issued_hi TEXT;
        ALTER TABLE documents ADD COLUMN indexed_at TEXT;
        CREATE INDEX documents_issued ON documents(issued_lo, issued_hi);
        CREATE TABLE distribution (
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ord INTEGER NOT NULL, name TEXT NOT NULL, note TEXT, span_start INTEGER, span_end INTEGER);
        CREATE INDEX distribution_doc ON distribution(doc_id);
    """)
    rows = conn.execute("SELECT id, issued_date FROM documents").fetchall()
    conn.executemany("UPDATE documents SET issued_lo = ?, issued_hi = ? WHERE id = ?",
                     [(*date_bounds(d), i) for i, d in rows])
    # The distribution list is only in the outputs: the next indexing run reads every file again.
    conn.execute("UPDATE documents SET sha256 = NULL")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version recorded in `meta` (0 for an empty or unversioned file)."""
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, *, upto: int = SCHEMA_VERSION) -> int:
    """Run the missing migration steps, each in its own transaction; returns the new version."""
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise ArchiveError(f"schema version {version} is newer than this tool's ({SCHEMA_VERSION}); "
                           "upgrade directive-extract")
    for number in range(version + 1, upto + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number - 1](conn)
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(number),))
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK")
            if "fts5" in str(exc):
                raise ArchiveError("this Python's SQLite has no FTS5 full-text module") from exc
            raise
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def _open_file(path: Path) -> sqlite3.Connection:
    """The SQLite connection at `path` (its folder made when missing); a path that cannot hold a file
    raises BadLocation naming it. Writers wait `LOCK_TIMEOUT` for each other."""
    if (problem := unwritable(path)) is not None:
        raise BadLocation(f"{path}: {problem}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(str(path), isolation_level=None, timeout=LOCK_TIMEOUT)
    except OSError as exc:
        raise BadLocation(f"{path}: cannot create ({exc.strerror or exc})") from None
    except sqlite3.Error as exc:
        raise BadLocation(f"{path}: cannot open ({exc})") from None


def connect(path: Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and migrate) the archive at `path`; without `create`, a missing file is an error."""
    if not create and not path.is_file():
        raise ArchiveError(f"{path}: no such archive (run `directive-extract index` first)")
    conn = _open_file(path)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
        if stored_fingerprint(conn) != fts_fingerprint():
            rebuild_fts(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if isinstance(exc, sqlite3.OperationalError):
            raise ArchiveError(f"{path}: cannot open ({exc})") from exc
        raise ArchiveError(f"{path}: not a directive-extract archive ({exc})") from exc
    except ArchiveError as exc:
        conn.close()
        raise ArchiveError(f"{path}: {exc}") from exc
    return conn


# ---------------------------------------------------------------- the full-text index's own version

# The FTS table is contentless: a delete passes the folded values again, so they must be computed the
# way they were at insert time. A fingerprint of `fold`/`key` on every Latin letter is kept in `meta`;
# when the functions change, the index is rebuilt from the stored documents before anything else.
_PROBE = "".join(chr(c) for c in list(range(0x20, 0x250)) + list(range(0x1E00, 0x1F00)) + list(range(0x2010, 0x2016)))


def fts_fingerprint() -> str:
    return sha256_bytes((fold(_PROBE) + "\x00" + key(_PROBE)).encode("utf-8"))[:16]


def stored_fingerprint(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'fts_fingerprint'").fetchone()
    return row[0] if row else None


def rebuild_fts(conn: sqlite3.Connection) -> int:
    """Refill the full-text index from the stored documents; returns how many were indexed."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
        count = 0
        for doc_id, text, subject, names in conn.execute("SELECT id, text, subject, names FROM documents"):
            conn.execute(_FTS_INSERT, (doc_id, *fts_values(text, subject, names)))
            count += 1
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_fingerprint', ?)", (fts_fingerprint(),))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return count


# ---------------------------------------------------------------- rows from a Directive

def date_bounds(iso: str | None) -> tuple[str | None, str | None]:
    """The first and last day an ISO date of any precision ("2026", "2026-01", "2026-01-14") covers."""
    if not iso:
        return None, None
    parts = iso.split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        month = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
        day = date(year, month, int(parts[2])).isoformat()
        return day, day
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None, None


def number_key(number: str | None) -> str | None:
    """A document number for matching: folded, spaces removed ("12 - CT/TW" → "12-ct/tw")."""
    return "".join(fold(number).split()) if number else None


def names_of(d: Directive) -> list[str]:
    """The names a clerk searches by: issuer, signer, addressees, units and cited authors."""
    names: list[str | None] = []
    if d.issuer:
        names += [d.issuer.name, d.issuer.parent]
    if d.signature:
        names += [d.signature.signer, d.signature.position]
    names += [r.name for r in d.recipients]
    names += [r.name for r in d.distribution]
    for r in d.responsibilities:
        names += [r.unit, *r.partners]
    names += [c.issuer for c in d.cited_documents]
    seen: dict[str, None] = {}
    for name in names:
        if name and name not in seen:
            seen[name] = None
    return list(seen)


def citations_of(d: Directive) -> list[tuple[Reference, bool]]:
    """Every cited document once, with whether it is a legal basis."""
    basis = {(r.number, r.date) for r in d.legal_bases}
    refs = [(r, (r.number, r.date) in basis) for r in d.cited_documents]
    seen = {(r.number, r.date) for r in d.cited_documents}
    refs += [(r, True) for r in d.legal_bases if (r.number, r.date) not in seen]
    return refs


def _span(item) -> tuple[int | None, int | None]:
    return (item.span.start, item.span.end) if item.span else (None, None)


def document_row(d: Directive) -> dict:
    """The `documents` columns of one output (without path, kind and hash)."""
    lo, hi = date_bounds(d.issued_date.date if d.issued_date else None)
    return {
        "source_path": d.source.path, "source_format": d.source.format, "source_sha256": d.source.sha256,
        "document_type": d.document_type.code if d.document_type else None,
        "type_key": fold(d.document_type.code) if d.document_type else None,
        "type_name": d.document_type.name if d.document_type else None,
        "number": d.number.text if d.number else None,
        "issuer": d.issuer.name if d.issuer else None,
        "issuer_key": fold(d.issuer.name) if d.issuer else None,
        "place": d.place,
        "issued_text": d.issued_date.text if d.issued_date else None,
        "issued_date": d.issued_date.date if d.issued_date else None,
        "issued_lo": lo, "issued_hi": hi,
        "subject": d.subject,
        "signer": d.signature.signer if d.signature else None,
        "position": d.signature.position if d.signature else None,
        "warnings": json.dumps([w.code for w in d.warnings]),
        "names": "\n".join(names_of(d)),
        "text": d.text,
    }


def fts_values(text: str, subject: str | None, names: str) -> tuple[str, ...]:
    """The six FTS columns of one document; a delete must pass exactly these again."""
    subject = subject or ""
    return fold(text), fold(subject), fold(names), key(text), key(subject), key(names)


_FTS_INSERT = ("INSERT INTO documents_fts (rowid, text_f, subject_f, names_f, text_x, subject_x, names_x) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
_FTS_DELETE = ("INSERT INTO documents_fts (documents_fts, rowid, text_f, subject_f, names_f, text_x, subject_x, "
               "names_x) VALUES ('delete', ?, ?, ?, ?, ?, ?, ?)")


def insert_document(conn: sqlite3.Connection, path: str, kind: str, sha256: str, d: Directive) -> int:
    """Insert one document with its repeated fields and FTS row; returns its id."""
    row = document_row(d) | {"path": path, "kind": kind, "sha256": sha256,
                             "indexed_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    cols = ", ".join(row)
    doc_id = conn.execute(f"INSERT INTO documents ({cols}) VALUES ({', '.join('?' * len(row))})",
                          list(row.values())).lastrowid
    conn.executemany("INSERT INTO recipients VALUES (?, ?, ?, ?, ?)",
                     [(doc_id, i, r.name, *_span(r)) for i, r in enumerate(d.recipients)])
    conn.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(doc_id, i, int(basis), r.document_type, r.number, number_key(r.number), r.date,
                       r.issuer, r.subject, *_span(r)) for i, (r, basis) in enumerate(citations_of(d))])
    conn.executemany("INSERT INTO phases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(doc_id, i, parent, p.label, p.title,
                       p.period.text if p.period else None, p.period.start if p.period else None,
                       p.period.end if p.period else None, json.dumps(p.activities, ensure_ascii=False),
                       *_span(p)) for i, (p, _, parent) in enumerate(flat_phases(d.phases))])
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(doc_id, i, e.name, e.kind, e.date, e.end_date, e.origin_date, *_span(e))
                      for i, e in enumerate(d.events)])
    conn.executemany("INSERT INTO responsibilities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     [(doc_id, i, r.unit, r.role, json.dumps(r.partners, ensure_ascii=False),
                       json.dumps(r.tasks, ensure_ascii=False), r.deadline, *_span(r))
                      for i, r in enumerate(d.responsibilities)])
    conn.executemany("INSERT INTO distribution VALUES (?, ?, ?, ?, ?, ?)",
                     [(doc_id, i, r.name, r.note, *_span(r)) for i, r in enumerate(d.distribution)])
    conn.execute(_FTS_INSERT, (doc_id, *fts_values(row["text"], row["subject"], row["names"])))
    return doc_id


def delete_document(conn: sqlite3.Connection, doc_id: int) -> None:
    """Remove one document, its FTS row (rebuilt from the stored fields) and its repeated fields."""
    row = conn.execute("SELECT text, subject, names FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        return
    conn.execute(_FTS_DELETE, (doc_id, *fts_values(*row)))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


# ---------------------------------------------------------------- incremental indexing

@dataclass
class IndexReport:
    """What one indexing run did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failures: list[Failure] = field(default_factory=list)
    converted: int | None = None  # documents the batch engine converted (indexing inputs only)

    def summary(self) -> str:
        converted = "" if self.converted is None else f"{self.converted} converted, "
        return (f"{converted}{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed, {len(self.failures)} failed")


@dataclass(frozen=True)
class Candidate:
    """One file to index: its key, content hash and how to get its Directive when it changed."""

    path: Path
    sha256: str
    load: Callable[[], Directive]


def known_documents(conn: sqlite3.Connection, root: Path, kind: str) -> dict[str, tuple[int, str | None]]:
    """The indexed documents of `kind` under `root`: absolute path → (id, content hash)."""
    root = root.resolve()
    prefix = str(root) + "/"
    rows = conn.execute("SELECT path, id, sha256 FROM documents WHERE kind = ? AND substr(path, 1, ?) = ?",
                        (kind, len(prefix), prefix))
    return {p: (i, s) for p, i, s in rows}


def sync(conn: sqlite3.Connection, root: Path, kind: str, candidates: Iterable[Candidate | Failure],
         *, prune: bool = True, batch: int = BATCH) -> IndexReport:
    """Bring the documents under `root` in line with `candidates`: add, replace, skip, prune.

    Commits every `batch` documents, so other writers wait seconds at most and an interrupted run
    keeps what it did."""
    root = root.resolve()
    known = known_documents(conn, root, kind)
    seen: set[str] = set()
    report = IndexReport()
    pending = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for cand in candidates:
            if isinstance(cand, Failure):
                seen.add(str(cand.path.resolve()))  # an unreadable file keeps its old entry
                report.failures.append(cand)
                continue
            path = str(cand.path.resolve())
            seen.add(path)
            old = known.get(path)
            if old and old[1] == cand.sha256:
                report.unchanged += 1
                continue
            try:
                directive = cand.load()
            except Exception as exc:  # one bad file never stops the run
                report.failures.append(Failure(cand.path, _message(cand.path, exc)))
                continue
            if old:
                delete_document(conn, old[0])
                report.updated += 1
            else:
                report.added += 1
            insert_document(conn, path, kind, cand.sha256, directive)
            pending += 1
            if pending >= batch:
                conn.execute("COMMIT")
                conn.execute("BEGIN IMMEDIATE")
                pending = 0
        if prune:
            for path, (doc_id, _) in known.items():
                if path not in seen:
                    delete_document(conn, doc_id)
                    report.removed += 1
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return report


def _message(path: Path, exc: Exception) -> str:
    """An error line naming the file, with the pipeline's error code when there is one."""
    code = getattr(exc, "code", None)
    text = getattr(exc, "message", None) or first_line(exc)
    if str(path) not in text and path.name not in text:
        text = f"{path}: {text}"
    return f"[{code}] {text}" if code else text


def output_candidates(out_dir: Path) -> Iterator[Candidate | Failure]:
    """The JSON outputs under `out_dir`, hashed as they are read."""
    for path in output_files(out_dir):
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Failure(path, f"{path}: cannot read ({exc.strerror})")
            continue

        def load(data: bytes = data, path: Path = path) -> Directive:
            try:
                return parse_output(data)
            except ValueError as exc:
                raise ValueError(f"{path}: not a directive-extract output ({first_line(exc)})") from None

        yield Candidate(path, sha256_bytes(data), load)


def index_outputs(conn: sqlite3.Connection, out_dir: Path, *, prune: bool = True) -> IndexReport:
    """Index the JSON outputs of a batch folder incrementally."""
    return sync(conn, out_dir, "output", output_candidates(out_dir), prune=prune)


def document_count(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
