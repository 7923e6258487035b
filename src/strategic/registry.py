"""Study name -> variant -> run function (a dict of import paths, never eval; imported lazily
so that `--help` and the workflow's config validation do not pay for torch)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

REGISTRY: dict[str, dict[str, str]] = {
    "games": {
        "gd": "strategic.games.experiment:run_gd",
        "mlp": "strategic.games.experiment:run_mlp",
        "bilinear": "strategic.games.experiment:run_bilinear",
        "grid": "strategic.games.experiment:run_grid",
    },
}


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

# Figure ids per study (each claim's figure; a unit test keeps this in step with the claims).
FIGURES: dict[str, tuple[str, ...]] = {
    "games": ("A1", "A2", "B1", "B2"),
}

# Variants that train networks with Lightning: they get a GPU when `accelerator: gpu`.
NETWORK_VARIANTS: dict[str, tuple[str, ...]] = {
    "games": ("mlp",),
}
