"""Figures of the `games` study: one `fig_<id>(tables)` per claim, reading tables only
(split by subject into figures_gradient, figures_equilibria, figures_local)."""

from strategic.games.figures_equilibria import fig_B1, fig_B2, fig_B3, fig_B4, fig_D3
from strategic.games.figures_gradient import fig_A1, fig_A2, fig_A3, fig_C3, fig_D1
from strategic.games.figures_local import fig_C1, fig_C2, fig_D2

FIGURES = {"A1": fig_A1, "A2": fig_A2, "A3": fig_A3, "B1": fig_B1, "B2": fig_B2, "B3": fig_B3,
           "B4": fig_B4, "C1": fig_C1, "C2": fig_C2, "C3": fig_C3, "D1": fig_D1, "D2": fig_D2,
           "D3": fig_D3}
