"""Helpers of the integration tests: the real `snakemake` on the repository's Snakefile."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SMOKE = str(ROOT / "config" / "smoke.yaml")


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
