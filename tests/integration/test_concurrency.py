"""Eight jobs logging into one SQLite MLflow store at once (as `snakemake --cores 8` does on
a node) lose nothing: every run, param and metric point is there afterwards."""

from __future__ import annotations

import subprocess
import sys
import time

# One job's logging, through the same code the workflow's jobs use (strategic.tracking):
# tags and params, then STEPS points of each of METRICS as histories (batched), then
# SINGLES single-point writes (the final metrics), each a separate transaction.
WORKER = """
import sys, time
from pathlib import Path
from strategic.tracking import start_run
uri, i, go = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
while not go.exists():
    time.sleep(0.01)
with start_run(uri, "strategic-concurrency", {"study": "concurrency", "seed": str(i)}, f"job-{i}") as run:
    run.log_params({"seed": i, "steps": %(steps)d})
    run.log_history({f"m{k}": [(s, float(i * s + k)) for s in range(%(steps)d)] for k in range(%(metrics)d)})
    for s in range(%(singles)d):
        run.log_metrics({"final": float(s)}, step=s)
"""
JOBS, STEPS, METRICS, SINGLES = 8, 1500, 4, 40


def test_eight_writers_lose_nothing(tmp_path):
    from mlflow.tracking import MlflowClient

    from strategic.tracking import init_store

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    init_store(uri)  # as the workflow's mlflow_init does before jobs fan out
    go = tmp_path / "go"
    code = WORKER % {"steps": STEPS, "metrics": METRICS, "singles": SINGLES}
    procs = [subprocess.Popen([sys.executable, "-c", code, uri, str(i), str(go)],
                              stderr=subprocess.PIPE, text=True) for i in range(JOBS)]
    time.sleep(8)  # let every process import mlflow; then all start writing at once
    t0 = time.monotonic()
    go.touch()
    errs = [p.communicate(timeout=600)[1] for p in procs]
    wall = time.monotonic() - t0
    assert [p.returncode for p in procs] == [0] * JOBS, "\n".join(e[-1500:] for e in errs)

    client = MlflowClient(uri)
    exp = client.get_experiment_by_name("strategic-concurrency")
    runs = client.search_runs([exp.experiment_id], max_results=100)
    assert len(runs) == JOBS and {r.data.tags["seed"] for r in runs} == {str(i) for i in range(JOBS)}
    points = 0
    for run in runs:
        i = int(run.data.tags["seed"])
        assert run.info.status == "FINISHED" and run.data.params["seed"] == str(i)
        for k in range(METRICS):
            hist = client.get_metric_history(run.info.run_id, f"m{k}")
            assert sorted((m.step, m.value) for m in hist) == [(s, float(i * s + k)) for s in range(STEPS)]
            points += len(hist)
        final = client.get_metric_history(run.info.run_id, "final")
        assert sorted(m.step for m in final) == list(range(SINGLES))
        points += len(final)
    print(f"{JOBS} writers: {len(runs)} runs, {points} metric points "
          f"(expected {JOBS * (STEPS * METRICS + SINGLES)}), {wall:.1f} s of writing")
    assert points == JOBS * (STEPS * METRICS + SINGLES)
