"""MLflow tracking: URI resolution, experiment set-up, one run per (study, variant, seed).

MLflow records, files decide (DESIGN.md §8): every run also writes `metrics.json` holding its
`run_id`, so the workflow never depends on the tracking server to reach a verdict.
"""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

DEFAULT_DB = "mlflow.db"


def tracking_uri(results_dir: str | Path = "results", configured: str = "") -> str:
    """`MLFLOW_TRACKING_URI` if set, else the configured URI, else a SQLite file in results."""
    env = os.environ.get("MLFLOW_TRACKING_URI", "")
    if env:
        return env
    if configured:
        return configured
    return f"sqlite:///{(Path(results_dir).resolve() / DEFAULT_DB)}"


def experiment_name(prefix: str, study: str) -> str:
    return f"{prefix}-{study}"


def git_state(cwd: str | Path | None = None) -> dict[str, Any]:
    """Commit sha and dirty flag of the checkout holding this code ('unknown' if none)."""
    cwd = cwd or Path(__file__).resolve().parent
    def _git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              check=True).stdout.strip()
    try:
        sha = _git("rev-parse", "HEAD")
        dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return {"git_sha": "unknown", "git_dirty": None}
    return {"git_sha": sha, "git_dirty": dirty}


def init_store(uri: str) -> None:
    """Create the backend store once, before jobs fan out.

    A fresh SQLite store runs its schema migrations on first use; doing that from parallel
    jobs races, so the workflow calls this from a single local rule. Experiments are created
    by the first run of each study (`experiment_id`), so adding a study touches no other.
    """
    from mlflow.tracking import MlflowClient

    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    MlflowClient(uri).search_experiments(max_results=1)  # runs the migrations


def artifact_root(uri: str) -> str | None:
    """Where a new experiment keeps its artifacts: beside a SQLite store
    (`<store dir>/mlartifacts`, not MLflow's default `./mlruns` in the working directory);
    None (the server's default) for other stores."""
    if not uri.startswith("sqlite:///"):
        return None
    return (Path(uri.removeprefix("sqlite:///")).parent / "mlartifacts").resolve().as_uri()


def experiment_id(client, name: str, artifacts: str | None = None) -> str:
    """The id of experiment `name`, created if missing (artifacts under `artifacts` if given);
    safe when parallel jobs race to create it."""
    from mlflow.exceptions import MlflowException

    exp = client.get_experiment_by_name(name)
    if exp is not None:
        return exp.experiment_id
    try:
        return client.create_experiment(name, artifact_location=artifacts and f"{artifacts}/{name}")
    except MlflowException:  # another job created it between the lookup and the create
        exp = client.get_experiment_by_name(name)
        if exp is None:
            raise
        return exp.experiment_id


def ui_tags(study: str, variant: str, source: str, git_sha: str) -> dict[str, str]:
    """Tags the MLflow UI shows as columns: source (the run function), git commit, user, and the
    name of the variant's key metric (logged as the metric `key_metric`, see `Run.log_final`)."""
    import getpass

    from strategic import registry
    key = registry.key_metric(study, variant)
    return {"mlflow.source.name": source, "mlflow.source.type": "JOB",
            "mlflow.source.git.commit": git_sha, "mlflow.user": getpass.getuser(),
            **({"key_metric": key} if key else {})}


@dataclass
class Run:
    """Handle on one MLflow run; what a study's `run` function logs through.

    `resumed`: the run was reopened after a preemption (it may already hold history points).
    """
    uri: str
    experiment: str
    run_id: str
    resumed: bool = False

    def _client(self):
        from mlflow.tracking import MlflowClient
        return MlflowClient(self.uri)

    def log_params(self, params: dict[str, Any]) -> None:
        from mlflow.entities import Param
        flat = {k: json.dumps(v) if isinstance(v, (list, dict)) else str(v) for k, v in params.items()}
        self._client().log_batch(self.run_id, params=[Param(k, v[:6000]) for k, v in flat.items()])

    def log_metrics(self, metrics: dict[str, float], step: int = 0) -> None:
        self.log_history({k: [(step, v)] for k, v in metrics.items()})

    def log_final(self, metrics: dict[str, float], key: str | None) -> None:
        """The run's final metrics, plus `key_metric` = metrics[key]: one column that the UI's
        run table and charts compare across all runs of a study."""
        extra = {"key_metric": metrics[key]} if key in metrics else {}
        self.log_metrics({**metrics, **extra})

    def log_history(self, series: dict[str, list[tuple[int, float]]]) -> None:
        """Log metric histories `{name: [(step, value), ...]}` in batches."""
        import math
        import time
        from mlflow.entities import Metric
        now = int(time.time() * 1000)
        batch = [Metric(k, float(v), now, int(s)) for k, pts in series.items() for s, v in pts
                 if v is not None and math.isfinite(float(v))]
        client = self._client()
        for i in range(0, len(batch), 1000):
            client.log_batch(self.run_id, metrics=batch[i:i + 1000])

    def metric_history(self, name: str) -> list:
        """The points logged so far under `name` (MLflow `Metric`s: key, value, step)."""
        return self._client().get_metric_history(self.run_id, name)

    def log_artifact(self, path: str | Path) -> None:
        self._client().log_artifact(self.run_id, str(path))



def find_run(uri: str, experiment: str, run_id: str) -> bool:
    """Whether `run_id` is a run of `experiment` in the store at `uri`."""
    from mlflow.exceptions import MlflowException
    from mlflow.tracking import MlflowClient

    client = MlflowClient(uri)
    exp = client.get_experiment_by_name(experiment)
    try:
        return exp is not None and client.get_run(run_id).info.experiment_id == exp.experiment_id
    except MlflowException:
        return False


@contextmanager
def start_run(uri: str, experiment: str, tags: dict[str, str], run_name: str,
              resume_run_id: str | None = None) -> Iterator[Run]:
    """Open an MLflow run with the given tags (or reopen `resume_run_id`, an interrupted run
    of the same seed, as RUNNING); mark it FAILED if the body raises, else FINISHED."""
    from mlflow.tracking import MlflowClient

    client = MlflowClient(uri)
    if resume_run_id:
        client.update_run(resume_run_id, status="RUNNING")
        run = Run(uri, experiment, resume_run_id, resumed=True)
    else:
        exp_id = experiment_id(client, experiment, artifact_root(uri))
        mlrun = client.create_run(exp_id, tags={**tags, "mlflow.runName": run_name})
        run = Run(uri, experiment, mlrun.info.run_id)
    try:
        yield run
    except BaseException:
        client.set_terminated(run.run_id, status="FAILED")
        raise
    client.set_terminated(run.run_id, status="FINISHED")
