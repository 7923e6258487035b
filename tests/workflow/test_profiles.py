"""Snakemake finds the workflow's profiles beside the Snakefile: profiles/default applies to
every plain run (from any working directory), profiles/slurm loads for cluster runs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def dry_run(*args, cwd):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    cmd = [str(BIN / "snakemake"), "-s", str(ROOT / "Snakefile"), "-d", str(cwd), "-n", *args]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_default_profile_is_in_use(tmp_path):
    r = dry_run(cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout + r.stderr
    assert f"Using workflow specific profile {ROOT / 'profiles' / 'default'}" in out


def test_slurm_profile_loads(tmp_path):
    r = dry_run("--profile", str(ROOT / "profiles" / "slurm"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout + r.stderr
    assert f"Using profiles {ROOT / 'profiles' / 'slurm'} and workflow specific profile" in out
    assert not (ROOT / "workflow" / "profiles").exists()  # not where Snakemake never looks
