"""`python -m strategic ui` serves a smoke run's store on 127.0.0.1 only and starts in seconds;
headless Chromium opens an experiment's runs page and sees the run names (the screenshot is
kept in test-artifacts/ui-runs-<study>.png)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workflow_run import ROOT
from services import chromium, chromium_args, free_port, serve_http, stop

ARTIFACTS = Path(os.environ.get("STRATEGIC_TEST_ARTIFACTS", ROOT / "test-artifacts"))
pytestmark = pytest.mark.skipif(chromium() is None, reason="needs Chromium (apt-get install chromium)")


@pytest.fixture(scope="module")
def ui(smoke_reference, tmp_path_factory):
    port = free_port()
    t0 = time.monotonic()
    proc = serve_http([sys.executable, "-m", "strategic", "ui", "--results", str(smoke_reference),
                       "--port", str(port)], f"http://127.0.0.1:{port}/health",
                      tmp_path_factory.mktemp("ui") / "ui.log", timeout=60)
    started = time.monotonic() - t0
    try:
        yield f"http://127.0.0.1:{port}", port, started
    finally:
        stop(proc)


def _other_addresses() -> list[str]:
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    return [a for a in out if not a.startswith("127.") and ":" not in a]


def test_ui_starts_in_seconds_on_loopback_only(ui):
    url, port, started = ui
    print(f"UI answered /health after {started:.1f} s")
    assert started < 30
    for addr in _other_addresses():
        with socket.socket() as s, pytest.raises(OSError):
            s.settimeout(2)
            s.connect((addr, port))


@pytest.mark.parametrize("study", ["games", "tictactoe"])
def test_runs_page_shows_run_names(ui, smoke_reference, tmp_path, study):
    from mlflow.tracking import MlflowClient

    url, _, _ = ui
    client = MlflowClient(f"sqlite:///{smoke_reference / 'mlflow.db'}")
    exp = client.get_experiment_by_name(f"strategic-{study}")
    names = {r.data.tags["mlflow.runName"] for r in client.search_runs([exp.experiment_id])}
    page = f"{url}/#/experiments/{exp.experiment_id}/runs"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"ui-runs-{study}.png"
    base = [chromium(), *chromium_args(tmp_path / "chrome"), "--virtual-time-budget=30000",
            "--window-size=1600,1200"]
    t0 = time.monotonic()
    dom = subprocess.run([*base, "--dump-dom", page], capture_output=True, text=True, timeout=180)
    subprocess.run([*base, f"--screenshot={shot}", page], capture_output=True, timeout=180)
    seen = {n for n in names if n in dom.stdout}
    print(f"{study}: {len(seen)}/{len(names)} run names on {page} "
          f"({time.monotonic() - t0:.0f} s); screenshot {shot}")
    assert seen == names, f"missing from the page: {sorted(names - seen)}"
    assert shot.stat().st_size > 20_000
