"""Claim verdicts: CLAIMS.md's pass criteria applied to the aggregated runs table.

A check reads one metric of one variant's runs, reduces it over seeds (min, max, span, ...),
and compares it with a fixed threshold. The thresholds are those of CLAIMS.md and live in each
study's `claims.py`; nothing here knows what a "good" number is.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from strategic.tracking import git_state

OPS = ("<=", ">=", "==", "in")
REDUCERS = {
    "min": lambda s: s.min(), "max": lambda s: s.max(), "mean": lambda s: s.mean(),
    "median": lambda s: s.median(), "span": lambda s: s.max() - s.min(), "only": lambda s: s.iloc[0],
}


@dataclass(frozen=True)
class Check:
    """`reduce(runs[variant][column]) * scale  op  threshold`.

    Attributes:
        metric: name shown in the report (says what was reduced).
        variant: which variant's runs to read.
        column: metric column of `runs.csv`.
        reduce: reducer over seeds (a key of REDUCERS); 'only' requires a single run.
        op: '<=', '>=', '==' or 'in' (threshold [lo, hi], inclusive).
        threshold: float or [lo, hi].
        scale: unit conversion applied to the reduced value (e.g. 100 for points).
        weight: optional column of per-run weights for reduce='mean' (e.g. the number of
            sessions a per-run mean was taken over), so the mean is the pooled one; runs of
            weight 0 contribute nothing and may have NaN in `column`.
    """
    metric: str
    variant: str
    column: str
    reduce: str
    op: str
    threshold: Any
    scale: float = 1.0
    weight: str | None = None

    def __post_init__(self):
        if self.weight is not None and self.reduce != "mean":
            raise ValueError(f"{self.metric}: a weight needs reduce='mean', got {self.reduce!r}")

    def evaluate(self, runs: pd.DataFrame) -> dict[str, Any]:
        sel = runs.loc[runs["variant"] == self.variant]
        if self.weight is not None and self.weight in sel:
            sel = sel.loc[sel[self.weight] > 0]
        if sel.empty or self.column not in sel or sel[self.column].isna().all():
            return self._row(math.nan, False, f"no runs of variant {self.variant!r} with {self.column!r}")
        if sel[self.column].isna().any():  # a diverged seed must not be skipped by min/max
            return self._row(math.nan, False, f"{self.column!r} is NaN in some run", len(sel))
        if self.reduce == "only" and len(sel) != 1:
            return self._row(math.nan, False, f"expected one run, found {len(sel)}")
        col = sel[self.column].astype(float)
        if self.weight is not None:
            value = float((col * sel[self.weight]).sum() / sel[self.weight].sum()) * self.scale
        else:
            value = float(REDUCERS[self.reduce](col)) * self.scale
        return self._row(value, compare(value, self.op, self.threshold), None, len(sel))

    def _row(self, value: float, passed: bool, error: str | None, n: int = 0) -> dict[str, Any]:
        row = {"metric": self.metric, "value": value, "op": self.op, "threshold": self.threshold,
               "passed": bool(passed), "n_runs": n}
        if error:
            row["error"] = error
        return row


def compare(value: float, op: str, threshold: Any) -> bool:
    """The comparison; NaN never passes."""
    if math.isnan(value):
        return False
    if op == "<=":
        return value <= threshold
    if op == ">=":
        return value >= threshold
    if op == "==":
        return value == threshold
    if op == "in":
        lo, hi = threshold
        return lo <= value <= hi
    raise ValueError(f"unknown op {op!r} (known: {', '.join(OPS)})")


@dataclass(frozen=True)
class Claim:
    """One claim of CLAIMS.md: id, name, the talk's statement, checks, figure, nuance."""
    id: str
    name: str
    statement: str
    checks: tuple[Check, ...]
    figure: str
    nuance: str | None = None
    notes: tuple[str, ...] = field(default=())

    def evaluate(self, runs: pd.DataFrame, study: str, figures_dir: str) -> dict[str, Any]:
        checks = [c.evaluate(runs) for c in self.checks]
        return {"id": self.id, "name": self.name, "study": study, "statement": self.statement,
                "verdict": "PASS" if checks and all(c["passed"] for c in checks) else "FAIL",
                "checks": checks, "figure": f"{figures_dir}/{self.figure}.png",
                "nuance": self.nuance, "notes": list(self.notes)}


def catalog(study: str) -> list[Claim]:
    """The claims of a study, from `strategic.<study>.claims.CLAIMS`."""
    return importlib.import_module(f"strategic.{study}.claims").CLAIMS


def check_study(study: str, tables: Path, profile: str, figures_dir: str) -> dict[str, Any]:
    """Verdicts for every claim of `study` from `tables/runs.csv`."""
    runs = pd.read_csv(tables / "runs.csv")
    shas = sorted(set(runs["git_sha"].astype(str)))
    return {"profile": profile, "git_sha": shas[0] if len(shas) == 1 else shas,
            "claims": [c.evaluate(runs, study, figures_dir) for c in catalog(study)]}


def merge(studies: list[dict[str, Any]], profile: str) -> dict[str, Any]:
    """One claims document from the per-study ones (same shape), ordered by claim id."""
    claims = sorted((c for s in studies for c in s["claims"]), key=lambda c: c["id"])
    return {"profile": profile, "git_sha": git_state()["git_sha"], "claims": claims}
