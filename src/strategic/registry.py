"""The studies: each `strategic/<study>/spec.py` declares a `Study` (its variants' config
classes, run functions as import paths, figure ids, resources). Specs import no torch, so
`--help` and the workflow's config validation stay fast; run functions load lazily."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Callable

# Every study, in report order. A new study adds its name here and a `spec.py` (README).
STUDY_NAMES: tuple[str, ...] = ("games", "pricing", "tictactoe")


@dataclass(frozen=True)
class Study:
    """What the CLI and the workflow need to know about a study.

    Attributes:
        variants: variant -> config dataclass (one Snakemake job per variant, all its seeds).
        runs: variant -> "module:function" computing `run(cfg, ctx) -> metrics`.
        figures: figure ids, each drawn by `strategic/<study>/figures.py:FIGURES[id]`.
        network_variants: variants that train networks (they get a GPU with accelerator: gpu).
        resources: variant -> Snakemake resources overrides (mem_mb, runtime in minutes, threads).
    """
    variants: dict[str, type]
    runs: dict[str, str]
    figures: tuple[str, ...]
    network_variants: tuple[str, ...] = ()
    resources: dict[str, dict[str, int]] = field(default_factory=dict)


@cache
def studies() -> dict[str, Study]:
    return {name: importlib.import_module(f"strategic.{name}.spec").STUDY for name in STUDY_NAMES}


@dataclass
class RunContext:
    """What a run function gets besides its config: its seed, output folder and tracker."""
    seed: int
    out: Path
    tracker: Any  # strategic.tracking.Run
    accelerator: str = "cpu"


def get_run(study: str, variant: str) -> Callable[[Any, RunContext], dict[str, float]]:
    """The run function of `study.variant`; a KeyError names the known ones."""
    if study not in REGISTRY:
        raise KeyError(f"unknown study {study!r} (known: {', '.join(REGISTRY)})")
    if variant not in REGISTRY[study]:
        raise KeyError(f"unknown variant {study}.{variant} (known: {', '.join(REGISTRY[study])})")
    module, func = REGISTRY[study][variant].split(":")
    return getattr(importlib.import_module(module), func)


def figure_study(fig: str) -> str:
    """The study that owns figure `fig`; a KeyError names the known figures."""
    for name, figs in FIGURES.items():
        if fig in figs:
            return name
    raise KeyError(f"unknown figure {fig!r} (known: {', '.join(f for fs in FIGURES.values() for f in fs)})")


# Flat views used by the workflow and the CLI.
REGISTRY: dict[str, dict[str, str]] = {n: s.runs for n, s in studies().items()}
FIGURES: dict[str, tuple[str, ...]] = {n: s.figures for n, s in studies().items()}
NETWORK_VARIANTS: dict[str, tuple[str, ...]] = {n: s.network_variants for n, s in studies().items()}
