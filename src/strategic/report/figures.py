"""Figures: each study's `strategic/<study>/figures.py` holds `FIGURES = {id: fig(tables)}`,
functions that read aggregated tables only (no computation). `draw(id, tables_dir, out_png)`
saves a PNG and a PDF beside it with the shared theme.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from strategic.registry import figure_study, study  # noqa: E402


def theme() -> None:
    sns.set_theme(context="paper", style="whitegrid", palette="colorblind", font_scale=1.1)


def figure_function(fig_id: str):
    """The function drawing `fig_id` (KeyError for an unknown id)."""
    study = figure_study(fig_id)
    return importlib.import_module(f"strategic.{study}.figures").FIGURES[fig_id]


def draw(fig_id: str, tables: Path, out_png: Path) -> None:
    """Draw figure `fig_id` from `tables` into `out_png` and the PDF beside it."""
    theme()
    fig = figure_function(fig_id)(tables)
    fig.tight_layout()
    out_png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out_png, dpi=150)
    fig.savefig(out_png.with_suffix(".pdf"))
    plt.close(fig)


def draw_study(study_name: str, tables: Path, out_dir: Path) -> list[Path]:
    """Every figure of a study (one process pays the plotting imports once): out_dir/<id>.png."""
    out = []
    for fig_id in study(study_name).figures:
        out.append(out_dir / f"{fig_id}.png")
        draw(fig_id, tables, out[-1])
    return out
