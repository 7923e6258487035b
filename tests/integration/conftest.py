"""Integration tier: the workflow as users run it, against real services (a SLURM cluster, an
MLflow tracking server, Chromium) and real faults. Every test here carries the `integration`
marker: `make test` skips them, `make test-integration` (run by .ci/run) runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow_run import SMOKE, snakemake, tail


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def smoke_reference(tmp_path_factory) -> Path:
    """A local run of config/smoke.yaml (the default profile): the reference others compare to."""
    work = tmp_path_factory.mktemp("local")
    r = snakemake("--cores", "2", "--configfile", SMOKE, cwd=work)
    assert r.returncode == 0, tail(r)
    return work / "results"
