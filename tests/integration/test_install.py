"""Reproducible installs: the environment matches the lock (constraints.txt), and a plain
`pip install .` (a wheel, not editable) gives a working `strategic` command."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata

from workflow_run import ROOT


def test_installed_stack_matches_the_lock():
    pins = {}
    for ln in (ROOT / "constraints.txt").read_text().splitlines():
        if ln and not ln.startswith("#"):
            name, version = ln.split("==")
            pins[name] = version
    got = {n: metadata.version(n).split("+")[0] for n in pins}
    assert {n: v for n, v in got.items() if v != pins[n]} == {}


def test_pip_install_dot_gives_a_working_command(tmp_path):
    site = tmp_path / "site"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-cache-dir",
                        "--target", str(site), str(ROOT)], capture_output=True, text=True,
                       timeout=600, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert not list(site.glob("__editable__*")) and (site / "strategic" / "cli.py").is_file()
    env = {**os.environ, "PYTHONPATH": str(site)}  # the wheel's copy, not the checkout's src/
    where = subprocess.run([sys.executable, "-c", "import strategic; print(strategic.__file__)"],
                           env=env, capture_output=True, text=True, cwd=tmp_path)
    assert where.stdout.startswith(str(site)), where
    h = subprocess.run([str(site / "bin" / "strategic"), "--help"], env=env, capture_output=True,
                       text=True, timeout=120, cwd=tmp_path)
    assert h.returncode == 0 and "run-job" in h.stdout and "ui" in h.stdout, h.stderr[-2000:]
    v = subprocess.run([str(site / "bin" / "strategic"), "validate",
                        str(ROOT / "config.yaml")], env=env, capture_output=True, text=True,
                       timeout=120, cwd=tmp_path)
    assert v.returncode == 0 and "config OK" in v.stdout, v.stderr[-2000:]
