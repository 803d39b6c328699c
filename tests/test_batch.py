"""The batch as an unattended job: hostile folders, time and memory guards, kill -9 and
--resume, filters, streaming, progress output."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, SEEDS
from directive_extract.batch import JOURNAL, Options, find_inputs, read_manifest, run_batch
from directive_extract.workers import Pool

CLI = [sys.executable, "-m", "directive_extract.cli"]
FIXTURES = ROOT / "tests" / "fixtures"
PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))
DOCXS = sorted((SAMPLES / "docx").glob("*.docx"))


def run(*args, **kw):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, **kw)


def manifest(out: Path) -> dict[str, dict]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(x) for x in lines]
    assert len({e["path"] for e in entries}) == len(entries), "a file listed twice"
    return {e["path"]: e for e in entries}


def zip_bomb(path: Path) -> Path:
    """1.5 MB on disk, 1.5 GB declared once inflated: the issue's own example."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            block = b"\0" * (1 << 20)
            for _ in range(1500):
                fh.write(block)
    return path


def xml_bomb(path: Path) -> Path:
    """A DOCX whose document.xml declares "billion laughs" entities."""
    with zipfile.ZipFile(DOCXS[0]) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                decl = b"".join(b'<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;">'
                                % (i, *(i - 1,) * 10) for i in range(1, 10))
                data = data.replace(b"?>", b'?>\n<!DOCTYPE w:document [<!ENTITY l0 "lol">' + decl + b"]>", 1)
                data = data.replace(b"<w:t>", b"<w:t>&l9;", 1)
            dst.writestr(info, data)
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """Good files beside every kind of bad file a real inbox holds."""
    root = tmp_path_factory.mktemp("hostile")
    src = root / "in"
    (src / "thư mục có dấu").mkdir(parents=True)
    shutil.copy(SEEDS[0], src / "thư mục có dấu" / "công văn số 1.txt")
    shutil.copy(SEEDS[1], src / "good.md")
    shutil.copy(DOCXS[2], src / "good.docx")
    shutil.copy(PDFS[1], src / "good.pdf")
    shutil.copy(DOCXS[3], src / "really a docx.pdf")                       # mislabeled: read as DOCX
    (src / "empty.pdf").write_bytes(b"")
    (src / "truncated.pdf").write_bytes(PDFS[0].read_bytes()[:3000])
    (src / "garbage.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(4000))
    shutil.copy(FIXTURES / "encrypted_user.pdf", src / "encrypted.pdf")
    shutil.copy(FIXTURES / "encrypted_owner.pdf", src / "owner only.pdf")  # opens: owner password only
    (src / "broken.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    zip_bomb(src / "bomb.docx")
    xml_bomb(src / "laughs.docx")
    (src / "binary.txt").write_bytes(os.urandom(5000).replace(b"\n", b"\0"))
    outside = root / "secret.txt"
    outside.write_text("Số 1-CV/ĐU\nnot to be read", encoding="utf-8")
    (src / "link.txt").symlink_to(outside)
    (src / "notes.xlsx").write_bytes(b"PK\x03\x04")                         # not a supported type: ignored
    return src


GOOD = {"thư mục có dấu/công văn số 1.txt", "good.md", "good.docx", "good.pdf", "really a docx.pdf",
        "owner only.pdf"}
BAD = {"empty.pdf": "empty_file", "truncated.pdf": "corrupt_pdf", "garbage.pdf": "corrupt_pdf",
       "encrypted.pdf": "encrypted_pdf", "broken.docx": "corrupt_docx", "bomb.docx": "zip_bomb",
       "laughs.docx": "xml_entities", "binary.txt": "binary_input"}


def test_hostile_folder(hostile, tmp_path):
    out = tmp_path / "out"
    started = time.monotonic()
    r = run("batch", hostile, "--out", out, "--jobs", "2")
    assert time.monotonic() - started < 120
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    m = manifest(out)
    assert set(m) == GOOD | set(BAD)                       # the symlink out of the folder is not followed
    for rel in GOOD:
        assert m[rel]["status"] in ("ok", "warning"), m[rel]
        doc = json.loads((out / m[rel]["output"]).read_text(encoding="utf-8"))
        assert doc["source"]["path"] == rel and doc["source"]["sha256"] == m[rel]["sha256"]
        assert doc["document_type"] is not None and doc["issuer"] is not None
    assert "mislabeled_type" in {w["code"] for w in json.loads(
        (out / "really a docx.pdf.json").read_text(encoding="utf-8"))["warnings"]}
    for rel, code in BAD.items():
        assert m[rel]["status"] == "error" and m[rel]["output"] is None
        assert m[rel]["error"]["code"] == code, (rel, m[rel]["error"])
        assert rel in m[rel]["error"]["message"]
        assert not (out / f"{rel}.json").exists()
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert written == {"manifest.jsonl", *(f"{rel}.json" for rel in GOOD)}   # no temporaries, nothing else
    assert "8 errors" in r.stderr and "zip_bomb: 1" in r.stderr


def test_include_exclude(hostile):
    rels = {p.relative_to(hostile).as_posix() for p in find_inputs(hostile, include=["*.pdf"], exclude=["e*"])}
    assert rels == {"good.pdf", "really a docx.pdf", "owner only.pdf", "truncated.pdf", "garbage.pdf"}
    rels = {p.relative_to(hostile).as_posix() for p in find_inputs(hostile, include=["thư mục có dấu/*"])}
    assert rels == {"thư mục có dấu/công văn số 1.txt"}


def many_seeds(folder: Path, copies: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(copies):
        for p in SEEDS:
            shutil.copy(p, folder / f"{i:03d}_{p.name}")
    return folder


def test_resume_skips_unchanged_and_redoes_changed(tmp_path):
    src = many_seeds(tmp_path / "in", 1)
    out = tmp_path / "out"
    first = run_batch(src, out, jobs=1)
    assert {o.status for o in first} <= {"ok", "warning"}
    changed = sorted(src.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThêm một dòng.", encoding="utf-8")
    (src / "new.txt").write_text("Số 7-CV/ĐU\n\nKính gửi: Các chi bộ", encoding="utf-8")
    again = {o.path: o for o in run_batch(src, out, jobs=1, resume=True)}
    assert again[changed.name].status != "skipped" and again["new.txt"].status != "skipped"
    assert sum(o.status == "skipped" for o in again.values()) == len(SEEDS) - 1
    m = manifest(out)
    assert m[changed.name]["sha256"] == again[changed.name].sha256 and len(m) == len(SEEDS) + 1
    # other options (or another tool version) mean every file is converted again
    third = run_batch(src, out, jobs=1, resume=True, options=Options(ocr="never"))
    assert not any(o.status == "skipped" for o in third)


def test_kill_minus_nine_then_resume(tmp_path):
    src = many_seeds(tmp_path / "in", 12)                   # 60 documents
    out = tmp_path / "out"
    proc = subprocess.Popen([*CLI, "batch", str(src), "--out", str(out), "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    journal = out / JOURNAL
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) >= 10:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)                      # parent and workers, mid-batch
    proc.wait()
    done_before = set(read_manifest(out))
    assert 10 <= len(done_before) < 60
    assert not (out / "manifest.jsonl").exists()
    r = run("batch", src, "--out", out, "--jobs", "2", "--resume")
    assert r.returncode == 0, r.stderr
    m = manifest(out)
    assert len(m) == 60
    assert f"{len(done_before)} unchanged, kept" in r.stderr
    for entry in m.values():
        json.loads((out / entry["output"]).read_text(encoding="utf-8"))   # every JSON whole
    assert not list(out.rglob("*.tmp")) and not journal.exists()


def sleep_then_echo(seconds: float, value: str) -> str:
    time.sleep(seconds)
    return value


def crash(code: int, value: str) -> str:
    if code:
        os._exit(code)
    return value


def lost(task, code, reason):
    return f"{task[1]}:{code}"


def test_pool_stops_a_hung_task_and_goes_on():
    pool = Pool(sleep_then_echo, jobs=2, timeout=1.0)
    started = time.monotonic()
    results = set(pool.run([(0.01, "a"), (30, "hung"), (0.01, "b"), (0.01, "c")], on_lost=lost))
    assert results == {"a", "b", "c", "hung:timeout"}
    assert time.monotonic() - started < 10


def test_pool_replaces_a_dead_worker():
    results = sorted(Pool(crash, jobs=1).run([(0, "a"), (9, "dies"), (0, "b")], on_lost=lost))
    assert results == ["a", "b", "dies:worker_died"]


def test_timeout_is_recorded_per_file(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS[0], src / "quick.txt")
    shutil.copy(SAMPLES / "scanned" / "001_b52a71c16220c3a6.pdf", src / "slow.pdf")   # OCR takes seconds
    out = tmp_path / "out"
    r = run("batch", src, "--out", out, "--jobs", "1", "--timeout", "0.3", "--ocr", "always")
    m = manifest(out)
    assert r.returncode == 1
    assert m["slow.pdf"]["error"]["code"] == "timeout" and "slow.pdf" in m["slow.pdf"]["error"]["message"]
    assert m["quick.txt"]["status"] in ("ok", "warning")


def test_memory_bound_is_an_error_not_a_crash(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(PDFS[2], src / "a.pdf")
    r = run("batch", src, "--out", tmp_path / "out", "--jobs", "1", "--memory", "64")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert manifest(tmp_path / "out")["a.pdf"]["error"]["code"] in ("out_of_memory", "worker_died")


def test_size_and_page_limits(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(PDFS[2], src / "ten pages.pdf")
    shutil.copy(SEEDS[2], src / "big.txt")
    r = run("batch", src, "--out", tmp_path / "out", "--max-pages", "5", "--max-size", "1")
    m = manifest(tmp_path / "out")
    assert m["ten pages.pdf"]["error"]["code"] == "too_many_pages"
    assert m["big.txt"]["status"] in ("ok", "warning")
    assert r.returncode == 1


def test_jsonl_streams_documents(tmp_path):
    src = many_seeds(tmp_path / "in", 1)
    (src / "empty.txt").write_bytes(b"")
    r = run("batch", src, "--jsonl", "-", "--jobs", "2")
    assert r.returncode == 1
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert sorted(d["source"]["path"] for d in docs) == sorted(p.name for p in src.iterdir() if p.stat().st_size)
    assert "error [empty_file]" in r.stderr


def test_usage_errors():
    assert run("batch", SAMPLES).returncode == 2                      # neither --out nor --jsonl
    assert run("batch", SAMPLES, "--jsonl", "-", "--resume").returncode == 2


def test_plain_progress_lines_when_piped(tmp_path):
    src = many_seeds(tmp_path / "in", 1)
    r = run("batch", src, "--out", tmp_path / "out", "--jobs", "1")
    lines = r.stderr.splitlines()
    assert sum(line.startswith(f"[{i}/{len(SEEDS)}] ") for i in range(1, len(SEEDS) + 1) for line in lines) \
        == len(SEEDS)
    assert "\x1b[" not in r.stderr                                     # no terminal codes in a log
    assert lines[-1].startswith(f"{len(SEEDS)} converted") and "docs/s" in lines[-1]


def test_extract_from_standard_input():
    for path, fmt in ((SEEDS[0], "txt"), (PDFS[0], "pdf"), (DOCXS[0], "auto")):
        r = subprocess.run([*CLI, "extract", "-", "--format", fmt], input=path.read_bytes(), capture_output=True)
        assert r.returncode == 0, r.stderr
        doc = json.loads(r.stdout)
        assert doc["source"]["path"] == "<stdin>" and doc["number"] is not None
    r = subprocess.run([*CLI, "extract", "-"], input=b"", capture_output=True)
    assert r.returncode == 1 and b"empty_file" in r.stderr and b"<stdin>" in r.stderr


def test_library_batch_from_a_script_on_standard_input(tmp_path):
    """A main script with no file ("python -", a notebook) must not kill every worker."""
    src = many_seeds(tmp_path / "in", 1)
    script = ("import sys; from pathlib import Path; from directive_extract.batch import run_batch\n"
              f"out = run_batch(Path({str(src)!r}), Path({str(tmp_path / 'out')!r}), jobs=2)\n"
              "print(sorted({o.status for o in out}))\n")
    r = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "error" not in r.stdout and "Traceback" not in r.stderr


def test_resume_streams_kept_documents_too(tmp_path):
    src = many_seeds(tmp_path / "in", 1)
    out, jsonl = tmp_path / "out", tmp_path / "docs.jsonl"
    assert run("batch", src, "--out", out, "--jsonl", jsonl).returncode == 0
    first = sorted(jsonl.read_text(encoding="utf-8").splitlines())
    r = run("batch", src, "--out", out, "--jsonl", jsonl, "--resume")
    assert r.returncode == 0 and f"{len(SEEDS)} unchanged, kept" in r.stderr
    assert sorted(jsonl.read_text(encoding="utf-8").splitlines()) == first      # nothing lost on resume


def test_resume_redoes_an_output_cut_short(tmp_path):
    src = many_seeds(tmp_path / "in", 1)
    out = tmp_path / "out"
    run_batch(src, out)
    victim = sorted(out.glob("*.json"))[0]
    victim.write_text(victim.read_text(encoding="utf-8")[:100], encoding="utf-8")   # a crash of the machine
    again = {o.path: o.status for o in run_batch(src, out, resume=True)}
    assert again[victim.name[:-5]] in ("ok", "warning")
    json.loads(victim.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [("--out", "{file}"), ("--out", "{file}/sub"), ("--jsonl", "{dir}")])
def test_unusable_output_is_bad_usage(tmp_path, args):
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    option, value = args
    r = run("batch", SAMPLES, option, value.format(file=a_file, dir=tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr and "cannot write" in r.stderr


def test_no_temporaries_left_after_a_timeout(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "scanned" / "001_b52a71c16220c3a6.pdf", src / "slow.pdf")
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "sub" / ".dx-stale.json.abc.tmp").write_text("{")        # left by an earlier killed worker
    (out / ".user notes.tmp").write_text("mine")                       # not ours: kept
    run("batch", src, "--out", out, "--timeout", "0.3", "--ocr", "always")
    assert not list(out.rglob(".dx-*.tmp")) and (out / ".user notes.tmp").exists()
