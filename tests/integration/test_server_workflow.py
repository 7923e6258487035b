"""Tracking-server mode end to end: a real `mlflow server` (127.0.0.1, SQLite backend), the
whole smoke workflow with MLFLOW_TRACKING_URI pointing at it. Every run lands in its study's
experiment (none in "Default") with its tags, params and metric histories."""

from __future__ import annotations

import json
import math
import time

import pytest

from workflow_run import SMOKE, snakemake, tail
from services import free_port, mlflow_server, stop


@pytest.fixture
def server(tmp_path):
    port = free_port()
    proc = mlflow_server(tmp_path, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def test_whole_smoke_workflow_logs_to_the_server(server, tmp_path):
    from mlflow.tracking import MlflowClient

    from strategic import registry

    work = tmp_path / "work"
    work.mkdir()
    t0 = time.monotonic()
    r = snakemake("--cores", "2", "--configfile", SMOKE, cwd=work,
                  env={"MLFLOW_TRACKING_URI": server})
    assert r.returncode == 0, tail(r)
    res = work / "results"
    assert not (res / "mlflow.db").exists()  # nothing went to a local store
    assert json.loads((res / "tracking.json").read_text())["tracking_uri"] == server

    client = MlflowClient(server)
    exps = {e.experiment_id: e.name for e in client.search_experiments()}
    default = [i for i, n in exps.items() if n == "Default"]
    assert not client.search_runs(default), "runs in the Default experiment"
    records = [json.loads(p.read_text()) for p in sorted(res.glob("*/*/seed=*/metrics.json"))]
    runs = client.search_runs([i for i, n in exps.items() if n.startswith("strategic-")],
                              max_results=10_000)
    assert len(runs) == len(records) and {x.info.run_id for x in runs} == {r["run_id"] for r in records}
    n_points = 0
    with_history = set()
    for rec in records:
        run = client.get_run(rec["run_id"])
        t, study, variant = run.data.tags, rec["study"], rec["variant"]
        assert exps[run.info.experiment_id] == rec["experiment"] == f"strategic-{study}"
        assert run.info.status == "FINISHED"
        assert {t["study"], t["variant"], t["seed"], t["profile"]} == {study, variant, str(rec["seed"]), "smoke"}
        assert t["git_sha"] == t["mlflow.source.git.commit"] == rec["git_sha"]
        assert t["mlflow.source.name"] == registry.variant(study, variant).run
        assert t["mlflow.runName"] == f"{variant}-seed{rec['seed']}"
        assert run.data.params["seed"] == str(rec["seed"]) and len(run.data.params) > 1
        finite = {k for k, v in rec["metrics"].items() if v is not None and math.isfinite(v)}
        assert finite <= set(run.data.metrics)
        key = registry.key_metric(study, variant)
        if key in finite:
            assert t["key_metric"] == key and run.data.metrics["key_metric"] == run.data.metrics[key]
        for k in run.data.metrics:
            hist = client.get_metric_history(run.info.run_id, k)
            assert hist, f"{study}.{variant}: no history for {k}"
            n_points += len(hist)
            if len({m.step for m in hist}) > 1:
                with_history.add(study)
    print(f"tracking server: {len(records)} runs in {len(set(exps.values())) - 1} study "
          f"experiments, {n_points} metric points, curves from {sorted(with_history)}, "
          f"{time.monotonic() - t0:.0f} s")
    assert {"games", "pricing"} <= with_history  # training curves, not only final values
