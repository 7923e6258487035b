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


SMOKE = ("--configfile", str(ROOT / "config" / "smoke.yaml"))
SRC = ROOT / "src" / "strategic"


def planned(r) -> dict[str, int]:
    """rule -> count, from the job-stats table of `snakemake -n`."""
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    out = r.stdout + r.stderr
    if "Nothing to be done" in out:
        return {}
    plan = {}
    for line in out.split("Job stats:")[1].splitlines()[3:]:  # after the header rows
        rule, n = line.split()
        if rule == "total":
            return plan
        plan[rule] = int(n)
    raise AssertionError("no total row in the job stats")


def plan_after_editing(rel: str, cwd) -> dict[str, int]:
    """`snakemake -n` after a real edit of src/strategic/<rel> (a comment appended; Snakemake
    compares checksums, so a bare `touch` re-runs nothing), then the file is restored."""
    path = SRC / rel
    text, st = path.read_text(), path.stat()
    try:
        path.write_text(text + "\n# edited by test_workflow\n")
        return planned(snakemake("-n", "--cores", "2", *SMOKE, cwd=cwd))
    finally:
        path.write_text(text)
        os.utime(path, (st.st_atime, st.st_mtime))


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    """The smoke workflow built in two steps: first without `pricing`, then adding it (which
    must plan only pricing's jobs and the report); returns the working directory."""
    wd = tmp_path_factory.mktemp("smoke")
    from strategic.registry import STUDY_NAMES
    others = ",".join(s for s in STUDY_NAMES if s != "pricing")
    first = snakemake("--cores", "2", *SMOKE, "--config", f"studies=[{others}]", cwd=wd)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    plan = planned(snakemake("-n", "--cores", "2", *SMOKE, cwd=wd))
    wd.joinpath("plan_adding_pricing.json").write_text(json.dumps(plan))
    full = snakemake("--cores", "2", *SMOKE, cwd=wd)
    assert full.returncode == 0, full.stdout[-3000:] + full.stderr[-3000:]
    return wd


def test_adding_a_study_plans_only_its_jobs(smoke):
    """Adding a study re-runs no other study's jobs: only its runs, tables, figures, checks
    and the merged report are planned."""
    plan = json.loads((smoke / "plan_adding_pricing.json").read_text())
    from strategic.registry import jobs
    assert plan == {"run_job": len(jobs("pricing")), "aggregate": 1, "figures": 1,
                    "check_claims": 1, "report": 1, "all": 1}


def test_editing_figures_reruns_only_figures_and_report(smoke):
    """Figures are not an input of training: editing games/figures.py plans only the games
    figures, its claims check (it lists the figures) and the report."""
    plan = plan_after_editing("games/figures.py", smoke)
    assert plan == {"figures": 1, "check_claims": 1, "report": 1, "all": 1}


def test_editing_shared_code_reruns_its_users(smoke):
    """A shared module a job imports is an input of that job: editing strategic/schema.py
    (every run imports it) plans every run job, editing pricing's engine only pricing's."""
    from strategic.registry import STUDY_NAMES, jobs
    n_jobs = sum(len(jobs(s)) for s in STUDY_NAMES)
    for rel, expect in [("schema.py", n_jobs), ("pricing/engine.py", len(jobs("pricing")))]:
        assert plan_after_editing(rel, smoke).get("run_job") == expect, rel


@pytest.mark.parametrize("override, expect", [
    ("mlflow={'experiment_prefix': 'elsewhere'}", {"mlflow_init": 1}),
    ("mlflow={'tracking_uri': 'sqlite:////tmp/other.db'}", {"mlflow_init": 1}),
])
def test_mlflow_settings_rerun_no_study_job(smoke, override, expect):
    """MLflow records, files decide: pointing the runs elsewhere re-creates the tracking
    file only (an ancient input of the run jobs)."""
    plan = planned(snakemake("-n", "--cores", "2", *SMOKE, "--config", override, cwd=smoke))
    assert plan == expect


def test_accelerator_reruns_only_network_jobs(smoke):
    """The accelerator reaches only jobs that train networks."""
    from strategic.registry import STUDY_NAMES, jobs, study
    plan = planned(snakemake("-n", "--cores", "2", *SMOKE, "--config", "accelerator=auto",
                             cwd=smoke))
    per_study = {s: sum(any(study(s).variants[v].network for v in vs) for vs in jobs(s).values())
                 for s in STUDY_NAMES}
    assert per_study["pricing"] == 0 and per_study["games"] > 0   # pricing trains no network
    assert plan["run_job"] == sum(per_study.values())
    assert plan["aggregate"] == sum(n > 0 for n in per_study.values())


def test_smoke_end_to_end(smoke):
    tmp_path = smoke
    res = tmp_path / "results"
    doc = json.loads((res / "claims.json").read_text())
    assert doc["profile"] == "smoke" and doc["git_sha"]
    from strategic.registry import STUDY_NAMES
    from strategic.report.claims import catalog
    assert [c["id"] for c in doc["claims"]] == sorted(c.id for s in STUDY_NAMES for c in catalog(s))
    for c in doc["claims"]:
        assert c["verdict"] in ("PASS", "FAIL") and c["checks"]
        assert c["verdict"] == ("PASS" if all(k["passed"] for k in c["checks"]) else "FAIL")
        for k in c["checks"]:
            assert set(k) >= {"metric", "kind", "value", "op", "threshold", "passed"}
            assert k["kind"] in ("measurement", "certificate")
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
