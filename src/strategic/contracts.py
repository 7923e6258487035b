"""The types every layer shares: what a run gets (`RunContext`), how a study declares itself
(`Variant`, `Study`) and how a claim is checked (`Check`, `Claim`).

This module imports nothing else of the project (and neither torch nor pandas at import
time), so a study's `spec.py` and `claims.py` load on their own, in milliseconds. Layers point
one way: contracts <- studies <- registry <- config / runner / CLI / workflow.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class UserError(Exception):
    """Bad input from the user: the CLI reports it in one line with exit status 2."""


# ------------------------------------------------------------------------------------ runs
@dataclass
class RunContext:
    """What a run function gets besides its config.

    Attributes:
        seed: the run's seed; every generator the run draws from is seeded from it.
        out: the run's folder (`<results>/<study>/<variant>/seed=<n>/`): tables, checkpoints.
        tracker: the MLflow run it logs through (`strategic.tracking.Run`).
        accelerator: Lightning accelerator for network training ('cpu', 'gpu', 'auto').
        name: '<study>.<variant>', used in progress lines.
    """
    seed: int
    out: Path
    tracker: Any
    accelerator: str = "cpu"
    name: str = ""


@dataclass(frozen=True)
class Variant:
    """One variant of a study: one config class, one run function, one Snakemake job.

    Attributes:
        config: the variant's config dataclass (defaults are the quick profile).
        run: "package.module:function" computing `run(cfg, ctx) -> metrics` (or, with
            `all_seeds`, `run(cfg, [ctx, ...]) -> [metrics, ...]`, every seed in one call).
            Its module's imports (within `strategic`) are the job's code inputs.
        network: trains a network: gets the configured accelerator (a GPU on clusters).
        all_seeds: the run function takes every seed's context at once (seeds as a batch).
        key_metric: the metric the MLflow UI's run table should show for this variant.
        job: name of a job shared with other cheap variants of the study (one process pays
            the imports once, when the config's `group_jobs` is on); None: a job of its own.
        resources: Snakemake resource overrides (mem_mb, runtime in minutes, threads).
        cpu_minutes: the quick profile's CPU minutes, as measured (0: about a minute or less).
            It only orders jobs, where the results folder holds no measurement of the job yet
            (`registry.expected_cpu_minutes`): Snakemake starts the longest job first, so
            `--cores 2` does not leave it for last.
    """
    config: type
    run: str
    network: bool = False
    all_seeds: bool = False
    key_metric: str | None = None
    job: str | None = None
    resources: dict[str, int] = field(default_factory=dict)
    cpu_minutes: float = 0.0

    @property
    def module(self) -> str:
        return self.run.split(":")[0]


@dataclass(frozen=True)
class Study:
    """A study: its variants, the figures it draws, and CLI commands of its own.

    Attributes:
        name: the package name under `strategic/`.
        variants: variant name -> `Variant`, in run order.
        figures: figure ids, each drawn by `strategic/<name>/figures.py:FIGURES[id]`.
        commands: optional "module:function" that adds subcommands to the CLI; the function
            takes the argparse subparsers object.
    """
    name: str
    variants: dict[str, Variant]
    figures: tuple[str, ...]
    commands: str | None = None


# ---------------------------------------------------------------------------------- claims
OPS = ("<=", ">=", "==", "in")
KINDS = ("measurement", "certificate")  # CLAIMS.md, "Kinds of evidence"
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
        kind: 'measurement' (an outcome the claim predicts that could come out otherwise with
            correct code) or 'certificate' (an exact verification of what holds by theory or
            construction: an identity, an algorithm's stopping rule, a theorem's bound).
    """
    metric: str
    variant: str
    column: str
    reduce: str
    op: str
    threshold: Any
    scale: float = 1.0
    weight: str | None = None
    kind: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.metric}: kind must be one of {', '.join(KINDS)}, got {self.kind!r}")
        if self.weight is not None and self.reduce != "mean":
            raise ValueError(f"{self.metric}: a weight needs reduce='mean', got {self.reduce!r}")
        if self.reduce not in REDUCERS:
            raise ValueError(f"{self.metric}: unknown reducer {self.reduce!r}")
        if self.op not in OPS:
            raise ValueError(f"{self.metric}: unknown op {self.op!r} (known: {', '.join(OPS)})")

    def evaluate(self, runs) -> dict[str, Any]:
        """The check's row for the report, from the runs table (a pandas DataFrame)."""
        value, n, error = reduce_runs(runs, self.variant, self.column, self.reduce, self.weight,
                                      self.scale)
        return self._row(value, error is None and compare(value, self.op, self.threshold), error, n)

    def _row(self, value: float, passed: bool, error: str | None, n: int = 0) -> dict[str, Any]:
        row = {"metric": self.metric, "kind": self.kind, "value": value, "op": self.op,
               "threshold": self.threshold, "passed": bool(passed), "n_runs": n}
        if error:
            row["error"] = error
        return row


def reduce_runs(runs, variant: str, column: str, reduce: str, weight: str | None = None,
                scale: float = 1.0) -> tuple[float, int, str | None]:
    """`reduce(runs[variant][column]) * scale` -> (value, number of runs, error or None).

    A missing variant or column, a NaN in any run (a diverged seed must not be skipped by
    min/max) or several runs for reduce='only' give NaN with the reason. With `weight`, the
    mean is weighted by that column and runs of weight 0 are left out.
    """
    sel = runs.loc[runs["variant"] == variant]
    if weight is not None and weight in sel:
        sel = sel.loc[sel[weight] > 0]
    if sel.empty or column not in sel or sel[column].isna().all():
        return math.nan, 0, f"no runs of variant {variant!r} with {column!r}"
    if sel[column].isna().any():
        return math.nan, len(sel), f"{column!r} is NaN in some run"
    if reduce == "only" and len(sel) != 1:
        return math.nan, 0, f"expected one run, found {len(sel)}"
    col = sel[column].astype(float)
    if weight is not None:
        return float((col * sel[weight]).sum() / sel[weight].sum()) * scale, len(sel), None
    return float(REDUCERS[reduce](col)) * scale, len(sel), None


@dataclass(frozen=True)
class Reported:
    """A number the report shows beside a claim's checks, with no threshold (CLAIMS.md says
    "reported"): `reduce(runs[variant][column]) * scale`, as in `Check`."""
    metric: str
    variant: str
    column: str
    reduce: str
    scale: float = 1.0
    weight: str | None = None

    def evaluate(self, runs) -> dict[str, Any]:
        value, n, error = reduce_runs(runs, self.variant, self.column, self.reduce, self.weight,
                                      self.scale)
        return {"metric": self.metric, "value": value, "n_runs": n, **({"error": error} if error else {})}


def find_check(claims, column: str, reduce: str | None = None) -> Check:
    """The one Check of `claims` on metric `column` (and reducer, where several are); figures
    draw its threshold, so a figure cannot disagree with the check."""
    found = [k for c in claims for k in c.checks
             if k.column == column and (reduce is None or k.reduce == reduce)]
    if len(found) != 1:
        raise KeyError(f"{len(found)} checks on {column!r} (reduce={reduce!r}); need exactly one")
    return found[0]


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
    """One claim of CLAIMS.md: id, name, the talk's statement, checks, figure, nuance, notes,
    and numbers reported beside the checks (`Reported`: no threshold, no verdict)."""
    id: str
    name: str
    statement: str
    checks: tuple[Check, ...]
    figure: str
    nuance: str | None = None
    notes: tuple[str, ...] = field(default=())
    reported: tuple[Reported, ...] = field(default=())

    @property
    def exact_demonstration(self) -> bool:
        """Every check is a certificate (CLAIMS.md: the claim is a theorem, verified exactly)."""
        return all(c.kind == "certificate" for c in self.checks)

    def evaluate(self, runs, study: str, figures_dir: str) -> dict[str, Any]:
        checks = [c.evaluate(runs) for c in self.checks]
        return {"id": self.id, "name": self.name, "study": study, "statement": self.statement,
                "verdict": "PASS" if checks and all(c["passed"] for c in checks) else "FAIL",
                "kinds": {k: sum(c.kind == k for c in self.checks) for k in KINDS},
                "exact_demonstration": self.exact_demonstration, "checks": checks,
                "reported": [r.evaluate(runs) for r in self.reported], "figure": f"{figures_dir}/{self.figure}.png",
                "nuance": self.nuance, "notes": list(self.notes)}
