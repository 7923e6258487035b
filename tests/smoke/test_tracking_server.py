"""With MLFLOW_TRACKING_URI pointing at a real MLflow tracking server (as on a cluster), runs
go to the server and no local SQLite store is created."""

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from strategic import cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    mlflow = Path(sys.executable).parent / "mlflow"
    proc = subprocess.Popen(
        [str(mlflow), "server", "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
         "--backend-store-uri", f"sqlite:///{tmp_path / 'server.db'}",
         "--default-artifact-root", str(tmp_path / "artifacts")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):  # up to 60 s for the server to answer
            try:
                urllib.request.urlopen(f"{url}/health", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("mlflow server exited at start-up")
                time.sleep(0.5)
        else:
            pytest.fail("mlflow server did not answer within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_runs_go_to_the_tracking_server(server, tmp_path, monkeypatch):
    from mlflow.tracking import MlflowClient

    monkeypatch.setenv("MLFLOW_TRACKING_URI", server)
    res = tmp_path / "results"
    assert cli.main(["init-tracking", "--out", str(res / "tracking.json"),
                     "--results", str(res)]) == 0
    assert cli.main(["run", "games", "--variant", "grid", "--cfg", '{"n": 11, "n_even": 10}',
                     "--out", str(res / "grid"), "--results", str(res)]) == 0
    rec = json.loads((res / "grid" / "seed=0" / "metrics.json").read_text())
    assert rec["tracking_uri"] == server
    run = MlflowClient(server).get_run(rec["run_id"])
    assert run.data.tags["variant"] == "grid" and run.data.metrics["b2_value"] == pytest.approx(1.0)
    assert not (res / "mlflow.db").exists()
