"""Faults and bad input, on real runs of the smoke config:

- the whole `snakemake` process group killed (SIGKILL) mid-run: Snakemake's lock stays (the
  next run says to `--unlock`); after that a plain run (rerun-incomplete from the default
  profile) finishes the work without recomputing completed jobs, and no half-written output
  is taken as done;
- an unreadable MLflow database, a corrupt table, a results folder of another profile: one
  line naming the file before any job runs, and not a byte of results/ changes;
- a missing table: the workflow rebuilds it (and only what depends on it).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workflow_run import BIN, ROOT, SMOKE, claims, snakemake, tail

RUN = ("--cores", "2", "--configfile", SMOKE)


def snapshot(res: Path) -> dict[str, str]:
    return {str(p.relative_to(res)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(res.rglob("*")) if p.is_file()}


@pytest.fixture
def finished(smoke_reference, tmp_path) -> Path:
    """A copy of a finished smoke run's working directory (results/ and .snakemake/)."""
    work = tmp_path / "work"
    shutil.copytree(smoke_reference.parent, work, symlinks=True)
    return work


def error_lines(r: subprocess.CompletedProcess) -> list[str]:
    return [ln for ln in (r.stdout + r.stderr).splitlines() if ln.startswith("error:")]


def _values(doc: dict) -> dict:
    return {c["id"]: (c["verdict"], [k["value"] for k in c["checks"]]) for c in doc["claims"]}


def test_unreadable_mlflow_database(finished):
    res = finished / "results"
    (res / "mlflow.db").write_bytes(b"\x00garbage, not SQLite\x00" * 512)
    before = snapshot(res)
    r = snakemake(*RUN, cwd=finished)
    print(error_lines(r))
    assert r.returncode != 0
    assert len(error_lines(r)) == 1 and "unreadable MLflow database results/mlflow.db" in error_lines(r)[0]
    ui = subprocess.run([sys.executable, "-m", "strategic", "ui", "--results", str(res)],
                        capture_output=True, text=True, timeout=120)
    assert ui.returncode == 2 and ui.stderr.count("\n") == 1 and str(res / "mlflow.db") in ui.stderr
    assert snapshot(res) == before


@pytest.mark.parametrize("damage", ["truncated", "binary"])
def test_corrupt_table(finished, damage):
    res = finished / "results"
    table = res / "games" / "tables" / "runs.csv"
    data = table.read_bytes()
    table.write_bytes(data[: len(data) // 2] if damage == "truncated" else bytes(range(256)) * 40)
    before = snapshot(res)
    r = snakemake(*RUN, cwd=finished)
    print(error_lines(r))
    assert r.returncode != 0
    assert len(error_lines(r)) == 1 and "corrupt table results/games/tables/runs.csv" in error_lines(r)[0]
    assert snapshot(res) == before
    # the study's own command says the same, and writes nothing
    out = finished / "claims-out.json"
    c = subprocess.run([sys.executable, "-m", "strategic", "check", "games", "--tables",
                        str(table.parent), "--out", str(out)], capture_output=True, text=True)
    assert c.returncode == 2 and c.stderr.startswith(f"error: corrupt table {table}") and not out.exists()


def test_results_of_another_profile(finished):
    res = finished / "results"
    before = snapshot(res)
    r = snakemake("--cores", "2", cwd=finished)  # the quick profile, into smoke's results/
    print(error_lines(r))
    assert r.returncode != 0
    assert len(error_lines(r)) == 1 and "results/tracking.json says profile 'smoke'" in error_lines(r)[0]
    assert snapshot(res) == before


def test_missing_table_is_rebuilt(finished):
    res = finished / "results"
    table = res / "games" / "tables" / "runs.csv"
    original = table.read_bytes()
    table.unlink()
    c = subprocess.run([sys.executable, "-m", "strategic", "check", "games", "--tables",
                        str(table.parent), "--out", str(finished / "x.json")],
                       capture_output=True, text=True)
    assert c.returncode == 2 and "missing runs table" in c.stderr and c.stderr.count("\n") == 1
    before = snapshot(res)
    r = snakemake(*RUN, cwd=finished)  # the final outputs are up to date: an intermediate
    assert r.returncode == 0 and "Nothing to be done" in r.stdout + r.stderr, tail(r)
    r = snakemake("results/games/tables/runs.csv", *RUN, cwd=finished)  # asked for: rebuilt
    assert r.returncode == 0, tail(r)
    ran = sorted({m for m in re.findall(r"\(Rule: (\w+)\)", r.stdout + r.stderr)})
    print(f"rebuilt by: {ran}")
    assert ran == ["aggregate"] and table.read_bytes() == original
    after = snapshot(res)
    timing = ("logs/", "benchmarks/")  # the re-run job's log and Snakemake's timing of it
    assert {k: v for k, v in after.items() if k in before and not k.startswith(timing)} == \
        {k: v for k, v in before.items() if not k.startswith(timing)}  # nothing else changed


def _declared_outputs(res: Path) -> list[Path]:
    return [*res.glob("*/jobs/*.json"), *res.glob("*/tables/runs.csv"), *res.glob("claims/*.json"),
            *[p for p in [res / "tracking.json", res / "claims.json"] if p.exists()]]


def _registered(work: Path) -> dict[Path, int]:
    """Job manifests Snakemake has recorded as finished (no `.snakemake/incomplete` marker)."""
    inc = work / ".snakemake" / "incomplete"
    marked = {base64.b64decode(m.name).decode() for m in inc.iterdir()} if inc.is_dir() else set()
    return {p: p.stat().st_mtime_ns for p in (work / "results").glob("*/jobs/*.json")
            if str(p.relative_to(work)) not in marked}


def test_kill_whole_snakemake_mid_run_then_rerun(smoke_reference, tmp_path):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MLFLOW_TRACKING_URI", None)
    res = tmp_path / "results"
    cmd = [str(BIN / "snakemake"), "-s", str(ROOT / "Snakefile"), "-d", str(tmp_path), *RUN]
    log = open(tmp_path / "killed.log", "w")
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)  # its own process group: snakemake + jobs
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and proc.poll() is None:
            if _registered(tmp_path) and len(list(res.glob("*/jobs/*.json"))) < 5:
                break  # some jobs recorded as done, others still running
            time.sleep(0.2)
        assert proc.poll() is None, "the run ended before it could be killed"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the group we started: snakemake and its jobs
        proc.wait()
    completed = _registered(tmp_path)
    running = sorted(p.name for p in (tmp_path / ".snakemake" / "incomplete").iterdir())
    print(f"killed with {len(completed)} job(s) done: {sorted(p.stem for p in completed)}; "
          f"{len(running)} incomplete")
    for p in _declared_outputs(res):  # nothing half-written under an output's name
        json.loads(p.read_text()) if p.suffix == ".json" else p.read_text()
    locked = snakemake(*RUN, cwd=tmp_path)  # SIGKILL left Snakemake's lock: it says so
    print("next run:", [ln for ln in (locked.stdout + locked.stderr).splitlines() if "lock" in ln][:2])
    assert locked.returncode != 0 and "--unlock" in locked.stdout + locked.stderr
    assert snakemake("--unlock", "--configfile", SMOKE, cwd=tmp_path).returncode == 0
    t0 = time.monotonic()
    r = snakemake(*RUN, cwd=tmp_path)  # plain: profiles/default sets rerun-incomplete
    assert r.returncode == 0, tail(r)
    out = r.stdout + r.stderr
    print(f"re-run finished in {time.monotonic() - t0:.0f} s")
    assert "Using workflow specific profile" in out
    assert {p: p.stat().st_mtime_ns for p in completed} == completed  # not recomputed
    assert _values(claims(res)) == _values(claims(smoke_reference))
