"""Each variant of the pricing study in a tiny configuration through the real CLI (real MLflow
SQLite store), and `strategic.train.fit`'s checkpoint/resume of the session engine."""

import json
import math

import numpy as np
import pandas as pd
import pytest
import torch

from strategic import cli
from strategic.config import STUDIES

from smoke_config import smoke_slices

TINY = smoke_slices("pricing")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, run_study):
    """Run every variant once (in-process: one import of torch/Lightning/MLflow for all)."""
    tmp = tmp_path_factory.mktemp("pricing")
    return tmp, run_study("pricing", TINY, tmp)


def test_every_variant_is_covered():
    assert set(TINY) == set(STUDIES["pricing"])


@pytest.mark.parametrize("variant", list(TINY))
def test_variant_writes_metrics_and_tables_per_seed(runs, variant):
    tmp, manifests = runs
    man = manifests[variant]
    assert [r["seed"] for r in man["runs"]] == TINY[variant]["seeds"]
    for r in man["runs"]:
        rec = json.loads((tmp / variant / r["metrics"]).read_text())
        assert rec["study"] == "pricing" and rec["metrics"]["session_periods"] > 0
        assert not (tmp / variant / f"seed={r['seed']}" / "ckpt" / "fit.ckpt").exists()
        if variant == "grid":
            cells = pd.read_csv(tmp / variant / f"seed={r['seed']}" / "grid.csv")
            assert len(cells) == 4 and (cells.sessions == 2).all()
        else:
            ses = pd.read_csv(tmp / variant / f"seed={r['seed']}" / "sessions.csv")
            assert len(ses) == TINY[variant]["sessions"] and ses.converged.all()
            assert rec["metrics"]["converged_share"] == 1.0
            assert math.isclose(rec["metrics"]["delta_mean"], ses.delta.mean(), rel_tol=1e-12)


def test_seeds_are_distinct_blocks_of_sessions(runs):
    tmp, _ = runs
    a, b = (pd.read_csv(tmp / "baseline" / f"seed={s}" / "sessions.csv") for s in (0, 1))
    assert not np.array_equal(a.periods, b.periods)


def test_engine_histories_reach_mlflow(runs):
    from mlflow.tracking import MlflowClient

    tmp, manifests = runs
    client = MlflowClient(f"sqlite:///{tmp / 'mlflow.db'}")
    run_id = manifests["baseline"]["runs"][0]["run_id"]
    hist = client.get_metric_history(run_id, "train/active_sessions")
    assert len(hist) >= 2 and hist[-1].value == 0 and [h.step for h in hist] == list(range(len(hist)))
    run = client.get_run(run_id)
    assert run.data.tags["study"] == "pricing" and run.info.status == "FINISHED"


def test_resume_from_checkpoint_gives_the_uninterrupted_result(tmp_path):
    """A fit preempted (SIGTERM) after 3 blocks resumes from its checkpoint, whose session
    arrays load with weights_only=True, to the same final state."""
    import os
    import signal

    from strategic import train
    from strategic.contracts import RunContext
    from strategic.pricing import env as E
    from strategic.pricing.engine import Sessions
    from strategic.pricing.module import SessionsModule
    from strategic.tracking import start_run

    table = E.profit_table(E.price_grid(15))

    class Preempt(SessionsModule):
        def training_step(self, batch, batch_idx):
            super().training_step(batch, batch_idx)
            if batch == 2:
                os.kill(os.getpid(), signal.SIGTERM)

    def module(cls=SessionsModule):
        ss = Sessions.start(E.initial_q(table, 0.95), np.arange(3, dtype=np.uint64))
        return cls(ss, table, 0.15, 1e-4, 0.95, 8192, 20_000, 10**9)

    def fit(m, out):
        return train.fit(m, RunContext(0, out, run, "cpu", "pricing"), steps=m.blocks,
                         key="k", ckpt_every=1, metric="train/active_sessions")

    with start_run(f"sqlite:///{tmp_path / 'mlflow.db'}", "pricing", {}, "r") as run:
        full = fit(module(), tmp_path / "a")
        with pytest.raises(train.Preempted):
            fit(module(Preempt), tmp_path / "b")
        ckpt = tmp_path / "b" / "ckpt" / "fit.ckpt"
        assert torch.load(ckpt, weights_only=True)["step"] == 3
        resumed = fit(module(), tmp_path / "b")
    for k, v in full.sessions.arrays().items():
        assert np.array_equal(v, resumed.sessions.arrays()[k]), k
    assert resumed.session_periods == full.session_periods
    assert not ckpt.exists()
    a, b = (pd.read_csv(tmp_path / d / "history.csv") for d in "ab")
    pd.testing.assert_frame_equal(a, b)


def test_bad_input_is_one_line(tmp_path, capsys):
    for cfg, msg in [('{"beta": 0}', "pricing.baseline.beta: must be > 0, got 0.0"),
                     ('{"alpha": -0.1}', "pricing.baseline.alpha: must be > 0, got -0.1"),
                     ('{"m": 1}', "pricing.baseline.m: must be >= 2, got 1")]:
        rc = cli.main(["run", "pricing", "--variant", "baseline", "--cfg", cfg,
                       "--out", str(tmp_path / "x"), "--results", str(tmp_path)])
        assert rc == 2 and capsys.readouterr().err.strip() == f"error: {msg}"
    assert not (tmp_path / "x").exists()
