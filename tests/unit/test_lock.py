"""constraints.txt (the lock `make install` and CI use) pins every dependency exactly, keeps
torch at the CPU build's version, and holds no CUDA wheels; pyproject keeps loose ranges."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _pins() -> dict[str, str]:
    lines = [ln.strip() for ln in (ROOT / "constraints.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    pins = {}
    for ln in lines:
        m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([0-9][^\s;+]*)", ln)
        assert m, f"constraints.txt: not an exact pin: {ln!r}"
        pins[re.sub(r"[-_.]+", "-", m[1]).lower()] = m[2]
    return pins


def test_every_dependency_is_pinned():
    pins = _pins()
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = meta["dependencies"] + meta["optional-dependencies"]["test"]
    for dep in deps:
        name = re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.\-]+", dep)[0]).lower()
        assert name in pins, f"{name} is not in constraints.txt (run `make lock`)"
        assert "==" not in dep, f"pyproject should keep a range for {dep}"
    assert "strategic" not in pins


def test_torch_is_the_cpu_build():
    pins = _pins()
    assert pins["torch"] == "2.13.0"  # the Makefile's CPU wheel; no +cu local version
    assert not [p for p in pins if p.startswith(("nvidia-", "triton"))]
