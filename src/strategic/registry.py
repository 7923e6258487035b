"""The registry: every study by name, above the studies (they never import it).

Each `strategic/<study>/spec.py` declares `STUDY = Study(...)` from `strategic.contracts`;
that is the only registration mechanism. Specs import no torch, so `--help` and config
validation stay fast; run functions are imported only when a job runs them.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import Any, Callable

from strategic.contracts import Study, Variant

# Every study: each package beside this file that has a `spec.py`, in name order. Adding a
# study touches nothing outside its folder, so no other study's jobs see a code change.
STUDY_NAMES: tuple[str, ...] = tuple(sorted(
    p.parent.name for p in Path(__file__).resolve().parent.glob("*/spec.py")))


def study(name: str) -> Study:
    """The spec of study `name`; a KeyError names the known studies."""
    if name not in STUDY_NAMES:
        raise KeyError(f"unknown study {name!r} (known: {', '.join(STUDY_NAMES)})")
    return studies()[name]


@cache
def studies() -> dict[str, Study]:
    """Every study's spec, in report order."""
    return {n: importlib.import_module(f"strategic.{n}.spec").STUDY for n in STUDY_NAMES}


def variant(study_name: str, name: str) -> Variant:
    """One variant's declaration; a KeyError names the study's variants."""
    s = study(study_name)
    if name not in s.variants:
        raise KeyError(f"unknown variant {study_name}.{name} (known: {', '.join(s.variants)})")
    return s.variants[name]


def get_run(study_name: str, name: str) -> Callable[..., Any]:
    """The run function of `study.variant` (imports its module)."""
    module, func = variant(study_name, name).run.split(":")
    return getattr(importlib.import_module(module), func)


def jobs(study_name: str, grouped: bool = True) -> dict[str, list[str]]:
    """Job name -> the variants it runs, in spec order.

    With `grouped`, variants that declare the same `Variant.job` share one process (cheap
    variants pay the ~5 s of imports once); otherwise every variant is its own job.
    """
    out: dict[str, list[str]] = {}
    for name, v in study(study_name).variants.items():
        out.setdefault(v.job if grouped and v.job else name, []).append(name)
    return out


def expected_cpu_minutes(study_name: str, variants: list[str], benchmark: Path | str) -> float:
    """A job's expected CPU minutes, for the workflow's longest-first order: what Snakemake
    measured for it in this results folder before (`cpu_time` of its benchmark file), else
    the sum of its variants' `cpu_minutes` (measured quick-profile hints in the spec)."""
    try:
        head, row = Path(benchmark).read_text().splitlines()[:2]
        return float(row.split("\t")[head.split("\t").index("cpu_time")]) / 60
    except (OSError, IndexError, ValueError):
        return sum(study(study_name).variants[v].cpu_minutes for v in variants)


def figure_study(fig: str) -> str:
    """The study that owns figure `fig`; a KeyError names the known figures."""
    for name, s in studies().items():
        if fig in s.figures:
            return name
    known = ", ".join(f for s in studies().values() for f in s.figures)
    raise KeyError(f"unknown figure {fig!r} (known: {known})")


def key_metric(study_name: str, name: str) -> str | None:
    """The metric the MLflow UI's run table shows for `study.variant` (the spec's `key_metric`;
    run jobs never import a study's claims, so a claim edit re-runs no training)."""
    return variant(study_name, name).key_metric
