"""The workflow on a real single-node SLURM cluster (Debian's slurm-wlm + munge, started by
hand): the smoke config through `snakemake --profile profiles/slurm` gives the same
claims.json as a local run; network jobs ask SLURM for a GPU; a job over its time limit is
reported failed and a re-run finishes it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time

import pytest

from workflow_run import ROOT, SMOKE, claims, snakemake, tail
from services import SlurmCluster, slurm_missing

pytestmark = pytest.mark.skipif(bool(slurm_missing()), reason=f"real SLURM: {slurm_missing()}")

# On this cluster there is no accounting (sacct fails): the plugin polls squeue instead, and
# the cluster keeps finished jobs visible (MinJobAge). Short polls keep the test quick.
SLURM = ("--profile", str(ROOT / "profiles" / "slurm"), "--slurm-status-command", "squeue",
         "--slurm-init-seconds-before-status-checks", "1", "--seconds-between-status-checks", "2",
         "--latency-wait", "5", "--slurm-no-account")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    c = SlurmCluster(tmp_path_factory.mktemp("slurm"))
    try:
        yield c.start()
    finally:
        c.stop()


def _jobs() -> list[dict[str, str]]:
    """Every job the cluster still knows (MinJobAge keeps finished ones): scontrol's fields."""
    out = subprocess.run(["scontrol", "show", "job", "-o"], capture_output=True, text=True).stdout
    return [dict(re.findall(r"(\S+?)=(\S*)", line)) for line in out.splitlines() if "JobId=" in line]


def _comparable(doc: dict) -> dict:
    """Per claim: verdict and every check's value (all smoke claims are seeded, deterministic)."""
    return {c["id"]: (c["verdict"], [(k["metric"], k["value"]) for k in c["checks"]])
            for c in doc["claims"]}


def test_smoke_through_slurm_matches_local(cluster, smoke_reference, tmp_path):
    t0 = time.monotonic()
    r = snakemake(*SLURM, "--configfile", SMOKE, cwd=tmp_path)
    assert r.returncode == 0, tail(r)
    wall = time.monotonic() - t0
    ran = [j for j in _jobs() if j.get("WorkDir") == str(tmp_path)]
    states = {j["JobState"] for j in ran}
    print(f"SLURM smoke run: {wall:.0f} s, {len(ran)} SLURM jobs, states {states}")
    assert len(ran) >= 5 and states == {"COMPLETED"}  # every run job went through sbatch
    got, want = claims(tmp_path / "results"), claims(smoke_reference)
    assert got["profile"] == want["profile"] == "smoke"
    assert _comparable(got) == _comparable(want)


def _variant_jobs(cwd) -> dict[str, dict[str, str]]:
    """This run's run_job jobs by '<study>/<job>' (the plugin puts them in Comment)."""
    out = {}
    for j in _jobs():
        m = re.search(r"rule_run_job_wildcards_([a-z]+)_(\w+)", j.get("Comment", ""))
        if j.get("WorkDir") == str(cwd) and m:
            out[f"{m[1]}/{m[2]}"] = j
    return out


def test_network_jobs_request_a_gpu(cluster, tmp_path):
    """accelerator=gpu: the network-training job is submitted with a GPU request, the other
    not. (The test node's GPU is only a countable resource, so the training job then fails.)"""
    r = snakemake(*SLURM, "results/tictactoe/jobs/supervised.json", "results/games/jobs/grid.json",
                  "--configfile", SMOKE, "--config", "accelerator=gpu", "group_jobs=False", "--retries", "0",
                  "--keep-going", cwd=tmp_path)
    jobs = _variant_jobs(tmp_path)
    print({k: (j["JobState"], j.get("TresPerJob")) for k, j in jobs.items()})
    assert jobs["tictactoe/supervised"].get("TresPerJob") == "gres:gpu:1"
    assert "gpu" not in jobs["games/grid"].get("TresPerJob", "")
    assert jobs["games/grid"]["JobState"] == "COMPLETED"
    assert r.returncode != 0  # no CUDA behind the test GPU: Lightning's accelerator=gpu fails


# Test-only fault: while the marker file exists, a `strategic run-job` process sleeps first,
# so its SLURM job overruns a 1-minute limit (SLURM's smallest). Loaded from PYTHONPATH as
# sitecustomize, in the job's own interpreter; the re-run (marker gone) is the plain job.
SLOW_JOB = """
import os, sys, time
if "run-job" in sys.orig_argv and os.path.exists(os.environ.get("STRATEGIC_TEST_SLOW", "")):
    time.sleep(600)
"""


def test_job_over_its_time_limit_fails_and_a_rerun_finishes_it(cluster, tmp_path):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SLOW_JOB)
    marker = tmp_path / "slow"
    marker.touch()
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])),
           "STRATEGIC_TEST_SLOW": str(marker)}
    work = tmp_path / "work"
    work.mkdir()
    target = "results/games/jobs/grid.json"
    args = (*SLURM, target, "--configfile", SMOKE, "--config", "group_jobs=False",
            "--set-resources", "run_job:runtime=1", "--retries", "0")
    t0 = time.monotonic()
    r = snakemake(*args, cwd=work, env=env)
    t1 = time.monotonic()
    job = _variant_jobs(work)["games/grid"]
    print(f"over the limit: rc={r.returncode} after {t1 - t0:.0f} s, SLURM state "
          f"{job['JobState']}, TimeLimit={job['TimeLimit']}")
    assert r.returncode != 0 and job["JobState"] == "TIMEOUT" and job["TimeLimit"] == "00:01:00"
    assert "TIMEOUT" in r.stdout + r.stderr  # Snakemake reports the job failed, and why
    assert not (work / target).exists()
    marker.unlink()
    again = snakemake(*args, cwd=work, env=env)
    print(f"re-run: rc={again.returncode} after {time.monotonic() - t1:.0f} s")
    assert again.returncode == 0, tail(again)
    assert json.loads((work / target).read_text())["variants"] == {"grid": "../grid/runs.json"}
