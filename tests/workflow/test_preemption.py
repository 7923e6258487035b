"""Preemption of a real workflow job: SIGTERM (what SLURM sends before killing a job) makes the
`python -m strategic run` process write its checkpoint and fail; re-running Snakemake resumes
it, ends with the metrics of an uninterrupted run, and leaves one MLflow run for the seed."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# pricing.baseline lengthened to ~100 training steps (slow exploration decay, small blocks)
LONG = "{baseline: {seeds: [0], sessions: 16, beta: 5.0e-6, conv_periods: 20000, block: 16384, ckpt_every: 5}}"
TIMING = {"wall_s", "engine_cpu_s", "engine_wall_s", "msp_per_cpu_s"}


def _snakemake(res: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MLFLOW_TRACKING_URI", None)
    cmd = [str(BIN / "snakemake"), "-s", str(ROOT / "Snakefile"), "-d", str(res.parent),
           str(res / "pricing" / "jobs" / "baseline.json"), "--cores", "1", "--rerun-incomplete",
           "--configfile", str(ROOT / "config" / "smoke.yaml"),
           "--config", f"results={res}", f"pricing={LONG}", "group_jobs=false", *extra]
    return subprocess.Popen(cmd, cwd=res.parent, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _job_pid(res: Path) -> int | None:
    """The `python -m strategic run-job pricing` process writing into `res`, from /proc."""
    for p in Path("/proc").iterdir():
        try:
            argv = (p / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"strategic" in argv and b"run-job" in argv and b"pricing" in argv \
                and any(str(res).encode() in a for a in argv) and b"-c" not in argv:
            return int(p.name)
    return None


def _wait_for(pred, timeout: float, what: str):
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if (v := pred()):
            return v
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _metrics(res: Path) -> dict:
    m = json.loads((res / "pricing" / "baseline" / "seed=0" / "metrics.json").read_text())["metrics"]
    return {k: v for k, v in m.items() if k not in TIMING}


def test_sigterm_then_rerun_resumes_to_the_uninterrupted_result(tmp_path):
    from mlflow.tracking import MlflowClient

    ref, res = tmp_path / "a" / "results", tmp_path / "b" / "results"
    ref.parent.mkdir(), res.parent.mkdir()
    uninterrupted = _snakemake(ref)            # runs alongside the interrupted one
    first = _snakemake(res)
    ckpt = res / "pricing" / "baseline" / "seed=0" / "ckpt" / "fit.ckpt"
    _wait_for(ckpt.is_file, 120, "the first periodic checkpoint")
    os.kill(_wait_for(lambda: _job_pid(res), 10, "the job process"), signal.SIGTERM)
    out = first.communicate(timeout=120)[0]
    assert first.returncode != 0, out[-2000:]
    assert ckpt.is_file() and not (res / "pricing" / "baseline" / "runs.json").exists()
    log = (res / "logs" / "pricing" / "baseline.log").read_text()
    assert "SIGTERM: checkpoint written" in log and "exiting with 143" in log
    steps_before = _steps(res)

    second = _snakemake(res)
    out = second.communicate(timeout=180)[0]
    assert second.returncode == 0, out[-3000:]
    assert uninterrupted.wait(timeout=180) == 0, uninterrupted.communicate()[0][-3000:]
    assert "resuming MLflow run" in (res / "logs" / "pricing" / "baseline.log").read_text()
    assert not ckpt.exists() and 0 < steps_before < _steps(res)
    assert _metrics(res) == _metrics(ref)

    client = MlflowClient(f"sqlite:///{res / 'mlflow.db'}")
    exp = client.get_experiment_by_name("strategic-pricing")
    runs = client.search_runs([exp.experiment_id], "tags.seed = '0' and tags.variant = 'baseline'")
    assert [r.info.status for r in runs] == ["FINISHED"]
    hist = client.get_metric_history(runs[0].info.run_id, "train/active_sessions")
    assert [h.step for h in hist] == list(range(len(hist))) and hist[-1].value == 0


def _steps(res: Path) -> int:
    """Distinct training steps in the run's history.csv."""
    import csv
    with open(res / "pricing" / "baseline" / "seed=0" / "history.csv", newline="") as f:
        return len({r["step"] for r in csv.DictReader(f)})
