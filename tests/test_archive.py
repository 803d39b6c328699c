"""The archivist's record on the five samples: index, incremental re-index, migration, search, register."""

from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from conftest import SEEDS
from directive_extract.archive import db as archive_db
from directive_extract.archive.commands import add_commands
from directive_extract.archive.common import flat_phases
from directive_extract.archive.db import ArchiveError, BadLocation, connect, index_outputs, migrate, schema_version
from directive_extract.archive.fold import fold
from directive_extract.archive.inputs import index_inputs
from directive_extract.archive.register import COLUMNS, to_csv, to_xlsx
from directive_extract.archive.search import Filters, search
from directive_extract.pipeline import extract_text


def plain(s: str) -> str:
    """Vietnamese typed without marks, as a user would (independent of the code under test)."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def write_outputs(directives: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, d in directives.items():
        (folder / f"{name}.json").write_text(d.model_dump_json(indent=2), encoding="utf-8")
    return folder


def cli():
    app = typer.Typer(add_completion=False)
    add_commands(app)
    return app


def run(*args):
    return CliRunner().invoke(cli(), [str(a) for a in args])


def usage_error(r, *names: str) -> bool:
    """Exit 2 with an `error:` line naming each of `names`, and no traceback."""
    return (r.exit_code == 2 and isinstance(r.exception, SystemExit) and "Traceback" not in r.output
            and r.stderr.startswith("error: ") and all(n in r.stderr for n in names))


def copy_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    return folder


@pytest.fixture(scope="module")
def out_dir(seed_outputs, tmp_path_factory):
    return write_outputs(seed_outputs, tmp_path_factory.mktemp("archive") / "out")


@pytest.fixture(scope="module")
def conn(out_dir):
    c = connect(out_dir.parent / "archive.sqlite")
    report = index_outputs(c, out_dir)
    assert report.added == len(SEEDS) and not report.failures
    yield c
    c.close()


def names(hits) -> list[str]:
    return [Path(h.path).name.removesuffix(".json") for h in hits]


# ---------------------------------------------------------------- index

def test_index_fills_documents_and_field_tables(conn, seed_outputs):
    count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
    ds = seed_outputs.values()
    assert count("documents") == len(SEEDS)
    assert count("recipients") == sum(len(d.recipients) for d in ds)
    assert count("events") == sum(len(d.events) for d in ds)
    assert count("responsibilities") == sum(len(d.responsibilities) for d in ds)
    assert count("distribution") == sum(len(d.distribution) for d in ds)
    flat = lambda ps: sum(1 + flat(p.subphases) for p in ps)  # noqa: E731
    assert count("phases") == sum(flat(d.phases) for d in ds)
    assert count("citations") >= sum(len(d.cited_documents) for d in ds)
    row = conn.execute("SELECT number, document_type, issuer, signer, issued_date FROM documents "
                       "WHERE source_path = ?", (SEEDS[0].name,)).fetchone()
    d = seed_outputs[SEEDS[0].name]
    assert row == (d.number.text, d.document_type.code, d.issuer.name, d.signature.signer, d.issued_date.date)
    assert schema_version(conn) == archive_db.SCHEMA_VERSION


def test_reindex_skips_unchanged_updates_changed_prunes_removed(out_dir, tmp_path, seed_outputs):
    folder = tmp_path / "out"
    shutil.copytree(out_dir, folder)
    c = connect(tmp_path / "a.sqlite")
    assert index_outputs(c, folder).added == len(SEEDS)
    again = index_outputs(c, folder)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, len(SEEDS), 0)

    first = folder / f"{SEEDS[0].name}.json"
    d = seed_outputs[SEEDS[0].name]
    old_word = "zxqoldmarker"
    first.write_text(d.model_copy(update={"subject": f"{old_word} đợt một"}).model_dump_json(), encoding="utf-8")
    assert index_outputs(c, folder).updated == 1
    assert names(search(c, old_word)) == [SEEDS[0].name]
    first.write_text(d.model_copy(update={"subject": "qqnewmarker"}).model_dump_json(), encoding="utf-8")
    report = index_outputs(c, folder)
    assert (report.updated, report.unchanged) == (1, len(SEEDS) - 1)
    assert search(c, old_word) == []  # the replaced row left the full-text index
    assert names(search(c, "qqnewmarker")) == [SEEDS[0].name]

    (folder / f"{SEEDS[1].name}.json").unlink()
    report = index_outputs(c, folder)
    assert report.removed == 1 and archive_db.document_count(c) == len(SEEDS) - 1
    assert c.execute("SELECT count(*) FROM recipients r LEFT JOIN documents d ON d.id = r.doc_id "
                     "WHERE d.id IS NULL").fetchone()[0] == 0
    c.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    c.close()


def test_unreadable_output_fails_alone(out_dir, tmp_path):
    folder = tmp_path / "out"
    shutil.copytree(out_dir, folder)
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "other.json").write_text('{"hello": 1}', encoding="utf-8")
    r = run("index", folder, "--db", tmp_path / "a.sqlite")
    assert r.exit_code == 1
    assert "broken.json" in r.stderr and "other.json" in r.stderr
    assert f"{len(SEEDS)} added" in r.stderr


def test_hidden_outputs_are_indexed_and_temporaries_are_not(out_dir, tmp_path, seed_outputs):
    folder = tmp_path / "out"
    shutil.copytree(out_dir, folder)
    d = seed_outputs[SEEDS[0].name]
    (folder / ".draft.txt.json").write_text(d.model_dump_json(), encoding="utf-8")
    (folder / ".inbox").mkdir()
    (folder / ".inbox" / "a.txt.json").write_text(d.model_dump_json(), encoding="utf-8")
    (folder / ".a.txt.json.k2j3h4.tmp").write_text("{half", encoding="utf-8")  # a write cut short
    (folder / "manifest.jsonl").write_text('{"path": "a.txt"}\n', encoding="utf-8")
    c = connect(tmp_path / "a.sqlite")
    report = index_outputs(c, folder)
    c.close()
    assert (report.added, report.failures) == (len(SEEDS) + 2, [])
    r = run("register", folder, "--out", tmp_path / "r.csv")
    assert r.exit_code == 0 and f"{len(SEEDS) + 2} rows" in r.stderr


def test_from_inputs_converts_through_the_batch_only_new_or_changed(tmp_path, seed_outputs):
    inputs = copy_inputs(tmp_path / "in")
    c = connect(tmp_path / "a.sqlite")
    first = index_inputs(c, inputs, jobs=2)
    assert (first.converted, first.added, first.failures) == (len(SEEDS), len(SEEDS), [])
    again = index_inputs(c, inputs, jobs=2)
    assert (again.converted, again.unchanged, again.added) == (0, len(SEEDS), 0)
    changed = inputs / SEEDS[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = index_inputs(c, inputs, jobs=2)
    assert (third.converted, third.updated, third.unchanged) == (1, 1, len(SEEDS) - 1)
    row = c.execute("SELECT number, kind, path FROM documents WHERE source_path = ?", (SEEDS[0].name,)).fetchone()
    assert row == (seed_outputs[SEEDS[0].name].number.text, "input", str((inputs / SEEDS[0].name).resolve()))
    c.close()
    r = run("index", "--from-inputs", inputs, "--db", tmp_path / "a.sqlite", "--jobs", 1)
    assert r.exit_code == 0 and f"0 converted, 0 added, 0 updated, {len(SEEDS)} unchanged" in r.stderr


def test_from_inputs_keeps_and_resumes_its_outputs(tmp_path):
    inputs, out = copy_inputs(tmp_path / "in"), tmp_path / "json"
    r = run("index", "--from-inputs", inputs, "--out", out, "--db", tmp_path / "a.sqlite")
    assert r.exit_code == 0 and f"{len(SEEDS)} converted" in r.stderr, r.stderr
    assert sorted(p.name for p in out.glob("*.json")) == sorted(f"{p.name}.json" for p in SEEDS)
    assert (out / "manifest.jsonl").is_file()
    r = run("index", "--from-inputs", inputs, "--out", out, "--db", tmp_path / "b.sqlite")  # a new archive
    assert r.exit_code == 0 and f"0 converted, {len(SEEDS)} added" in r.stderr, r.stderr
    assert usage_error(run("index", "--from-inputs", inputs, "--out", inputs / SEEDS[0].name,
                           "--db", tmp_path / "a.sqlite"), SEEDS[0].name)
    assert usage_error(run("index", out, "--out", out, "--db", tmp_path / "a.sqlite"), "--out")


def test_from_inputs_reports_a_bad_file_and_indexes_the_rest(tmp_path):
    inputs = copy_inputs(tmp_path / "in")
    (inputs / "broken.pdf").write_bytes(b"%PDF-1.4\n this is no pdf at all")
    shutil.copy(SEEDS[0], inputs / ".draft.txt")  # hidden: `batch` converts it, so the archive has it
    r = run("index", "--from-inputs", inputs, "--db", tmp_path / "a.sqlite")
    assert r.exit_code == 1 and "Traceback" not in r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.pdf" in errors[0], r.stderr
    assert f"{len(SEEDS) + 1} added" in r.stderr and "1 failed" in r.stderr


def test_index_on_a_bad_database_path_is_a_usage_error(tmp_path, out_dir):
    assert usage_error(run("index", out_dir, "--db", tmp_path), str(tmp_path))
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert usage_error(run("index", out_dir, "--db", afile / "x.sqlite"), "afile")
    assert usage_error(run("index", out_dir, "--db", afile / "sub" / "x.sqlite"), "afile")
    with pytest.raises(BadLocation, match="afile"):
        connect(afile / "x.sqlite")


def test_index_on_a_locked_database_names_it_and_exits_1(tmp_path, out_dir, monkeypatch):
    db = tmp_path / "a.sqlite"
    connect(db).close()
    monkeypatch.setattr(archive_db, "LOCK_TIMEOUT", 0.1)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        r = run("index", out_dir, "--db", db)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)
    assert r.stderr.startswith(f"error: {db}: database is locked")
    assert run("index", out_dir, "--db", db).exit_code == 0


# ---------------------------------------------------------------- migration

def test_v1_database_is_migrated_and_refreshed(tmp_path, out_dir, seed_outputs):
    path = tmp_path / "old.sqlite"
    c = sqlite3.connect(path, isolation_level=None)
    migrate(c, upto=1)
    assert schema_version(c) == 1
    d = seed_outputs[SEEDS[0].name]
    target = str((out_dir / f"{SEEDS[0].name}.json").resolve())
    c.execute("INSERT INTO documents (id, path, kind, sha256, document_type, type_key, number, issued_date, subject, "
              "names, text) VALUES (1, ?, 'output', 'old', 'CV', 'cv', ?, ?, ?, '', ?)",
              (target, d.number.text, d.issued_date.date, d.subject, d.text))
    c.execute("INSERT INTO documents_fts (rowid, text_f, subject_f, names_f, text_x, subject_x, names_x) "
              "VALUES (1, ?, ?, ?, ?, ?, ?)", archive_db.fts_values(d.text, d.subject, ""))
    c.close()

    c = connect(path)
    assert schema_version(c) == archive_db.SCHEMA_VERSION
    assert c.execute("SELECT issued_lo, issued_hi, sha256 FROM documents").fetchone() == \
        (d.issued_date.date, d.issued_date.date, None)
    assert c.execute("SELECT count(*) FROM distribution").fetchone()[0] == 0
    report = index_outputs(c, out_dir)
    assert (report.updated, report.added) == (1, len(SEEDS) - 1)
    assert c.execute("SELECT count(*) FROM distribution d JOIN documents x ON x.id = d.doc_id WHERE x.path = ?",
                     (target,)).fetchone()[0] == len(d.distribution)
    c.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    c.close()


def test_empty_file_is_version_0_and_newer_schema_is_refused(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    c = connect(empty)
    assert schema_version(c) == archive_db.SCHEMA_VERSION
    c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    c.close()
    with pytest.raises(ArchiveError, match="newer"):
        connect(empty)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError, match="garbage.sqlite"):
        connect(garbage)


def test_changed_folding_rebuilds_the_full_text_index(out_dir, tmp_path, seed_outputs):
    path = tmp_path / "a.sqlite"
    c = connect(path)
    index_outputs(c, out_dir)
    c.execute("UPDATE meta SET value = 'stale' WHERE key = 'fts_fingerprint'")
    c.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")  # as if built by other rules
    assert search(c, "dang") == []
    c.close()
    c = connect(path)
    assert archive_db.stored_fingerprint(c) == archive_db.fts_fingerprint()
    assert len(search(c, "dang")) == len(SEEDS)
    c.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    c.close()


# ---------------------------------------------------------------- search

@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
def test_subject_without_marks_finds_its_sample_first(conn, seed, seed_outputs):
    subject = seed_outputs[seed].subject
    query = plain(subject)
    assert query != subject
    hits = search(conn, query)
    assert names(hits)[0] == seed


def test_words_without_marks_find_the_marked_text(conn, seed_outputs):
    hits = search(conn, "ke hoach tuyen truyen")
    with_phrase = {n for n, d in seed_outputs.items() if "kế hoạch tuyên truyền" in fold(d.text)
                   or "ke hoach tuyen truyen" in fold(d.text)}
    assert with_phrase and with_phrase <= set(names(hits))
    top = hits[0]
    assert "«" in top.snippet and "«ke»" not in top.snippet.lower()  # the snippet shows the text as written
    assert any(w in top.snippet for w in ("«Kế»", "«KẾ»", "«kế»"))


def test_d_matches_đ(conn):
    hits = search(conn, "dang uy")
    assert len(hits) == len(SEEDS)
    assert "«Đ" in " ".join(h.snippet for h in hits)


def test_query_with_marks_ranks_exact_matches_first(tmp_path):
    folder = tmp_path / "out"
    docs = {"a.txt": "Số 1-CV/ĐU\n\nV/v công tác đê điều\n\nNội dung: kiểm tra đê trước mùa mưa.",
            "b.txt": "Số 2-CV/ĐU\n\nV/v góp ý đề án\n\nNội dung: góp ý đề án trước ngày họp.",
            "c.txt": "Số 3-CV/ĐU\n\nV/v báo cáo\n\nNội dung: để các đơn vị biết."}
    write_outputs({n: extract_text(t, path=n) for n, t in docs.items()}, folder)
    c = connect(tmp_path / "a.sqlite")
    index_outputs(c, folder)
    assert set(names(search(c, "de"))) == set(docs)
    assert names(search(c, "đề"))[0] == "b.txt"
    assert names(search(c, "đê"))[0] == "a.txt"
    assert names(search(c, "để"))[0] == "c.txt"
    hit = search(c, "đề")[0]
    assert "«đề»" in hit.snippet
    c.close()


def test_type_filter_returns_exactly_the_cong_van(conn, seed_outputs):
    cv = {n for n, d in seed_outputs.items() if d.document_type and d.document_type.code == "CV"}
    assert cv
    assert set(names(search(conn, "", Filters(type="CV")))) == cv
    assert set(names(search(conn, "dai hoi", Filters(type="cv")))) == cv
    kh = {n for n, d in seed_outputs.items() if d.document_type and d.document_type.code == "KH"}
    assert set(names(search(conn, "", Filters(type="KH")))) == kh


def test_issuer_date_and_cited_filters(conn, seed_outputs):
    name, d = next((n, d) for n, d in seed_outputs.items() if d.issuer and d.issued_date)
    part = plain(d.issuer.name.split()[-1]).lower()
    hits = search(conn, "", Filters(issuer=part))
    assert name in names(hits) and all(part in fold(h.issuer) for h in hits)

    dated = {n: x.issued_date.date for n, x in seed_outputs.items() if x.issued_date and x.issued_date.date}
    assert len(dated) >= 2
    day = dated[name]
    assert name in names(search(conn, "", Filters(date_from=day, date_to=day)))
    year = day[:4]
    assert set(names(search(conn, "", Filters(date_from=year, date_to=year)))) == \
        {n for n, x in dated.items() if x.startswith(year)}
    later = str(int(year) + 1)
    assert all(h.issued_date[:4] >= later for h in search(conn, "", Filters(date_from=later)))
    assert all(h.issued_date and h.issued_date[:4] <= year for h in search(conn, "", Filters(date_to=year)))
    partial = {n for n, x in dated.items() if len(x) == 7}  # "2026-01": a day left blank
    for n in partial:
        month = dated[n]
        assert n in names(search(conn, "", Filters(date_from=f"{month}-15", date_to=f"{month}-15")))

    citing: dict[str, set[str]] = {}
    for n, x in seed_outputs.items():
        for r in x.cited_documents:
            if r.number:
                citing.setdefault(r.number, set()).add(n)
    number, expected = max(citing.items(), key=lambda kv: len(kv[1]))
    assert set(names(search(conn, "", Filters(cited=number)))) == expected
    spaced = number.replace("-", " - ", 1)
    assert set(names(search(conn, "", Filters(cited=spaced)))) == expected
    assert search(conn, "", Filters(cited="999999-XX/YY")) == []
    with pytest.raises(ValueError):
        search(conn, "", Filters(date_from="2026-13"))


def test_search_json_shape(out_dir, conn, seed_outputs):
    db = out_dir.parent / "archive.sqlite"
    r = run("search", plain(seed_outputs[SEEDS[0].name].subject), "--db", db, "--json")
    assert r.exit_code == 0, r.stderr
    hits = json.loads(r.stdout)
    assert isinstance(hits, list) and hits
    for h in hits:
        assert {"path", "score", "snippet", "document_type", "number", "issued_date"} <= set(h)
        assert isinstance(h["score"], float) and isinstance(h["snippet"], str)
    assert Path(hits[0]["path"]).name == f"{SEEDS[0].name}.json"
    assert hits[0]["number"] == seed_outputs[SEEDS[0].name].number.text
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)

    r = run("search", "", "--db", db, "--type", "CV", "--json")
    assert {h["document_type"] for h in json.loads(r.stdout)} == {"CV"}
    r = run("search", "dai hoi", "--db", db)
    assert r.exit_code == 0 and "«" in r.stdout


def test_search_usage_errors(tmp_path, out_dir):
    r = run("search", "x", "--db", tmp_path / "missing.sqlite")
    assert r.exit_code == 2 and "missing.sqlite" in r.stderr and "error:" in r.stderr
    r = run("search", "x", "--db", out_dir.parent / "archive.sqlite", "--from", "yesterday")
    assert r.exit_code == 2 and "--from" in r.stderr
    r = run("index", tmp_path / "nowhere", "--db", tmp_path / "a.sqlite")
    assert r.exit_code == 2 and "nowhere" in r.stderr
    assert run("index", "--db", tmp_path / "a.sqlite").exit_code == 2


# ---------------------------------------------------------------- register

def quoted(text: str) -> str:
    """A CSV text cell as written: one Excel would run as a formula starts with `'`."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def test_register_csv_has_bom_and_one_row_per_document(out_dir, tmp_path, seed_outputs):
    target = tmp_path / "register.csv"
    r = run("register", out_dir, "--out", target, "--received", "2026-02-01")
    assert r.exit_code == 0, r.stderr
    data = target.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    body = rows[1:]
    assert len(body) == len(SEEDS)
    assert [row[0] for row in body] == [str(i) for i in range(1, len(SEEDS) + 1)]
    by_file = {row[7].split("Tệp: ")[1].split(";")[0]: row for row in body}
    for name, d in seed_outputs.items():
        row = by_file[name]
        assert row[3] == quoted(d.number.text if d.number else "")  # "-CV/ĐUVP" stays text in Excel
        assert row[2] == quoted(d.issuer.name if d.issuer else "")
        assert row[1] == "01/02/2026"
        if d.subject:
            assert d.subject in row[5] and row[5].startswith(d.document_type.name)
        if d.issued_date and d.issued_date.date:
            assert row[4] == "/".join(reversed(d.issued_date.date.split("-")))


def test_register_xlsx_reads_back(out_dir, tmp_path, seed_outputs):
    from openpyxl import load_workbook

    target = tmp_path / "register.xlsx"
    r = run("register", out_dir, "--out", target, "--first", "41")
    assert r.exit_code == 0, r.stderr
    ws = load_workbook(target).active
    rows = [tuple("" if v is None else v for v in row) for row in ws.iter_rows(values_only=True)]
    assert rows[0] == COLUMNS
    assert len(rows) == len(SEEDS) + 1
    assert [row[0] for row in rows[1:]] == list(range(41, 41 + len(SEEDS)))
    numbers = sorted(row[3] for row in rows[1:])
    assert numbers == sorted(d.number.text if d.number else "" for d in seed_outputs.values())


def test_register_usage_errors(out_dir, tmp_path):
    assert run("register", out_dir, "--out", tmp_path / "r.pdf").exit_code == 2
    assert run("register", tmp_path / "none", "--out", tmp_path / "r.csv").exit_code == 2
    assert run("register", out_dir, "--out", tmp_path / "r.csv", "--received", "01/02/2026").exit_code == 2


def test_register_on_an_unusable_output_is_a_usage_error(out_dir, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    assert usage_error(run("register", out_dir, "--out", afile / "r.csv"), f"{afile / 'r.csv'}: ", "not a folder")
    folder = tmp_path / "r.xlsx"
    folder.mkdir()
    assert usage_error(run("register", out_dir, "--out", folder), f"{folder}: ", "is a folder")
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    try:
        r = run("register", out_dir, "--out", locked / "r.csv")
        if not (locked / "r.csv").exists():  # root may write anywhere
            assert usage_error(r, f"{locked / 'r.csv'}: ")
    finally:
        locked.chmod(0o700)


FORMULA_LIKE = ["-CV/ĐUVP", "=HYPERLINK(\"http://x\")", "+84 912", "@SUM(A1)"]


def test_register_csv_keeps_formula_like_text_as_text():
    rows = list(csv.reader(io.StringIO(to_csv([[7, *FORMULA_LIKE, "Kế hoạch", ""]]).decode("utf-8-sig"))))
    assert rows[1] == ["7", *("'" + v for v in FORMULA_LIKE), "Kế hoạch", ""]


def test_register_xlsx_keeps_formula_like_text_as_strings():
    from openpyxl import load_workbook

    row = [7, *FORMULA_LIKE, "Kế hoạch", "=1+1", "Tệp: a.txt"]
    assert len(row) == len(COLUMNS)
    ws = load_workbook(io.BytesIO(to_xlsx([row]))).active
    cells = list(ws.iter_rows(min_row=2))[0]
    assert [c.value for c in cells] == row
    assert [c.data_type for c in cells] == ["n"] + ["s"] * (len(row) - 1)


def test_phases_are_numbered_one_way_with_their_parents():
    from directive_extract.models import Phase

    tree = [Phase(label="I", subphases=[Phase(label="1"), Phase(label="2", subphases=[Phase(label="a")])]),
            Phase(label="II")]
    assert [(p.label, depth, parent) for p, depth, parent in flat_phases(tree)] == \
        [("I", 0, None), ("1", 1, 0), ("2", 1, 0), ("a", 2, 2), ("II", 0, None)]
