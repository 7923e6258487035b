"""The registry: every study by name, above the studies (they never import it).

Each `strategic/<study>/spec.py` declares `STUDY = Study(...)` from `strategic.contracts`;
that is the only registration mechanism. Specs import no torch, so `--help` and config
validation stay fast; run functions are imported only when a job runs them.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any, Callable

from strategic.contracts import Study, Variant

# Every study, in report order. A new study adds its name here and a `spec.py` (README).
STUDY_NAMES: tuple[str, ...] = ("games", "pricing", "tictactoe")


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


def figure_study(fig: str) -> str:
    """The study that owns figure `fig`; a KeyError names the known figures."""
    for name, s in studies().items():
        if fig in s.figures:
            return name
    known = ", ".join(f for s in studies().values() for f in s.figures)
    raise KeyError(f"unknown figure {fig!r} (known: {known})")
