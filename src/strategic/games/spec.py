"""The `games` study (CLAIMS A–D): toy games, gradient dynamics and equilibria."""

from strategic.games.config import GamesBilinear, GamesGD, GamesGrid, GamesMLP
from strategic.registry import Study

STUDY = Study(
    variants={"gd": GamesGD, "mlp": GamesMLP, "bilinear": GamesBilinear, "grid": GamesGrid},
    runs={
        "gd": "strategic.games.experiment:run_gd",
        "mlp": "strategic.games.experiment:run_mlp",
        "bilinear": "strategic.games.experiment:run_bilinear",
        "grid": "strategic.games.experiment:run_grid",
    },
    figures=("A1", "A2", "B1", "B2"),
    network_variants=("mlp",),
)
