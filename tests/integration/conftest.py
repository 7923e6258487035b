"""Integration tier: the workflow as users run it, against real services (a SLURM cluster, an
MLflow tracking server, Chromium) and real faults. Every test here carries the `integration`
marker: `make test` skips them, `make test-integration` (run by .ci/run) runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SMOKE = str(ROOT / "config" / "smoke.yaml")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


def snakemake(*args: str, cwd: Path, env: dict | None = None, timeout: float = 1800,
              **popen) -> subprocess.CompletedProcess:
    """Real `snakemake` on the repository's Snakefile, in `cwd` (the default profile applies)."""
    full_env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", **(env or {})}
    if not (env and "MLFLOW_TRACKING_URI" in env):
        full_env.pop("MLFLOW_TRACKING_URI", None)
    cmd = [str(BIN / "snakemake"), "-s", str(ROOT / "Snakefile"), "-d", str(cwd), *args]
    return subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True,
                          timeout=timeout, **popen)


def tail(r: subprocess.CompletedProcess, n: int = 4000) -> str:
    return (r.stdout[-n:] + "\n--- stderr ---\n" + r.stderr[-n:])


def claims(results: Path) -> dict:
    return json.loads((results / "claims.json").read_text())


@pytest.fixture(scope="session")
def smoke_reference(tmp_path_factory) -> Path:
    """A local run of config/smoke.yaml (the default profile): the reference others compare to."""
    work = tmp_path_factory.mktemp("local")
    r = snakemake("--cores", "2", "--configfile", SMOKE, cwd=work)
    assert r.returncode == 0, tail(r)
    return work / "results"
