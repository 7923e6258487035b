"""`python -m strategic ui`: the MLflow UI on the results' store, on 127.0.0.1 only.

One worker and MLflow's job execution off (no huey runner), so it starts in seconds and
serves nothing but the runs. The process becomes `mlflow ui` (exec): stopping its PID stops it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HOST = "127.0.0.1"  # never another interface: the store may hold unpublished results


def ui_command(results: str | Path, port: int) -> tuple[list[str], dict[str, str]]:
    """argv and environment of the MLflow UI serving `<results>/mlflow.db`.

    Raises InputError (one line, naming the file) if the store is missing or unreadable.
    """
    from strategic.safeio import InputError, check_sqlite_store
    from strategic.tracking import DEFAULT_DB

    env_uri = os.environ.get("MLFLOW_TRACKING_URI", "")
    if env_uri.startswith(("http://", "https://")):
        raise InputError(f"MLFLOW_TRACKING_URI={env_uri} is a tracking server: open it in a "
                         "browser (`ui` serves a results folder's own store)")
    db = Path(results).resolve() / DEFAULT_DB
    if not db.is_file():
        raise InputError(f"no MLflow store at {db} (run the workflow first, or pass --results)")
    check_sqlite_store(db)
    argv = [sys.executable, "-m", "mlflow", "ui", "--backend-store-uri", f"sqlite:///{db}",
            "--host", HOST, "--port", str(port), "--workers", "1"]
    env = {**os.environ, "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false"}
    env.pop("MLFLOW_TRACKING_URI", None)
    return argv, env


def cmd_ui(a: argparse.Namespace) -> None:
    argv, env = ui_command(a.results, a.port)
    print(f"MLflow UI: http://{HOST}:{a.port}  (store: {argv[5]}; Ctrl-C stops it)",
          file=sys.stderr, flush=True)
    os.execve(argv[0], argv, env)


def add_parser(sub) -> None:
    u = sub.add_parser("ui", help=f"MLflow UI on the results' store, http://{HOST}:PORT only")
    u.add_argument("--results", default="results", help="results folder holding mlflow.db "
                   "(default: results)")
    u.add_argument("--port", type=int, default=5000, help="port on 127.0.0.1 (default: 5000)")
    u.set_defaults(func=cmd_ui)
