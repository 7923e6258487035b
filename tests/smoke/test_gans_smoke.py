"""Every variant of the gans study runs in its tiny configuration through the real CLI (real
MLflow SQLite store), the aggregate -> figures -> check chain gives E1-E3 verdicts, and a ring
GAN killed by SIGTERM mid-fit resumes to exactly the uninterrupted result."""

import json
import math
import os
import signal

import pytest
import torch

from strategic import cli, train
from strategic.config import STUDIES
from strategic.contracts import RunContext
from strategic.tracking import start_run

from smoke_config import smoke_slices

TINY = smoke_slices("gans")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, run_study):
    tmp = tmp_path_factory.mktemp("gans")
    run_study("gans", TINY, tmp)
    return tmp


def test_every_variant_is_covered():
    assert set(TINY) == set(STUDIES["gans"])


@pytest.mark.parametrize("variant", list(TINY))
def test_variant_writes_finite_metrics_and_tables(runs, variant):
    man = json.loads((runs / variant / "runs.json").read_text())
    assert [r["seed"] for r in man["runs"]] == TINY[variant]["seeds"]
    tables = {"duality": ("critics", "potential"), "digits": ("classes", "digit_samples")}
    for r in man["runs"]:
        rec = json.loads((runs / variant / r["metrics"]).read_text())
        finite = {k: v for k, v in rec["metrics"].items() if k != "dominant_hop_rate"}
        assert finite and all(math.isfinite(v) for v in finite.values())
        for table in tables.get(variant, ("modes", "samples")):
            assert (runs / variant / r["metrics"]).with_name(f"{table}.csv").is_file()


def test_lp_critic_is_the_exact_emd_at_any_size(runs):
    m = json.loads((runs / "duality" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert m["lp_max_relgap"] <= 1e-6 and m["lp_max_lipschitz_excess"] <= 1e-6


def test_aggregate_figures_and_claims(runs, tmp_path):
    tables = tmp_path / "tables"
    man = [str(runs / v / "runs.json") for v in TINY]
    assert cli.main(["aggregate", "--runs", *man, "--out", str(tables)]) == 0
    for fig in ("E1", "E2", "E3"):
        png = tmp_path / f"{fig}.png"
        assert cli.main(["plot", fig, "--tables", str(tables), "--out", str(png)]) == 0
        assert png.stat().st_size > 10_000
    out = tmp_path / "claims.json"
    assert cli.main(["check", "gans", "--tables", str(tables), "--out", str(out)]) == 0
    claims = {c["id"]: c for c in json.loads(out.read_text())["claims"]}
    assert set(claims) == {"E1", "E2", "E3"}
    assert claims["E1"]["checks"][0]["passed"] and claims["E1"]["checks"][0]["kind"] == "certificate"
    assert claims["E1"]["nuance"] and len(claims["E2"]["reported"]) == 16


def test_a_preempted_ring_gan_resumes_exactly(tmp_path):
    """SIGTERM at iteration 7 of 12: checkpoint, Preempted; the re-run ends where an
    uninterrupted fit ends (same batches, Adam state, snapshots)."""
    from strategic.config import variant_config
    from strategic.gans import runs_ring

    cfg = variant_config("gans", "eg", {**TINY["eg"], "iterations": 12, "every": 4, "seeds": [0, 1]})
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"

    def fit(out, kill_at=None):
        mod = runs_ring.module(cfg, [0, 1])
        if kill_at is not None:
            mod.observe = lambda step, m: os.kill(os.getpid(), signal.SIGTERM) if step == kill_at else None
        with start_run(uri, "g", {}, out) as run:
            train.fit(mod, [RunContext(0, tmp_path / out, run, "cpu", "g")], steps=12, tag="eg",
                      key="k", ckpt_every=5)
        return mod

    ref = fit("ref")
    with pytest.raises(train.Preempted):
        fit("run", kill_at=7)
    assert (tmp_path / "run" / "ckpt" / "eg.ckpt").is_file()
    done = fit("run")
    for a, b in zip(ref.parameters(), done.parameters()):
        assert torch.equal(a, b)
    assert not (tmp_path / "run" / "ckpt" / "eg.ckpt").exists()


def test_bad_config_is_one_line(tmp_path, capsys):
    rc = cli.main(["run", "gans", "--variant", "unrolled", "--cfg", '{"k": -1}',
                   "--out", str(tmp_path / "x"), "--results", str(tmp_path)])
    assert rc == 2 and capsys.readouterr().err.strip() == "error: gans.unrolled.k: must be >= 0, got -1"
    assert not (tmp_path / "x").exists()
