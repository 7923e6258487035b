"""The Snakemake workflow as a user runs it: lint, dry run, a bad config, and one end-to-end
run of config/smoke.yaml into a temporary folder (real Snakemake, real MLflow store)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def snakemake(*args, cwd, timeout=900):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MLFLOW_TRACKING_URI", None)
    cmd = [str(BIN / "snakemake"), "-s", str(ROOT / "Snakefile"), "-d", str(cwd), *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_lint(tmp_path):
    r = snakemake("--lint", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr


def test_dry_run_lists_every_job(tmp_path):
    r = snakemake("-n", "--cores", "1", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for rule in ("mlflow_init", "run_job", "aggregate", "figures", "check_claims", "report", "all"):
        assert rule in r.stdout


@pytest.mark.parametrize("profile", ["smoke.yaml", "paper.yaml"])
def test_profiles_dry_run_one_study_target(tmp_path, profile):
    """The other profiles validate and plan; one study's claims file is a valid target."""
    r = snakemake("results/claims/games.json", "-n", "--cores", "2",
                  "--configfile", str(ROOT / "config" / profile), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "check_claims" in r.stdout and "rule report" not in r.stdout


@pytest.mark.parametrize("override, message", [
    ("games={'gd': {'lr': -0.1}}", "config error: games.gd.lr: must be > 0, got -0.1"),
    ("games={'mlp': {'seeds': []}}", "config error: games.mlp.seeds: must not be empty"),
    ("games={'gd': {'stepz': 5}}", "config error: games.gd.stepz: unknown key"),
])
def test_bad_config_stops_before_any_job(tmp_path, override, message):
    r = snakemake("--cores", "1", "--config", override, cwd=tmp_path)
    assert r.returncode != 0
    lines = [line for line in (r.stdout + r.stderr).splitlines() if "config error" in line]
    assert len(lines) == 1 and lines[0].startswith(message)
    assert not (tmp_path / "results").exists()


def test_smoke_end_to_end(tmp_path):
    res = tmp_path / "results"
    r = snakemake("--cores", "2", "--configfile", str(ROOT / "config" / "smoke.yaml"), cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    doc = json.loads((res / "claims.json").read_text())
    assert doc["profile"] == "smoke" and doc["git_sha"]
    from strategic.registry import STUDY_NAMES
    from strategic.report.claims import catalog
    assert [c["id"] for c in doc["claims"]] == sorted(c.id for s in STUDY_NAMES for c in catalog(s))
    for c in doc["claims"]:
        assert c["verdict"] in ("PASS", "FAIL") and c["checks"]
        assert c["verdict"] == ("PASS" if all(k["passed"] for k in c["checks"]) else "FAIL")
        for k in c["checks"]:
            assert set(k) >= {"metric", "value", "op", "threshold", "passed"}
            assert k["op"] in ("<=", ">=", "==", "in")
        assert (tmp_path / c["figure"]).stat().st_size > 10_000
        assert (tmp_path / c["figure"]).with_suffix(".pdf").is_file()
    per_study = [json.loads((res / "claims" / f"{s}.json").read_text())["claims"] for s in STUDY_NAMES]
    assert sorted(sum(per_study, []), key=lambda c: c["id"]) == doc["claims"]
    # B1/B2 are exact at any grid size, so they pass even in the smoke profile
    assert {c["id"]: c["verdict"] for c in doc["claims"]}["B1"] == "PASS"
    report = (res / "report.md").read_text()
    assert "## B2 mixed-nash-exists" in report and "**Nuance.**" in report
    assert "![A1](figures/games/A1.png)" in report
    assert "## C2 sperner" in report and "Theta(N)" in report
    # a second invocation has nothing to do
    again = snakemake("--cores", "2", "--configfile", str(ROOT / "config" / "smoke.yaml"), "-n",
                      cwd=tmp_path)
    assert "Nothing to be done" in again.stdout + again.stderr
    # Snakemake's self-contained HTML report embeds the figures
    rep = snakemake("--configfile", str(ROOT / "config" / "smoke.yaml"),
                    "--report", str(tmp_path / "report.html"), cwd=tmp_path)
    assert rep.returncode == 0, rep.stderr[-2000:]
    assert (tmp_path / "report.html").stat().st_size > 50_000
