"""Claim verdicts: CLAIMS.md's pass criteria applied to the aggregated runs table.

A check reads one metric of one variant's runs, reduces it over seeds (min, max, span, ...),
and compares it with a fixed threshold. The thresholds are those of CLAIMS.md and live in each
study's `claims.py`; nothing here knows what a "good" number is.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pandas as pd

from strategic.contracts import OPS, REDUCERS, Check, Claim, Reported, compare  # noqa: F401  (re-exported)
from strategic.tracking import git_state


def catalog(study: str) -> list[Claim]:
    """The claims of a study, from `strategic.<study>.claims.CLAIMS`."""
    return importlib.import_module(f"strategic.{study}.claims").CLAIMS


def check_study(study: str, tables: Path, profile: str, figures_dir: str) -> dict[str, Any]:
    """Verdicts for every claim of `study` from `tables/runs.csv`."""
    from strategic.safeio import read_csv
    runs = read_csv(tables / "runs.csv")
    shas = sorted(set(runs["git_sha"].astype(str)))
    return {"profile": profile, "git_sha": shas[0] if len(shas) == 1 else shas,
            "claims": [c.evaluate(runs, study, figures_dir) for c in catalog(study)]}


def merge(studies: list[dict[str, Any]], profile: str) -> dict[str, Any]:
    """One claims document from the per-study ones (same shape), ordered by claim id."""
    claims = sorted((c for s in studies for c in s["claims"]), key=lambda c: c["id"])
    return {"profile": profile, "git_sha": git_state()["git_sha"], "claims": claims}
