"""Shared by the studies' smoke tests: run every variant of a study through the real CLI."""

import json
from pathlib import Path

import pytest
import torch

from strategic import cli, registry

def _run_study(study: str, tiny: dict[str, dict], tmp: Path) -> dict[str, dict]:
    """Run each variant of `study` with its tiny config into `tmp` (real MLflow SQLite store in
    `tmp`), in-process so torch/Lightning/MLflow are imported once; returns the manifests."""
    torch.set_num_threads(1)
    manifests = {}
    for variant, cfg in tiny.items():
        rc = cli.main(["run", study, "--variant", variant, "--cfg", json.dumps(cfg),
                       "--out", str(tmp / variant), "--results", str(tmp), "--profile", "smoke"])
        assert rc == 0, f"{study}.{variant} failed"
        manifests[variant] = json.loads((tmp / variant / "runs.json").read_text())
        key = registry.key_metric(study, variant)  # what the MLflow UI's run table shows
        for r in manifests[variant]["runs"]:
            metrics = json.loads((tmp / variant / r["metrics"]).read_text())["metrics"]
            assert key in metrics, f"{study}.{variant}: key_metric {key!r} is not a metric"
    return manifests


@pytest.fixture(scope="session")
def run_study():
    """`run_study(study, tiny, tmp) -> manifests` (see `_run_study`)."""
    return _run_study
