"""The workflow on a real single-node SLURM cluster (Debian's slurm-wlm + munge, started by
hand): the smoke config through `snakemake --profile profiles/slurm` gives the same
claims.json as a local run; network jobs ask SLURM for a GPU; a job over its time limit is
reported failed and a re-run finishes it."""

from __future__ import annotations

import re
import subprocess
import time

import pytest

from conftest import ROOT, SMOKE, claims, snakemake, tail
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
