"""The `games` study (CLAIMS A–D): toy games, gradient dynamics and equilibria."""

from strategic.games.config import (GamesBilinear, GamesCycles, GamesGD, GamesGrid, GamesLocal,
                                    GamesMLP)
from strategic.registry import Study

STUDY = Study(
    variants={"gd": GamesGD, "mlp": GamesMLP, "bilinear": GamesBilinear, "grid": GamesGrid,
              "cycles": GamesCycles, "local": GamesLocal},
    runs={
        "gd": "strategic.games.experiment:run_gd",
        "mlp": "strategic.games.experiment:run_mlp",
        "bilinear": "strategic.games.experiment:run_bilinear",
        "grid": "strategic.games.experiment:run_grid",
        "cycles": "strategic.games.experiment_local:run_cycles",
        "local": "strategic.games.experiment_local:run_local",
    },
    figures=("A1", "A2", "B1", "B2", "A3", "C1", "C3", "D2"),
    network_variants=("mlp",),
)
