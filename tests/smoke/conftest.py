"""Shared by the studies' smoke tests: run every variant of a study through the real CLI."""

import json
from pathlib import Path

import pytest
import torch

from strategic import cli

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
    return manifests


@pytest.fixture(scope="session")
def run_study():
    """`run_study(study, tiny, tmp) -> manifests` (see `_run_study`)."""
    return _run_study
