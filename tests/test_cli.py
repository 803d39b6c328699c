"""The command line as scripts call it: extract, batch (manifest, exit codes, bad files), schema."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS

CLI = [sys.executable, "-m", "directive_extract.cli"]


def run(*args, cwd=None):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_extract_prints_json_of_one_document():
    r = run("extract", SEEDS[0])
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["schema_version"] == "1.0" and d["number"]["text"] == "411-CV/ĐU"


def test_extract_missing_file_is_usage_error():
    r = run("extract", "no/such/file.pdf")
    assert r.returncode == 2 and "no/such/file.pdf" in r.stderr


def test_unknown_option_is_usage_error():
    assert run("batch", ".", "--nope").returncode == 2


def test_batch_mixed_folder(tmp_path):
    src = tmp_path / "in"
    (src / "sub dir").mkdir(parents=True)
    for p in SEEDS[:2]:
        shutil.copy(p, src / "sub dir" / p.name)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (src / "fake.pdf").write_bytes(b"%PDF-1.7\n garbage that is not a pdf")
    (src / "văn bản.md").write_text("Số 5-CV/ĐU\n\nKính gửi: Các chi bộ\n\nNội dung.", encoding="utf-8")
    (src / "ignored.xlsx").write_bytes(b"PK")
    out = tmp_path / "out"
    r = run("batch", src, "--out", out, "--jobs", "2")
    assert r.returncode == 1, r.stderr
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    by_path = {x["path"]: x for x in lines}
    assert set(by_path) == {"empty.txt", "binary.txt", "fake.pdf", "văn bản.md",
                            *(f"sub dir/{p.name}" for p in SEEDS[:2])}
    assert by_path["empty.txt"]["error"]["code"] == "empty_file"
    assert by_path["binary.txt"]["error"]["code"] == "binary_input"
    assert by_path["fake.pdf"]["status"] == "error" and "fake.pdf" in by_path["fake.pdf"]["error"]["message"]
    for p in SEEDS[:2]:
        entry = by_path[f"sub dir/{p.name}"]
        assert entry["status"] in ("ok", "warning") and entry["output"] == f"sub dir/{p.name}.json"
        assert json.loads((out / entry["output"]).read_text(encoding="utf-8"))["source"]["sha256"] == entry["sha256"]
    assert (out / "văn bản.md.json").exists()
    assert not list(out.rglob("*.tmp"))
    assert "Traceback" not in r.stderr


def test_batch_all_good_exits_zero(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in SEEDS:
        shutil.copy(p, src / p.name)
    r = run("batch", src, "--out", tmp_path / "out", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    assert len((tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == len(SEEDS)


def test_help_does_not_import_heavy_modules():
    code = ("import sys; sys.argv=['directive-extract','--help']\n"
            "from directive_extract import cli\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "heavy=[m for m in ('spacy','pdfplumber','docx','dateparser','pypdfium2') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in r.stdout, r.stdout + r.stderr


def test_schema_command_writes_the_committed_schema(tmp_path):
    target = tmp_path / "s.json"
    assert run("schema", "--out", target).returncode == 0
    committed = Path(__file__).resolve().parents[1] / "schemas" / "directive.schema.json"
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(committed.read_text(encoding="utf-8"))


def test_type_comes_from_bytes_not_extension(tmp_path):
    fake = tmp_path / "really_a_pdf.docx"
    shutil.copy(Path(__file__).resolve().parents[1] / "samples" / "pdf" / "000_a87da02fcde4650a.pdf", fake)
    r = run("extract", fake)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["source"]["format"] == "pdf" and d["number"]["text"] == "411-CV/ĐU"
    assert [w["code"] for w in d["warnings"]] == ["mislabeled_type"]
    assert d["number"]["span"]["page"] == 1 and d["signature"]["span"]["page"] >= 2
