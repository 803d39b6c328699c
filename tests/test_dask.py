"""The dask engine on a real LocalCluster (2 worker processes): the same outputs and manifest as the
local engine, a worker killed mid-run costs nothing, fsspec URLs, the optional extra."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, SEEDS

from directive_extract.batch import JOURNAL, Options, convert_one, run_batch
from directive_extract.dask_engine import DaskEngine, plan_chunks, url_tree, warm_worker  # noqa: E402

CLI = [sys.executable, "-m", "directive_extract.cli"]
PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))
DOCXS = sorted((SAMPLES / "docx").glob("*.docx"))


@pytest.fixture(scope="module")
def client():
    """One cluster for the module: starting one takes seconds."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as c:
        c.run(warm_worker)
        yield c


def run(*args, **kw):
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, **kw)


def manifest(out: Path) -> list[dict]:
    entries = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({e["path"] for e in entries}) == len(entries), "a file listed twice"
    return entries


def without_seconds(entries: list[dict]) -> list[dict]:
    return [{k: v for k, v in e.items() if k != "seconds"} for e in entries]


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "manifest.jsonl"}


def samples_folder(folder: Path) -> Path:
    (folder / "docx").mkdir(parents=True)
    for p in SEEDS:
        shutil.copy(p, folder / p.name)
    for p in DOCXS:
        shutil.copy(p, folder / "docx" / p.name)
    for p in PDFS[:2]:
        shutil.copy(p, folder / p.name)
    return folder


def mixed_folder(folder: Path) -> Path:
    """Good files beside an empty file, binary data named .txt, a truncated and an encrypted PDF."""
    (folder / "sub dir").mkdir(parents=True)
    for p in SEEDS[:2]:
        shutil.copy(p, folder / "sub dir" / p.name)
    shutil.copy(DOCXS[2], folder / "good.docx")
    shutil.copy(PDFS[0], folder / "good.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "truncated.pdf").write_bytes(b"%PDF-1.7\n garbage that is not a pdf")
    shutil.copy(ROOT / "tests" / "fixtures" / "encrypted_user.pdf", folder / "encrypted.pdf")
    return folder


def many_seeds(folder: Path, copies: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(copies):
        for p in SEEDS:
            shutil.copy(p, folder / f"{i:03d}_{p.name}")
    return folder


def test_plan_chunks_bounds_files_and_bytes():
    assert plan_chunks([], 2) == []
    chunks = plan_chunks([10] * 1000, slots=2, max_files=25)
    assert sorted(i for c in chunks for i in c) == list(range(1000))     # every task once
    assert max(map(len, chunks)) == 25 and all(c == list(range(c[0], c[-1] + 1)) for c in chunks)
    assert len(plan_chunks([10] * 48, slots=2)) == 16                     # ~8 chunks per worker thread
    sizes = [10] * 40 + [5000] + [10] * 40
    chunks = plan_chunks(sizes, slots=1, max_bytes=1000)
    assert chunks[0] == [40]                                              # the heavy file alone, first
    assert all(sum(sizes[i] for i in c) <= 1000 for c in chunks[1:])


def test_same_outputs_as_local_engine_on_samples(client, tmp_path):
    src = samples_folder(tmp_path / "in")
    local = run_batch(src, tmp_path / "local", jobs=2)
    dask = run_batch(src, tmp_path / "dask", engine=DaskEngine(client, max_files=3))
    assert [o.path for o in dask] == [o.path for o in local] and len(local) == 12
    assert {o.status for o in dask} <= {"ok", "warning"}
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")      # byte-identical JSON
    assert without_seconds(manifest(tmp_path / "dask")) == without_seconds(manifest(tmp_path / "local"))


def test_mixed_folder_same_manifest_from_the_command_line(tmp_path):
    src = mixed_folder(tmp_path / "in")
    r_local = run("batch", src, "--out", tmp_path / "local", "--jobs", "2")
    r_dask = run("batch", src, "--out", tmp_path / "dask", "--engine", "dask", "--workers", "2")
    assert r_local.returncode == r_dask.returncode == 1, r_dask.stderr
    assert "Traceback" not in r_dask.stderr
    entries = manifest(tmp_path / "dask")
    assert without_seconds(entries) == without_seconds(manifest(tmp_path / "local"))
    codes = {e["path"]: e["error"]["code"] for e in entries if e["error"]}
    assert codes == {"empty.txt": "empty_file", "binary.txt": "binary_input", "truncated.pdf": "corrupt_pdf",
                     "encrypted.pdf": "encrypted_pdf"}
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert "4 errors" in r_dask.stderr.splitlines()[-1]


def test_file_urls_give_the_same_outputs(client, tmp_path):
    src = mixed_folder(tmp_path / "in")
    run_batch(src, tmp_path / "local", jobs=2)
    run_batch(src.as_uri(), (tmp_path / "dask").as_uri(), engine=DaskEngine(client))
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert without_seconds(manifest(tmp_path / "dask")) == without_seconds(manifest(tmp_path / "local"))


def test_resume_on_the_cluster_keeps_what_is_done(client, tmp_path):
    src = many_seeds(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(src, out, engine=DaskEngine(client))
    (src / "new.txt").write_text("Số 7-CV/ĐU\n\nKính gửi: Các chi bộ", encoding="utf-8")
    again = {o.path: o.status for o in run_batch(src, out, resume=True, engine=DaskEngine(client))}
    assert again.pop("new.txt") != "skipped" and set(again.values()) == {"skipped"}
    assert len(manifest(out)) == 2 * len(SEEDS) + 1 and not (out / JOURNAL).exists()


def test_time_limit_holds_per_file_on_the_cluster(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(PDFS[2], src / "slow.pdf")                                  # ten pages: well over 50 ms
    shutil.copy(SEEDS[0], src / "quick.txt")
    outcomes = {o.path: o for o in run_batch(src, tmp_path / "out", options=Options(timeout=0.05),
                                             engine=DaskEngine(client))}
    assert outcomes["slow.pdf"].error["code"] == "timeout" and "slow.pdf" in outcomes["slow.pdf"].error["message"]
    assert set(outcomes) == {"slow.pdf", "quick.txt"}


class SerialEngine:
    """Converts in this process: memory:// is per process, so it cannot cross to a worker."""

    def run(self, tasks, sizes, options):
        return (convert_one(*task) for task in tasks)


def test_remote_storage_through_fsspec(tmp_path):
    import fsspec

    fs = fsspec.filesystem("memory")
    base = f"memory://{uuid.uuid4().hex}"
    src = samples_folder(tmp_path / "in")
    (src / "empty.txt").write_bytes(b"")
    for p in src.rglob("*"):
        if p.is_file():
            fs.pipe_file(f"{base}/in/{p.relative_to(src).as_posix()}", p.read_bytes())
    remote = run_batch(f"{base}/in", f"{base}/out", engine=SerialEngine())
    local = run_batch(src, tmp_path / "local", jobs=2)
    assert [o.path for o in remote] == [o.path for o in local]
    for rel, data in outputs(tmp_path / "local").items():
        assert fs.cat_file(f"{base}/out/{rel}") == data                    # same bytes, one put each
    empty = next(o for o in remote if o.path == "empty.txt")
    assert empty.error["message"] == f"{base}/in/empty.txt: the file is empty"   # names the URL, not a copy
    assert len(fs.cat_file(f"{base}/out/manifest.jsonl").decode().splitlines()) == len(local)

    # a run killed after some journal parts were put: --resume keeps what they list
    fs.rm_file(f"{base}/out/manifest.jsonl")
    journal = url_tree(f"{base}/out").open_journal(append=True)
    for o in remote[:4]:
        journal.write(o.manifest_line() + "\n")
    journal.close()
    again = run_batch(f"{base}/in", f"{base}/out", resume=True, engine=SerialEngine())
    assert sum(o.status == "skipped" for o in again) == 4
    assert not fs.exists(f"{base}/out/{JOURNAL}.d") or not fs.find(f"{base}/out/{JOURNAL}.d")


def test_missing_extra_is_a_clear_usage_error(tmp_path):
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from directive_extract.cli import main\n"
            f"sys.argv = ['directive-extract', 'batch', {str(SAMPLES)!r}, '--out', {str(tmp_path)!r},"
            " '--engine', 'dask']\n"
            "main()")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 2
    assert "the dask engine needs: pip install 'directive-extract[dask]'" in r.stderr
    assert run("batch", SAMPLES, "--out", tmp_path, "--workers", "2").returncode == 2   # needs --engine dask


def test_unreachable_scheduler_is_a_usage_error(tmp_path):
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    r = run("batch", SAMPLES, "--out", tmp_path, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
            env=env)
    assert r.returncode == 2 and "cannot reach the dask scheduler" in r.stderr, r.stderr


def test_help_imports_no_dask():
    code = ("import sys; sys.argv=['directive-extract','batch','--help']\n"
            "from directive_extract import cli\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
            "print('LOADED', [m for m in ('dask', 'distributed', 'fsspec') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in r.stdout, r.stdout + r.stderr


def test_worker_killed_mid_run_loses_nothing(client, tmp_path):
    """Last in the module: the cluster it leaves has a restarted worker."""
    src = many_seeds(tmp_path / "in", 16)                                  # 80 documents
    out = tmp_path / "out"
    result: list = []
    batch = threading.Thread(target=lambda: result.append(
        run_batch(src, out, engine=DaskEngine(client, max_files=4))))
    batch.start()
    journal = out / JOURNAL
    deadline = time.monotonic() + 60
    victim, held = None, []
    while time.monotonic() < deadline and victim is None:
        done = len(journal.read_text(encoding="utf-8").splitlines()) if journal.exists() else 0
        busy = [(addr, keys) for addr, keys in client.processing().items() if keys]
        if done >= 8 and busy:
            victim, held = busy[0]
        else:
            time.sleep(0.02)
    assert victim is not None, "no worker was busy"
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    killed_at = len(journal.read_text(encoding="utf-8").splitlines())
    batch.join(180)
    assert not batch.is_alive()
    assert killed_at < 80, "the batch ended before the kill"
    started = [sum(step[2] == "processing" for step in client.story(key)) for key in held]
    assert max(started) >= 2, "no chunk of the killed worker was run again"
    outcomes = result[0]
    assert len(outcomes) == 80 and {o.status for o in outcomes} <= {"ok", "warning"}
    entries = manifest(out)
    assert sorted(e["path"] for e in entries) == sorted(p.name for p in src.iterdir())
    for entry in entries:
        json.loads((out / entry["output"]).read_text(encoding="utf-8"))     # every JSON whole
    assert not list(out.rglob("*.tmp")) and not journal.exists()
